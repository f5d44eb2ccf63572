"""Events out of the database as a pandas DataFrame, for notebooks::

    import eventatlas
    df = eventatlas.read_events("eventatlas.db", country="AF", start_date="2021-09-01")

Filtering is ``store.query``'s (the same filters the API and exports use), so a notebook and
the dashboard agree on what "the events a user asked for" are. pandas is an optional extra
(``pip install 'eventatlas[pandas]'``), imported only when ``read_events`` is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from eventatlas import extras
from eventatlas.store.db import get_engine, session_factory
from eventatlas.store.query import DEFAULT_SORT, EventFilters, event_row_dict, iter_events
from eventatlas.store.schema import EVENT_COLUMNS, DocumentRow

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_events"]

DOCUMENT_COLUMNS = {
    "url": "source_url",
    "title": "source_title",
    "published": "published",
    "source": "source",
}
COLUMNS = EVENT_COLUMNS + ["document_id"] + list(DOCUMENT_COLUMNS.values())


def read_events(
    db: str | Engine | None = None,
    *,
    sort: str | Sequence[str] | None = DEFAULT_SORT,
    limit: int | None = None,
    **filters: Any,
) -> pd.DataFrame:
    """The events matching ``filters`` (``start_date``, ``end_date``, ``bbox``, ``country``,
    ``admin1``, ``event_type``, ``sub_event_type``, ``actor``, ``certainty``, ``geo_precision``,
    ``time_precision``, ``q``, ``document_id``; see ``store.query.EventFilters``), one row per
    event with the output-contract columns, ``document_id`` and the source document's
    ``source_url``, ``source_title``, ``published`` and ``source``. ``db`` is a database URL, an
    SQLite file path, an Engine, or None for the configured database. Unknown filter names raise
    ``ValueError``; without pandas installed, ``ImportError`` naming the extra."""
    pd = _pandas()
    try:
        event_filters = EventFilters(**filters)
    except Exception as error:  # pydantic's ValidationError, re-raised as a plain user error
        raise ValueError(f"invalid event filters: {error}") from None
    engine = db if isinstance(db, Engine) else get_engine(db)
    records: list[dict[str, Any]] = []
    with session_factory(engine)() as session:
        for count, row in enumerate(iter_events(session, event_filters, sort=sort)):
            if limit is not None and count >= limit:
                break
            records.append(event_row_dict(row))
        documents = _documents(session, {record["document_id"] for record in records})
    for record in records:
        document = documents.get(record["document_id"], {})
        for column, name in DOCUMENT_COLUMNS.items():
            record[name] = document.get(column)
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    for column in ("event_date", "published"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def _pandas():
    """The pandas module, or an ImportError that says which extra installs it."""
    try:
        import pandas
    except ImportError:
        raise ImportError(extras.missing("read_events", "pandas")) from None
    return pandas


def _documents(session, ids: set[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    ids_list = sorted(ids)
    columns = [DocumentRow.id] + [getattr(DocumentRow, column) for column in DOCUMENT_COLUMNS]
    for start in range(0, len(ids_list), 500):
        chunk = ids_list[start : start + 500]
        for row in session.execute(select(*columns).where(DocumentRow.id.in_(chunk))):
            found[row.id] = {column: getattr(row, column) for column in DOCUMENT_COLUMNS}
    return found
