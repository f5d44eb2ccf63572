"""Store one extraction result: the document, its events (each linked to an incident, see
``eventatlas.incidents.store``), non-events, places, actors and its full-text row, all in one
transaction, so a crash leaves either all of it or none.

Idempotent: a document already stored (same content hash, or same canonical URL) is left as it
is and nothing is written. Safe with several writers at once: every insert is an
``INSERT ... ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL), SQLite writers wait on each other
through the busy timeout set in ``store.db``, and the document row is written first, so the
transaction that loses a race on it writes nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eventatlas.ingest.urls import canonical_url
from eventatlas.models import Event, ExtractionResult
from eventatlas.store.fulltext import index_document
from eventatlas.store.schema import ActorRow, DocumentRow, EventRow, NonEventRow, PlaceRow

if TYPE_CHECKING:  # the incidents package loads its linker settings on first use: import it late
    from eventatlas.incidents.report import Report

__all__ = ["save_result", "stored_keys"]


def save_result(
    target: Session | Connection | Engine, result: ExtractionResult, run_id: int | None = None,
    look_alike: Report | None = None,
) -> bool:
    """Write ``result``; True if the document was added, False if it was already stored.
    ``look_alike``: for a document with no event, the report that links it to an incident all
    the same (``incidents.main_report``; an incident only look-alikes hold stays hidden).

    With an Engine, or a Session/Connection with no transaction open, the write is committed
    before returning. Inside a transaction the caller opened, it joins that transaction and the
    caller commits."""
    with _transaction(target) as connection:
        return _write(connection, result, run_id, look_alike)


def stored_keys(
    target: Session | Connection | Engine, ids: Iterable[str], urls: Iterable[str | None]
) -> set[str]:
    """Which of these document ids and canonical URLs are already stored (a cheap check made
    before the expensive NLP, so re-running an ingest costs little)."""
    ids = sorted({i for i in ids if i})
    by_hash = {url_hash(u): u for u in (canonical_url(u) for u in urls) if u}
    found: set[str] = set()
    with _transaction(target) as connection:
        for chunk in _chunks(ids, 500):
            found.update(
                connection.execute(select(DocumentRow.id).where(DocumentRow.id.in_(chunk))).scalars()
            )
        for chunk in _chunks(sorted(by_hash), 500):
            hashes = connection.execute(select(DocumentRow.url_hash).where(DocumentRow.url_hash.in_(chunk)))
            found.update(by_hash[digest] for digest in hashes.scalars())
    return found


def url_hash(url: str | None) -> str | None:
    """What the documents' URL index holds: the SHA-256 of the canonical URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest() if url else None


