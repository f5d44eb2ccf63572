"""A small SQLite event database for the API tests: synthetic events plus hand-written ones
whose values the tests check exactly."""

from __future__ import annotations

import pytest

HOSTILE_TEXT = (
    'Breaking: <script>alert("x")</script> <img src=x onerror=alert(1)> '
    "Police fired tear gas at protesters in Rivertown on Monday. Students and teachers joined the march."
)
EVIDENCE = "Police fired tear gas at protesters in Rivertown on Monday."


@pytest.fixture(scope="session")
def api_db_url(tmp_path_factory) -> str:
    from eventatlas.api.synthetic import add_document_with_events, seed_database
    from eventatlas.store.db import get_engine, init_db

    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'events.db'}"
    engine = get_engine(url)
    init_db(engine)
    seed_database(engine, 600, seed=3)
    add_document_with_events(
        engine,
        HOSTILE_TEXT,
        [
            {
                "event_type": "Protests",
                "sub_event_type": "Protest with intervention",
                "event_date": "2024-03-04",
                "time_precision": 1,
                "actor1": "Protesters (Testland)",
                "assoc_actor_1": "Students (Testland); Teachers (Testland)",
                "inter1": "Protesters",
                "actor2": "Police Forces of Testland",
                "inter2": "State forces",
                "location": "Rivertown",
                "admin1": "Far East Province",
                "country": "Fiji",
                "country_code": "FJ",
                "latitude": -16.5,
                "longitude": 179.6,
                "geo_precision": 1,
                "certainty": "claimed",
                "claimed_by": "Rights Watch Testland",
                "evidence_text": EVIDENCE,
            }
        ],
        title="<b>Tear gas</b> in Rivertown",
        url="https://news.example.org/rivertown",
        source="Example News",
    )
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def hostile_event_id(api_db_url) -> str:
    from eventatlas.models import content_hash

    return f"{content_hash(HOSTILE_TEXT)}-0"


@pytest.fixture(scope="session")
def client(api_db_url):
    from fastapi.testclient import TestClient

    from eventatlas.api.app import create_app

    with TestClient(create_app(api_db_url, api_token="test-token"), base_url="http://localhost") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def readonly_client(api_db_url):
    from fastapi.testclient import TestClient

    from eventatlas.api.app import create_app

    with TestClient(create_app(api_db_url, api_token=""), base_url="http://localhost") as test_client:
        yield test_client
