"""The REST API against SQLite: filters, pagination, sort, GeoJSON, validation, auth, exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventatlas.export import ACLED_COLUMNS
from eventatlas.export.writers import acled_event_id


def all_events(client, **params):
    params.setdefault("limit", 1000)
    data = client.get("/api/events", params=params).json()
    assert data["next_offset"] is None, "test database should fit one page of 1000"
    return data["items"]


def test_list_is_newest_first_with_exact_total(client):
    data = client.get("/api/events", params={"limit": 20}).json()
    assert len(data["items"]) == 20
    dates = [e["event_date"] for e in data["items"]]
    assert dates == sorted(dates, reverse=True)
    assert data["total_is_exact"] and data["total"] == len(all_events(client))
    assert data["next_offset"] == 20
    first = data["items"][0]
    assert {"event_id", "event_type", "evidence", "certainty", "geo_precision", "document_id"} <= set(first)


def test_pages_do_not_overlap_and_cover_everything(client):
    everything = [e["event_id"] for e in all_events(client, sort="fatalities")]
    paged, offset = [], 0
    while offset is not None:
        data = client.get("/api/events", params={"sort": "fatalities", "limit": 97, "offset": offset}).json()
        paged += [e["event_id"] for e in data["items"]]
        offset = data["next_offset"]
    assert paged == everything
    assert len(set(paged)) == len(paged)


def test_sort_ascending_and_descending(client):
    up = [e["fatalities"] for e in all_events(client, sort="fatalities")]
    down = [e["fatalities"] for e in all_events(client, sort="-fatalities,event_date")]
    assert up == sorted(up) and down == sorted(down, reverse=True)


@pytest.mark.parametrize(
    "params, check",
    [
        ({"event_type": "Battles"}, lambda e: e["event_type"] == "Battles"),
        ({"event_type": ["Riots", "Protests"]}, lambda e: e["event_type"] in ("Riots", "Protests")),
        ({"sub_event_type": "Air/drone strike"}, lambda e: e["sub_event_type"] == "Air/drone strike"),
        ({"country": "CN"}, lambda e: e["country_code"] == "CN"),
        ({"country": "China"}, lambda e: e["country_code"] == "CN"),
        ({"certainty": "claimed"}, lambda e: e["certainty"] == "claimed"),
        ({"geo_precision": 2}, lambda e: e["geo_precision"] == 2),
        ({"time_precision": 3}, lambda e: e["time_precision"] == 3),
        ({"actor": "Hill Militia"}, lambda e: "Hill Militia" in (e["actor1"], e["actor2"])),
        ({"start_date": "2020-01-01", "end_date": "2020-06-30"}, lambda e: "2020-01-01" <= e["event_date"] <= "2020-06-30"),
        ({"bbox": "-10,35,30,60"}, lambda e: -10 <= e["longitude"] <= 30 and 35 <= e["latitude"] <= 60),
    ],
)
def test_each_filter_returns_exactly_the_matching_events(client, params, check):
    everything = all_events(client)
    expected = {e["event_id"] for e in everything if check(e)}
    got = all_events(client, **params)
    assert expected, f"test data has no event for {params}"
    assert {e["event_id"] for e in got} == expected


def test_actor_matches_associated_actors_and_bbox_crosses_antimeridian(client, hostile_event_id):
    for actor in ("Teachers (Testland)", "Students (Testland)", "Police Forces of Testland"):
        assert [e["event_id"] for e in all_events(client, actor=actor)] == [hostile_event_id]
    assert all_events(client, actor="Testland") == []  # names match whole, not as substrings
    crossing = all_events(client, bbox="170,-30,-170,0")
    assert hostile_event_id in [e["event_id"] for e in crossing]
    assert all(e["longitude"] >= 170 or e["longitude"] <= -170 for e in crossing)


def test_full_text_and_admin1(client, hostile_event_id):
    assert [e["event_id"] for e in all_events(client, q="tear gas Rivertown")] == [hostile_event_id]
    assert [e["event_id"] for e in all_events(client, admin1="Far East Province")] == [hostile_event_id]
    # Punctuation in the query is searched for, not parsed as FTS syntax.
    assert client.get("/api/events", params={"q": 'gas" OR (x'}).status_code == 200


def test_one_event_with_evidence_and_document(client, hostile_event_id):
    event = client.get(f"/api/events/{hostile_event_id}").json()
    document = event["document"]
    span = event["evidence"][0]
    assert document["text"][span["start"] : span["end"]] == span["text"]
    assert event["claimed_by"] == "Rights Watch Testland" and event["certainty"] == "claimed"
    assert "<script>" in document["text"]  # served verbatim as JSON data; the page escapes it
    assert client.get("/api/events/nope").status_code == 404


def test_documents(client, hostile_event_id):
    listing = client.get("/api/documents", params={"q": "Rivertown"}).json()
    assert [d["title"] for d in listing["items"]] == ["<b>Tear gas</b> in Rivertown"]
    assert "text" not in listing["items"][0]
    document = client.get(f"/api/documents/{listing['items'][0]['id']}").json()
    assert [e["event_id"] for e in document["events"]] == [hostile_event_id]
    assert client.get("/api/documents/missing").json() == {"detail": "document 'missing' not found"}


def test_geojson_is_a_valid_feature_collection(client):
    data = client.get("/api/events.geojson", params={"event_type": "Protests"})
    assert data.headers["content-type"].startswith("application/geo+json")
    collection = data.json()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["event_type"] == "Protests"
    assert len(collection["features"]) == len(all_events(client, event_type="Protests"))


def test_aggregates_add_up(client):
    total = len(all_events(client))
    by_type = client.get("/api/aggregates", params={"by": "event_type"}).json()["items"]
    assert sum(i["count"] for i in by_type) == total
    days = client.get("/api/aggregates", params={"by": "day", "country": "CN"}).json()["items"]
    assert [d["key"] for d in days] == sorted(d["key"] for d in days)
    assert sum(d["count"] for d in days) == len(all_events(client, country="CN"))
    countries = client.get("/api/aggregates", params={"by": "country", "limit": 3}).json()["items"]
    assert len(countries) == 3 and countries[0]["count"] >= countries[1]["count"] and countries[0]["label"]
    actors = client.get("/api/aggregates", params={"by": "actor", "limit": 5}).json()["items"]
    assert actors and all(a["key"] for a in actors)
    no_sum = client.get("/api/aggregates", params={"by": "day", "fatalities": "false"}).json()["items"]
    assert "fatalities" not in no_sum[0]


@pytest.mark.parametrize(
    "params, words",
    [
        ({"start_date": "2020-13-01"}, "start_date"),
        ({"start_date": "2021-01-01", "end_date": "2020-01-01"}, "start_date must not be after end_date"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "0,80,10,70"}, "south"),
        ({"bbox": "0,0,200,10"}, "longitudes"),
        ({"sort": "colour"}, "unknown sort key"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"geo_precision": 4}, "geo_precision"),
        ({"certainty": "maybe"}, "certainty"),
    ],
)
def test_bad_input_is_a_clear_422(client, params, words):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and words in detail


def test_bad_aggregate_and_export_format(client):
    assert client.get("/api/aggregates", params={"by": "colour"}).status_code == 422
    assert client.get("/api/export", params={"format": "xls"}).status_code == 422


def test_export_acled_csv_matches_the_list(client):
    response = client.get("/api/export", params={"format": "acled-csv", "event_type": "Battles", "unit": "reports"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ACLED_COLUMNS
    listed = all_events(client, event_type="Battles")
    assert [r[0] for r in rows[1:]] == [acled_event_id(e["event_id"], e["country_code"]) for e in listed]
    assert all(r[0][:3].isalpha() and r[0][3:].isdigit() for r in rows[1:])  # ACLED's form: ISO3 + number
    assert {r[ACLED_COLUMNS.index("disorder_type")] for r in rows[1:]} == {"Political violence"}


def test_export_geojson_jsonl_parquet(client, tmp_path):
    geo = client.get("/api/export", params={"format": "geojson", "country": "CN", "unit": "reports"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(all_events(client, country="CN"))
    lines = client.get("/api/export", params={"format": "jsonl", "country": "CN", "unit": "reports"}).text.splitlines()
    assert len(lines) == len(geo["features"]) and json.loads(lines[0])["country_code"] == "CN"
    import pyarrow.parquet as pq

    path = tmp_path / "out.parquet"
    path.write_bytes(client.get("/api/export", params={"format": "parquet", "country": "CN", "unit": "reports"}).content)
    assert pq.read_table(path).num_rows == len(lines)


def test_page_is_served_or_explains_how_to_build(client):
    from eventatlas.web import bundle_built

    response = client.get("/")
    if bundle_built():
        assert response.status_code == 200 and "<div id=\"map\"" in response.text
    else:
        assert response.status_code == 503 and "make web" in response.text
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui" in docs.text
    if bundle_built():  # Swagger UI is bundled too: no CDN at run time
        assert "cdn." not in docs.text
        assert client.get("/swagger/swagger-ui-bundle.js").status_code == 200
    assert "/api/events" in client.get("/openapi.json").json()["paths"]
