"""The per-document work of an ingest, the same for every engine (in-process, local worker
processes, Ray): clean, skip what is already stored, run the pipeline, store.

A ``DocumentProcessor`` lives once per worker process: it loads the spaCy pipeline and opens
the database once, then takes batches of RawInputs (batches, because ``nlp.pipe`` is much
faster than one ``nlp()`` call per document) and returns one ``Outcome`` per input.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Optional

from sqlalchemy.exc import SQLAlchemyError

from eventatlas.errors import EventAtlasError, InputError
from eventatlas.ingest.sources import Failure, Item
from eventatlas.ingest.urls import canonical_url
from eventatlas.models import Document, ExtractionResult

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # linux/prctl.h

Status = Literal["added", "skipped", "failed"]


@dataclass
class Outcome:
    name: str
    status: Status
    events: int = 0
    reason: Optional[str] = None
    document_id: Optional[str] = None


class DocumentProcessor:
    """Clean, deduplicate, extract and store batches of inputs into one database."""

    def __init__(
        self,
        db: str | None = None,
        run_id: int | None = None,
        published: str | None = None,
        model: str | None = None,
        pipeline=None,
    ):
        from eventatlas.store.db import get_engine

        self.engine = get_engine(db)
        self.run_id = run_id
        self.published = published
        self._model = model
        self._pipeline = pipeline

    @property
    def pipeline(self):
        if self._pipeline is None:  # loaded on first use: a run whose inputs are all stored needs no model
            from eventatlas.pipeline import Pipeline

            self._pipeline = Pipeline(self._model)
        return self._pipeline

    def process_batch(self, items: Iterable[Item]) -> list[Outcome]:
        from eventatlas.clean import clean
        from eventatlas.store.write import stored_keys

        outcomes: list[Outcome] = []
        documents: list[tuple[str, Document]] = []
        for item in items:
            if isinstance(item, Failure):
                outcomes.append(Outcome(item.name, "failed", reason=item.reason))
                continue
            try:
                documents.append((item.label, clean(item, published=self.published)))
            except InputError as error:
                outcomes.append(Outcome(item.label, "failed", reason=error.reason))
            except Exception as error:  # a cleaning bug on one odd page must not end the run
                outcomes.append(Outcome(item.label, "failed", reason=_describe(error)))
        try:
            stored = stored_keys(self.engine, (d.id for _, d in documents), (d.url for _, d in documents))
        except SQLAlchemyError as error:
            return outcomes + [Outcome(name, "failed", reason=_describe(error)) for name, _ in documents]
        fresh: list[tuple[str, Document]] = []
        for name, document in documents:
            keys = {document.id, canonical_url(document.url)} - {None}
            if keys & stored:
                outcomes.append(Outcome(name, "skipped", document_id=document.id))
                continue
            stored |= keys  # the same article twice in one batch: the second is a duplicate
            fresh.append((name, document))
        outcomes.extend(self._extract_and_store(fresh))
        return outcomes

    def _extract_and_store(self, documents: list[tuple[str, Document]]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        if not documents:
            return outcomes
        pipeline = self.pipeline  # a model that cannot load ends the run (EventAtlasError), not each document
        done = 0
        try:
            for result in pipeline.process_many([d for _, d in documents]):
                outcomes.append(self._store(documents[done][0], result))
                done += 1
        except Exception:
            # Some stage failed on one document inside the batch: finish the rest one by one,
            # so only the document that breaks a stage is reported as failed.
            for name, document in documents[done:]:
                try:
                    result = pipeline.process(document)
                except Exception as error:
                    log.debug("pipeline failed on %s", name, exc_info=True)
                    outcomes.append(Outcome(name, "failed", reason=f"extraction failed ({_describe(error)})"))
                    continue
                outcomes.append(self._store(name, result))
        return outcomes

    def _store(self, name: str, result: ExtractionResult) -> Outcome:
        from eventatlas.store.write import save_result

        look_alike = _look_alike(result)
        result.document.spacy_doc = None  # the parse is not stored; free it now
        try:
            added = save_result(self.engine, result, run_id=self.run_id, look_alike=look_alike)
        except SQLAlchemyError as error:
            return Outcome(
                name, "failed", reason=f"database error ({_describe(error)})", document_id=result.document.id
            )
        if added:
            return Outcome(name, "added", events=len(result.events), document_id=result.document.id)
        return Outcome(name, "skipped", document_id=result.document.id)

    def close(self) -> None:
        self.engine.dispose()


def _describe(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if isinstance(error, EventAtlasError):
        return text
    return f"{type(error).__name__}: {text}"[:300]


# --- worker-process entry points (ProcessPoolExecutor) -------------------------------------

_worker: DocumentProcessor | None = None
_worker_error: EventAtlasError | None = None
_inherited_pipeline = None  # set in the parent just before it forks its workers (ingest.workers)


def inherit_pipeline(pipeline) -> None:
    """The loaded pipeline that workers forked from now on start with (None: load their own)."""
    global _inherited_pipeline
    _inherited_pipeline = pipeline


def single_threaded_math() -> None:
    """One BLAS thread per worker: N worker processes each running a BLAS pool as wide as the
    machine would fight over the same cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def die_with_parent() -> None:
    """End this worker when the process that started it ends, even by SIGKILL (which gives the
    parent no chance to stop its pool): Linux's parent-death signal, and elsewhere a thread that
    notices the parent is gone."""
    started_by = multiprocessing.parent_process()
    parent = started_by.pid if started_by is not None else os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread below still works
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed (we were re-parented)
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def init_worker(db: str | None, run_id: int | None, published: str | None, model: str | None) -> None:
    """Runs once in each worker process: load the models (unless it was forked with them
    loaded) and open the database once."""
    global _worker, _worker_error
    die_with_parent()
    single_threaded_math()
    _worker = DocumentProcessor(db, run_id=run_id, published=published, model=model, pipeline=_inherited_pipeline)
    try:
        _ = _worker.pipeline  # load now, so the first batch is not slow
    except EventAtlasError as error:  # reported with the first batch (an initializer error breaks the pool)
        _worker_error = error


def process_in_worker(items: list[Item]) -> list[Outcome]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker is not None, "init_worker was not run in this process"
    return _worker.process_batch(items)


def _look_alike(result: ExtractionResult):
    """For a parsed document with no event, the report that links it to incidents all the same
    (its set-aside crime or accident story, else its opening sentence), placed and dated while the
    parse is at hand: another outlet's event of the same incident then finds it. None for a
    document with events or one the relevance gate set aside unparsed."""
    if result.events or result.document.spacy_doc is None:
        return None
    from eventatlas.incidents import main_report

    try:
        return main_report(result)
    except Exception:  # a look-alike only helps linking: failing to place one never loses the document
        log.debug("no look-alike report for %s", result.document.id, exc_info=True)
        return None
