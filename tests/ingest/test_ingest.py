"""The ingest end to end (in this process, with the real pipeline): counts add up, re-running
adds nothing, bad inputs are logged and skipped without touching stored data, one document that
breaks a stage fails alone."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import func, select

from eventatlas.ingest.run import ingest
from eventatlas.store.db import get_engine
from eventatlas.store.schema import DocumentRow, EventRow, IncidentReportRow, IncidentRow, IngestRun

from .conftest import article_html, feed_xml


def count(db: str, model) -> int:
    engine = get_engine(db)
    with engine.connect() as connection:
        value = connection.execute(select(func.count()).select_from(model)).scalar_one()
    engine.dispose()
    return value


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'events.db'}"


def test_ingest_twice_adds_nothing_the_second_time(pipeline, news_dir, db, tmp_path, caplog):
    errors = tmp_path / "errors.jsonl"
    with caplog.at_level(logging.WARNING, logger="eventatlas.ingest"):
        first = ingest([news_dir], db=db, errors=errors)
    assert (first.added, first.skipped, first.failed) == (4, 0, 1)
    assert first.total == 5 and first.events == count(db, EventRow)
    # every event is a report linked to an incident (re-ingesting below adds none)
    reports, incidents = count(db, IncidentReportRow), count(db, IncidentRow)
    assert reports == first.events and 0 < incidents <= reports
    assert any("wire.jsonl:2" in message and "invalid JSON" in message for message in caplog.messages)
    second = ingest([news_dir], db=db, errors=errors)
    assert (second.added, second.skipped, second.failed, second.events) == (0, 4, 1, 0)
    assert count(db, DocumentRow) == 4
    assert (count(db, IncidentReportRow), count(db, IncidentRow)) == (reports, incidents)
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [r["run_id"] for r in records] == [first.run_id, second.run_id]
    assert all(r["input"].endswith("wire.jsonl:2") for r in records)
    engine = get_engine(db)
    with engine.connect() as connection:
        runs = connection.execute(select(IngestRun).order_by(IngestRun.id)).all()
    engine.dispose()
    assert [(r.status, r.documents_added, r.documents_skipped, r.documents_failed) for r in runs] == [
        ("finished", 4, 0, 1),
        ("finished", 0, 4, 1),
    ]


def test_bad_inputs_never_lose_stored_data(pipeline, news_dir, db, tmp_path):
    ingest([news_dir], db=db)
    stored = (count(db, DocumentRow), count(db, EventRow))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.html").write_bytes(b"\x00\xff" * 500)
    (bad / "empty.txt").write_text("")
    (bad / "nav-only.html").write_text("<html><body><nav>Home | Sport</nav></body></html>")
    (bad / "lines.jsonl").write_text('{"text": ""}\n[1, 2]\n\xff\n', encoding="latin-1")
    (bad / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    summary = ingest([bad, tmp_path / "does-not-exist"], db=db)
    assert summary.added == 0 and summary.failed == summary.total >= 8
    assert (count(db, DocumentRow), count(db, EventRow)) == stored


def test_a_document_that_breaks_a_stage_fails_alone(pipeline, db, tmp_path, monkeypatch):
    import eventatlas.pipeline as pipeline_module

    real = pipeline_module.extract_events

    def fragile(document):
        if "EXPLODE" in document.text:
            raise RuntimeError("stage bug")
        return real(document)

    monkeypatch.setattr(pipeline_module, "extract_events", fragile)
    corpus = tmp_path / "corpus.jsonl"
    lines = [f"Report {n}: residents gathered at the town hall on Monday." for n in range(6)]
    lines[2] = "Report EXPLODE: this one trips a bug in a stage."
    corpus.write_text("".join(json.dumps({"text": line}) + "\n" for line in lines))
    summary = ingest([corpus], db=db, batch_size=4)
    assert (summary.added, summary.failed) == (5, 1)
    assert summary.failures == [(f"{corpus}:3", "extraction failed (RuntimeError: stage bug)")]


def test_feed_url_needs_allow_private_for_a_local_server(pipeline, site, db):
    site.add(
        "/a",
        article_html("Story A", "Police detained ten protesters at the square in the capital on Monday."),
    )
    site.add(
        "/b", article_html("Story B", "Gunmen attacked a police checkpoint overnight, killing two officers.")
    )
    feed = site.add("/rss", feed_xml(site.base, ["/a", "/b"]), "application/rss+xml")
    refused = ingest([feed], db=db)
    assert (refused.added, refused.failed) == (0, 1) and "--allow-private" in refused.failures[0][1]
    allowed = ingest([feed], db=db, allow_private=True)
    assert (allowed.added, allowed.failed) == (2, 0)
    again = ingest([feed], db=db, allow_private=True)  # polled again: stored pages are not even fetched
    assert (again.added, again.total) == (0, 0)
    assert site.hits["/a"] == 1


def test_limit_and_standard_input(pipeline, news_dir, db, monkeypatch):
    import io
    import sys

    assert ingest([news_dir], db=db, limit=2).total == 2
    text = "Dock workers walked out at the port on Thursday over unpaid wages, their union said."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    summary = ingest(["-"], db=db)
    assert summary.added == 1
    engine = get_engine(db)
    with engine.connect() as connection:
        assert (
            connection.execute(select(DocumentRow.text).where(DocumentRow.source == "<stdin>"))
            .scalar_one()
            .startswith("Dock workers")
        )
    engine.dispose()


def test_the_built_in_demo_corpus_ingests_cleanly(pipeline, db):
    from eventatlas.data.demo import PATH

    summary = ingest([PATH], db=db)
    assert (summary.added, summary.failed) == (8, 0)
    engine = get_engine(db)
    with engine.connect() as connection:
        dated = connection.execute(
            select(func.count()).select_from(DocumentRow).where(DocumentRow.published.is_not(None))
        ).scalar_one()
    engine.dispose()
    assert dated == 8  # every demo article carries its publication date (field, meta tag or dateline)


def test_a_model_that_cannot_load_ends_the_run_with_one_message(news_dir, db):
    from eventatlas.errors import EventAtlasError

    with pytest.raises(EventAtlasError, match="no spaCy English pipeline found"):
        ingest([news_dir], db=db, model="no_such_spacy_model")
    engine = get_engine(db)
    with engine.connect() as connection:
        assert connection.execute(select(IngestRun.status)).scalar_one() == "failed"
    engine.dispose()
    assert count(db, DocumentRow) == 0
