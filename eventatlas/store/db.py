"""Engines and sessions for the configured database (SQLite file by default, PostgreSQL by URL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from eventatlas.config import database_url
from eventatlas.store.fulltext import create_fulltext
from eventatlas.store.schema import Base


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers (the dashboard) work while an ingest writes; NORMAL sync is safe in WAL.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def get_engine(url: str | None = None, pool_size: int | None = None) -> Engine:
    """An engine for ``url``; ``pool_size`` connections at most (a server sizes it to its thread
    pool, so no thread waits for a connection), else SQLAlchemy's default pool."""
    url = database_url(url)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    pooling: dict = {}
    if pool_size and not url.startswith("sqlite:///:memory:") and url != "sqlite://":
        pooling = {"pool_size": pool_size, "max_overflow": 0}
    engine = create_engine(url, future=True, pool_pre_ping=True, **pooling)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def missing_database(url: str | None = None) -> str | None:
    """The path of an SQLite database file that does not exist (None when it exists, or for
    another database): commands that read a database refuse a mistyped path rather than create
    an empty database there."""
    parsed = make_url(database_url(url))
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return None if Path(database).is_file() else database


def init_db(engine: Engine) -> None:
    """Create tables and the full-text index if missing (tests, first run). ``eventatlas db
    upgrade`` runs the Alembic migrations instead, for databases that must evolve."""
    Base.metadata.create_all(engine)
    ensure_indexes(engine)
    create_fulltext(engine)


def ensure_indexes(engine: Engine) -> None:
    """Create any index declared in the schema but missing from an existing database (indexes
    added after the tables were first created); a no-op when all exist."""
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                index.create(connection, checkfirst=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
