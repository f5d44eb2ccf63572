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


# Merged fields of an incident that replace its representative event's in an export record.
_MERGED_FIELDS = (
    "event_type", "sub_event_type", "event_date", "time_precision", "location", "admin1", "country_code",
    "latitude", "longitude", "geonameid", "geo_precision", "actor1", "actor2", "fatalities", "certainty",
)


def incident_record(data: dict[str, Any], ingested_at: Any = None) -> dict[str, Any]:
    """One incident as an export record: the Event fields (merged ones from the incident, the rest
    from the report its place came from), every report's evidence, and its sources: outlets in
    ``source`` (ACLED lists all of an event's sources there), their urls in ``sources``."""
    record = dict(data.get("event") or {})
    record.update({name: data.get(name) for name in _MERGED_FIELDS})
    sources = data.get("sources") or []
    record["event_id"] = data["incident_id"]
    record["incident_id"] = data["incident_id"]
    record["document_id"] = None
    record["evidence"] = [
        {"text": s["evidence"], "start": 0, "end": len(s["evidence"])}
        for s in sources if s.get("evidence")
    ]
    record["source"] = "; ".join(dict.fromkeys(s["outlet"] for s in sources if s.get("outlet")))
    record["source_url"] = next((web_url(s.get("url")) for s in sources if web_url(s.get("url"))), None)
    record["sources"] = [{**s, "url": web_url(s.get("url"))} for s in sources]
    record["n_reports"], record["n_sources"] = data.get("n_reports"), data.get("n_sources")
    record["first_reported"], record["last_reported"] = data.get("first_reported"), data.get("last_reported")
    record["ingested_at"] = ingested_at
    return record


def export_incident_records(
    session: Session,
    filters: EventFilters | None = None,
    sort: str | Sequence[str] | None = None,
    batch_size: int = 2000,
) -> Iterator[dict[str, Any]]:
    """Yield one record per matching incident (an incident matches when one of its reports
    does), streamed in batches."""
    from eventatlas.store.incidents import DEFAULT_INCIDENT_SORT, iter_incidents

    for row in iter_incidents(session, filters, sort=sort or DEFAULT_INCIDENT_SORT, batch_size=batch_size):
        yield incident_record({**(row.data or {}), "incident_id": row.incident_id,
                               "n_reports": row.n_reports, "n_sources": row.n_sources})
