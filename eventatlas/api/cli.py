"""``eventatlas serve``: the REST API and the dashboard (the lead registers this in cli.py)."""

from __future__ import annotations

import os

import typer

from eventatlas.config import database_url
from eventatlas.ingest.cli import DbOption

KEEP_ALIVE_SECONDS = 30


def serve_command(
    db: DbOption = None,
    host: str = typer.Option("127.0.0.1", help="interface to listen on"),
    port: int = typer.Option(8000, help="port to listen on"),
    tile_url: str | None = typer.Option(
        None, "--tile-url", help="optional raster tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png; "
        "without it the map uses the built-in offline country outlines"
    ),
    create: bool = typer.Option(False, "--create", help="create an empty database if there is none at --db"),
    allowed_host: list[str] = typer.Option(
        [], "--allowed-host", help="a Host name the server answers to (repeatable; default: "
        "$EVENTATLAS_ALLOWED_HOSTS, else localhost, 127.0.0.1, ::1 and --host)"
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, help="server processes (one per core serves more clients at once; each keeps its own "
        "answer cache, all see the same database)"
    ),
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/)."""
    import uvicorn

    from eventatlas.store.db import missing_database

    missing = missing_database(db)
    if missing and not create:
        typer.echo(
            f"error: {missing}: no such database file (ingest some articles first, check --db, "
            "or pass --create for an empty one)",
            err=True,
        )
        raise typer.Exit(2)

    from eventatlas.api.security import allowed_host_names
    from eventatlas.config import allowed_hosts
    from eventatlas.web import BUILD_HELP, bundle_built

    hosts = allowed_host_names(allowed_host or allowed_hosts(), serving_host=host)
    app = _app_or_exit(db, tile_url=tile_url, allowed_hosts=hosts)
    if not bundle_built():
        typer.echo(f"note: the dashboard is not built; run `make web` ({BUILD_HELP}). The API works.", err=True)
    url = database_url(db)
    typer.echo(f"EventAtlas on http://{host}:{port}  (database: {url.split('@')[-1]})", err=True)
    if host in ("0.0.0.0", "::") and not (allowed_host or allowed_hosts()):
        typer.echo(
            "note: answering only to localhost names; pass --allowed-host NAME (or set "
            "EVENTATLAS_ALLOWED_HOSTS) for the names other machines use to reach this one.",
            err=True,
        )
    # Keep-alive longer than clients keep idle connections (httpx, browsers: about 5 s), so a
    # client never sends a request on a connection the server is closing at that moment.
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info", timeout_keep_alive=KEEP_ALIVE_SECONDS)
        return
    # Worker processes build their own app from the settings: hand them what was checked here.
    os.environ.update(EVENTATLAS_DB=url, EVENTATLAS_ALLOWED_HOSTS=",".join(hosts))
    if tile_url:
        os.environ["EVENTATLAS_TILE_URL"] = tile_url
    _serve_in_processes(workers, host, port)


def _serve_in_processes(workers: int, host: str, port: int) -> None:
    """``workers`` uvicorn processes on one listening socket, each building the app from the
    settings. The socket is bound here with TCP_NODELAY, which the accepted connections inherit:
    uvicorn's own shared socket lacks it, and each small answer then waits about 40 ms for the
    client's delayed ACK."""
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config("eventatlas.api.app:app_from_environment", factory=True, workers=workers, host=host,
                            port=port, log_level="info", timeout_keep_alive=KEEP_ALIVE_SECONDS)
    listening = config.bind_socket()
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[listening]).run()


def _app_or_exit(db: str | None, **options):
    """The app, or exit 2 with one line when the database URL names no driver (a mistyped
    scheme) or the database cannot be reached: the user's input, not a crash."""
    from sqlalchemy.exc import ArgumentError, OperationalError

    from eventatlas.api.app import create_app

    try:
        return create_app(db, **options)
    except (ArgumentError, OperationalError) as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        typer.echo(f"error: {database_url(db).split('@')[-1]}: unusable database ({reason})", err=True)
        raise typer.Exit(2) from None
