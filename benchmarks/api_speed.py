"""API and dashboard speed on a large synthetic SQLite database.

    .venv/bin/python benchmarks/api_speed.py                 # 1,000,000 events (target size)
    .venv/bin/python benchmarks/api_speed.py --events 2000   # quick check

Creates the events (bulk insert, indexes built afterwards, then ANALYZE), serves the API with
uvicorn on a free port, times ``GET /api/events`` with each single filter (p50/p95 over
repeated calls, rotating filter values, real HTTP), then the dashboard's first view in headless
Chromium (navigation until the table, map and timeline are drawn). Prints a table. The server
runs without its answer cache (``api.cache``), so every call runs its queries: a cold server.
Targets (issue 7): p95 < 100 ms per single filter at 1M events; first view < 2 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from eventatlas.api.synthetic import seed_database
from eventatlas.store.db import ensure_indexes, get_engine, init_db
from eventatlas.store.schema import Base

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_database(path: Path, n_events: int) -> float:
    """A fresh SQLite file with ``n_events`` synthetic events; returns seconds taken."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    engine = get_engine(f"sqlite:///{path}")
    init_db(engine)
    # Bulk load without secondary indexes, then build them once: much faster than updating
    # two dozen B-trees per row.
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                index.drop(connection)
        connection.execute(text("PRAGMA synchronous=OFF"))
    seed_database(engine, n_events, seed=1, batch=20_000)
    ensure_indexes(engine)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


def pick_values(client: httpx.Client) -> dict[str, list[dict[str, Any]]]:
    """Filter values that exist in the data (common and rare ones), per filter."""
    def top(by: str, n: int) -> list[Any]:
        return [item["key"] for item in client.get("/api/aggregates", params={"by": by, "limit": n}).json()["items"]]

    countries = top("country", 40)
    types = top("event_type", 10)
    sub_types = top("sub_event_type", 20)
    actors = top("actor", 20)
    recent = client.get("/api/events", params={"limit": 200, "count": "false"}).json()["items"]
    admin1 = [row["admin1"] for row in recent]
    places = list(dict.fromkeys(row["location"] for row in recent if row["location"] and " " not in row["location"]))
    last = client.get("/api/config").json()["last_date"] or "2025-12-31"
    year = int(last[:4])
    return {
        "(none)": [{}],
        "date range (1 month)": [{"start_date": f"{year - k}-0{m}-01", "end_date": f"{year - k}-0{m}-28"}
                                 for k in range(3) for m in (2, 5, 8)],
        "bbox": [{"bbox": b} for b in ("-10,35,30,60", "60,5,100,40", "-80,-35,-35,5", "100,-45,155,-10")],
        "country": [{"country": c} for c in countries[:5] + countries[-5:]],
        "admin1": [{"admin1": a} for a in list(dict.fromkeys(admin1))[:10]],
        "event_type": [{"event_type": t} for t in types],
        "sub_event_type": [{"sub_event_type": t} for t in sub_types],
        "actor": [{"actor": a} for a in actors] + [{"actor": "Students"}, {"actor": "Farmers"}],
        "certainty": [{"certainty": c} for c in ("reported", "confirmed", "claimed", "unconfirmed", "denied")],
        "geo_precision": [{"geo_precision": p} for p in (1, 2, 3)],
        "time_precision": [{"time_precision": p} for p in (1, 2, 3)],
        # Words in a fifth of all articles (the synthetic texts repeat a few templates) and
        # words in a few hundred (place names), reported apart: they take different plans.
        "q (very common words)": [{"q": w} for w in ("air strike", "tear gas", "roadside bomb", "rights group", "villagers")],
        "q (rarer words)": [{"q": place} for place in places[:10]],
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def time_filters(client: httpx.Client, repeat: int) -> list[tuple[str, float, float, float, Any]]:
    rows = []
    for name, variants in pick_values(client).items():
        timings = []
        returned = 0
        client.get("/api/events", params=variants[0])  # warm the statement cache
        for i in range(repeat):
            params = variants[i % len(variants)]
            started = time.perf_counter()
            response = client.get("/api/events", params=params)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            total = response.json()["total"]
            returned = "n/a" if total is None else max(returned if isinstance(returned, int) else 0, total)
        rows.append((name, statistics.median(timings), percentile(timings, 0.95), max(timings), returned))
    return rows


def time_first_view(url: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
            timings.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventatlas-bench.db"))
    parser.add_argument("--reuse", action="store_true", help="reuse --db if it exists (skip creation)")
    parser.add_argument("--repeat", type=int, default=40, help="calls per filter")
    parser.add_argument("--browser-runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    if args.reuse and args.db.exists():
        print(f"reusing {args.db}")
    else:
        seconds = build_database(args.db, args.events)
        print(f"created {args.events:,} events in {args.db} in {seconds:.0f} s "
              f"({args.db.stat().st_size / 1e6:.0f} MB)")

    import uvicorn

    from eventatlas.api.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Without the answer cache: this measures the queries (a repeated filter would be a cache hit).
    app = create_app(f"sqlite:///{args.db}", create_tables=False, api_token="", cache_answers=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            rows = time_filters(client, args.repeat)
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(f"\nGET /api/events (limit 50, total capped at 10,000), {args.repeat} calls per filter; "
              f"{os.cpu_count()} CPUs, load average {load}")
        print(f"{'filter':<24}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'total':>9}  target p95 < 100 ms")
        for name, p50, p95, worst, total in rows:
            verdict = "ok" if p95 < 100 else "SLOW"
            print(f"{name:<24}{p50:>9.1f}{p95:>9.1f}{worst:>9.1f}{total:>9}  {verdict}")
        if not args.no_browser:
            if not os.path.exists(CHROMIUM):
                print(f"\n{CHROMIUM} absent: dashboard first view not timed")
            else:
                from eventatlas.web import bundle_built

                if not bundle_built():
                    print("\ndashboard bundle not built (cd frontend && npm ci && npm run build): not timed")
                else:
                    timings = time_first_view(url + "/", args.browser_runs)
                    verdict = "ok" if max(timings) < 2 else "SLOW"
                    print(f"\nDashboard first view (headless Chromium, {len(timings)} runs): "
                          + ", ".join(f"{t:.2f} s" for t in timings) + f"  target < 2 s: {verdict}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
