"""The store stage: the event database (SQLAlchemy; SQLite by default, PostgreSQL by URL)."""

from eventatlas.store.db import get_engine, init_db, session_factory

__all__ = ["get_engine", "init_db", "session_factory"]
