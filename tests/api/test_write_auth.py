"""Write endpoints: off without a configured token, and only with the right bearer token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventatlas.api.app import create_app
from eventatlas.api.synthetic import seed_database
from eventatlas.store.db import get_engine, init_db


@pytest.fixture()
def small_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = get_engine(url)
    init_db(engine)
    seed_database(engine, 20, seed=11)
    engine.dispose()
    return url


def first_event_id(client):
    return client.get("/api/events", params={"limit": 1}).json()["items"][0]["event_id"]


def test_writes_are_forbidden_without_a_configured_token(small_db, monkeypatch):
    monkeypatch.delenv("EVENTATLAS_API_TOKEN", raising=False)
    client = TestClient(create_app(small_db), base_url="http://localhost")
    event_id = first_event_id(client)
    for response in (
        client.patch(f"/api/events/{event_id}", json={"fatalities": 9}, headers={"Authorization": "Bearer x"}),
        client.delete(f"/api/events/{event_id}"),
    ):
        assert response.status_code == 403 and "EVENTATLAS_API_TOKEN" in response.json()["detail"]
    assert client.get(f"/api/events/{event_id}").status_code == 200


def test_writes_need_the_right_token(small_db, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_API_TOKEN", "s3cret")
    client = TestClient(create_app(small_db), base_url="http://localhost")
    event_id = first_event_id(client)
    url = f"/api/events/{event_id}"
    assert client.patch(url, json={"fatalities": 9}).status_code == 401
    assert client.patch(url, json={"fatalities": 9}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.patch(url, json={"fatalities": 9}, headers={"Authorization": "Basic s3cret"}).status_code == 401
    good = {"Authorization": "Bearer s3cret"}
    assert client.patch(url, json={"fatalities": -1}, headers=good).status_code == 422
    assert client.patch(url, json={"colour": "red"}, headers=good).status_code == 422
    updated = client.patch(url, json={"fatalities": 9, "certainty": "confirmed"}, headers=good)
    assert updated.status_code == 200 and updated.json()["fatalities"] == 9
    assert client.get(url).json()["certainty"] == "confirmed"
    assert client.delete(url, headers=good).json() == {"deleted": event_id}
    assert client.get(url).status_code == 404
    assert client.delete(url, headers=good).status_code == 404
