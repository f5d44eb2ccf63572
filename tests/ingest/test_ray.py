"""--engine ray: the same per-document work on Ray Data, on a 2-CPU local Ray."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eventatlas.ingest.run import ingest
from eventatlas.store.db import get_engine
from eventatlas.store.schema import DocumentRow, EventRow, IncidentReportRow


@pytest.mark.ray
@pytest.mark.slow
def test_ray_engine_ingests_sharded_files(tmp_path, news_dir):
    ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'eventatlas[ray]')")
    db = f"sqlite:///{tmp_path / 'events.db'}"
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        summary = ingest([news_dir], db=db, engine="ray", workers=1, batch_size=2)
    finally:
        ray.shutdown()
    assert (summary.added, summary.skipped, summary.failed) == (4, 0, 1)
    assert summary.failures[0][0].endswith("wire.jsonl:2")
    engine = get_engine(db)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(DocumentRow)).scalar_one() == 4
        linked = connection.execute(  # events' reports (look-alikes of documents with none link too)
            select(func.count()).select_from(IncidentReportRow).where(IncidentReportRow.report_id.in_(select(EventRow.event_id)))
        ).scalar_one()
        assert linked == summary.events  # linked where the writes happen
    engine.dispose()
