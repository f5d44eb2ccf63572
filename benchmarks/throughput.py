"""Ingest throughput: bare spaCy ``nlp.pipe`` versus the full ingest into SQLite, on the same
documents, in one process, then both with N processes.

    python benchmarks/throughput.py ../shared/eval/geo/lgl.xml ../shared/eval/geo/gwn.xml --workers 2
    python benchmarks/throughput.py ~/news/ --limit 300

CORPUS is a folder or file that ``eventatlas ingest`` reads, or an LGL/GeoWebNews XML file
(each ``<article>``'s ``<text>`` becomes one document). Prints documents/s for each, their ratio,
CPU time per document (a fairer figure on a busy machine, where wall time depends on what
else runs), and the peak resident memory of a worker. Targets ("Fast and lean", 2-core
machine): the full ingest with N workers >= 2x bare spaCy ``nlp.pipe`` in N processes on the same
texts (the relevance gate skips the parse of documents that cannot hold an event); <= 600 MB
per ingest worker (proportional set size: workers forked with the models loaded share their pages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sqlite3
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

SPEED_TARGET = 2.0  # full ingest / bare spaCy, both with --workers processes
WORKER_MEMORY_TARGET_MB = 600


def met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def all_cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (workers are joined
    before ``ingest`` and ``nlp.pipe`` return)."""
    return cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN)


def reap_children() -> None:
    """Wait for this process's ended children, so that their CPU time is counted."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.join(timeout=10)


def articles_from_xml(path: Path) -> list[dict]:
    records = []
    for article in ET.parse(path).getroot().iter("article"):
        text = (article.findtext("text") or "").strip()
        if text:
            url = article.findtext("url") or article.findtext("link")
            records.append({"text": text, "title": article.findtext("title"), "url": url})
    return records


def load_corpus(sources: list[str], limit: int | None) -> list[dict]:
    """Documents as JSONL records; non-XML sources go through the ingest's own readers."""
    from eventatlas.ingest.read import RawInput
    from eventatlas.ingest.sources import SourceReader

    records: list[dict] = []
    others = []
    for source in sources:
        if (
            source.endswith(".xml")
            and Path(source).is_file()
            and b"<articles" in Path(source).read_bytes()[:4096]
        ):
            records.extend(articles_from_xml(Path(source)))
        else:
            others.append(source)
    for item in SourceReader().iter_items(others):
        if isinstance(item, RawInput):
            key = "html" if item.is_html else "text"
            records.append(
                {key: item.content, "title": item.title, "url": item.url, "published": item.published}
            )
    return records[:limit] if limit else records


def steady_rate(db_path: Path) -> tuple[int, float]:
    """Documents and documents/s between the first and the last stored document: the rate once
    the workers have loaded their models."""
    with sqlite3.connect(db_path) as connection:
        stamps = [
            dt.datetime.fromisoformat(row[0])
            for row in connection.execute("SELECT ingested_at FROM documents ORDER BY ingested_at")
        ]
    if len(stamps) < 2:
        return len(stamps), float("nan")
    return len(stamps), (len(stamps) - 1) / max((stamps[-1] - stamps[0]).total_seconds(), 1e-9)


