"""The REST API (FastAPI) and the dashboard it serves.

Read-only by default. The write endpoints (correcting or deleting an event) answer 403 unless
a token is configured (``EVENTATLAS_API_TOKEN``), and then need ``Authorization: Bearer <token>``.
Every client error is a 4xx JSON ``{"detail": "..."}`` naming the bad parameter.
"""

from __future__ import annotations

import datetime as dt
import hmac
import tempfile
import time
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eventatlas import config
from eventatlas.export import FORMATS, export_records, write_parquet
from eventatlas.export.writers import geojson_feature, iter_acled_csv, iter_geojson, iter_jsonl
from eventatlas.models import Certainty
from eventatlas.store.db import get_engine, init_db, session_factory
from eventatlas.store.fulltext import document_matches
from eventatlas.store.query import (
    DEFAULT_SORT,
    MAX_LIMIT,
    EventFilters,
    aggregate_events,
    choose_plan,
    event_row_dict,
    page_events,
    parse_sort,
    select_events,
)
from eventatlas.store.schema import DocumentRow, EventRow

COUNT_CAP = 10_000  # totals above this are reported as "10000+" (total_is_exact false)
GEOJSON_MAX = 20_000  # most points the map asks for at once
# What a map marker needs (the event panel fetches the rest): keeps 5,000 points light.
GEOJSON_PROPERTIES = ["event_id", "event_type", "event_date", "fatalities", "location"]
AGGREGATE_CACHE_SECONDS = 30.0


