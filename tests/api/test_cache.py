"""Read answers are kept until the data changes: a repeated request runs no query, a write from
anywhere (the API, another connection or process) is seen by the very next request, and every
answer carries an ETag that turns a repeated browser request into a 304."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from eventatlas.api import cache
from eventatlas.api.routes import events as events_routes

EVENT_TEXT = "Farmers marched through Hillview on Tuesday to demand water rights."


@pytest.fixture()
def db_path(tmp_path):
    from eventatlas.api.synthetic import add_document_with_events, seed_database
    from eventatlas.store.db import get_engine, init_db

    path = tmp_path / "cache.db"
    engine = get_engine(f"sqlite:///{path}")
    init_db(engine)
    seed_database(engine, 40, seed=11)
    add_document_with_events(
        engine,
        EVENT_TEXT,
        [{"event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": "2024-02-06",
          "country": "Kenya", "country_code": "KE", "evidence_text": EVENT_TEXT}],
    )
    engine.dispose()
    return path


@pytest.fixture()
def client(db_path):
    from eventatlas.api.app import create_app

    with TestClient(create_app(f"sqlite:///{db_path}", api_token="token"), base_url="http://localhost") as test_client:
        yield test_client


@pytest.fixture()
def page_queries(monkeypatch):
    """How many times the events list ran its query."""
    calls = []
    original = events_routes.page_events

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(events_routes, "page_events", counting)
    return calls


def event_id() -> str:
    from eventatlas.models import content_hash

    return f"{content_hash(EVENT_TEXT)}-0"


def test_a_repeated_request_is_answered_without_a_query(client, page_queries):
    first = client.get("/api/events", params={"limit": 5, "country": "KE"})
    second = client.get("/api/events", params={"limit": 5, "country": "KE"})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    for header in ("content-security-policy", "x-content-type-options", "x-frame-options"):
        assert second.headers[header] == first.headers[header]  # a cached answer is guarded alike
    assert len(page_queries) == 1
    client.get("/api/events", params={"limit": 6, "country": "KE"})  # another question: asked
    assert len(page_queries) == 2


def test_a_write_from_another_connection_is_seen_by_the_next_request(client, db_path):
    url = f"/api/events/{event_id()}"
    assert client.get(url).json()["fatalities"] == 0
    # An ingest or a script writing while the server runs: a connection the server knows nothing of.
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE events SET fatalities = 7 WHERE event_id = ?", (event_id(),))
    assert client.get(url).json()["fatalities"] == 7


def test_a_correction_through_the_api_is_seen_by_the_next_request(client):
    url = f"/api/events/{event_id()}"
    before = client.get(url).json()
    answer = client.patch(url, json={"location": "Hillview"}, headers={"Authorization": "Bearer token"})
    assert answer.status_code == 200
    after = client.get(url).json()
    assert (before["location"], after["location"]) == (None, "Hillview")
    listed = client.get("/api/events", params={"country": "KE"}).json()["items"]
    assert [item["location"] for item in listed if item["event_id"] == event_id()] == ["Hillview"]


def test_an_unchanged_answer_is_a_304_to_a_browser_that_has_it(client):
    first = client.get("/api/events.geojson", params={"limit": 10})
    etag = first.headers["etag"]
    again = client.get("/api/events.geojson", params={"limit": 10}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = client.get("/api/events.geojson", params={"limit": 10}, headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200 and other.content == first.content


def test_errors_and_downloads_are_not_kept(client):
    missing = client.get("/api/events/no-such-event")
    assert missing.status_code == 404 and "etag" not in missing.headers
    export = client.get("/api/export", params={"format": "jsonl", "unit": "reports"})
    assert export.status_code == 200 and "etag" not in export.headers


def test_the_cache_holds_a_bounded_number_of_bytes():
    answers = cache.ResponseCache(max_bytes=250)
    answers.get(b"/api/x?0", 1)  # every request reads the version first
    for number in range(5):
        answers.put(f"/api/x?{number}".encode(), 1, cache.Answer(200, [], b"x" * 100))
    assert answers.size <= 250 and list(answers.answers) == [b"/api/x?3", b"/api/x?4"]
    assert answers.get(b"/api/x?4", 2) is None and not answers.answers  # a new version: all dropped


def test_an_answer_made_before_a_write_is_not_kept_after_it():
    answers = cache.ResponseCache()
    answers.get(b"/api/x", 2)  # the version has moved on to 2 while a request made with 1 ran
    answers.put(b"/api/x", 1, cache.Answer(200, [], b"old"))
    assert answers.get(b"/api/x", 2) is None


def test_in_memory_databases_are_not_cached():
    from eventatlas.store.db import get_engine

    assert cache.data_version_of(get_engine("sqlite://")) is None


def test_a_crowd_asking_the_same_question_at_once_costs_one_query(db_path, monkeypatch):
    import asyncio
    import time

    import httpx

    from eventatlas.api.app import create_app

    calls = []
    original = events_routes.page_events

    def slow_counting(*args, **kwargs):
        calls.append(1)
        time.sleep(0.2)  # long enough for the whole crowd to arrive while it runs
        return original(*args, **kwargs)

    monkeypatch.setattr(events_routes, "page_events", slow_counting)
    app = create_app(f"sqlite:///{db_path}", api_token="")

    async def crowd() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
            return await asyncio.gather(*(http.get("/api/events", params={"limit": 3}) for _ in range(20)))

    answers = asyncio.run(crowd())
    assert [answer.status_code for answer in answers] == [200] * 20
    assert len({answer.content for answer in answers}) == 1
    assert len(calls) == 1
