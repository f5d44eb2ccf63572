"""``eventatlas serve``: the REST API and the dashboard (the lead registers this in cli.py)."""

from __future__ import annotations

import typer

from eventatlas.config import database_url


def serve_command(
    db: str | None = typer.Option(None, "--db", help="database URL (default: EVENTATLAS_DB or sqlite:///eventatlas.db)"),
    host: str = typer.Option("127.0.0.1", help="interface to listen on"),
    port: int = typer.Option(8000, help="port to listen on"),
    tile_url: str | None = typer.Option(
        None, "--tile-url", help="optional raster tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png; "
        "without it the map uses the built-in offline country outlines"
    ),
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/)."""
    import uvicorn

    from eventatlas.api.app import create_app
    from eventatlas.web import BUILD_HELP, bundle_built

    app = create_app(db, tile_url=tile_url)
    if not bundle_built():
        typer.echo(f"note: the dashboard is not built; run `make web` ({BUILD_HELP}). The API works.", err=True)
    url = database_url(db)
    typer.echo(f"EventAtlas on http://{host}:{port}  (database: {url.split('@')[-1]})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
