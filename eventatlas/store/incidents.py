"""Reading incidents: filtered, sorted pages of the ``incidents`` table, ids resolved through
redirects, and each incident with its reports (the stored events linked to it).

The filters are the events' (``EventFilters``): an incident matches when one of its reports
does, so every filter means what it means for events (a date range, a country, a full-text
query over the reporting articles).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Optional

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from eventatlas.store.query import EventFilters, event_row_dict, filter_clauses
from eventatlas.store.schema import EventRow, IncidentRedirectRow, IncidentReportRow, IncidentRow

DEFAULT_INCIDENT_SORT = "-event_date"
INCIDENT_SORT_COLUMNS = {
    "event_date": IncidentRow.event_date,
    "fatalities": IncidentRow.fatalities,
    "n_reports": IncidentRow.n_reports,
    "n_sources": IncidentRow.n_sources,
    "incident_id": IncidentRow.incident_id,
}


def parse_incident_sort(sort: str | Sequence[str] | None) -> list[Any]:
    """``"-n_reports,-event_date"`` -> ORDER BY terms (the id breaks ties). Raises ValueError
    naming an unknown key."""
    keys = (sort or DEFAULT_INCIDENT_SORT)
    keys = keys.split(",") if isinstance(keys, str) else list(keys)
    terms: list[Any] = []
    descending = True
    for key in (k.strip() for k in keys if k.strip()):
        descending, name = key.startswith("-"), key.lstrip("-+")
        column = INCIDENT_SORT_COLUMNS.get(name)
        if column is None:
            raise ValueError(f"unknown sort key {name!r}; use one of: {', '.join(INCIDENT_SORT_COLUMNS)}")
        terms.append(column.desc() if descending else column.asc())
    terms.append(IncidentRow.incident_id.desc() if descending else IncidentRow.incident_id.asc())
    return terms


def select_incidents(
    filters: EventFilters | None = None,
    sort: str | Sequence[str] | None = DEFAULT_INCIDENT_SORT,
    limit: Optional[int] = 100,
    offset: int = 0,
) -> Select[tuple[IncidentRow]]:
    """A SELECT of ``IncidentRow`` with a report matching ``filters``, sorted, one page
    (``limit=None``: all, for exports)."""
    statement = select(IncidentRow)
    clauses = filter_clauses(filters or EventFilters())
    if clauses:
        matching = (
            select(IncidentReportRow.incident_id)
            .join(EventRow, EventRow.event_id == IncidentReportRow.report_id)
            .where(*clauses)
        )
        statement = statement.where(IncidentRow.incident_id.in_(matching))
    statement = statement.order_by(*parse_incident_sort(sort))
    if limit is not None:
        statement = statement.limit(max(0, int(limit)))
    if offset:
        statement = statement.offset(max(0, int(offset)))
    return statement


def iter_incidents(
    session: Session, filters: EventFilters | None = None, sort: str | None = DEFAULT_INCIDENT_SORT,
    batch_size: int = 1000,
) -> Iterator[IncidentRow]:
    """Stream every matching incident (exports of any size)."""
    statement = select_incidents(filters, sort=sort, limit=None).execution_options(yield_per=batch_size)
    yield from session.scalars(statement)


def resolve_incident_id(session: Session, incident_id: str) -> str:
    """The id an incident goes by now: itself, or the incident it was merged into."""
    seen = {incident_id}
    while True:
        target = session.execute(
            select(IncidentRedirectRow.new_id).where(IncidentRedirectRow.old_id == incident_id)
        ).scalar()
        if target is None or target in seen:
            return incident_id
        incident_id = target
        seen.add(target)


def incident_dict(row: IncidentRow) -> dict[str, Any]:
    """An incident as JSON: its merged fields, sources (with each one's evidence) and counts."""
    data = dict(row.data or {})
    data.pop("event", None)  # the representative event is for exports
    data["incident_id"] = row.incident_id
    data["n_reports"], data["n_sources"] = row.n_reports, row.n_sources
    return data


def incident_reports(session: Session, incident_id: str) -> list[dict[str, Any]]:
    """The stored events linked to an incident, as the events API gives them."""
    rows = session.scalars(
        select(EventRow)
        .join(IncidentReportRow, IncidentReportRow.report_id == EventRow.event_id)
        .where(IncidentReportRow.incident_id == incident_id)
        .order_by(IncidentReportRow.position, EventRow.event_id)
    )
    return [event_row_dict(row) for row in rows]


def incident_of_event(session: Session, event_id: str) -> Optional[str]:
    found = session.execute(
        select(IncidentReportRow.incident_id).where(IncidentReportRow.report_id == event_id)
    ).scalar()
    return resolve_incident_id(session, found) if found else None


__all__ = [
    "DEFAULT_INCIDENT_SORT",
    "incident_dict",
    "incident_of_event",
    "incident_reports",
    "iter_incidents",
    "parse_incident_sort",
    "resolve_incident_id",
    "select_incidents",
]
