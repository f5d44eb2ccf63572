"""The API under many concurrent clients, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/api_load.py                          # 200 clients, 60 s, both databases
    .venv/bin/python benchmarks/api_load.py --seconds 10 --clients 50 --databases sqlite   # a brief look

Builds 5,000 synthetic events, serves the API with uvicorn in its own process (so the load
generator does not share its interpreter), measures the single-client median latency (requests
one after another), then runs ``--clients`` clients that each send requests back to back for
``--seconds`` (the event list with rotating filters and pages, the map's GeoJSON, the timeline's
counts, one event). Prints requests, errors, throughput and latency percentiles.
Target (issue 15): 0 errors; p95 <= 20x the single-client median.
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

import httpx

from eventatlas.api.synthetic import seed_database
from eventatlas.store.db import get_engine, init_db

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
SERVER = (
    # As `eventatlas serve` runs it (keep-alive 30 s).
    "import sys, uvicorn; from eventatlas.api.app import create_app; "
    "uvicorn.run(create_app(sys.argv[1], api_token='', create_tables=False), host='127.0.0.1', "
    "port=int(sys.argv[2]), log_level='warning', timeout_keep_alive=30)"
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


def start_server(db_url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVER, db_url, str(port)])
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


async def single_client_median(base: str, event_ids: list[str], count: int = 60) -> float:
    rng = random.Random(1)
    times = []
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for _ in range(count):
            path, params = requests_to_send(rng, event_ids)
            started = time.perf_counter()
            (await client.get(path, params=params)).raise_for_status()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


async def load(base: str, event_ids: list[str], clients: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:

        async def client(number: int) -> None:
            rng = random.Random(number)
            while time.monotonic() < stop:
                path, params = requests_to_send(rng, event_ids)
                started = time.perf_counter()
                try:
                    response = await http.get(path, params=params)
                    if response.status_code != 200:
                        errors.append(f"HTTP {response.status_code} {path}")
                except httpx.HTTPError as error:
                    errors.append(f"{type(error).__name__} {path}")
                latencies.append(time.perf_counter() - started)

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
    server, base = start_server(url)
    try:
        ids = event_ids_of(base)
        median = asyncio.run(single_client_median(base, ids))
        latencies, errors = asyncio.run(load(base, ids, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(30)
        cleanup()
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(len(latencies) * 0.95)]
    ratio = p95 / median
    ok = not errors and ratio <= 20
    print(f"{kind:<11}{len(latencies):>9}{len(errors):>8}{len(latencies) / args.seconds:>9.1f}"
          f"{median * 1000:>11.1f}{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}{ratio:>8.1f}  {'ok' if ok else 'MISSED'}")
    for error in sorted(set(errors))[:5]:
        print(f"    e.g. {error}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    load_average = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"{args.clients} clients for {args.seconds:g} s on {args.events:,} events; "
          f"{os.cpu_count()} CPUs, load average {load_average}")
    print(f"{'database':<11}{'requests':>9}{'errors':>8}{'req/s':>9}{'1-client':>11}{'p50':>9}{'p95':>9}"
          f"{'p95/1':>8}  target: 0 errors, p95/1 <= 20")
    print(f"{'':<11}{'':>9}{'':>8}{'':>9}{'median ms':>11}{'ms':>9}{'ms':>9}")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.databases.split(","):
            results.append(run_one(kind.strip(), args, Path(folder)))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
