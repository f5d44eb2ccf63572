"""Reading events back: one filter model and the queries built from it.

The API, the exports and ``read_events`` all go through :class:`EventFilters` and
:func:`select_events`, so "the events a user asked for" means the same everywhere.

Speed on millions of rows comes from the indexes in ``store.schema`` (each equality filter has
a composite ``(column, event_date, event_id)`` index, so "newest first" pages read in index
order and stop early), from counting with a cap (:func:`count_events` with ``cap=``) rather
than a COUNT(*) over everything on each page, and, for the filters whose selectivity SQLite
cannot guess (bbox, actor, full text), from :func:`page_events`, which measures it from the
filter's own index and picks the plan (walk the date index, or sort the few candidates).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import ColumnElement, Select, func, literal, literal_column, or_, select, text, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
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
IN_ORDER_MIN_MATCHES = 2000  # see page_events
MAX_QUERY_CHARS = 500  # a full-text query longer than this is not a search
MAX_NAME_CHARS = 1000
MAX_CHOICES = 50  # values of one repeatable filter (there are 25 sub-event types)
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

    # The one definition of the filters: the API reads them as query parameters from this model
    # (api/dependencies.py), with these descriptions and limits.
    start_date: dt.date | None = Field(None, description="first day, ISO yyyy-mm-dd")
    end_date: dt.date | None = Field(None, description="last day, ISO yyyy-mm-dd")
    bbox: tuple[float, float, float, float] | None = Field(None, description="west,south,east,north in degrees")
    country: str | None = Field(None, max_length=200, description="ISO 3166-1 alpha-2 code or English name")
    admin1: str | None = Field(None, max_length=MAX_NAME_CHARS, description="first-level region, as stored")
    event_type: list[str] | None = Field(None, max_length=MAX_CHOICES, description="ACLED event type (repeatable)")
    sub_event_type: list[str] | None = Field(
        None, max_length=MAX_CHOICES, description="ACLED sub-event type (repeatable)"
    )
    actor: str | None = Field(None, max_length=MAX_NAME_CHARS, description="actor1, actor2 or an associated actor")
    certainty: list[Certainty] | None = Field(None, max_length=MAX_CHOICES, description="repeatable")
    geo_precision: int | None = Field(None, ge=1, le=3, description="1 town, 2 part of a region, 3 region")
    time_precision: int | None = Field(None, ge=1, le=3, description="1 day, 2 week, 3 month")
    q: str | None = Field(None, max_length=MAX_QUERY_CHARS, description="full-text query over the source articles")
    document_id: str | None = Field(None, max_length=64)

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
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
            value = value[0]  # one query parameter, read as a list of one
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
    def _check_bbox(cls, value: tuple[float, float, float, float] | None) -> Any:
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
    def _check_dates(self) -> EventFilters:
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError("start_date must not be after end_date")
        return self

    def is_empty(self) -> bool:
        return not any(v is not None for v in self.model_dump().values())


class _NoIndex(_ColumnElement[Any]):
    """A column the SQLite planner must not use an index for (compiled as ``+column``; other
    databases get the plain column). Steers SQLite to the plan :func:`page_events` chose."""

    inherit_cache = False

    def __init__(self, column: Any):
        self.column = column
        self.type = column.type


@compiles(_NoIndex)
def _compile_no_index(element: _NoIndex, compiler: Any, **kw: Any) -> str:
    inner = compiler.process(element.column, **kw)
    return f"+{inner}" if compiler.dialect.name == "sqlite" else inner


class _DocumentTextMatch(_ColumnElement[bool]):
    """``q`` as a dialect-neutral clause: compiled to SQLite FTS5 or PostgreSQL tsvector only
    when the query runs, so :func:`select_events` needs no engine."""

    inherit_cache = False
    type = NullType()  # not Boolean: SQLite would append "= 1" and lose the IN index plan

    def __init__(self, query: str, use_index: bool = True):
        self.query = query
        self.use_index = use_index


@compiles(_DocumentTextMatch)
def _compile_document_text_match(element: _DocumentTextMatch, compiler: Any, **kw: Any) -> str:
    documents = select(DocumentRow.id).where(document_matches(compiler.dialect.name, element.query))
    column = EventRow.document_id if element.use_index else _NoIndex(EventRow.document_id)
    return compiler.process(column.in_(documents.scalar_subquery()), **kw)


def _country_clause(country: str) -> ColumnElement[bool]:
    from eventatlas.reference import find_country

    if len(country) == 2 and country.isalpha():
        return EventRow.country_code == country.upper()
    # any name of the country ("DRC", "Democratic Republic of the Congo"), in any case, also
    # uses the indexed country_code column
    found = find_country(country)
    code = found.code if found else None
    if code:
        return or_(EventRow.country_code == code, EventRow.country == country)
    return EventRow.country == country


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_parts(actor: str) -> list[Select[Any]]:
    """One narrow, index-backed SELECT of event ids per way an event can name ``actor``."""
    escaped = _escape_like(actor)
    parts = [
        select(EventRow.event_id).where(column == actor)
        for column in (EventRow.actor1, EventRow.actor2, EventRow.assoc_actor_1, EventRow.assoc_actor_2)
    ]
    # List membership repeats the partial-index predicate (LIKE '%;%'), so it reads only the
    # partial indexes over multi-actor lists instead of scanning the table.
    for column in (EventRow.assoc_actor_1, EventRow.assoc_actor_2):
        patterns = (f"{escaped};%", f"%; {escaped}", f"%; {escaped};%")
        parts.append(
            select(EventRow.event_id).where(
                # A literal, not a bound parameter: SQLite only uses a partial index when the
                # query's text repeats the index's WHERE term.
                column.like(literal_column("'%;%'")),
                or_(*(column.like(p, escape="\\") for p in patterns)),
            )
        )
    return parts


def _actor_clause(actor: str, strategy: str = "auto") -> ColumnElement[bool]:
    parts = _actor_parts(actor)
    if strategy == "candidates":  # few matches: collect their ids from the indexes, then sort
        return EventRow.event_id.in_(union_all(*parts).scalar_subquery())
    wrap = _NoIndex if strategy == "in_order" else (lambda column: column)
    terms: list[ColumnElement[bool]] = [
        wrap(column) == actor
        for column in (EventRow.actor1, EventRow.actor2, EventRow.assoc_actor_1, EventRow.assoc_actor_2)
    ]
    terms += [wrap(EventRow.event_id).in_(part.scalar_subquery()) for part in parts[4:]]
    return or_(*terms)


def filter_clauses(filters: EventFilters, strategy: str = "auto") -> list[ColumnElement[bool]]:
    """The WHERE clauses (ANDed) that ``filters`` stands for. ``strategy`` only changes how the
    database reads them (see :func:`page_events`), never which events match."""
    clauses: list[ColumnElement[bool]] = []
    in_order = strategy == "in_order"
    latitude = _NoIndex(EventRow.latitude) if in_order else EventRow.latitude
    longitude = _NoIndex(EventRow.longitude) if in_order else EventRow.longitude
    if filters.start_date:
        clauses.append(EventRow.event_date >= filters.start_date)
    if filters.end_date:
        clauses.append(EventRow.event_date <= filters.end_date)
    if filters.bbox:
        west, south, east, north = filters.bbox
        clauses.append(latitude.between(south, north))
        if west <= east:
            clauses.append(longitude.between(west, east))
        else:  # crosses the antimeridian
            clauses.append(or_(longitude >= west, longitude <= east))
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
        clauses.append(_actor_clause(filters.actor, strategy))
    if filters.geo_precision is not None:
        clauses.append(EventRow.geo_precision == filters.geo_precision)
    if filters.time_precision is not None:
        clauses.append(EventRow.time_precision == filters.time_precision)
    if filters.document_id:
        clauses.append(EventRow.document_id == filters.document_id)
    if filters.q:
        clauses.append(_DocumentTextMatch(filters.q, use_index=not in_order))
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
    strategy: str = "auto",
) -> Select[tuple[EventRow]]:
    """A SELECT of ``EventRow`` matching ``filters``, sorted, one page. ``limit=None`` selects all
    (for exports: execute with ``yield_per`` / :func:`iter_events` to stream). ``strategy`` is a
    plan hint (``auto``, ``candidates``, ``in_order``) that :func:`page_events` picks."""
    filters = filters or EventFilters()
    order = parse_sort(sort)
    if strategy == "candidates":  # sort the few candidates instead of walking the date index
        order = [_unindexed_order(term) for term in order]
    statement = select(EventRow).where(*filter_clauses(filters, strategy)).order_by(*order)
    if limit is not None:
        statement = statement.limit(max(0, int(limit)))
    if offset:
        statement = statement.offset(max(0, int(offset)))
    return statement


def _unindexed_order(term: Any) -> Any:
    element = term.element
    return _NoIndex(element).desc() if term.modifier is operators.desc_op else _NoIndex(element).asc()


def count_events(
    session: Session, filters: EventFilters | None = None, cap: int | None = None, strategy: str = "auto"
) -> int:
    """How many events match. With ``cap``, stop counting at ``cap`` (the answer is then
    "at least cap"), so a page over a million rows never pays for a full COUNT(*)."""
    filters = filters or EventFilters()
    inner = select(literal(1)).select_from(EventRow).where(*filter_clauses(filters, strategy))
    if cap is not None:
        inner = inner.limit(cap)
    return int(session.scalar(select(func.count()).select_from(inner.subquery())) or 0)


class EventPage(BaseModel):
    """One page of events and how many match (``total`` is capped; ``None`` when unknown)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    rows: list[Any]
    total: int | None
    total_is_exact: bool
    has_more: bool


