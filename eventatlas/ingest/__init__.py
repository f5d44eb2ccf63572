"""The ingest stage: sources in (files, folders, JSONL, WARC, feeds, URL lists, URLs, stdin),
documents and events out, stored in the database.

    read.py        one file or stdin -> RawInput (refuses binary, empty, undecodable input)
    sources.py     what the user names -> a stream of RawInputs and Failures
    fetch.py       HTTP(S) with timeouts, a size cap, retries, no private addresses
    process.py     per-document work, the same for every engine: clean, dedupe, extract, store
    run.py         ``ingest(...)``: runs, engines (local processes, Ray), summaries
    workers.py     the local engine's worker processes (forked with the models loaded, on Linux)
    ray_engine.py  the Ray Data engine (``ray`` extra)
    progress.py    progress bar, summary table, error log
    cli.py         ``eventatlas ingest`` and ``eventatlas db ...``
"""

from typing import Any

__all__ = ["ingest", "IngestSummary"]


def __getattr__(name: str) -> Any:
    # Lazy: ``clean`` imports ``ingest.read``, which must not pull in the whole ingest machinery.
    if name in __all__:
        from eventatlas.ingest import run

        return getattr(run, name)
    raise AttributeError(f"module 'eventatlas.ingest' has no attribute {name!r}")
