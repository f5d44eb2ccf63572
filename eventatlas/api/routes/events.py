"""``/api/events``: list (filtered, sorted, paged), GeoJSON for the map, one event, and the
corrections an analyst may make with the API token."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from eventatlas.api.dependencies import Filters, Limit, Offset, SessionsDep, Sort, require_token
from eventatlas.api.geojson import geojson_response
from eventatlas.api.routes.documents import document_dict
from eventatlas.models import Certainty
from eventatlas.store.incidents import incident_of_event
from eventatlas.store.query import choose_plan, event_row_dict, page_events, select_events
from eventatlas.store.schema import DocumentRow, EventRow

router = APIRouter(prefix="/api/events")

COUNT_CAP = 10_000  # totals above this are reported as "10000+" (total_is_exact false)
GEOJSON_MAX = 20_000  # most points the map asks for at once
# What a map marker needs (the event panel fetches the rest): keeps 5,000 points light.
GEOJSON_PROPERTIES = ["event_id", "event_type", "event_date", "fatalities", "location"]
MAX_FATALITIES = 1_000_000
EventId = Annotated[str, Path(max_length=64)]

Name = Annotated[str | None, Field(default=None, max_length=255)]


class EventCorrection(BaseModel):
    """Fields an analyst may correct on a stored event (all optional; given ones are replaced).
    Lengths and ranges are those of the database columns, so a correction never fails there."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    event_type: Annotated[str | None, Field(default=None, min_length=1, max_length=64)]
    sub_event_type: Annotated[str | None, Field(default=None, min_length=1, max_length=64)]
    event_date: dt.date | None = None
    # Strict numbers: JSON true is not a fatality count, nor "2" a precision.
    time_precision: int | None = Field(default=None, ge=1, le=3, strict=True)
    actor1: Name
    actor2: Name
    location: Name
    admin1: Name
    country: Name
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: int | None = Field(default=None, ge=1, le=3, strict=True)
    fatalities: int | None = Field(default=None, ge=0, le=MAX_FATALITIES, strict=True)
    certainty: Certainty | None = None
    claimed_by: Name
    notes: Annotated[str | None, Field(default=None, max_length=10_000)]

    @model_validator(mode="after")
    def _required_stay_set(self) -> "EventCorrection":
        # These columns cannot be empty: null means "remove", which they do not allow.
        for name in ("event_type", "sub_event_type", "fatalities", "certainty"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        for name in self.model_fields_set:
            value = getattr(self, name)
            if isinstance(value, str) and "\x00" in value:
                raise ValueError(f"{name} must not contain NUL characters")
        return self


@router.get("", tags=["events"], summary="List events (filtered, sorted, paginated)")
def list_events(
    sessions: SessionsDep,
    filters: Filters,
    sort: Sort,
    limit: Limit = 50,
    offset: Offset = 0,
    count: bool = Query(True, description="compute total (capped at 10000)"),
) -> dict[str, Any]:
    with sessions() as session:
        page = page_events(
            session, filters, sort=sort, limit=limit, offset=offset, count_cap=COUNT_CAP, with_total=count
        )
        items = [event_row_dict(row) for row in page.rows]
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "total": page.total,
        "total_is_exact": page.total_is_exact,
        "next_offset": offset + limit if page.has_more else None,
    }


@router.get(".geojson", tags=["events"], summary="Matching events as a GeoJSON FeatureCollection")
def events_geojson(
    sessions: SessionsDep,
    filters: Filters,
    sort: Sort,
    limit: Annotated[int, Query(ge=1, le=GEOJSON_MAX)] = 5000,
    offset: Offset = 0,
) -> JSONResponse:
    columns = [getattr(EventRow, name) for name in GEOJSON_PROPERTIES] + [EventRow.latitude, EventRow.longitude]
    with sessions() as session:
        plan = choose_plan(session, filters, sort, limit + 1, offset)
        statement = select_events(filters, sort=sort, limit=limit + 1, offset=offset, strategy=plan.strategy)
        rows = session.execute(statement.with_only_columns(*columns)).mappings().all()
    return geojson_response(rows, limit, GEOJSON_PROPERTIES)


@router.get("/{event_id}", tags=["events"], summary="One event with its evidence and source document")
def get_event(event_id: EventId, sessions: SessionsDep) -> dict[str, Any]:
    with sessions() as session:
        row = session.get(EventRow, event_id)
        if row is None:
            raise HTTPException(404, f"event {event_id!r} not found")
        data = event_row_dict(row)
        data["incident_id"] = incident_of_event(session, event_id)  # the incident it reports
        document = session.get(DocumentRow, row.document_id)
        data["document"] = document_dict(document, with_text=True) if document else None
    return data


@router.patch(
    "/{event_id}",
    tags=["corrections"],
    summary="Correct an event (needs the API token)",
    dependencies=[Depends(require_token)],
)
def correct_event(
    event_id: EventId, correction: EventCorrection, sessions: SessionsDep, request: Request
) -> dict[str, Any]:
    changes = correction.model_dump(exclude_unset=True)
    if not changes:
        raise HTTPException(422, "no fields to correct")
    with sessions() as session:
        row = session.get(EventRow, event_id)
        if row is None:
            raise HTTPException(404, f"event {event_id!r} not found")
        for name, value in changes.items():
            setattr(row, name, value)
        session.flush()
        from eventatlas.incidents.store import relink_corrected

        relink_corrected(session.connection(), row, session.get(DocumentRow, row.document_id))
        session.commit()
        data = event_row_dict(row)
    request.app.state.aggregate_cache.clear()
    return data


@router.delete(
    "/{event_id}",
    tags=["corrections"],
    summary="Delete an event (needs the API token)",
    dependencies=[Depends(require_token)],
)
def delete_event(event_id: EventId, sessions: SessionsDep, request: Request) -> dict[str, Any]:
    with sessions() as session:
        row = session.get(EventRow, event_id)
        if row is None:
            raise HTTPException(404, f"event {event_id!r} not found")
        from eventatlas.incidents.store import unlink_report

        unlink_report(session.connection(), event_id)  # its incident no longer counts it
        session.delete(row)
        session.commit()
    request.app.state.aggregate_cache.clear()
    return {"deleted": event_id}
