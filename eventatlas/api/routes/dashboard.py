"""``/api/config``: the settings the dashboard needs before its first query."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import func, select

from eventatlas.api.dependencies import SessionsDep
from eventatlas.store.schema import EventRow

router = APIRouter(tags=["dashboard"])


@router.get("/api/config", summary="Settings the dashboard needs")
def dashboard_config(request: Request, sessions: SessionsDep) -> dict[str, Any]:
    with sessions() as session:
        # Two queries: SQLite answers a lone min() or max() from the index, not both at once.
        first = session.scalar(select(func.min(EventRow.event_date)))
        last = session.scalar(select(func.max(EventRow.event_date)))
    return {
        "tile_url": request.app.state.tile_url,
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
        "write_enabled": bool(request.app.state.token),
    }