@contextlib.contextmanager
def _transaction(target: Session | Connection | Engine) -> Iterator[Connection]:
    if isinstance(target, Engine):
        with target.begin() as connection:
            yield connection
    elif isinstance(target, Session):
        if target.in_transaction():
            yield target.connection()
        else:
            with target.begin():
                yield target.connection()
    elif isinstance(target, Connection):
        if target.in_transaction():
            yield target
        else:
            with target.begin():
                yield target
    else:
        raise TypeError(f"expected a SQLAlchemy Session, Connection or Engine, not {type(target).__name__}")


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_ignore(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping any that collide with a unique key (one executemany)."""
    if not rows:
        return
    dialect = connection.dialect.name
    if dialect in ("sqlite", "postgresql"):
        insert = sqlite_insert if dialect == "sqlite" else pg_insert
        connection.execute(insert(table).on_conflict_do_nothing(), rows)
        return
    for row in rows:  # other dialects: a savepoint per row turns a collision into a skip
        try:
            with connection.begin_nested():
                connection.execute(table.insert(), row)
        except IntegrityError:
            pass


def _insert_document(connection: Connection, row: dict[str, Any]) -> bool:
    """Insert the document row unless its id or URL is stored; True if it was added."""
    table = DocumentRow.__table__
    dialect = connection.dialect.name
    if dialect in ("sqlite", "postgresql"):
        insert = sqlite_insert if dialect == "sqlite" else pg_insert
        # RETURNING says whether the row went in (psycopg's rowcount is -1 for DO NOTHING).
        statement = insert(table).on_conflict_do_nothing().returning(table.c.id)
        return connection.execute(statement, row).first() is not None
    try:
        with connection.begin_nested():
            connection.execute(table.insert(), row)
        return True
    except IntegrityError:
        return False


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _write(connection: Connection, result: ExtractionResult, run_id: int | None,
           look_alike: Report | None = None) -> bool:
    document = result.document
    url = canonical_url(document.url)
    document_row = {
        "id": document.id,
        "url": url,
        "url_hash": url_hash(url),
        "title": document.title,
        "published": _date(document.published),
        "source": (document.source or "")[:255] or None,
        "language": document.language,
        "text": document.text,
        "ingested_at": dt.datetime.now(dt.timezone.utc),
        "run_id": run_id,
    }
    if not _insert_document(connection, document_row):
        return False
    index_document(connection, document.id, document.title, document.text)
    # Places and actors are shared between documents: insert in key order so two PostgreSQL
    # writers never wait on each other's rows in opposite orders (no deadlock).
    places = sorted(_places(result.events).values(), key=lambda row: row["geonameid"])
    _insert_ignore(connection, PlaceRow.__table__, places)
    actors = sorted(_actors(result.events).values(), key=lambda row: row["name"])
    _insert_ignore(connection, ActorRow.__table__, actors)
    _insert_ignore(
        connection, EventRow.__table__, [_event_row(document.id, event) for event in result.events]
    )
    _link(connection, result, look_alike)
    if result.non_events:
        connection.execute(
            NonEventRow.__table__.insert(),
            [
                {
                    "document_id": document.id,
                    "category": item.category,
                    "evidence": [span.model_dump() for span in item.evidence],
                    "confidence": item.confidence,
                    "notes": item.notes or None,
                }
                for item in result.non_events
            ],
        )
    return True


def _link(connection: Connection, result: ExtractionResult, look_alike: Report | None) -> None:
    """File the document's events (else its look-alike) as reports under incidents, in this same
    transaction."""
    from eventatlas.incidents.store import link_result  # the linker loads its settings on first use

    link_result(connection, result, look_alike=look_alike)


def _event_row(document_id: str, event: Event) -> dict[str, Any]:
    row = event.model_dump(mode="json")  # excluded working fields (sentence, trigger, ...) drop out
    row["document_id"] = document_id
    row["event_date"] = _date(event.event_date)
    row["notes"] = event.notes or None
    row["evidence"] = [span.model_dump() for span in event.evidence]
    columns = EventRow.__table__.columns.keys()
    return {key: value for key, value in row.items() if key in columns}


def _places(events: list[Event]) -> dict[int, dict[str, Any]]:
    places: dict[int, dict[str, Any]] = {}
    for event in events:
        if event.geonameid is None or event.geonameid in places:
            continue
        places[event.geonameid] = {
            "geonameid": event.geonameid,
            "name": (event.location or "")[:255],
            "latitude": event.latitude,
            "longitude": event.longitude,
            "feature_code": None,  # not carried on events
            "country": event.country,
            "country_code": event.country_code,
            "admin1": event.admin1,
            "admin2": event.admin2,
        }
    return places


def _actors(events: list[Event]) -> dict[str, dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = {}
    for event in events:
        named = [(event.actor1, event.inter1), (event.actor2, event.inter2)]
        for associated in (event.assoc_actor_1, event.assoc_actor_2):
            # ACLED lists associated actors separated by semicolons; their category is not coded.
            named.extend((name.strip(), None) for name in (associated or "").split(";"))
        for name, inter in named:
            if not name:
                continue
            name = name[:255]
            if name not in actors or (inter and not actors[name]["inter"]):
                actors[name] = {"name": name, "inter": inter, "country_code": None}
    return actors
