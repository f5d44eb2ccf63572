"""Answers to read requests, kept until the data changes (as Datasette and most read-mostly APIs
do): a dashboard's users ask the same few questions (the first page, the map, the timeline), and
a cached answer costs no thread, no query and no serialization.

Each request first asks the database for its *data version*, a value that changes whenever any
connection in any process commits a write: SQLite's ``PRAGMA data_version`` on a connection kept
for that purpose, PostgreSQL's ``pg_current_snapshot()`` (two equal snapshots see the same
committed transactions). An answer is kept with the version read before its query ran, and the
whole cache is dropped when the version moves, so a cached answer is the one the database would
give now: an ingest in another process, or a correction through the API, is seen by the very
next request. Other databases, and in-memory SQLite, are not cached.

Every cached answer carries an ``ETag`` (a hash of its body) and ``Cache-Control: no-cache``:
a browser asks again with ``If-None-Match`` and gets ``304 Not Modified`` while nothing changed.

Pure ASGI middleware, so a hit is answered on the event loop without entering the thread pool.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Read endpoints whose answer depends only on the path, the query string and the data.
CACHED_PREFIXES = ("/api/events", "/api/incidents", "/api/documents", "/api/aggregates", "/api/config")
MAX_ENTRY_BYTES = 8 << 20  # a map of 20,000 points is about 5 MB
MAX_CACHE_BYTES = 128 << 20
PROBE_TIMEOUT_SECONDS = 5.0  # a server that does not answer: requests go on uncached


class SqliteVersion:
    """``PRAGMA data_version`` on a connection of its own: it changes when any other connection
    (this process's pool, an ingest elsewhere) commits. Microseconds, so it runs on the loop. The
    file's inode is part of the version (a database file replaced by another is a new one), and
    so is the connection's number: the counter means something only on one connection."""

    def __init__(self, path: str):
        self.path = path
        self.connection: sqlite3.Connection | None = None
        self.inode: tuple[int, int] | None = None
        self.connections = 0
        self.lock = threading.Lock()

    async def __call__(self) -> Any:
        with self.lock:
            try:
                status = os.stat(self.path)
                inode = (status.st_dev, status.st_ino)
                if self.connection is None or inode != self.inode:
                    self.close_connection()
                    # Read-only, and never waiting on a lock: this runs on the event loop.
                    self.connection = sqlite3.connect(
                        Path(self.path).resolve().as_uri() + "?mode=ro",
                        uri=True, timeout=0, check_same_thread=False, isolation_level=None,
                    )
                    self.inode = inode
                    self.connections += 1
                return inode, self.connections, self.connection.execute("PRAGMA data_version").fetchone()[0]
            except (OSError, sqlite3.Error):
                self.close_connection()
                return None

    def close_connection(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    async def close(self) -> None:
        with self.lock:
            self.close_connection()


class PostgresVersion:
    """``pg_current_snapshot()`` on an async connection of its own. Requests that arrive while a
    probe is running wait for the next one (which starts after they arrived), so one probe is
    in flight at a time however many requests come in, and none reads a snapshot older than
    itself."""

    def __init__(self, conninfo: str):
        self.conninfo = conninfo
        self.connection: Any = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.waiting: asyncio.Future | None = None
        self.probing = False
        self.task: asyncio.Task | None = None

    async def __call__(self) -> Any:
        loop = asyncio.get_running_loop()
        if self.loop is not loop:  # a new event loop (tests restart theirs): start afresh
            if self.connection is not None:
                self.connection.pgconn.finish()  # bound to the old loop: closed without it
            self.loop, self.connection, self.waiting, self.probing = loop, None, None, False
        if self.waiting is None:
            self.waiting = loop.create_future()
        waiter = self.waiting
        if not self.probing:
            self.start_probe()
        return await asyncio.shield(waiter)

    def start_probe(self) -> None:
        waiter, self.waiting = self.waiting, None
        self.probing = True
        self.task = asyncio.ensure_future(self.probe(waiter))

    async def probe(self, waiter: asyncio.Future) -> None:
        try:
            version = await asyncio.wait_for(self.read_snapshot(), PROBE_TIMEOUT_SECONDS)
        except Exception:  # noqa: BLE001 - no version: the request is answered uncached
            version = None
            await self.close()
        if not waiter.done():
            waiter.set_result(version)
        self.probing = False
        if self.waiting is not None:
            self.start_probe()

    async def read_snapshot(self) -> str:
        import psycopg

        if self.connection is None or self.connection.closed:
            self.connection = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True, connect_timeout=5)
        cursor = await self.connection.execute("SELECT pg_current_snapshot()::text")
        return (await cursor.fetchone())[0]

    async def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                await connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass


def data_version_of(engine: Engine) -> Callable[[], Awaitable[Any]] | None:
    """The data-version probe for ``engine``'s database, or None where answers are not cached."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return SqliteVersion(database)
    if url.get_backend_name() == "postgresql":
        return PostgresVersion(url.set(drivername="postgresql").render_as_string(hide_password=False))
    return None


class Answer:
    """A whole response: status, headers (with its ETag) and body."""

    __slots__ = ("status", "headers", "body", "etag")

    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes):
        self.etag = b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'
        self.status = status
        self.headers = [
            (name, value) for name, value in headers if name.lower() not in (b"etag", b"cache-control")
        ] + [(b"etag", self.etag), (b"cache-control", b"no-cache")]
        self.body = body

    async def send(self, send: Send, if_none_match: bytes | None) -> None:
        if if_none_match and _matches(if_none_match, self.etag):
            headers = [(b"etag", self.etag), (b"cache-control", b"no-cache")]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body})


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    tags = [tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b",")]
    return etag in tags or b"*" in tags


class ResponseCache:
    """Least recently used answers of one data version, up to ``MAX_CACHE_BYTES``."""

    def __init__(self, max_bytes: int = MAX_CACHE_BYTES):
        self.max_bytes = max_bytes
        self.version: Any = None
        self.answers: OrderedDict[bytes, Answer] = OrderedDict()
        self.size = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: bytes, version: Any) -> Answer | None:
        if version != self.version:
            self.clear(version)
            return None
        answer = self.answers.get(key)
        if answer is not None:
            self.answers.move_to_end(key)
        return answer

    def put(self, key: bytes, version: Any, answer: Answer) -> None:
        if version != self.version or len(answer.body) > MAX_ENTRY_BYTES:
            return  # made from an older version (a write came in meanwhile): not kept
        previous = self.answers.pop(key, None)
        if previous is not None:
            self.size -= len(previous.body)
        self.answers[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes:
            _, dropped = self.answers.popitem(last=False)
            self.size -= len(dropped.body)

    def clear(self, version: Any = None) -> None:
        self.version = version
        self.answers.clear()
        self.size = 0


class CachingMiddleware:
    """Answers repeated GETs of the read endpoints from :class:`ResponseCache`; every answer of
    those endpoints gets an ``ETag`` and honours ``If-None-Match``. Requests for an answer that
    is being made (the same question, the same data version) wait for it rather than make it
    again: a crowd arriving at once (a shared link, a restart) costs one query, not hundreds."""

    def __init__(self, app: ASGIApp, *, data_version: Callable[[], Awaitable[Any]] | None):
        self.app = app
        self.data_version = data_version
        self.cache = ResponseCache()
        self.being_made: dict[tuple[bytes, Any], asyncio.Future] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not _cacheable(scope["path"]):
            await self.app(scope, receive, send)
            return
        key = scope["path"].encode("utf-8", "surrogateescape") + b"?" + scope.get("query_string", b"")
        if_none_match = dict(scope["headers"]).get(b"if-none-match")
        version = await self.data_version() if self.data_version else None
        answer = self.cache.get(key, version) if version is not None else None
        if answer is not None:
            self.cache.hits += 1
            await answer.send(send, if_none_match)
            return
        self.cache.misses += 1
        if version is None:
            await self.answer_and_keep(scope, receive, send, key, version, if_none_match)
            return
        question = (key, version)
        being_made = self.being_made.get(question)
        if being_made is not None:
            answer = await asyncio.shield(being_made)
            if answer is not None:
                await answer.send(send, if_none_match)
            else:  # the first asker got no 200 (or went away): ask for ourselves
                await self.answer_and_keep(scope, receive, send, key, version, if_none_match)
            return
        being_made = self.being_made[question] = asyncio.get_running_loop().create_future()
        answer = None
        try:
            answer = await self.answer_and_keep(scope, receive, send, key, version, if_none_match)
        finally:
            del self.being_made[question]
            being_made.set_result(answer)

    async def answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: bytes, version: Any, if_none_match: bytes | None
    ) -> Answer | None:
        """Run the route, hold its answer until it is whole (to hash it), then send it and keep a
        200 for the next request (returned). An answer that grows past ``MAX_ENTRY_BYTES`` is
        passed on as it comes."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        streaming = False
        answer: Answer | None = None

        async def hold(message: Message) -> None:
            nonlocal start, size, streaming, answer
            if streaming:
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if message.get("more_body", False) and size > MAX_ENTRY_BYTES:
                    streaming = True
                    await send(start)
                    await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                elif not message.get("more_body", False):
                    answer = await self.finish(start, b"".join(chunks), send, key, version, if_none_match)
            else:
                await send(message)

        await self.app(scope, receive, hold)
        return answer

    async def finish(
        self, start: Message, body: bytes, send: Send, key: bytes, version: Any, if_none_match: bytes | None
    ) -> Answer | None:
        status = start["status"]
        if status != 200:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return None
        answer = Answer(status, list(start.get("headers", [])), body)
        if version is not None:
            self.cache.put(key, version, answer)
        await answer.send(send, if_none_match)
        return answer


def _cacheable(path: str) -> bool:
    return path.startswith(CACHED_PREFIXES) and not path.startswith("/api/export")
