"""``/api/incidents``: incidents (one real-world event, linked from its reports across articles)
listed with the events' filters, sorted and paged, as GeoJSON for the map, one incident with
its sources and reports, and the corrections an analyst may make (split, merge) with the token.
A merged-away id still answers: it resolves to the incident it was merged into."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from eventatlas.api.dependencies import Filters, Limit, Offset, SessionsDep, require_token, sort_parsed_by
from eventatlas.api.geojson import geojson_response
from eventatlas.api.routes.documents import document_dict
from eventatlas.store.incidents import (
    DEFAULT_INCIDENT_SORT,
    incident_dict,
    incident_reports,
    parse_incident_sort,
    resolve_incident_id,
    select_incidents,
)
from eventatlas.store.schema import DocumentRow, IncidentRow

router = APIRouter(prefix="/api/incidents")

GEOJSON_MAX = 20_000
GEOJSON_PROPERTIES = ["incident_id", "event_type", "event_date", "fatalities", "location", "n_reports", "n_sources"]
IncidentId = Annotated[str, Path(max_length=32)]
CONTEXT_CHARS = 300  # article text shown around a report's evidence


async def checked_incident_sort(
    sort: Annotated[str, Query(description="comma-separated keys, '-' for descending", max_length=200)] = DEFAULT_INCIDENT_SORT,
) -> str:
    return sort_parsed_by(parse_incident_sort, sort)


IncidentSort = Annotated[str, Depends(checked_incident_sort)]


class Split(BaseModel):
    model_config = ConfigDict(extra="forbid")
    report_ids: list[Annotated[str, Field(max_length=64)]] = Field(min_length=1, max_length=1000)


class Merge(BaseModel):
    model_config = ConfigDict(extra="forbid")
    other_id: Annotated[str, Field(min_length=1, max_length=32)]


@router.get("", tags=["incidents"], summary="List incidents (filtered, sorted, paginated)")
def list_incidents(
    sessions: SessionsDep, filters: Filters, sort: IncidentSort, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    with sessions() as session:
        rows = session.scalars(select_incidents(filters, sort=sort, limit=limit + 1, offset=offset)).all()
        items = [incident_dict(row) for row in rows[:limit]]
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
    }


@router.get(".geojson", tags=["incidents"], summary="Matching incidents as a GeoJSON FeatureCollection")
def incidents_geojson(
    sessions: SessionsDep,
    filters: Filters,
    sort: IncidentSort,
    limit: Annotated[int, Query(ge=1, le=GEOJSON_MAX)] = 5000,
    offset: Offset = 0,
) -> JSONResponse:
    columns = [getattr(IncidentRow, name) for name in GEOJSON_PROPERTIES] + [IncidentRow.latitude, IncidentRow.longitude]
    statement = select_incidents(filters, sort=sort, limit=limit + 1, offset=offset).with_only_columns(*columns)
    with sessions() as session:
        rows = session.execute(statement).mappings().all()
    return geojson_response(rows, limit, GEOJSON_PROPERTIES)


@router.get("/{incident_id}", tags=["incidents"], summary="One incident with its sources and reports")
def get_incident(incident_id: IncidentId, sessions: SessionsDep) -> dict[str, Any]:
    with sessions() as session:
        resolved = resolve_incident_id(session, incident_id)
        row = session.get(IncidentRow, resolved)
        if row is None:
            raise HTTPException(404, f"incident {incident_id!r} not found")
        data = incident_dict(row)
        data["reports"] = [with_source(session, report) for report in incident_reports(session, resolved)]
    if resolved != incident_id:
        data["redirected_from"] = incident_id
    return data


def with_source(session, report: dict[str, Any]) -> dict[str, Any]:
    """A report with its article (no full text) and the passage around its evidence: ``context``
    starts at ``context_start`` in the article, so the evidence offsets still point into it."""
    document = session.get(DocumentRow, report["document_id"])
    if document is None:
        return {**report, "document": None, "context": "", "context_start": 0}
    spans = [span for span in report.get("evidence") or [] if span.get("end", 0) <= len(document.text)]
    start = max(0, min((span["start"] for span in spans), default=0) - CONTEXT_CHARS)
    end = min(len(document.text), max((span["end"] for span in spans), default=0) + CONTEXT_CHARS)
    return {**report, "document": document_dict(document, with_text=False),
            "context": document.text[start:end], "context_start": start}


@router.post(
    "/{incident_id}/split",
    tags=["corrections"],
    summary="Split reports off an incident into a new one (needs the API token)",
    dependencies=[Depends(require_token)],
)
def split(incident_id: IncidentId, body: Split, sessions: SessionsDep, request: Request) -> dict[str, Any]:
    from eventatlas.incidents.store import split_incident

    new_id = _correct(sessions, request, lambda connection: split_incident(connection, incident_id, body.report_ids))
    return {"incident_id": resolve_id(sessions, incident_id), "new_incident_id": new_id}


@router.post(
    "/{incident_id}/merge",
    tags=["corrections"],
    summary="Merge another incident into this one (needs the API token)",
    dependencies=[Depends(require_token)],
)
def merge(incident_id: IncidentId, body: Merge, sessions: SessionsDep, request: Request) -> dict[str, Any]:
    from eventatlas.incidents.store import merge_incidents

    survivor = _correct(sessions, request, lambda connection: merge_incidents(connection, incident_id, body.other_id))
    return {"incident_id": survivor, "merged": body.other_id}


def _correct(sessions, request: Request, change: Callable[[Any], str]) -> str:
    """One correction in its own transaction: an unknown incident is a 404, a change the store
    refuses a 422; afterwards the cached aggregates are stale."""
    with sessions() as session:
        try:
            result = change(session.connection())
        except KeyError as error:
            raise HTTPException(404, str(error.args[0])) from None
        except ValueError as error:
            raise HTTPException(422, str(error)) from None
        session.commit()
    request.app.state.aggregate_cache.clear()
    return result


def resolve_id(sessions, incident_id: str) -> str:
    with sessions() as session:
        return resolve_incident_id(session, incident_id)
