"""End to end: the pipeline's output, stored by store.write, read back through the API."""

from __future__ import annotations

import csv
import io

import pytest


@pytest.mark.slow
def test_extracted_events_come_back_through_the_api(pipeline, seed_dir, tmp_path):
    from fastapi.testclient import TestClient

    from eventatlas.api.app import create_app
    from eventatlas.models import Document
    from eventatlas.store.db import get_engine, init_db
    from eventatlas.store.write import save_result

    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    result = pipeline.process(Document(text=text, title="Seed article", url="https://example.org/seed"))
    assert result.events, "the pipeline found no events in the seed article"
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    engine = get_engine(url)
    init_db(engine)
    assert save_result(engine, result)
    engine.dispose()

    with TestClient(create_app(url, api_token=""), base_url="http://localhost") as client:
        listed = client.get("/api/events", params={"limit": 1000}).json()
        assert listed["total"] == len(result.events) and listed["total_is_exact"]
        for item in listed["items"]:
            event = client.get(f"/api/events/{item['event_id']}").json()
            assert event["document"]["id"] == result.document.id
            for span in event["evidence"]:
                assert event["document"]["text"][span["start"] : span["end"]] == span["text"]
        types = {e.event_type for e in result.events}
        by_type = client.get("/api/aggregates", params={"by": "event_type"}).json()["items"]
        assert {item["key"] for item in by_type} == types
        rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "acled-csv", "unit": "reports"}).text)))
        assert len(rows) == len(result.events)
        assert all(row["timestamp"].isdigit() and int(row["timestamp"]) > 1_600_000_000 for row in rows)
        assert client.get("/api/documents").json()["items"][0]["title"] == "Seed article"
