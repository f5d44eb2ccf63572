"""What incident linking adds to ingest: ingests a corpus in one process into a fresh SQLite
database and prints the CPU time spent linking (``link_result``, which runs inside the
transaction that stores each document) beside the CPU time of the whole ingest.

    python benchmarks/link_share.py ../shared/eval/dedup/gvc_dev.jsonl --limit 300
    python benchmarks/link_share.py ../shared/eval/e2e/wikinews

CORPUS is a folder of ``.txt`` articles, a JSONL file of ``{"id", "text", "published"}``
records (the format of ``eval dedup``), or an LGL/GeoWebNews XML file (each ``<article>``'s
``<text>`` becomes one document). Target ("One incident, many reports"): linking adds <= 10 %
to ingest time. Conflict news (the GVC shootings) is the hard case: nearly every document
holds a report to link, where ordinary news mostly holds none.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SHARE_TARGET = 0.10


def corpus_records(paths: list[str], limit: int) -> list[dict]:
    """The documents of the corpus files, as ingest's JSONL records."""
    records: list[dict] = []
    for path in paths:
        if Path(path).is_dir():
            records += [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(Path(path).glob("*.txt"))]
        elif path.endswith(".xml"):
            texts = [a.findtext("text") or "" for a in ET.parse(path).getroot().iter("article")]
            records += [{"id": f"{Path(path).stem}-{i}", "text": t} for i, t in enumerate(texts)]
        else:
            with open(path, encoding="utf-8") as lines:
                records += [json.loads(line) for line in lines if line.strip()]
    records = records[:limit] if limit else records
    return [{"id": r["id"], "text": r["text"], "published": r.get("published")} for r in records]


class TimedLinking:
    """Wraps ``link_result`` (looked up by ``store.write`` at call time) to add up its CPU time."""

    def __init__(self) -> None:
        import eventatlas.incidents.store as incident_store

        self.module, self.original, self.cpu, self.calls = incident_store, incident_store.link_result, 0.0, 0

    def __enter__(self) -> "TimedLinking":
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.cpu += time.process_time() - started
                self.calls += 1

        self.module.link_result = timed
        return self

    def __exit__(self, *exc) -> None:
        self.module.link_result = self.original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="documents to ingest (0: all)")
    args = parser.parse_args()
    from eventatlas import ingest
    from eventatlas.pipeline import default_pipeline

    records = corpus_records(args.corpus, args.limit)
    default_pipeline()  # models load before the clock starts: the question is the cost per document
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "corpus.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with TimedLinking() as linking:
            started = time.process_time()
            summary = ingest(str(source), db=f"sqlite:///{directory}/link_share.db", workers=1)
            total = time.process_time() - started
    share = linking.cpu / total if total else 0.0
    print(f"{len(records)} documents, {summary.events} events: ingest {total:.1f} s CPU, "
          f"linking {linking.cpu:.2f} s CPU in {linking.calls} documents")
    verdict = "met" if share <= SHARE_TARGET else "NOT MET"
    print(f"linking adds {share:.1%} to ingest time (target <= {SHARE_TARGET:.0%}): {verdict}")


if __name__ == "__main__":
    main()