def _describe_errors(errors: list[Any]) -> str:
    parts = []
    for error in errors:
        location = [str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path")]
        where = ".".join(location)
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


def event_filters(
    start_date: Annotated[dt.date | None, Query(description="first day, ISO yyyy-mm-dd")] = None,
    end_date: Annotated[dt.date | None, Query(description="last day, ISO yyyy-mm-dd")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code or English name")] = None,
    admin1: str | None = None,
    event_type: Annotated[list[str] | None, Query(description="ACLED event type (repeatable)")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="ACLED sub-event type (repeatable)")] = None,
    actor: Annotated[str | None, Query(description="actor1, actor2 or an associated actor")] = None,
    certainty: Annotated[list[Certainty] | None, Query()] = None,
    geo_precision: Annotated[int | None, Query(ge=1, le=3)] = None,
    time_precision: Annotated[int | None, Query(ge=1, le=3)] = None,
    q: Annotated[str | None, Query(description="full-text query over the source articles")] = None,
    document_id: str | None = None,
) -> EventFilters:
    try:
        return EventFilters(
            start_date=start_date,
            end_date=end_date,
            bbox=bbox,
            country=country,
            admin1=admin1,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            certainty=certainty,
            geo_precision=geo_precision,
            time_precision=time_precision,
            q=q,
            document_id=document_id,
        )
    except ValidationError as error:
        raise HTTPException(status_code=422, detail=_describe_errors(error.errors())) from None


Filters = Annotated[EventFilters, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Write endpoints: 403 when no token is configured, 401 when the given one is wrong."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "write endpoints are disabled: set EVENTATLAS_API_TOKEN to enable them")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            401,
            "missing or wrong token: send Authorization: Bearer <EVENTATLAS_API_TOKEN>",
            headers={"WWW-Authenticate": "Bearer"},
        )


class EventCorrection(BaseModel):
    """Fields an analyst may correct on a stored event (all optional; given ones are replaced)."""

    model_config = ConfigDict(extra="forbid")

    event_type: str | None = None
    sub_event_type: str | None = None
    event_date: dt.date | None = None
    time_precision: int | None = Field(default=None, ge=1, le=3)
    actor1: str | None = None
    actor2: str | None = None
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: int | None = Field(default=None, ge=1, le=3)
    fatalities: int | None = Field(default=None, ge=0)
    certainty: Certainty | None = None
    claimed_by: str | None = None
    notes: str | None = None


def create_app(
    db_url: str | None = None,
    *,
    api_token: str | None = None,
    tile_url: str | None = None,
    create_tables: bool = True,
) -> FastAPI:
    """The API + dashboard over the database at ``db_url`` (default: ``EVENTATLAS_DB`` or the
    SQLite file). ``api_token`` defaults to ``EVENTATLAS_API_TOKEN``; ``tile_url`` is an optional
    raster tile URL template for the map (the built-in basemap is offline country outlines)."""
    engine = get_engine(db_url)
    if create_tables:
        init_db(engine)
    sessions = session_factory(engine)
    token = api_token if api_token is not None else config.api_token()

    app = FastAPI(
        title="EventAtlas",
        version="0.1.0",
        description="Conflict and protest events extracted from news articles, with their evidence.",
        docs_url=None,  # served by eventatlas.web with a bundled Swagger UI (works offline)
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.token = token
    app.state.tile_url = tile_url
    aggregate_cache: dict[Any, tuple[float, dict[str, Any]]] = {}
    app.state.aggregate_cache = aggregate_cache

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _describe_errors(list(error.errors()))})

    def sort_terms(sort: str) -> list[Any]:
        try:
            return parse_sort(sort)
        except ValueError as error:
            raise HTTPException(422, f"sort: {error}") from None

    @app.get("/api/events", tags=["events"], summary="List events (filtered, sorted, paginated)")
    def list_events(
        session: SessionDep,
        filters: Filters,
        sort: str = Query(DEFAULT_SORT, description="comma-separated keys, '-' for descending"),
        limit: Limit = 50,
        offset: Offset = 0,
        count: bool = Query(True, description="compute total (capped at 10000)"),
    ) -> dict[str, Any]:
        sort_terms(sort)
        page = page_events(session, filters, sort=sort, limit=limit, offset=offset, count_cap=COUNT_CAP, with_total=count)
        rows, has_more = page.rows, page.has_more
        total, exact = page.total, page.total_is_exact
        return {
            "items": [event_row_dict(row) for row in rows],
            "limit": limit,
            "offset": offset,
            "total": total,
            "total_is_exact": exact,
            "next_offset": offset + limit if has_more else None,
        }

    @app.get("/api/events.geojson", tags=["events"], summary="Matching events as a GeoJSON FeatureCollection")
    def events_geojson(
        session: SessionDep,
        filters: Filters,
        sort: str = DEFAULT_SORT,
        limit: Annotated[int, Query(ge=1, le=GEOJSON_MAX)] = 5000,
        offset: Offset = 0,
    ) -> JSONResponse:
        sort_terms(sort)
        columns = [getattr(EventRow, name) for name in GEOJSON_PROPERTIES] + [EventRow.latitude, EventRow.longitude]
        plan = choose_plan(session, filters, sort, limit + 1, offset)
        statement = select_events(filters, sort=sort, limit=limit + 1, offset=offset, strategy=plan.strategy)
        statement = statement.with_only_columns(*columns)
        rows = session.execute(statement).mappings().all()
        features = []
        for row in rows[:limit]:
            record = dict(row)
            if isinstance(record["event_date"], dt.date):
                record["event_date"] = record["event_date"].isoformat()
            features.append(geojson_feature(record, GEOJSON_PROPERTIES))
        return JSONResponse(
            {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit},
            media_type="application/geo+json",
        )

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its evidence and source document")
    def get_event(event_id: str, session: SessionDep) -> dict[str, Any]:
        row = session.get(EventRow, event_id)
        if row is None:
            raise HTTPException(404, f"event {event_id!r} not found")
        data = event_row_dict(row)
        document = session.get(DocumentRow, row.document_id)
        data["document"] = _document_dict(document, with_text=True) if document else None
        return data

    @app.patch("/api/events/{event_id}", tags=["corrections"], summary="Correct an event (needs the API token)",
               dependencies=[Depends(require_token)])
    def correct_event(event_id: str, correction: EventCorrection, session: SessionDep) -> dict[str, Any]:
        row = session.get(EventRow, event_id)
        if row is None:
            raise HTTPException(404, f"event {event_id!r} not found")
        changes = correction.model_dump(exclude_unset=True)
        if not changes:
            raise HTTPException(422, "no fields to correct")
        for name, value in changes.items():
            setattr(row, name, value)
        session.commit()
        aggregate_cache.clear()
        return event_row_dict(row)

    @app.delete("/api/events/{event_id}", tags=["corrections"], summary="Delete an event (needs the API token)",
                dependencies=[Depends(require_token)])
    def delete_event(event_id: str, session: SessionDep) -> dict[str, Any]:
        row = session.get(EventRow, event_id)
        if row is None:
            raise HTTPException(404, f"event {event_id!r} not found")
        session.delete(row)
        session.commit()
        aggregate_cache.clear()
        return {"deleted": event_id}

    @app.get("/api/documents", tags=["documents"], summary="List source documents")
    def list_documents(
        session: SessionDep,
        q: str | None = Query(None, description="full-text query"),
        source: str | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        statement = select(DocumentRow)
        if q and q.strip():
            statement = statement.where(document_matches(engine.dialect.name, q.strip()))
        if source:
            statement = statement.where(DocumentRow.source == source)
        statement = statement.order_by(DocumentRow.published.desc(), DocumentRow.id).limit(limit + 1).offset(offset)
        rows = session.scalars(statement).all()
        return {
            "items": [_document_dict(row, with_text=False) for row in rows[:limit]],
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if len(rows) > limit else None,
        }

    @app.get("/api/documents/{document_id}", tags=["documents"], summary="One document, its text and events")
    def get_document(document_id: str, session: SessionDep) -> dict[str, Any]:
        document = session.get(DocumentRow, document_id)
        if document is None:
            raise HTTPException(404, f"document {document_id!r} not found")
        data = _document_dict(document, with_text=True)
        rows = session.scalars(select_events(EventFilters(document_id=document_id), sort="event_id", limit=MAX_LIMIT))
        data["events"] = [event_row_dict(row) for row in rows]
        return data

    @app.get("/api/aggregates", tags=["aggregates"], summary="Counts and fatalities grouped by day, type, country or actor")
    def aggregates(
        session: SessionDep,
        filters: Filters,
        by: Literal["day", "event_type", "sub_event_type", "country", "actor", "certainty"] = "day",
        limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
        fatalities: bool = Query(True, description="also sum fatalities (slower on big databases)"),
    ) -> dict[str, Any]:
        # Whole-database counts (the dashboard's timeline and filter choices) are cached briefly:
        # they scan an index of every event, and every page load asks for them.
        key = (by, limit, fatalities) if filters.is_empty() else None
        cached = aggregate_cache.get(key) if key else None
        if cached and time.monotonic() - cached[0] < AGGREGATE_CACHE_SECONDS:
            return cached[1]
        items = aggregate_events(session, filters, by=by, limit=limit, with_fatalities=fatalities)
        answer = {"by": by, "items": items}
        if key:
            aggregate_cache[key] = (time.monotonic(), answer)
        return answer

    @app.get("/api/export", tags=["export"], summary="Download matching events (acled-csv, geojson, jsonl, parquet)")
    def export(
        filters: Filters,
        format: Literal["acled-csv", "geojson", "jsonl", "parquet"] = "acled-csv",
        sort: str = DEFAULT_SORT,
    ) -> StreamingResponse:
        sort_terms(sort)
        media_type, extension = FORMATS[format]
        headers = {"Content-Disposition": f'attachment; filename="eventatlas-events.{extension}"'}
        return StreamingResponse(_export_stream(sessions, filters, format, sort), media_type=media_type,
                                 headers=headers)

    @app.get("/api/config", tags=["dashboard"], summary="Settings the dashboard needs")
    def dashboard_config(session: SessionDep) -> dict[str, Any]:
        # Two queries: SQLite answers a lone min() or max() from the index, not both at once.
        first = session.scalar(select(func.min(EventRow.event_date)))
        last = session.scalar(select(func.max(EventRow.event_date)))
        return {
            "tile_url": app.state.tile_url,
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
            "write_enabled": bool(token),
        }

    from eventatlas.web import mount_dashboard

    mount_dashboard(app)
    return app


def _document_dict(document: DocumentRow, with_text: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": document.id,
        "title": document.title,
        "url": document.url,
        "published": document.published.isoformat() if document.published else None,
        "source": document.source,
        "language": document.language,
    }
    if with_text:
        data["text"] = document.text
    return data


def _export_stream(sessions: Any, filters: EventFilters, format: str, sort: str) -> Iterator[bytes]:
    """Stream an export in chunks (the session lives as long as the response)."""
    with sessions() as session:
        records = export_records(session, filters, sort=sort)
        if format == "parquet":
            # Parquet needs a seekable file: spool to disk, then stream it out.
            with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
                write_parquet(records, spool)
                spool.seek(0)
                while chunk := spool.read(1 << 16):
                    yield chunk
            return
        pieces = {"acled-csv": iter_acled_csv, "geojson": iter_geojson, "jsonl": iter_jsonl}[format](records)
        pending: list[str] = []
        size = 0
        for piece in pieces:
            pending.append(piece)
            size += len(piece)
            if size >= 1 << 16:  # send ~64 KB at a time
                yield "".join(pending).encode("utf-8")
                pending, size = [], 0
        if pending:
            yield "".join(pending).encode("utf-8")
