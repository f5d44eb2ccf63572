"""Databases for the storage tests: a fresh SQLite file per test, and a PostgreSQL schema of
our own on 127.0.0.1:5432 (database ``test``), made once per session and dropped afterwards,
so other people's tables there are never touched. PostgreSQL tests skip, saying why, when the
server cannot be reached."""

from __future__ import annotations

import os
import uuid

import pytest

PG_SERVER = os.environ.get("EVENTATLAS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_admin_connection():
    import psycopg

    return psycopg.connect(PG_SERVER, connect_timeout=3, autocommit=True)


def pg_schema_url(schema: str) -> str:
    # search_path in the connection options: every table, index and the Alembic version table
    # land in our schema.
    separator = "&" if "?" in PG_SERVER else "?"
    return f"{PG_SERVER}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_schema_factory():
    """Makes uniquely named, empty PostgreSQL schemas; drops them all at the end."""
    try:
        admin = _pg_admin_connection()
    except Exception as error:  # psycopg.OperationalError, or psycopg missing
        pytest.skip(
            f"PostgreSQL at {PG_SERVER} unreachable ({str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__})"
        )
    made: list[str] = []

    def make() -> str:
        schema = f"eventatlas_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        admin.execute(f'CREATE SCHEMA "{schema}"')
        made.append(schema)
        return pg_schema_url(schema)

    yield make
    for schema in made:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    admin.close()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'events.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database of each kind (with the schema made by ``init_db``)."""
    from eventatlas.store.db import get_engine, init_db

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'events.db'}"
    else:
        url = request.getfixturevalue("pg_schema_factory")()
    engine = get_engine(url)
    init_db(engine)
    engine.dispose()
    return url


def make_result(
    text: str,
    *,
    url: str | None = None,
    title: str | None = "A title",
    events: int = 2,
    non_events: int = 1,
    place_id: int = 1138958,
):
    """An ExtractionResult built by hand (the tests must not depend on what the extraction
    stages find): ``events`` events at one place with two actors, and ``non_events`` look-alikes."""
    from eventatlas.models import Document, Event, ExtractionResult, NonEvent, Span

    document = Document(
        text=text, url=url, title=title, published="2024-05-06", source="example.com", language="en"
    )
    evidence = Span(text=text[:20], start=0, end=min(20, len(text)))
    result_events = [
        Event(
            event_id=f"{document.id[:8]}-{number}",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            event_date=f"2024-05-0{1 + number % 9}",
            time_precision=1,
            actor1="Protesters (Afghanistan)",
            inter1="Protesters",
            actor2="Police Forces of Afghanistan",
            inter2="State forces",
            assoc_actor_1="Teachers (Afghanistan); Students (Afghanistan)",
            location="Kabul",
            admin1="Kabul",
            country="Afghanistan",
            country_code="AF",
            latitude=34.53,
            longitude=69.17,
            geonameid=place_id,
            geo_precision=1,
            fatalities=number,
            evidence=[evidence],
            notes="",
        )
        for number in range(events)
    ]
    result_non_events = [
        NonEvent(category="NATURAL_DISASTER", evidence=[evidence]) for _ in range(non_events)
    ]
    return ExtractionResult(document=document, events=result_events, non_events=result_non_events)