class ChildMemory:
    """Samples the memory of this process's children (the workers) twice a second: resident
    (RSS), proportional (PSS: each shared page divided among the processes sharing it) and
    private. Workers forked from a process that loaded the models share those pages with it:
    their RSS counts the shared pages in full, their PSS a share, so the PSS of all processes
    adds up to the memory they use together. (``ru_maxrss`` of children would count the parent's
    pages a child holds between fork and exec.)"""

    FIELDS = {"Rss:": "rss", "Pss:": "pss", "Private_Clean:": "private", "Private_Dirty:": "private"}

    def __init__(self):
        import os
        import threading

        self.peak: dict[int, dict[str, int]] = {}
        self._stop = threading.Event()
        self._parent = os.getpid()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "ChildMemory":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != self._parent:
                        continue
                    usage = self._usage(stat.parent / "smaps_rollup")
                except (OSError, IndexError, ValueError):
                    continue
                peak = self.peak.setdefault(int(stat.parent.name), {})
                for key, value in usage.items():
                    peak[key] = max(peak.get(key, 0), value)

    def _usage(self, rollup: Path) -> dict[str, int]:
        """Bytes by kind, from /proc/PID/smaps_rollup (values in kB)."""
        usage = {"rss": 0, "pss": 0, "private": 0}
        for line in rollup.read_text().splitlines():
            name, _, rest = line.partition(" ")
            if name in self.FIELDS:
                usage[self.FIELDS[name]] += int(rest.split()[0]) * 1024
        return usage

    def workers(self, count: int) -> list[dict[str, int]]:
        """The peaks of the ``count`` largest children (the workers)."""
        return sorted(self.peak.values(), key=lambda peak: peak.get("rss", 0), reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from eventatlas.events.embeddings import encoder_available, prepare_encoder
    from eventatlas.ingest.run import ingest
    from eventatlas.models import Document
    from eventatlas.pipeline import Pipeline

    records = load_corpus(args.corpus, args.limit)
    if not records:
        sys.exit("no documents found in " + " ".join(args.corpus))
    work = Path(tempfile.mkdtemp(prefix="eventatlas-bench-"))
    corpus = work / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    texts = [r.get("text") or r.get("html") for r in records]
    print(f"{len(records)} documents, {sum(map(len, texts)) / len(texts):.0f} characters on average")

    # Load everything once, outside the timings (a worker does this once per process too), through
    # the calls the ingest makes (``load_model(None)``, not ``load_model()``: separate cache entries)
    pipeline = Pipeline(None)
    nlp = pipeline.nlp
    pipeline.process(Document(text="Protesters gathered in the capital on Monday."))
    if encoder_available():
        prepare_encoder()  # built once per machine: the workers should not time that

    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare_wall, bare_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    bare_rate = len(texts) / bare_wall
    print(
        f"bare spaCy nlp.pipe:          {bare_rate:7.1f} docs/s   {1000 * bare_cpu / len(texts):6.1f} ms CPU/doc"
    )

    db1 = work / "one.db"
    started, cpu = time.perf_counter(), cpu_seconds()
    one = ingest([str(corpus)], db=str(db1), workers=1, batch_size=args.batch_size)
    one_wall, one_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    one_rate = one.total / one_wall
    print(
        f"full ingest, 1 process:       {one_rate:7.1f} docs/s   {1000 * one_cpu / max(one.total, 1):6.1f} ms CPU/doc   "
        f"({one.added} added, {one.failed} failed, {one.events} events)"
    )
    print(
        f"  ratio to bare spaCy:        {one_rate / bare_rate:7.2f} (wall)   {bare_cpu / max(one_cpu, 1e-9) * one.total / len(texts):.2f} (CPU)"
    )

    if args.workers > 1:
        # spaCy's own multiprocessing: the bare parse with as many processes as ingest workers
        started, cpu = time.perf_counter(), all_cpu_seconds()
        for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.workers):
            pass
        bare_many_rate = len(texts) / (time.perf_counter() - started)
        reap_children()  # spaCy terminates its processes without waiting for them
        bare_many_cpu = all_cpu_seconds() - cpu
        print(f"bare spaCy nlp.pipe, {args.workers} processes: {bare_many_rate:7.1f} docs/s including process start-up   "
              f"{1000 * bare_many_cpu / len(texts):6.1f} ms CPU/doc (all processes)")
        dbn = work / "many.db"
        started, cpu = time.perf_counter(), all_cpu_seconds()
        with ChildMemory() as memory:
            many = ingest([str(corpus)], db=str(dbn), workers=args.workers, batch_size=args.batch_size)
        many_wall, many_cpu = time.perf_counter() - started, all_cpu_seconds() - cpu
        stored, steady = steady_rate(dbn)
        many_rate = many.total / many_wall
        print(
            f"full ingest, {args.workers} workers:      {many_rate:7.1f} docs/s including worker start-up, "
            f"{steady:.1f} docs/s once started   {1000 * many_cpu / max(many.total, 1):6.1f} ms CPU/doc (all processes)"
        )
        ratio = many_rate / bare_many_rate
        print(f"  ratio to bare spaCy, {args.workers} processes each: {ratio:5.2f}x   target >= {SPEED_TARGET:.0f}x   "
              f"{met(ratio >= SPEED_TARGET)}")
        # On a shared machine wall time depends on what else runs; CPU per document does not.
        cpu_ratio = bare_many_cpu / max(many_cpu, 1e-9) * many.total / len(texts)
        print(f"  the same in CPU per document:  {cpu_ratio:5.2f}x")
        workers = memory.workers(args.workers)
        largest = max((peak["pss"] for peak in workers), default=0) / 2**20
        shown = lambda kind: " ".join(f"{peak[kind] / 2**20:.0f}" for peak in workers)  # noqa: E731
        print(f"  peak memory per worker:     PSS {shown('pss')} MB   target <= {WORKER_MEMORY_TARGET_MB} MB   "
              f"{met(largest <= WORKER_MEMORY_TARGET_MB)}")
        print(f"    (RSS {shown('rss')} MB, private {shown('private')} MB: the rest is shared with this process)")
    print(
        f"  peak RSS of this process:   {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:7.0f} MB (spaCy, pipeline, benchmark data)"
    )
    print(f"(databases and corpus left in {work})")


if __name__ == "__main__":
    main()
