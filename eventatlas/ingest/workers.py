"""The local engine's worker processes (``ingest --workers N``).

Where the platform forks (Linux), this process loads the pipeline and the models its stages
load on first use, then forks the workers from itself: they start at once, with the models
already in memory and shared copy-on-write, as spaCy's own ``nlp.pipe(n_process=N)`` starts its
processes. The models are loaded once per run instead of once per worker (seconds of CPU per
worker, which on a busy machine is what an ingest of a few hundred documents waits for).
Elsewhere (macOS and Windows, where forking a process that holds system frameworks is unsafe)
the workers are spawned and each loads the models itself.

The fork is safe because it comes before this process starts a thread of its own (the progress
display starts after it), no database connection crosses it (the run's engine is emptied first;
each worker opens its own), and the gazetteer opens a new SQLite connection in a forked child.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy.engine import Engine

from eventatlas.errors import EventAtlasError
from eventatlas.ingest import process

# Written for this module: a short report every stage reads (gate, events, place, date), so that
# each stage loads what it loads on first use before the fork.
WARM_UP_TITLE = "Police disperse protest in Nairobi"
WARM_UP_TEXT = (
    "Police fired tear gas at several hundred protesters in Nairobi, Kenya, on Monday, and two "
    "people were killed, officials said."
)
WARM_UP_PUBLISHED = "2024-03-05"


def start_method() -> str:
    """``fork`` on Linux, ``spawn`` elsewhere."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def start_workers(
    workers: int, db_url: str, run_id: int, published: str | None, model: str | None, store: Engine
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each with a loaded pipeline and its own database engine."""
    method = start_method()
    context = multiprocessing.get_context(method)
    initargs = (db_url, run_id, published, model)
    if method == "spawn":
        return ProcessPoolExecutor(workers, mp_context=context, initializer=process.init_worker, initargs=initargs)
    process.inherit_pipeline(load_pipeline(model))
    store.dispose()  # no pooled connection crosses the fork
    # Frozen objects are never visited by the children's garbage collector, so the pages that
    # hold the models stay shared instead of being copied when a collection touches them.
    gc.freeze()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=process.init_worker, initargs=initargs)
    try:
        pool.submit(os.getpid).result()  # a fork-context pool forks every worker at its first task
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        raise EventAtlasError("a worker process could not start (out of memory?)") from None
    finally:
        gc.unfreeze()
        process.inherit_pipeline(None)
    return pool


def load_pipeline(model: str | None):
    """The pipeline, with what its stages load on first use loaded now (the relevance gate, the
    event classifier and its second expert, the gazetteer, lexicons, the language identifier of
    the cleaning step), so forked workers inherit it."""
    from eventatlas.clean import detect_language
    from eventatlas.events.classify import head_proba, load_bundle, resolve_model
    from eventatlas.models import Document
    from eventatlas.pipeline import Pipeline

    # Workers run one thread each; tokenizers' thread pool must not exist when they are forked
    # (it would warn and turn itself off in every child).
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    pipeline = Pipeline(model)
    report = {"title": WARM_UP_TITLE, "text": WARM_UP_TEXT, "published": WARM_UP_PUBLISHED}
    pipeline.process(Document(**report))  # the gate
    Pipeline(nlp=pipeline.nlp, gate=False).process(Document(**report))  # every stage
    if resolve_model("auto") == "combined":  # the second expert runs only on unsure snippets
        head_proba(load_bundle(), [WARM_UP_TEXT])
    detect_language(WARM_UP_TITLE)  # too short to tell by its words: py3langid's model loads
    return pipeline
