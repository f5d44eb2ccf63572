"""What the API's routes share: a session per request (opened and closed inside the route, so a
connection is never held while a response waits for a thread), the event filters, paging
limits, the sort check and the write token.

The event filters are ``store.query.EventFilters`` itself, read as a query-parameter model:
one definition (fields, limits, descriptions) for the API and the Python API. Dependencies are
``async def`` on purpose: FastAPI runs plain ``def`` dependencies in its thread pool, and a
request should take one thread, not three.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Query, Request
from pydantic import ConfigDict
from sqlalchemy.orm import Session, sessionmaker

from eventatlas.store.query import (
    DEFAULT_SORT,
    MAX_LIMIT,
    SORT_COLUMNS,
    EventFilters,
    parse_sort,
)

MAX_OFFSET = 1_000_000_000  # far past any real page; larger numbers overflow database integers


def describe_errors(errors: list[Any]) -> str:
    """One line from pydantic's errors: ``field: message; field: message``."""
    parts = []
    for error in errors:
        location = [str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path")]
        where = ".".join(location)
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


class EventQuery(EventFilters):
    """The event filters as query parameters: other parameters (sort, limit) sit beside them."""

    model_config = ConfigDict(extra="ignore")


Filters = Annotated[EventQuery, Query()]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


async def checked_sort(
    sort: Annotated[
        str, Query(description="comma-separated keys, '-' for descending", max_length=500)
    ] = DEFAULT_SORT,
) -> str:
    keys = [key for key in sort.split(",") if key.strip()]
    if len(keys) > len(SORT_COLUMNS):
        raise HTTPException(422, f"sort: at most {len(SORT_COLUMNS)} keys")
    return sort_parsed_by(parse_sort, sort)


def sort_parsed_by(parse: Callable[[str], object], sort: str) -> str:
    """``sort`` when ``parse`` accepts it, else a 422 saying why."""
    try:
        parse(sort)
    except ValueError as error:
        raise HTTPException(422, f"sort: {error}") from None
    return sort


Sort = Annotated[str, Depends(checked_sort)]


async def get_sessions(request: Request) -> sessionmaker[Session]:
    """The session factory; routes open a session with ``with sessions() as session:`` and so
    give its connection back before their answer is serialized."""
    return request.app.state.sessions


SessionsDep = Annotated[sessionmaker[Session], Depends(get_sessions)]


async def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
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
