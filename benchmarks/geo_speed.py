"""Geo stage speed: toponym resolution rate per CPU second once the index is built, index load
time and the memory the opened index takes.

    python benchmarks/geo_speed.py [--corpus ../shared/eval/geo/lgl.xml] [--repeat 3]

Resolution is timed on the gold toponym spans of an evaluation corpus when one is available
(document context included, as in real use), else on a built-in list of names.
Targets: >= 5,000 toponyms per CPU second (CPU time, so that a busy machine does not change the
figure much; wall time is printed too); the opened index <= 300 MB of resident memory.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eventatlas.geo.gazetteer import Gazetteer, default_path
from eventatlas.geo.geoparse import resolve_spans
from eventatlas.models import Document

FALLBACK_TEXT = (
    "Protesters rallied in Kabul and Herat. Clashes were reported in Aleppo, Syria, and near Mosul. "
    "Police in Springfield, Ill., and Paris, Texas, said. Shelling hit Kharkiv and Donetsk. "
    "Flooding in Lagos and Abuja. Troops moved to Goma from Kinshasa. Strikes near Sanaa and Aden."
)


RATE_TARGET = 5_000  # toponyms per CPU second
MEMORY_TARGET_MB = 300


def met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=os.environ.get("EVENTATLAS_SHARED", str(REPO.parent / "shared")) + "/eval/geo/lgl.xml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    path = default_path()
    if not path.exists():
        started = time.perf_counter()
        from eventatlas.geo.gazetteer import build

        build(path, show_progress=False)
        print(f"index built in {time.perf_counter() - started:.1f} s")
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    gazetteer = Gazetteer.default(path)
    load_s = time.perf_counter() - started
    gc.collect()
    print(f"index load: {load_s:.2f} s; {len(gazetteer):,} places, {len(gazetteer.by_key):,} name keys")
    grown = rss_mb() - before
    print(f"memory of the opened index: process RSS grew {grown:.0f} MB "
          f"(peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)   target <= {MEMORY_TARGET_MB} MB   "
          f"{met(grown <= MEMORY_TARGET_MB)}")

    documents: list[tuple[Document, list[tuple[int, int]]]] = []
    corpus = Path(args.corpus)
    if corpus.is_file():
        from eventatlas.eval.geoparse import read_corpus

        for gold in read_corpus(corpus).documents:
            spans = [(t.start, t.end) for t in gold.toponyms if t.resolvable]
            if spans:
                documents.append((Document(text=gold.text, url=gold.url, source=gold.source), spans))
        label = corpus.name
    else:
        import re

        spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][a-z]+", FALLBACK_TEXT)]
        documents = [(Document(text=FALLBACK_TEXT), spans)] * 200
        label = "built-in sample"
    total = sum(len(s) for _, s in documents)
    resolve_spans(*documents[0], gazetteer)  # warm caches of the first document only
    best_cpu = best_wall = None
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        for document, spans in documents:
            resolve_spans(document, spans, gazetteer)
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        best_wall = wall if best_wall is None else min(best_wall, wall)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    rate = total / best_cpu
    print(f"resolution: {total:,} toponyms in {best_cpu:.2f} CPU s = {rate:,.0f} toponyms per CPU second "
          f"({total / best_wall:,.0f}/s wall; {label})   target >= {RATE_TARGET:,}   {met(rate >= RATE_TARGET)}")


if __name__ == "__main__":
    main()
