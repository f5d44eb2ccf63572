"""The REST API (FastAPI) and the dashboard it serves.

Read-only by default. The write endpoints (correcting or deleting an event) answer 403 unless
a token is configured (``EVENTATLAS_API_TOKEN``), and then need ``Authorization: Bearer <token>``.
Every client error is a 4xx JSON ``{"detail": "..."}`` naming the bad parameter.

Concurrency: a read answered before, while the data has not changed since, comes from the
answer cache on the event loop (``api.cache``: no thread, no query; ETag and 304 for browsers).
Other requests run routes, plain functions, on a thread pool of ``API_THREADS`` threads; the
database pool has as many connections, so a thread never waits for a connection, and each route
gives its connection back before its answer is serialized (see ``api.dependencies``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventatlas import config
from eventatlas.api.cache import CachingMiddleware, data_version_of
from eventatlas.api.dependencies import describe_errors
from eventatlas.api.routes import aggregates, dashboard, documents, events, exports, incidents
from eventatlas.api.security import SecurityMiddleware, allowed_host_names
from eventatlas.store.db import get_engine, session_factory
from eventatlas.store.migrations import upgrade

API_THREADS = 40  # the thread pool's size, and the database pool's

# Re-exported for callers that used the old single-module API.
COUNT_CAP = events.COUNT_CAP
EventCorrection = events.EventCorrection


def app_from_environment() -> FastAPI:
    """The app the settings describe (``EVENTATLAS_DB``, ``EVENTATLAS_TILE_URL``,
    ``EVENTATLAS_ALLOWED_HOSTS``, ``EVENTATLAS_API_TOKEN``): the factory each worker process of
    ``eventatlas serve --workers N`` calls, since workers cannot share an app object."""
    from eventatlas.config import settings

    return create_app(tile_url=settings().tile_url, create_tables=False)


def create_app(
    db_url: str | None = None,
    *,
    api_token: str | None = None,
    tile_url: str | None = None,
    create_tables: bool = True,
    allowed_hosts: Iterable[str] | None = None,
    cache_answers: bool = True,
) -> FastAPI:
    """The API + dashboard over the database at ``db_url`` (default: ``EVENTATLAS_DB`` or the
    SQLite file). ``api_token`` defaults to ``EVENTATLAS_API_TOKEN``; ``tile_url`` is an optional
    raster tile URL template for the map (the built-in basemap is offline country outlines);
    ``allowed_hosts`` are the Host names it answers to (default ``EVENTATLAS_ALLOWED_HOSTS``,
    else localhost, 127.0.0.1 and ::1); ``cache_answers`` keeps read answers until the data
    changes (``api.cache``; off only to measure the uncached path)."""
    engine = get_engine(db_url, pool_size=API_THREADS)
    data_version = data_version_of(engine) if cache_answers else None
    if create_tables:
        # Migrations, not just create_all: a database made by an older version gets the
        # columns the routes read (create_all never alters an existing table).
        upgrade(engine)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = API_THREADS
        yield
        if data_version is not None:
            await data_version.close()
        engine.dispose()

    app = FastAPI(
        title="EventAtlas",
        version="0.1.0",
        description="Conflict and protest events extracted from news articles, with their evidence.",
        docs_url=None,  # served by eventatlas.web with a bundled Swagger UI (works offline)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.token = api_token if api_token is not None else config.api_token()
    app.state.tile_url = tile_url
    app.state.aggregate_cache = {}
    for module in (events, incidents, documents, aggregates, exports, dashboard):
        app.include_router(module.router)
    _add_error_handlers(app)
    # Innermost of the three: hosts and NUL checks run first, and cached answers get the headers.
    app.add_middleware(CachingMiddleware, data_version=data_version)
    hosts = allowed_host_names(allowed_hosts if allowed_hosts is not None else config.allowed_hosts())
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(SecurityMiddleware, tile_url=tile_url)  # outermost: every answer gets the headers

    from eventatlas.web import mount_dashboard

    mount_dashboard(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": describe_errors(list(error.errors()))})

    @app.exception_handler(DataError)
    async def _data_error(_request: Request, _error: DataError) -> JSONResponse:
        # A value the database cannot hold (out of range, malformed): the request's fault.
        return JSONResponse(status_code=422, content={"detail": "a value is out of range for the database"})


__all__: list[Any] = ["create_app", "API_THREADS"]
