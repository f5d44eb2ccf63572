"""Schema migrations (Alembic), shipped inside the package so ``eventatlas db upgrade`` works
from any directory: the Alembic configuration is built here in code, not read from an
alembic.ini next to the user.

A new revision, for developers (compares the models with a database at head)::

    from eventatlas.store.migrations import alembic_config, upgrade
    from alembic import command
    upgrade("sqlite:////tmp/dev.db"); command.revision(alembic_config(get_engine("sqlite:////tmp/dev.db")), "message", autogenerate=True)
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from filelock import FileLock
from sqlalchemy import inspect, text
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
    the revision its tables match, then migrated from there. Two processes
    migrating the same database at once (two ingests on a new file) take turns: the second
    waits for the first, then finds the database already at head."""
    engine = _engine(db)
    with migration_lock(engine):
        with engine.connect() as connection:
            unversioned_at = _revision_of_unversioned(connection)
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            if unversioned_at:
                command.stamp(config, unversioned_at)
            command.upgrade(config, revision)
    return current_revision(engine)


def _revision_of_unversioned(connection) -> str | None:
    """For tables made by ``init_db`` without Alembic: the revision they match (None when the
    database is versioned, or empty). ``init_db`` made the models of its day: before revision
    0002, documents had no url_hash."""
    inspector = inspect(connection)
    if "documents" not in inspector.get_table_names():
        return None
    if MigrationContext.configure(connection).get_current_revision() is not None:
        return None
    columns = {column["name"] for column in inspector.get_columns("documents")}
    return "head" if "url_hash" in columns else "0001"


# Any constant works: it only has to be the same for every EventAtlas process on a server.
_PG_MIGRATION_LOCK = 0x45764174  # "EvAt"


@contextlib.contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the database's migration lock: for an SQLite file, a lock file named after its
    absolute path in the temporary folder (not beside the user's file); on PostgreSQL, an
    advisory lock; other databases: no lock."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not database.startswith("file:"):
        key = hashlib.sha256(str(Path(database).resolve()).encode("utf-8")).hexdigest()[:24]
        with FileLock(Path(tempfile.gettempdir()) / f"eventatlas-migrate-{key}.lock", timeout=300):
            yield
        return
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_MIGRATION_LOCK})
                connection.commit()
        return
    yield
