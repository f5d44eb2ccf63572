"""The whole ingest into PostgreSQL: migrations run on first use, documents are stored once,
full-text search (tsvector) finds them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eventatlas.ingest.run import ingest
from eventatlas.store.db import get_engine
from eventatlas.store.fulltext import document_matches
from eventatlas.store.migrations import current_revision, head_revision
from eventatlas.store.schema import DocumentRow, EventRow, IncidentReportRow


@pytest.mark.postgres
def test_ingest_into_postgresql(pipeline, pg_schema_factory, tmp_path):
    url = pg_schema_factory()
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(
        '{"text": "Farmers blocked a highway with tractors on Friday to protest low crop prices.", "url": "https://example.com/farmers"}\n'
        '{"text": "Dock workers walked out at the port on Thursday over unpaid wages."}\n'
        '{"text": "Farmers blocked a highway with tractors on Friday to protest low crop prices."}\n'
    )
    first = ingest([corpus], db=url)
    assert (first.added, first.skipped, first.failed) == (2, 1, 0)  # the third line repeats the first
    assert (ingest([corpus], db=url).skipped) == 3
    engine = get_engine(url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        found = (
            connection.execute(
                select(DocumentRow.url).where(document_matches("postgresql", "tractors highway"))
            )
            .scalars()
            .all()
        )
        linked = connection.execute(  # events' reports (look-alikes of documents with none link too)
            select(func.count()).select_from(IncidentReportRow).where(IncidentReportRow.report_id.in_(select(EventRow.event_id)))
        ).scalar_one()
        events = connection.execute(select(func.count()).select_from(EventRow)).scalar_one()
    engine.dispose()
    assert found == ["https://example.com/farmers"]
    assert linked == events  # every stored event is a report of an incident
