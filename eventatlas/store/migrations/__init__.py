"""Schema migrations (Alembic), shipped inside the package so ``eventatlas db upgrade`` works
from any directory: the Alembic configuration is built here in code, not read from an
alembic.ini next to the user.

A new revision, for developers (compares the models with a database at head)::

    from eventatlas.store.migrations import alembic_config, upgrade
    from alembic import command
    upgrade("sqlite:////tmp/dev.db"); command.revision(alembic_config(get_engine("sqlite:////tmp/dev.db")), "message", autogenerate=True)
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from eventatlas.store.db import get_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        # Used when no connection is passed in (offline SQL, autogenerate); '%' must be doubled
        # for configparser.
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def _engine(db: str | Engine | None) -> Engine:
    return db if isinstance(db, Engine) else get_engine(db)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: str | Engine | None = None) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with _engine(db).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: str | Engine | None = None, revision: str = "head") -> str | None:
    """Migrate the database to ``revision`` (default: the newest) and return where it ends.

    A database made by ``init_db`` (tables present, no Alembic version) is stamped as being at
    the newest revision, since ``init_db`` creates the models' current tables."""
    engine = _engine(db)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        versioned = MigrationContext.configure(connection).get_current_revision() is not None
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if not versioned and "documents" in tables:
            command.stamp(config, "head")
        command.upgrade(config, revision)
    return current_revision(engine)
