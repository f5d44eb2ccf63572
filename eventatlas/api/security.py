"""What keeps the server safe to leave running: answers only to the configured host names (a
page on another site that rebinds its DNS name to 127.0.0.1 gets 400, not the data), refuses
NUL characters anywhere in the URL (no database stores them), and tells browsers to run only
the dashboard's own scripts, never to sniff content types, and never to frame the pages.

Pure ASGI middleware: it runs on every request, so it stays off the thread pool.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import unquote_to_bytes, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")


def content_security_policy(tile_url: str | None) -> str:
    """The dashboard's policy: its own scripts only; images and map tiles from itself (and the
    configured tile server); inline styles (Leaflet positions markers with style attributes)."""
    tiles = ""
    if tile_url:
        parts = urlsplit(tile_url)
        host = parts.netloc.replace("{s}.", "*.", 1)  # Leaflet's subdomain placeholder
        if parts.scheme in ("http", "https") and host and "{" not in host:
            tiles = f" {parts.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:{tiles}; connect-src 'self'{tiles}; worker-src 'self' blob:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


# The bundled Swagger UI starts itself with an inline script (FastAPI's page); it shows no data
# of its own, so it may run inline code and the CDN copy when the bundle is not built.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


class SecurityMiddleware:
    """Adds the security headers to every answer and refuses URLs holding NUL characters."""

    def __init__(self, app: ASGIApp, *, tile_url: str | None = None):
        self.app = app
        self.policy = content_security_policy(tile_url).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        policy = DOCS_POLICY.encode() if path == "/docs" else self.policy

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", policy),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        if b"\x00" in path.encode("utf-8", "surrogatepass") or b"\x00" in unquote_to_bytes(
            scope.get("query_string", b"")
        ):
            await _json_error(send_with_headers, 400, "parameters must not contain NUL characters")
            return
        await self.app(scope, receive, send_with_headers)


async def _json_error(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def allowed_host_names(configured: Iterable[str] | None, serving_host: str | None = None) -> list[str]:
    """The Host names the server answers to: the configured ones (``*`` allows any), else the
    local names plus the address it listens on when that is one specific address."""
    names = [name.strip() for name in (configured or []) if name and name.strip()]
    if names:
        return names
    names = list(LOCAL_HOSTS)
    if serving_host and serving_host not in ("0.0.0.0", "::", "") and serving_host not in names:
        names.append(serving_host)
    return names
