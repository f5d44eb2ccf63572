"""``eventatlas.ingest(...)``: read sources, extract events, store them; one run at a time.

Engines:

* ``local`` with ``workers=1``: everything in this process.
* ``local`` with ``workers=N``: this process reads the sources and hands batches to N worker
  processes (``concurrent.futures``; ``ingest.workers`` starts them: on Linux forked from this
  process once it has loaded the models), each of which writes its own documents
  (``store.write.save_result`` is safe with concurrent writers).
* ``ray``: the same per-document code on Ray Data (``ingest.ray_engine``; the ``ray`` extra).

Re-running is cheap and safe: documents already stored are recognised (content hash or
canonical URL) before the NLP runs and counted as skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from eventatlas.config import database_url
from eventatlas.errors import EventAtlasError
from eventatlas.ingest.fetch import Fetcher
from eventatlas.ingest.process import DocumentProcessor, Outcome, process_in_worker
from eventatlas.ingest.progress import IngestSummary, Reporter
from eventatlas.ingest.sources import Failure, Item, SourceReader
from eventatlas.ingest.workers import start_workers
from eventatlas.store.db import get_engine
from eventatlas.store.schema import DocumentRow, EventRow, IngestRun

__all__ = ["ingest", "IngestSummary"]

ENGINES = ("local", "ray")


def ingest(
    sources: str | Path | Sequence[str | Path],
    db: str | None = None,
    workers: int = 1,
    engine: str = "local",
    *,
    ray_address: str | None = None,
    published: str | None = None,
    errors: str | Path | None = None,
    allow_private: bool = False,
    limit: int | None = None,
    follow: float | None = None,
    batch_size: int = 16,
    progress: bool = False,
    model: str | None = None,
    fetcher: Fetcher | None = None,
) -> IngestSummary:
    """Ingest ``sources`` (paths, folders, globs, URLs, feed/URL-list files, ``-`` for stdin)
    into the database ``db`` (a URL or an SQLite file path; default ``EVENTATLAS_DB`` or
    ``sqlite:///eventatlas.db``) and return the counts.

    ``published`` sets the publication date of every document; ``errors`` appends one JSON line
    per failed input to that file; ``allow_private`` lets URLs reach private/loopback
    addresses; ``limit`` stops after that many inputs; ``follow`` (seconds) repeats the ingest
    at that interval until interrupted (Ctrl-C), for feeds."""
    sources = _checked_arguments(sources, engine, workers, published)
    db_url = database_url(str(db) if db is not None else None)
    store, run_id = _open_run(db_url, sources)
    summary = IngestSummary(run_id=run_id)
    started = time.monotonic()
    # before the progress display starts its thread: the workers may be forked
    pool = _local_workers(store, summary, workers, db_url, published, model) if engine == "local" else None
    reporter = Reporter(summary, show_progress=progress, errors_path=errors, started=started)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(allow_private=allow_private)
    status = "failed"
    try:
        while True:
            reader = SourceReader(fetcher, is_stored=lambda url: _url_stored(store, url))
            items = _limited(reader.iter_items(sources), limit)
            if engine == "ray":
                from eventatlas.ingest.ray_engine import run_on_ray

                outcomes = run_on_ray(
                    sources,
                    reader,
                    db_url,
                    run_id=run_id,
                    workers=workers,
                    address=ray_address,
                    published=published,
                    model=model,
                    batch_size=batch_size,
                    limit=limit,
                )
            elif workers == 1:
                outcomes = _run_here(items, db_url, run_id, published, model, batch_size)
            else:
                outcomes = _run_in_processes(items, pool, batch_size, workers)
            for outcome in outcomes:
                reporter.add(outcome.name, outcome.status, outcome.events, outcome.reason)
            _finish_run(store, summary, "running" if follow else "finished")
            if not follow:
                break
            time.sleep(follow)
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        if not follow:
            raise
    finally:
        reporter.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _finish_run(store, summary, status)
        if own_fetcher:
            fetcher.close()
        store.dispose()
    return summary


def _checked_arguments(sources: str | Path | Sequence[str | Path], engine: str, workers: int,
                       published: str | None) -> list[str]:
    """The sources as strings, after the checks that need no database or model (one-line errors)."""
    if engine not in ENGINES:
        raise EventAtlasError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if workers < 1:
        raise EventAtlasError("--workers must be at least 1")
    if published is not None:
        from eventatlas.time.published import parse_published

        if parse_published(published) is None:
            raise EventAtlasError(f"--published: {published!r} is not a date")
    sources = [str(s) for s in ([sources] if isinstance(sources, (str, Path)) else sources)]
    if not sources:
        raise EventAtlasError("nothing to ingest: name at least one file, folder, URL or '-'")
    _refuse_when_nothing_exists(sources)
    return sources


def _open_run(db_url: str, sources: list[str]) -> tuple[Engine, int]:
    """The database, migrated, with earlier orphaned runs marked and this run started."""
    store = get_engine(db_url)
    try:
        prepare_database(store)
        _mark_orphaned_runs(store)
        return store, _start_run(store, sources)
    except SQLAlchemyError as error:
        store.dispose()
        shown = store.url.render_as_string(hide_password=True)
        raise EventAtlasError(
            f"cannot use the database {shown}: {str(error.orig or error).strip().splitlines()[0]}"
        ) from None


def prepare_database(store: Engine) -> None:
    """Bring the database to the current schema (Alembic), creating it on first use."""
    from eventatlas.store.migrations import upgrade

    upgrade(store)


def _refuse_when_nothing_exists(sources: list[str]) -> None:
    """Every source a local path that is not there: a mistyped command, refused before a
    database is created for it."""
    from eventatlas.ingest.sources import expand_paths
    from eventatlas.ingest.urls import is_url

    if all(source != "-" and not is_url(source) and not expand_paths(source) for source in sources):
        shown = ", ".join(sources[:3]) + (" ..." if len(sources) > 3 else "")
        raise EventAtlasError(f"nothing to ingest: no such file or folder ({shown})")


def _mark_orphaned_runs(store: Engine) -> None:
    """Runs still marked running whose process on this host is gone were killed (SIGKILL, a
    lost machine): mark them interrupted, with the counts of what they stored."""
    host = socket.gethostname()
    with store.begin() as connection:
        runs = connection.execute(
            select(IngestRun.id, IngestRun.pid).where(IngestRun.status == "running", IngestRun.host == host)
        ).all()
        for run_id, pid in runs:
            if pid is None or _process_alive(pid):
                continue
            added = select(func.count()).select_from(DocumentRow).where(DocumentRow.run_id == run_id)
            events = (
                select(func.count())
                .select_from(EventRow)
                .join(DocumentRow, EventRow.document_id == DocumentRow.id)
                .where(DocumentRow.run_id == run_id)
            )
            connection.execute(
                update(IngestRun)
                .where(IngestRun.id == run_id)
                .values(
                    status="interrupted",
                    finished_at=dt.datetime.now(dt.timezone.utc),
                    documents_added=added.scalar_subquery(),
                    events_added=events.scalar_subquery(),
                )
            )


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - no cheap check there: assume alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


def _limited(items: Iterator[Item], limit: int | None) -> Iterator[Item]:
    for count, item in enumerate(items):
        if limit is not None and count >= limit:
            return
        yield item


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_here(items, db_url, run_id, published, model, batch_size) -> Iterator[Outcome]:
    processor = DocumentProcessor(db_url, run_id=run_id, published=published, model=model)
    try:
        for batch in _batches(items, batch_size):
            yield from processor.process_batch(batch)
    finally:
        processor.close()


def _local_workers(store: Engine, summary: IngestSummary, workers: int, db_url: str, published, model):
    """The worker pool of a local run with more than one worker, else None. A pool that cannot
    start (the models do not load) ends the run as failed."""
    if workers == 1:
        return None
    try:
        return start_workers(workers, db_url, summary.run_id, published, model, store)
    except BaseException:
        _finish_run(store, summary, "failed")
        store.dispose()
        raise


def _run_in_processes(items, pool: ProcessPoolExecutor, batch_size, workers) -> Iterator[Outcome]:
    pending: dict[Future, list[Item]] = {}
    for batch in _batches(items, batch_size):
        failures = [item for item in batch if isinstance(item, Failure)]
        yield from (Outcome(f.name, "failed", reason=f.reason) for f in failures)
        work = [item for item in batch if not isinstance(item, Failure)]
        if work:
            pending[pool.submit(process_in_worker, work)] = work
        # At most two batches per worker in flight: inputs are read no faster than used.
        while len(pending) >= 2 * workers:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from _batch_outcomes(future, pending.pop(future))
    for future in list(pending):
        yield from _batch_outcomes(future, pending.pop(future))


def _batch_outcomes(future: Future, batch: list[Item]) -> list[Outcome]:
    try:
        return future.result()
    except EventAtlasError:  # the models cannot load, the database is gone: the run cannot go on
        raise
    except BrokenProcessPool:
        raise EventAtlasError(
            "a worker process died (out of memory? or, from a Python script, `ingest(workers=N)` "
            "called outside an `if __name__ == '__main__':` block); the documents stored so far are "
            "kept: run it again to continue"
        ) from None
    except Exception as error:  # an unexpected error in a worker fails its batch, not the run
        reason = f"worker error ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})"
        return [Outcome(getattr(item, "label", item.name), "failed", reason=reason) for item in batch]


def _url_stored(store: Engine, url: str) -> bool:
    from eventatlas.store.write import stored_keys

    return bool(stored_keys(store, [], [url]))


def _start_run(store: Engine, sources: list[str]) -> int:
    with store.begin() as connection:
        result = connection.execute(
            IngestRun.__table__.insert().values(
                started_at=dt.datetime.now(dt.timezone.utc),
                sources=json.dumps(sources, ensure_ascii=False),
                status="running",
                pid=os.getpid(),
                host=socket.gethostname(),
                documents_added=0,
                documents_skipped=0,
                documents_failed=0,
                events_added=0,
            )
        )
        return result.inserted_primary_key[0]


def _finish_run(store: Engine, summary: IngestSummary, status: str) -> None:
    values = dict(
        status=status,
        documents_added=summary.added,
        documents_skipped=summary.skipped,
        documents_failed=summary.failed,
        events_added=summary.events,
    )
    if status != "running":
        values["finished_at"] = dt.datetime.now(dt.timezone.utc)
    with store.begin() as connection:
        connection.execute(update(IngestRun).where(IngestRun.id == summary.run_id).values(**values))
