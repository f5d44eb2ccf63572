"""The API under many concurrent clients, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/api_load.py                          # 200 clients, 60 s, both databases
    .venv/bin/python benchmarks/api_load.py --seconds 10 --clients 50 --databases sqlite   # a brief look
    .venv/bin/python benchmarks/api_load.py --think 1                # clients that pause ~1 s, as people do

Builds 5,000 synthetic events, serves the API with uvicorn in its own process (so the load
generator does not share its interpreter), measures the single-client median latency (requests
one after another, on a second pass so that it meets the same warm caches as the load), then
runs ``--clients`` clients that each send requests back to back (or pausing ``--think`` seconds)
for ``--seconds``: the event list with rotating filters and pages, the map's GeoJSON, the
timeline's counts, one event. Prints requests, errors, throughput and latency percentiles.
The clients speak HTTP/1.1 on raw keep-alive connections: a full client library costs more CPU
per request than the server, and would measure itself.
Target (issue 15): 0 errors; p95 <= 20x the single-client median.

Back-to-back clients keep ``--clients`` requests in the server at every moment, so by Little's
law their mean latency is ``clients / throughput`` whatever the server does: on a machine of few
cores that alone puts p95 / single-client median far above 20 (the benchmark prints this floor).
With ``--think`` the clients behave like people at a dashboard, and the ratio measures queueing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import httpx

from eventatlas.api.synthetic import seed_database
from eventatlas.store.db import get_engine, init_db

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
SERVER = (
    # As `eventatlas serve` runs it (keep-alive 30 s).
    "import sys, uvicorn; from eventatlas.api.app import create_app; "
    "uvicorn.run(create_app(sys.argv[1], api_token='', create_tables=False, cache_answers=sys.argv[3] == 'cache'), "
    "host='127.0.0.1', port=int(sys.argv[2]), log_level='warning', timeout_keep_alive=30)"
)


def requests_to_send(rng: random.Random, event_ids: list[str]) -> tuple[str, dict]:
    kind = rng.random()
    if kind < 0.55:
        params = {"limit": 50, "offset": rng.choice([0, 0, 50, 100])}
        params.update(rng.choice([{}, {"event_type": "Protests"}, {"country": "CN"}, {"sort": "-fatalities"},
                                  {"start_date": "2020-01-01", "end_date": "2020-12-31"}, {"q": "police"}]))
        return "/api/events", params
    if kind < 0.7:
        return "/api/events.geojson", {"limit": 500}
    if kind < 0.85:
        return "/api/aggregates", rng.choice([{"by": "day"}, {"by": "event_type", "country": "CN"}])
    return f"/api/events/{rng.choice(event_ids)}", {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_url: str, cache: bool = True, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    if workers > 1:  # `eventatlas serve --workers N` itself (always with the answer cache)
        command = [sys.executable, "-m", "eventatlas", "serve", "--db", db_url, "--port", str(port), "--workers", str(workers)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        process = subprocess.Popen([sys.executable, "-c", SERVER, db_url, str(port), "cache" if cache else "no-cache"])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/config", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start in 60 s")


class Connection:
    """One keep-alive HTTP/1.1 connection, as lean as a client can be (httpx spends more CPU per
    request than the server does, and on a small machine the load generator shares its cores)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: dict) -> int:
        """The status of ``GET path?params``; the body is read and dropped."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        target = f"{path}?{urlencode(params)}" if params else path
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
            status, headers = parse_head(head)
            if "content-length" in headers:
                await self.reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding") == "chunked":
                await self.read_chunks()
            if headers.get("connection") == "close":
                await self.close()
            return status
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            raise

    async def read_chunks(self) -> None:
        while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await self.reader.readexactly(size + 2)
        await self.reader.readuntil(b"\r\n")

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip().lower()
    return int(lines[0].split()[1]), headers


async def single_client_median(base: str, event_ids: list[str], count: int = 100) -> float:
    """The median latency of ``count`` requests sent one after another, measured on a second
    pass over the same requests so that both this and the load see a warm server (caches)."""
    host, port = address_of(base)
    connection = Connection(host, port)
    times = []
    for measured in (False, True):
        rng = random.Random(1)
        for _ in range(count):
            path, params = requests_to_send(rng, event_ids)
            started = time.perf_counter()
            status = await connection.get(path, params)
            if status != 200:
                raise SystemExit(f"HTTP {status} for {path} {params}")
            if measured:
                times.append(time.perf_counter() - started)
    await connection.close()
    return statistics.median(times)


def address_of(base: str) -> tuple[str, int]:
    host, _, port = base.removeprefix("http://").partition(":")
    return host, int(port)


async def load(
    base: str, event_ids: list[str], clients: int, seconds: float, think: float = 0.0
) -> tuple[list[float], list[str]]:
    """Each client pauses ``think`` seconds on average (exponentially distributed; 0: none, back
    to back), sends a request, waits for the whole answer, and so on."""
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    host, port = address_of(base)

    async def client(number: int) -> None:
        rng = random.Random(number)
        connection = Connection(host, port)
        while time.monotonic() < stop:
            if think:  # people arrive at random moments, then read before they click again
                await asyncio.sleep(rng.expovariate(1 / think))
            path, params = requests_to_send(rng, event_ids)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(path, params), timeout=120)
                if status != 200:
                    errors.append(f"HTTP {status} {path}")
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError) as error:
                errors.append(f"{type(error).__name__} {path}")
                await connection.close()
            latencies.append(time.perf_counter() - started)
        await connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, errors


def prepare(kind: str, events: int, folder: Path) -> tuple[str, callable]:
    """A database of ``kind`` with ``events`` synthetic events; its URL and a cleanup function."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'load.db'}"
        cleanup = lambda: None  # noqa: E731 - the folder goes
    else:
        import psycopg

        name = f"eventatlas_load_{uuid.uuid4().hex[:10]}"
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
        admin.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql://postgres@127.0.0.1:5432/{name}"

        def cleanup() -> None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

    engine = get_engine(url)
    init_db(engine)
    seed_database(engine, events, seed=7)
    engine.dispose()
    return url, cleanup


