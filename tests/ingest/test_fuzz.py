"""Fuzz: a few hundred seeded malformed inputs in one ingest next to good files. Nothing ends the
run, no input takes over 10 s, each failure is one line naming its input, every good file is
stored and nothing stored before is lost.

The event stages are replaced by spaCy's tokenizer (the same rules as the real model, through
the same guards in ``nlp.parse``), so the test exercises reading, cleaning and storing in
seconds; the guards themselves are tested with the real model in ``tests/nlp``."""

from __future__ import annotations

import importlib
import json
import time

import pytest
import spacy
from sqlalchemy import select

from eventatlas.errors import InputError
from eventatlas.ingest.fetch import Fetcher
from eventatlas.ingest.process import DocumentProcessor
from eventatlas.ingest.progress import Reporter
from eventatlas.models import ExtractionResult
from eventatlas.nlp.parse import parse_text
from eventatlas.store.db import get_engine
from eventatlas.store.schema import DocumentRow

from .fuzz_inputs import good_inputs, write_malformed

run_module = importlib.import_module("eventatlas.ingest.run")

CASES = 210
SEED = 15
MAX_SECONDS_PER_INPUT = 10.0


class TokenizerPipeline:
    """Parses with a blank English pipeline (the tokenizer is all there is) and finds nothing."""

    def __init__(self):
        self.nlp = spacy.blank("en")

    def process(self, document):
        parse_text(document.text, self.nlp)
        return ExtractionResult(document=document, events=[], non_events=[])

    def process_many(self, documents):
        for document in documents:
            yield self.process(document)


class OfflineFetcher(Fetcher):
    def fetch(self, url):
        raise InputError(url, "not fetched in this test")


@pytest.fixture
def tokenizer_only(monkeypatch):
    pipeline = TokenizerPipeline()

    class Processor(DocumentProcessor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs, pipeline=pipeline)

    monkeypatch.setattr(run_module, "DocumentProcessor", Processor)


@pytest.fixture
def outcome_times(monkeypatch):
    times: list[float] = []
    add = Reporter.add

    def timed_add(self, *args, **kwargs):
        times.append(time.monotonic())
        add(self, *args, **kwargs)

    monkeypatch.setattr(Reporter, "add", timed_add)
    return times


def stored_texts(db: str) -> list[str]:
    engine = get_engine(db)
    with engine.connect() as connection:
        texts = list(connection.execute(select(DocumentRow.text)).scalars())
    engine.dispose()
    return texts


def test_malformed_inputs_never_stop_a_run(tmp_path, tokenizer_only, outcome_times):
    db = f"sqlite:///{tmp_path / 'events.db'}"
    earlier = tmp_path / "earlier.txt"
    earlier.write_text("Earlier report: farmers blocked the road to the capital on Tuesday.", encoding="utf-8")
    run_module.ingest([str(earlier)], db=db)
    inputs = tmp_path / "inputs"
    malformed = write_malformed(inputs, CASES, SEED)
    markers = good_inputs(inputs, SEED)
    errors = tmp_path / "errors.jsonl"

    started = time.monotonic()
    summary = run_module.ingest([str(inputs)], db=db, errors=errors, batch_size=1, fetcher=OfflineFetcher())
    times = [started] + outcome_times

    slowest = max(later - earlier for earlier, later in zip(times, times[1:]))
    assert slowest < MAX_SECONDS_PER_INPUT
    assert summary.total >= len(malformed)
    texts = stored_texts(db)
    assert any(text.startswith("Earlier report") for text in texts)  # nothing stored before is lost
    missing = [marker for marker in markers if not any(marker in text for text in texts)]
    assert missing == []
    assert any("Café crème à la mairie" in text for text in texts)  # a Latin-1 file keeps its accents
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert len(failures) == summary.failed > 0
    for failure in failures:
        assert failure["input"].startswith((str(inputs), "http://", "https://")), failure
        assert failure["reason"] and "\n" not in failure["reason"]
