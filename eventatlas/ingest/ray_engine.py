"""``--engine ray``: the same per-document work (``ingest.process.DocumentProcessor``) on Ray Data,
for inputs too many for one machine. Needs the ``ray`` extra (``pip install eventatlas[ray]``).

Files (local paths, or any URI pyarrow can read, e.g. ``s3://bucket/shards/``) are read by Ray
itself (``read_binary_files``), each file is split into articles on the workers
(``sources.iter_bytes``), and a pool of actors, each loading the models once, extracts and
writes to the configured database (which every worker must reach: PostgreSQL for a cluster;
an SQLite file only works when all workers share this machine). URLs and standard input are
read here, on the driver, and handed to the same pool.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from eventatlas import extras
from eventatlas.errors import EventAtlasError
from eventatlas.ingest.fetch import Fetcher
from eventatlas.ingest.process import DocumentProcessor, Outcome, single_threaded_math
from eventatlas.ingest.read import RawInput
from eventatlas.ingest.sources import FOLDER_SUFFIXES, Failure, Item, SourceReader, expand_paths, iter_bytes
from eventatlas.ingest.urls import is_url

log = logging.getLogger("eventatlas.ingest")


def _row(item: Item) -> dict[str, Any]:
    # Arrow needs one type per column: empty strings, not None, travel between workers.
    if isinstance(item, Failure):
        return {
            "name": item.name,
            "content": "",
            "is_html": False,
            "url": "",
            "title": "",
            "published": "",
            "path": "",
            "error": item.reason,
        }
    return {
        "name": item.name,
        "content": item.content,
        "is_html": bool(item.is_html),
        "url": item.url or "",
        "title": item.title or "",
        "published": item.published or "",
        "path": item.path or "",  # what failures name
        "error": "",
    }


def _item(row: dict[str, Any]) -> Item:
    if row["error"]:
        return Failure(str(row["name"]), str(row["error"]))
    return RawInput(
        name=str(row["name"]),
        content=str(row["content"]),
        is_html=bool(row["is_html"]),
        url=row["url"] or None,
        title=row["title"] or None,
        published=row["published"] or None,
        path=row.get("path") or None,
    )


def _split_file(row: dict[str, Any], allow_private: bool = False) -> list[dict[str, Any]]:
    """One file's bytes -> its articles (runs on Ray workers; URL lists and feed files fetch
    their pages there)."""
    with Fetcher(allow_private=allow_private) as fetcher:
        return [
            _row(item) for item in iter_bytes(str(row["path"]), bytes(row["bytes"]), SourceReader(fetcher))
        ]


class _Ingestor:
    """A Ray actor: one DocumentProcessor (one spaCy pipeline, one engine) for its lifetime."""

    def __init__(self, db: str, run_id: int | None, published: str | None, model: str | None):
        single_threaded_math()  # Ray gives each actor one CPU
        self.processor = DocumentProcessor(db, run_id=run_id, published=published, model=model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        rows = [dict(zip(batch, values, strict=True)) for values in zip(*batch.values(), strict=True)]
        outcomes = self.processor.process_batch([_item(row) for row in rows])
        return {
            "name": [o.name for o in outcomes],
            "status": [o.status for o in outcomes],
            "events": [o.events for o in outcomes],
            "reason": [o.reason or "" for o in outcomes],
        }


def _is_remote_uri(source: str) -> bool:
    return "://" in source and not is_url(source)


def run_on_ray(
    sources: list[str],
    reader: SourceReader,
    db_url: str,
    *,
    run_id: int | None = None,
    workers: int = 2,
    address: str | None = None,
    published: str | None = None,
    model: str | None = None,
    batch_size: int = 16,
    limit: int | None = None,
) -> Iterator[Outcome]:
    extras.require("--engine ray", "ray")
    import ray
    import ray.data

    if address and db_url.startswith("sqlite"):
        log.warning(
            "an SQLite file works only when every Ray worker runs on this machine; use --db postgresql://..."
        )
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(
            address=address,
            num_cpus=None if address else workers,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        files: list[str] = []
        remote: list[str] = []
        others: list[str] = []
        for source in sources:
            if _is_remote_uri(source):
                remote.append(source)
                continue
            paths = None if source == "-" or is_url(source) else expand_paths(source)
            if paths:
                files.extend(str(p.resolve()) for p in paths)
            else:
                others.append(source)  # URLs, stdin, and missing paths (reported by the reader)
        # Reading and splitting files is I/O, and takes no CPU slot: with one actor per CPU
        # holding every slot, a read task that needed one would wait forever.
        parts = []
        if files:  # already expanded and filtered like the local engine does
            parts.append(
                ray.data.read_binary_files(files, include_paths=True, num_cpus=0).flat_map(
                    _split_file, fn_kwargs={"allow_private": reader.allow_private}, num_cpus=0
                )
            )
        if remote:  # folders in object storage: Ray lists them; keep the suffixes a folder is searched for
            extensions = sorted({suffix.rsplit(".", 1)[-1] for suffix in FOLDER_SUFFIXES})
            parts.append(
                ray.data.read_binary_files(
                    remote, include_paths=True, file_extensions=extensions, num_cpus=0
                ).flat_map(_split_file, fn_kwargs={"allow_private": reader.allow_private}, num_cpus=0)
            )
        if others:
            parts.append(ray.data.from_items([_row(item) for item in reader.iter_items(others)]))
        if not parts:
            return
        dataset = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        if limit is not None:
            dataset = dataset.limit(limit)
        outcomes = dataset.map_batches(
            _Ingestor,
            batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=workers),
            fn_constructor_kwargs={"db": db_url, "run_id": run_id, "published": published, "model": model},
        )
        try:
            for row in outcomes.iter_rows():
                yield Outcome(
                    str(row["name"]), str(row["status"]), int(row["events"]), str(row["reason"]) or None
                )
        except ray.exceptions.RayError as error:
            # e.g. an actor that cannot load the models: one line, not a remote traceback
            lines = [line for line in str(error).splitlines() if line.strip()]
            cause = next((line for line in reversed(lines) if "Error" in line), lines[-1] if lines else "")
            raise EventAtlasError(f"the Ray ingest failed: {cause.strip()[:500]}") from None
    finally:
        if started_here:
            ray.shutdown()
