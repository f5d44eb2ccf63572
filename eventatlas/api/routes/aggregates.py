"""``/api/aggregates``: counts and fatalities grouped by day, type, country, actor or certainty."""

from __future__ import annotations

import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from eventatlas.api.dependencies import Filters, SessionsDep
from eventatlas.store.query import aggregate_events

router = APIRouter(prefix="/api/aggregates", tags=["aggregates"])

AGGREGATE_CACHE_SECONDS = 30.0


@router.get("", summary="Counts and fatalities grouped by day, type, country or actor")
def aggregates(
    request: Request,
    sessions: SessionsDep,
    filters: Filters,
    by: Literal["day", "event_type", "sub_event_type", "country", "actor", "certainty"] = "day",
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    fatalities: bool = Query(True, description="also sum fatalities (slower on big databases)"),
) -> dict[str, Any]:
    # Whole-database counts (the dashboard's timeline and filter choices) are cached briefly:
    # they scan an index of every event, and every page load asks for them.
    cache = request.app.state.aggregate_cache
    key = (by, limit, fatalities) if filters.is_empty() else None
    cached = cache.get(key) if key else None
    if cached and time.monotonic() - cached[0] < AGGREGATE_CACHE_SECONDS:
        return cached[1]
    with sessions() as session:
        items = aggregate_events(session, filters, by=by, limit=limit, with_fatalities=fatalities)
    answer = {"by": by, "items": items}
    if key:
        cache[key] = (time.monotonic(), answer)
    return answer