def event_ids_of(base: str) -> list[str]:
    items = httpx.get(f"{base}/api/events", params={"limit": 200}, timeout=60).json()["items"]
    return [item["event_id"] for item in items]


def run_one(kind: str, args: argparse.Namespace, folder: Path) -> bool:
    url, cleanup = prepare(kind, args.events, folder)
    server, base = start_server(url, cache=not args.no_cache, workers=args.workers)
    try:
        ids = event_ids_of(base)
        median = asyncio.run(single_client_median(base, ids))
        latencies, errors = asyncio.run(load(base, ids, args.clients, args.seconds, args.think))
    finally:
        server.terminate()
        server.wait(30)
        cleanup()
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(len(latencies) * 0.95)]
    ratio = p95 / median
    ok = not errors and ratio <= 20
    throughput = len(latencies) / args.seconds
    # Little's law: clients = throughput x (latency + think), so this is the mean latency.
    queue_floor = max(0.0, args.clients / throughput - args.think) if throughput else float("inf")
    print(f"{kind:<11}{len(latencies):>9}{len(errors):>8}{throughput:>9.1f}{median * 1000:>11.2f}"
          f"{p50 * 1000:>9.1f}{p95 * 1000:>9.1f}{ratio:>8.1f}{queue_floor / median:>9.1f}  {'ok' if ok else 'MISSED'}")
    for error in sorted(set(errors))[:5]:
        print(f"    e.g. {error}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause of a client between requests in seconds (default 0: back to back)")
    parser.add_argument("--no-cache", action="store_true", help="serve without the answer cache (the uncached path)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (`eventatlas serve --workers N`)")
    args = parser.parse_args()
    load_average = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"{args.clients} clients for {args.seconds:g} s on {args.events:,} events; "
          f"{os.cpu_count()} CPUs, load average {load_average}")
    print(f"{'database':<11}{'requests':>9}{'errors':>8}{'req/s':>9}{'1-client':>11}{'p50':>9}{'p95':>9}"
          f"{'p95/1':>8}{'mean/1':>9}  target: 0 errors, p95/1 <= 20")
    print(f"{'':<11}{'':>9}{'':>8}{'':>9}{'median ms':>11}{'ms':>9}{'ms':>9}{'':>8}{'(Little)':>9}")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.databases.split(","):
            results.append(run_one(kind.strip(), args, Path(folder)))
    print(f"load average after: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
