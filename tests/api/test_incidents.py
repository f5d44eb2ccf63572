"""``/api/incidents``: incidents linked at ingest, listed with the events' filters, as GeoJSON,
one with its sources and reports, and split/merge with the token (merged ids keep answering)."""

from __future__ import annotations

import pytest

from tests.store.conftest import make_result

STORY = "Teachers marched through central Kabul demanding unpaid salaries from the ministry"
TOKEN = {"Authorization": "Bearer test-token"}


@pytest.fixture(scope="module")
def incidents_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from eventatlas.api.app import create_app
    from eventatlas.store.db import get_engine, init_db
    from eventatlas.store.write import save_result

    url = f"sqlite:///{tmp_path_factory.mktemp('incidents') / 'events.db'}"
    engine = get_engine(url)
    init_db(engine)
    for outlet, extra in (("one.example", "Police watched."), ("two.example", "Shops stayed shut.")):
        save_result(engine, make_result(f"{STORY}. {extra}", url=f"https://{outlet}/story", events=1, non_events=0))
    other = make_result("Farmers blocked the Lyon ring road with tractors over fuel prices", url="https://three.example/x",
                        events=1, non_events=0, place_id=2996944)
    other.events[0].country_code, other.events[0].country = "FR", "France"
    other.events[0].latitude, other.events[0].longitude, other.events[0].location = 45.75, 4.85, "Lyon"
    save_result(engine, other)
    engine.dispose()
    with TestClient(create_app(url, api_token="test-token"), base_url="http://localhost") as client:
        yield client


def test_list_filters_and_pages_incidents(incidents_client):
    page = incidents_client.get("/api/incidents").json()
    assert sorted(item["n_reports"] for item in page["items"]) == [1, 2]
    kabul = incidents_client.get("/api/incidents", params={"country": "AF"}).json()["items"]
    assert len(kabul) == 1 and kabul[0]["n_sources"] == 2
    assert {s["outlet"] for s in kabul[0]["sources"]} == {"one.example", "two.example"}
    first = incidents_client.get("/api/incidents", params={"limit": 1, "sort": "-n_reports"}).json()
    assert first["items"][0]["n_reports"] == 2 and first["next_offset"] == 1
    assert incidents_client.get("/api/incidents", params={"sort": "nope"}).status_code == 422


def test_geojson_and_one_incident_with_its_reports(incidents_client):
    collection = incidents_client.get("/api/incidents.geojson").json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    incident_id = incidents_client.get("/api/incidents", params={"country": "AF"}).json()["items"][0]["incident_id"]
    incident = incidents_client.get(f"/api/incidents/{incident_id}").json()
    assert len(incident["reports"]) == 2 and all(r["evidence"] for r in incident["reports"])
    for report in incident["reports"]:  # each source's passage, with its evidence inside it
        span = report["evidence"][0]
        start = span["start"] - report["context_start"]
        assert report["context"][start : start + len(span["text"])] == span["text"]
        assert report["document"]["url"].startswith("https://")
    assert incidents_client.get("/api/incidents/inc-missing").status_code == 404
    events = incidents_client.get("/api/events").json()["items"]
    assert len(events) == 3  # events still serve reports, each saying its incident
    assert incidents_client.get(f"/api/events/{incident['reports'][0]['event_id']}").json()["incident_id"] == incident_id


def test_split_then_merge_back_redirects(incidents_client):
    incident = incidents_client.get("/api/incidents", params={"country": "AF"}).json()["items"][0]
    incident_id, report_id = incident["incident_id"], incident["sources"][1]["report_id"]
    assert incidents_client.post(f"/api/incidents/{incident_id}/split", json={"report_ids": [report_id]}).status_code == 401
    split = incidents_client.post(f"/api/incidents/{incident_id}/split", json={"report_ids": [report_id]}, headers=TOKEN)
    new_id = split.json()["new_incident_id"]
    assert incidents_client.get(f"/api/incidents/{new_id}").json()["n_reports"] == 1
    merged = incidents_client.post(f"/api/incidents/{incident_id}/merge", json={"other_id": new_id}, headers=TOKEN)
    assert merged.status_code == 200
    again = incidents_client.get(f"/api/incidents/{new_id}").json()
    assert again["incident_id"] == incident_id and again["redirected_from"] == new_id and again["n_reports"] == 2


def test_export_gives_incidents_by_default_and_reports_on_request(incidents_client):
    incidents = incidents_client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    reports = incidents_client.get("/api/export", params={"format": "jsonl", "unit": "reports"}).text.splitlines()
    assert (len(incidents), len(reports)) == (2, 3)
    assert incidents_client.get("/api/export", params={"sort": "actor1"}).status_code == 422


def test_a_corrected_event_corrects_its_incident(incidents_client):
    lyon = incidents_client.get("/api/incidents", params={"country": "FR"}).json()["items"][0]
    event_id = lyon["sources"][0]["report_id"]
    corrected = incidents_client.patch(f"/api/events/{event_id}", json={"fatalities": 3}, headers=TOKEN)
    assert corrected.status_code == 200
    assert incidents_client.get(f"/api/incidents/{lyon['incident_id']}").json()["fatalities"] == 3


def test_deleting_an_event_takes_it_off_its_incident(incidents_client):
    lyon = incidents_client.get("/api/incidents", params={"country": "FR"}).json()["items"][0]
    event_id = lyon["sources"][0]["report_id"]
    assert incidents_client.delete(f"/api/events/{event_id}", headers=TOKEN).status_code == 200
    assert incidents_client.get(f"/api/incidents/{lyon['incident_id']}").status_code == 404
    assert incidents_client.get("/api/incidents", params={"country": "FR"}).json()["items"] == []
