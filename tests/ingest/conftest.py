"""Fixtures for the ingest tests: a local HTTP server (pages, feeds, slow and failing URLs) and
small corpora written on the fly."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

ARTICLE = (
    "<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>"
    "<p>{body}</p><p>Officials said the situation remained tense on {day}, and more demonstrations were planned "
    "for the coming week across the region.</p></article><footer>Copyright News Ltd.</footer></body></html>"
)


def article_html(title: str, body: str, day: str = "Tuesday") -> str:
    return ARTICLE.format(title=title, body=body, day=day)


def feed_xml(base: str, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{path}</link><pubDate>Mon, 0{n + 1} Apr 2024 10:00:00 GMT</pubDate>"
        f"<description>Teaser {n}</description></item>"
        for n, path in enumerate(paths)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title><link>{base}</link>{items}</channel></rss>'


class Site:
    """Routes of the test server: path -> (status, content type, body), plus counters."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.fail_first: dict[str, int] = {}  # path -> how many 503s before success
        self.slow: set[str] = set()
        self.etags: dict[str, str] = {}  # path -> ETag it answers with (and honours)
        self.not_modified: dict[str, int] = {}  # path -> how many 304s were sent
        self.base = ""

    def add(
        self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200
    ) -> str:
        self.routes[path] = (status, content_type, body.encode("utf-8") if isinstance(body, str) else body)
        return self.base + path


@pytest.fixture
def site():
    state = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            path = self.path
            state.hits[path] = state.hits.get(path, 0) + 1
            if path in state.slow:
                time.sleep(2)
            if state.fail_first.get(path, 0) >= state.hits[path]:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path not in state.routes:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, content_type, body = state.routes[path]
            etag = state.etags.get(path)
            if etag and self.headers.get("If-None-Match") == etag:
                state.not_modified[path] = state.not_modified.get(path, 0) + 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            if status in (301, 302):
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):  # keep test output quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def news_dir(tmp_path) -> Path:
    """A folder of mixed inputs: text, HTML, JSONL (one broken line), a nested folder."""
    folder = tmp_path / "news"
    (folder / "nested").mkdir(parents=True)
    (folder / "one.txt").write_text(
        "Students rally in the capital\n\nHundreds of students rallied outside the education ministry on Monday "
        "to demand lower fees. Police watched but made no arrests.\n",
        encoding="utf-8",
    )
    (folder / "nested" / "two.html").write_text(
        article_html(
            "Clashes near the border",
            "Soldiers and gunmen exchanged fire near the border crossing on Sunday, killing three people.",
        ),
        encoding="utf-8",
    )
    (folder / "wire.jsonl").write_text(
        '{"text": "Farmers blocked a highway with tractors on Friday to protest low crop prices.", "url": "https://example.com/farmers", "published": "2024-03-01"}\n'
        "{broken\n"
        '{"html": "<html><body><article><p>A curfew was declared after riots damaged shops in the old town on Saturday night, the mayor said.</p></article></body></html>", "title": "Curfew declared"}\n',
        encoding="utf-8",
    )
    (folder / ".hidden.txt").write_text("never read", encoding="utf-8")
    (folder / "notes.md").write_text("not an input type searched in folders", encoding="utf-8")
    return folder