def _capped(session: Session, statement: Select[Any], cap: int) -> int:
    return int(session.scalar(select(func.count()).select_from(statement.limit(cap).subquery())) or 0)


def selective_size(session: Session, filters: EventFilters, cap: int) -> tuple[int | None, bool]:
    """How many rows the most selective of the bbox/actor/q filters matches, counted (up to
    ``cap``) from its index alone; None when none is set. The flag says whether the size counts
    events (True) or, for full text, documents."""
    sizes: list[tuple[int, bool]] = []
    if filters.bbox:
        sizes.append((_capped(session, select(literal(1)).where(*filter_clauses(EventFilters(bbox=filters.bbox))), cap), True))
    if filters.actor:
        total = sum(_capped(session, part, cap) for part in _actor_parts(filters.actor))
        sizes.append((min(total, cap), True))
    if filters.q and session.get_bind().dialect.name == "sqlite":
        from eventatlas.store.fulltext import _fts5_query

        fts = text("SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH :q LIMIT :cap)")
        sizes.append((int(session.scalar(fts, {"q": _fts5_query(filters.q), "cap": cap}) or 0), False))
    if not sizes:
        return None, True
    return min(sizes)


class Plan(BaseModel):
    """How to read a filtered page: see :func:`choose_plan`."""

    size: int | None  # matches of the most selective bbox/actor/q filter, capped; None: none set
    counts_events: bool  # False when ``size`` counts documents (full text)
    strategy: str  # for the page
    count_strategy: str  # for counting


