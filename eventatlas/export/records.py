"""Matching events, with their source document's name and URL, streamed from the database."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.orm import Session

from eventatlas.store.query import DEFAULT_SORT, EventFilters, event_row_dict, select_events
from eventatlas.store.schema import DocumentRow, EventRow


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL, else None: a ``javascript:`` or ``data:`` URL stored by
    an older version is never handed to a browser or a spreadsheet."""
    return url if url and url.strip().lower().startswith(("http://", "https://")) else None


def export_records(
    session: Session,
    filters: EventFilters | None = None,
    sort: str | Sequence[str] | None = DEFAULT_SORT,
    batch_size: int = 2000,
) -> Iterator[dict[str, Any]]:
    """Yield one dict per matching event: the Event fields, ``document_id``, and the document's
    ``source``, ``source_url`` and ``ingested_at``. Rows arrive in batches (``yield_per``), so
    memory stays flat however many events match."""
    statement = (
        select_events(filters, sort=sort, limit=None)
        .add_columns(DocumentRow.source, DocumentRow.url, DocumentRow.ingested_at)
        .outerjoin(DocumentRow, DocumentRow.id == EventRow.document_id)
        .execution_options(yield_per=batch_size)
    )
    for row, source, url, ingested_at in session.execute(statement):
        record = event_row_dict(row)
        record["source"] = source
        record["source_url"] = web_url(url)
        record["ingested_at"] = ingested_at.isoformat() if ingested_at else None
        yield record
