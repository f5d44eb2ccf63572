"""The same API on PostgreSQL (tsvector full text, real booleans, dates): a throwaway database
created on 127.0.0.1:5432 and dropped afterwards. Skips when the server is unreachable."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.postgres

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="module")
def pg_url():
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 unreachable: {error}")
    name = f"eventatlas_api_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_api_on_postgresql(pg_url):
    from fastapi.testclient import TestClient

    from eventatlas.api.app import create_app
    from eventatlas.api.synthetic import add_document_with_events, seed_database
    from eventatlas.store.db import get_engine, init_db

    engine = get_engine(pg_url)
    init_db(engine)
    seed_database(engine, 150, seed=5)
    text = "Soldiers clashed with rebels near Lakeside on Friday. Residents fled the fighting."
    document_id = add_document_with_events(
        engine,
        text,
        [{"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2023-05-05",
          "actor1": "Military Forces of Lakeland", "actor2": "Lakeside Rebels", "assoc_actor_2": "Hunters; Fishermen",
          "country": "Kenya", "country_code": "KE", "latitude": 0.5, "longitude": 35.2,
          "evidence_text": "Soldiers clashed with rebels near Lakeside on Friday."}],
        title="Clashes near Lakeside",
    )
    engine.dispose()
    with TestClient(create_app(pg_url, api_token=""), base_url="http://localhost") as client:
        page = client.get("/api/events", params={"limit": 10}).json()
        assert len(page["items"]) == 10 and page["total"] == 151
        dates = [e["event_date"] for e in page["items"]]
        assert dates == sorted(dates, reverse=True)
        found = client.get("/api/events", params={"q": "clashed rebels Lakeside"}).json()["items"]
        assert [e["document_id"] for e in found] == [document_id]
        assert [e["actor2"] for e in client.get("/api/events", params={"actor": "Fishermen"}).json()["items"]] == [
            "Lakeside Rebels"
        ]
        kenya = client.get("/api/events", params={"country": "Kenya", "limit": 1000}).json()["items"]
        assert kenya and all(e["country_code"] == "KE" for e in kenya)
        battles = client.get("/api/events.geojson", params={"event_type": "Battles"}).json()
        assert battles["features"] and all(f["properties"]["event_type"] == "Battles" for f in battles["features"])
        by_type = client.get("/api/aggregates", params={"by": "event_type"}).json()["items"]
        assert sum(i["count"] for i in by_type) == 151
        days = client.get("/api/aggregates", params={"by": "day"}).json()["items"]
        assert sum(d["count"] for d in days) == 151
        event = client.get(f"/api/events/{document_id}-0").json()
        span = event["evidence"][0]
        assert event["document"]["text"][span["start"] : span["end"]] == span["text"]
        csv_text = client.get("/api/export", params={"format": "acled-csv", "country": "KE", "unit": "reports"}).text
        assert csv_text.count("\n") == len(kenya) + 1
        # What PostgreSQL refused with a 500 before: NUL bytes anywhere, punctuation-only queries.
        for path, params in (
            ("/api/events", {"q": "x\x00"}),
            ("/api/documents", {"source": "a\x00"}),
            ("/api/events/ab%00cd", {}),
        ):
            assert client.get(path, params=params).status_code == 400
        for query in ("-" * 500, "- - - -", '"" OR -', "!!!"):
            assert client.get("/api/events", params={"q": query}).status_code == 200, query
            assert client.get("/api/documents", params={"q": query}).status_code == 200, query
        assert client.get("/api/events", params={"q": "-" * 5000}).status_code == 422


def test_answers_follow_writes_from_other_connections_on_postgresql(pg_url):
    """The answer cache's data version on PostgreSQL (the snapshot): a write committed by another
    connection is seen by the next request, and an unchanged database answers from the cache."""
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from eventatlas.api.app import create_app
    from eventatlas.api.synthetic import add_document_with_events
    from eventatlas.models import content_hash
    from eventatlas.store.db import get_engine, init_db

    article = "Dockworkers stopped work in Portbay on Monday over unpaid wages."
    engine = get_engine(pg_url)
    init_db(engine)
    add_document_with_events(
        engine, article, [{"event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": "2023-06-05",
                           "country": "Kenya", "country_code": "KE", "evidence_text": article}],
    )
    url = f"/api/events/{content_hash(article)}-0"
    with TestClient(create_app(pg_url, api_token=""), base_url="http://localhost") as client:
        first = client.get(url)
        assert first.json()["fatalities"] == 0
        assert client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        with engine.begin() as connection:
            connection.execute(text("UPDATE events SET fatalities = 4 WHERE event_id = :id"),
                               {"id": f"{content_hash(article)}-0"})
        assert client.get(url).json()["fatalities"] == 4
    engine.dispose()