def choose_plan(
    session: Session,
    filters: EventFilters,
    sort: str | Sequence[str] | None = DEFAULT_SORT,
    limit: int = 50,
    offset: int = 0,
    count_cap: int = 10_000,
) -> Plan:
    """Pick the reading strategy for a page of ``filters`` (see :func:`page_events`)."""
    if session.get_bind().dialect.name != "sqlite":  # PostgreSQL's planner has the statistics
        return Plan(size=None, counts_events=True, strategy="auto", count_strategy="auto")
    # Walking the date index finds a page after about (offset + limit) * N / size rows; sorting
    # the candidates costs about size rows. Walking wins when size > sqrt((offset + limit) * N).
    rows_estimate = session.scalar(text("SELECT max(rowid) FROM events")) or 0
    walk_threshold = max(IN_ORDER_MIN_MATCHES, int(math.sqrt((offset + limit) * rows_estimate)))
    size, counts_events = selective_size(session, filters, max(count_cap, walk_threshold) + 1)
    sorts_by_date = getattr(parse_sort(sort)[0].element, "name", None) == "event_date"
    walk_is_cheaper = size is not None and size > walk_threshold
    few_actor_matches = bool(filters.actor) and size is not None and size <= count_cap
    if size is None:
        strategy = "auto"
    elif walk_is_cheaper and sorts_by_date:
        strategy = "in_order"
    else:
        strategy = "candidates" if few_actor_matches else "auto"
    return Plan(
        size=size,
        counts_events=counts_events,
        strategy=strategy,
        count_strategy="candidates" if few_actor_matches else "auto",
    )


