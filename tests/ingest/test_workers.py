"""Worker processes of the local engine: on Linux they are forked from the process that loaded
the models and use those models (no load of their own), and an ingest with two workers stores
what an ingest in one process stores."""

from __future__ import annotations

import os
import sys

import pytest
from sqlalchemy import select

from eventatlas.ingest import process
from eventatlas.ingest.run import ingest
from eventatlas.ingest.workers import start_method, start_workers
from eventatlas.store.db import get_engine
from eventatlas.store.schema import DocumentRow, EventRow

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def worker_state() -> tuple[int, int]:
    """(pid, id of the worker's spaCy pipeline)."""
    assert process._worker is not None
    return os.getpid(), id(process._worker._pipeline.nlp)


@linux_only
def test_workers_are_forked_with_the_parents_models(pipeline, tmp_path):
    from eventatlas.nlp import load_model

    assert start_method() == "fork"
    db = f"sqlite:///{tmp_path / 'events.db'}"
    store = get_engine(db)
    pool = start_workers(2, db, None, None, None, store)
    try:
        pid, worker_nlp = pool.submit(worker_state).result(timeout=60)
    finally:
        pool.shutdown()
        store.dispose()
    assert pid != os.getpid()
    # A forked child has the parent's objects at the same addresses: the worker's pipeline is the
    # model this process loaded, not one it loaded again.
    assert worker_nlp == id(load_model(None))  # what Pipeline(None) loads, in this process
    assert process._inherited_pipeline is None  # the parent keeps no handle for later pools


def stored(db: str) -> tuple[list[str], list[tuple]]:
    engine = get_engine(db)
    with engine.connect() as connection:
        documents = sorted(connection.execute(select(DocumentRow.id)).scalars())
        events = sorted(connection.execute(select(EventRow.document_id, EventRow.sub_event_type, EventRow.location)).all())
    engine.dispose()
    return documents, [tuple(row) for row in events]


@pytest.mark.slow
def test_two_workers_store_what_one_process_stores(pipeline, news_dir, tmp_path):
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    first = ingest([news_dir], db=one, batch_size=1)
    second = ingest([news_dir], db=two, workers=2, batch_size=1)
    assert (second.added, second.skipped, second.failed, second.events) == (first.added, 0, first.failed, first.events)
    assert stored(two) == stored(one)
    assert first.events > 0  # the comparison covers coded documents, not only skipped ones
