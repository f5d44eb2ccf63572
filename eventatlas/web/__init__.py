"""The dashboard: a single page built from ``frontend/`` (npm + Vite) into ``web/static/``.

The bundle carries every library and the offline basemap, so the page works without internet.
When it has not been built, ``/`` says how to build it instead of failing.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static"
BUILD_HELP = "cd frontend && npm ci && npm run build"


def bundle_built(static_dir: Path = STATIC_DIR) -> bool:
    return (static_dir / "index.html").is_file()


def mount_dashboard(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    """Serve the built dashboard at ``/`` and its assets at ``/assets``."""

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        index = static_dir / "index.html"
        if not index.is_file():
            return HTMLResponse(
                "<!doctype html><meta charset=utf-8><title>EventAtlas</title>"
                "<h1>EventAtlas dashboard is not built</h1>"
                f"<p>Build it with <code>make web</code> (or <code>{BUILD_HELP}</code>), then reload. "
                "The API works meanwhile: see <a href=/docs>/docs</a>.</p>",
                status_code=503,
            )
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        # The bundled Swagger UI (copied from npm at build time) when present, else FastAPI's CDN.
        bundled = {}
        if (static_dir / "swagger" / "swagger-ui-bundle.js").is_file():
            bundled = {
                "swagger_js_url": "/swagger/swagger-ui-bundle.js",
                "swagger_css_url": "/swagger/swagger-ui.css",
                "swagger_favicon_url": "/swagger/favicon-32x32.png",
            }
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="EventAtlas API", **bundled)

    app.mount("/assets", StaticFiles(directory=static_dir / "assets", check_dir=False), name="assets")
    app.mount("/swagger", StaticFiles(directory=static_dir / "swagger", check_dir=False), name="swagger")
