"""Incident linking speed: links synthetic reports into incidents, one at a time as ingest does,
and prints reports/s per slice, so a flat rate shows that the cost of a report does not grow
with the number of incidents already stored.

    python benchmarks/link_speed.py [--reports 1000000] [--countries 100] [--days 1826] [--seed 7]
                                    [--store memory|sqlite] [--batch 500]

The synthetic news: incidents spread over countries and days, each told by 1 to 4 reports
published over the next days, with a place jittered by a few km, a date sometimes read a day
off, and evidence drawn from a shared word pool plus the incident's own names. Reports arrive
in publication order. Target: >= 5,000 reports/s (in-memory index, one core). The last
column, incidents compared per report, is the work per report: flat as the store grows.

``--store sqlite`` links into the incident tables of a fresh SQLite file (``SqlIndex``, what
ingest uses), committing every ``--batch`` reports.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eventatlas.incidents import IncidentLinker, MemoryIndex, Report  # noqa: E402

TYPES = [
    ("Violence against civilians", "Attack"),
    ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
]
COMMON = ("police said killed wounded attack gunmen residents city officials report night "
          "village security forces clash protest crowd men women people district town market").split()
START = date(2020, 1, 1).toordinal()


def incident_reports(number: int, rng: random.Random, countries: int, day: int) -> list[tuple[int, Report]]:
    """The 1-4 reports of one synthetic incident, each with its publication day."""
    country = f"C{rng.randrange(countries):03d}"
    lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 140)
    event_type, sub_type = rng.choice(TYPES)
    names = [f"name{number}x{i}" for i in range(3)]
    deaths = rng.choice([0, 0, 1, 2, 3, 5, 10])
    out = []
    for index in range(rng.choice((1, 2, 2, 3, 4))):
        published = day + rng.choice((0, 1, 1, 2, 3))
        words = rng.sample(COMMON, 8) + rng.sample(names, 2)
        out.append((published, Report(
            report_id=f"r{number}-{index}",
            document_id=f"d{number}-{index}",
            event_type=event_type,
            sub_event_type=sub_type,
            event_date=date.fromordinal(day + rng.choice((0, 0, 0, -1))).isoformat(),
            time_precision=1,
            country_code=country,
            latitude=lat + rng.uniform(-0.02, 0.02),
            longitude=lon + rng.uniform(-0.02, 0.02),
            geo_precision=rng.choice((1, 1, 2)),
            fatalities=deaths,
            evidence=" ".join(words),
            url=f"https://outlet{rng.randrange(500)}.example/{number}/{index}",
            published=date.fromordinal(published).isoformat(),
        )))
    return out


def report_stream(total: int, countries: int, days: int, seed: int) -> Iterator[Report]:
    """Reports in publication order: incidents are drawn day by day, their reports queued."""
    rng = random.Random(seed)
    per_day = total / days / 2.2  # about 2.2 reports per incident
    queue: list[tuple[int, int, Report]] = []
    made = number = 0
    for day in range(START, START + days + 10):
        while number < per_day * (day - START + 1) and made < total:
            for published, report in incident_reports(number, rng, countries, day):
                heapq.heappush(queue, (published, made, report))
                made += 1
            number += 1
        while queue and queue[0][0] <= day:
            yield heapq.heappop(queue)[2]


class Counting:
    """Counts the incidents each lookup returns: the work per report."""

    candidates = 0

    def incidents_at(self, keys):
        found = super().incidents_at(keys)
        self.candidates += len(found)
        return found


class CountingIndex(Counting, MemoryIndex):
    """The in-memory index, counting its candidates."""


class SqliteLinker:
    """Links into a fresh SQLite database, one transaction per batch of reports (ingest commits
    once per document; a batch keeps the benchmark about linking, not about fsync)."""

    def __init__(self, batch: int):
        import tempfile

        from eventatlas.incidents.store import SqlIndex
        from eventatlas.store.db import get_engine, init_db

        class CountingSqlIndex(Counting, SqlIndex):
            pass

        self._index_class = CountingSqlIndex
        self.directory = tempfile.TemporaryDirectory()
        self.engine = get_engine(f"sqlite:///{self.directory.name}/link_speed.db")
        init_db(self.engine)
        self.batch, self.pending, self.candidates = batch, 0, 0
        self.connection = self.engine.connect()
        self._begin()

    def _begin(self) -> None:
        self.transaction = self.connection.begin()
        self.index = self._index_class(self.connection)
        self.linker = IncidentLinker(self.index)

    def link(self, report: Report) -> None:
        self.linker.link(report)
        self.pending += 1
        if self.pending >= self.batch:
            self.commit()

    def commit(self) -> None:
        self.transaction.commit()
        self.candidates += self.index.candidates
        self.pending = 0
        self._begin()

    def take_candidates(self) -> int:
        taken, self.candidates = self.candidates + self.index.candidates, 0
        self.index.candidates = 0
        return taken

    def incident_count(self) -> int:
        from sqlalchemy import func, select

        from eventatlas.store.schema import IncidentReportRow

        column = IncidentReportRow.incident_id
        return self.connection.execute(select(func.count(func.distinct(column)))).scalar()


class MemoryLinker:
    def __init__(self) -> None:
        self.index = CountingIndex()
        self.linker = IncidentLinker(self.index)

    def link(self, report: Report) -> None:
        self.linker.link(report)

    def commit(self) -> None:
        pass

    def take_candidates(self) -> int:
        taken, self.index.candidates = self.index.candidates, 0
        return taken

    def incident_count(self) -> int:
        return len(self.index.incident_ids())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--countries", type=int, default=100)
    parser.add_argument("--days", type=int, default=1826)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", choices=("memory", "sqlite"), default="memory")
    parser.add_argument("--batch", type=int, default=500, help="reports per transaction (sqlite)")
    args = parser.parse_args()
    linker = SqliteLinker(args.batch) if args.store == "sqlite" else MemoryLinker()
    slice_size = max(1, args.reports // 10)
    linked, wall, cpu, slice_wall, slice_cpu = 0, 0.0, 0.0, 0.0, 0.0
    # CPU seconds as well as wall seconds: on a shared machine the wall clock counts other
    # people's work too. Report generation is not timed.
    header = ("reports", "incidents", "reports/s (wall)", "reports/s (CPU)", "candidates/report")
    print(" ".join(f"{name:>{width}}" for name, width in zip(header, (10, 10, 17, 16, 18))))
    for report in report_stream(args.reports, args.countries, args.days, args.seed):
        tick, tock = time.perf_counter(), time.process_time()
        linker.link(report)
        slice_wall += time.perf_counter() - tick
        slice_cpu += time.process_time() - tock
        linked += 1
        if linked % slice_size == 0:
            tick, tock = time.perf_counter(), time.process_time()
            linker.commit()  # the slice's last transaction is part of its time
            slice_wall += time.perf_counter() - tick
            slice_cpu += time.process_time() - tock
            incidents = linker.incident_count()
            rates = f"{slice_size / slice_wall:>17,.0f} {slice_size / slice_cpu:>16,.0f}"
            work = linker.take_candidates() / slice_size
            print(f"{linked:>10,} {incidents:>10,} {rates} {work:>18.1f}", flush=True)
            wall, cpu, slice_wall, slice_cpu = wall + slice_wall, cpu + slice_cpu, 0.0, 0.0
            # The in-memory index lives on the Python heap, which a database-backed one does not:
            # keep the garbage collector from rescanning what is stored.
            gc.freeze()
    print(f"linked {linked:,} reports into {linker.incident_count():,} incidents ({args.store}): "
          f"{linked / max(wall, 1e-9):,.0f} reports/s wall, {linked / max(cpu, 1e-9):,.0f} reports/s CPU "
          "(target >= 5,000)")


if __name__ == "__main__":
    main()