def page_events(
    session: Session,
    filters: EventFilters | None = None,
    sort: str | Sequence[str] | None = DEFAULT_SORT,
    limit: int = 50,
    offset: int = 0,
    count_cap: int = 10_000,
    with_total: bool = True,
) -> EventPage:
    """One page of matching events plus a capped total, planned for speed on millions of rows.

    Equality filters ride their ``(column, event_date, event_id)`` indexes. For bbox, actor and
    full text SQLite cannot tell a broad filter from a narrow one, so this counts the matches
    from that filter's own index first (cheap, capped) and then either walks the date index
    newest-first and stops after one page (broad filter), or collects the few candidates from
    the filter's index and sorts them (narrow filter)."""
    filters = filters or EventFilters()
    plan = choose_plan(session, filters, sort, limit, offset, count_cap)
    size, counts_events, strategy, count_strategy = plan.size, plan.counts_events, plan.strategy, plan.count_strategy
    rows = list(session.scalars(select_events(filters, sort=sort, limit=limit + 1, offset=offset, strategy=strategy)))
    has_more = len(rows) > limit
    rows = rows[:limit]
    if not has_more:
        total, exact = offset + len(rows), True
    elif not with_total:
        total, exact = None, False
    elif size is not None and size > count_cap:
        only_one = sum(v is not None for v in filters.model_dump().values()) == 1
        # The probe already proved "over the cap" when it counted events for the only filter.
        if only_one and counts_events:
            total, exact = count_cap, False
        else:
            total, exact = None, False
    else:
        counted = count_events(session, filters, cap=count_cap + 1, strategy=count_strategy)
        total, exact = min(counted, count_cap), counted <= count_cap
    return EventPage(rows=rows, total=total, total_is_exact=exact, has_more=has_more)


def aggregate_events(
    session: Session,
    filters: EventFilters | None = None,
    by: AggregateBy = "day",
    limit: int | None = None,
    with_fatalities: bool = True,
) -> list[dict[str, Any]]:
    """Counts (and fatality sums) of matching events grouped ``by`` day, event type, sub-event
    type, country, actor (actor1 and actor2 both count) or certainty. Days come in date order;
    other groups largest first. Each item: ``{"key", "count", "fatalities"}`` (+ ``"label"`` for
    countries: the name, with the ISO2 code as key). ``with_fatalities=False`` leaves the sum out,
    so the counts read only the ``(column, event_date, event_id)`` indexes: much faster over
    millions of rows."""
    if by not in ("day", "event_type", "sub_event_type", "country", "actor", "certainty"):
        raise ValueError(f"unknown aggregate {by!r}; use day, event_type, sub_event_type, country, actor or certainty")
    filters = filters or EventFilters()
    # Every match is visited anyway, so collect actor matches from their indexes first.
    where = filter_clauses(filters, strategy="candidates")
    columns = {
        "day": [EventRow.event_date],
        "event_type": [EventRow.event_type],
        "sub_event_type": [EventRow.sub_event_type],
        "certainty": [EventRow.certainty],
        "country": [EventRow.country_code],  # names come from the code (below): no table reads
        "actor": [EventRow.actor1, EventRow.actor2],  # one indexed GROUP BY per role, merged here
    }[by]
    totals: dict[Any, list[int]] = {}
    for column in columns:
        measures = [func.count()]
        if with_fatalities:
            measures.append(func.coalesce(func.sum(EventRow.fatalities), 0))
        statement = select(column, *measures).where(*where).group_by(column)
        if by in ("day", "actor"):
            statement = statement.where(column.is_not(None))
        for key, count, *fatalities in session.execute(statement):
            entry = totals.setdefault(key, [0, 0])
            entry[0] += int(count)
            entry[1] += int(fatalities[0] or 0) if fatalities else 0
    if by == "day":
        keys = sorted(totals)
    else:
        keys = sorted(totals, key=lambda k: (-totals[k][0], "" if k is None else str(k)))
    if limit is not None:
        keys = keys[:limit]
    items = []
    for key in keys:
        item: dict[str, Any] = {"key": key.isoformat() if isinstance(key, dt.date) else key, "count": totals[key][0]}
        if with_fatalities:
            item["fatalities"] = totals[key][1]
        if by == "country":
            item["label"] = _country_name(session, key)
        items.append(item)
    return items


def _country_name(session: Session, code: str | None) -> str | None:
    from eventatlas.reference import find_country

    if code is None:
        return None
    found = find_country(code) if len(code) == 2 else None
    name = found.acled_name if found else None
    if name is None:  # a code the reference lacks: use the name stored with one of its events
        name = session.scalar(select(EventRow.country).where(EventRow.country_code == code).limit(1))
    return name


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
    """Stream every matching row in batches of ``batch_size`` (``yield_per``), for exports of any
    size: memory holds one batch, not the result."""
    statement = select_events(filters, sort=sort, limit=None).execution_options(yield_per=batch_size)
    yield from session.scalars(statement)


__all__ = [
    "DEFAULT_SORT",
    "MAX_LIMIT",
    "SORT_COLUMNS",
    "EventFilters",
    "EventPage",
    "aggregate_events",
    "count_events",
    "event_row_dict",
    "filter_clauses",
    "iter_events",
    "page_events",
    "parse_sort",
    "row_to_event",
    "select_events",
]
