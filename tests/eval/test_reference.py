"""eval.reference: the gold.json scoring rule, and the founding example scored end to end."""

from __future__ import annotations

import json

import pytest

from eventatlas.eval.reference import haversine_km, matches, score_events

REFERENCE = {
    "required": [
        {
            "id": "rally",
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "location": {"lat": 6.45, "lon": 3.39, "max_km": 25},
            "evidence_contains": "marched",
        }
    ],
    "expected": [
        {
            "id": "clash",
            "event_type": "Battles",
            "sub_event_type": ["Armed clash", "Government regains territory"],
            "location": {"lat": 9.06, "lon": 7.49, "max_km": 50},
            "evidence_contains": "clashed",
        }
    ],
}


def _event(sub_type, event_type, lat, lon, text, **fields):
    return {"event_type": event_type, "sub_event_type": sub_type, "latitude": lat, "longitude": lon,
            "evidence": [{"text": text, "start": 0, "end": len(text)}], **fields}


def test_haversine():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)


def test_matching_rule():
    ref = REFERENCE["required"][0]
    assert matches(_event("Peaceful protest", "Protests", 6.5, 3.4, "Farmers marched in Lagos."), ref)
    assert not matches(_event("Peaceful protest", "Protests", 9.0, 7.4, "Farmers marched in Abuja."), ref)  # too far
    assert not matches(_event("Protest with intervention", "Protests", 6.5, 3.4, "Farmers marched."), ref)
    assert not matches(_event("Peaceful protest", "Protests", 6.5, 3.4, "Farmers gathered."), ref)  # evidence
    assert not matches(_event("Peaceful protest", "Protests", None, None, "Farmers marched."), ref)


def test_a_reference_may_accept_either_of_two_event_types():
    reference = {"event_type": ["Protests", "Riots"], "sub_event_type": ["Protest with intervention", "Violent demonstration"]}
    riot = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
    assert matches(riot, reference)
    assert not matches({"event_type": "Battles", "sub_event_type": "Armed clash"}, reference)


def test_scoring_counts_each_reference_once():
    events = [
        _event("Peaceful protest", "Protests", 6.5, 3.4, "Farmers marched in Lagos.", event_id="a"),
        _event("Peaceful protest", "Protests", 6.5, 3.4, "Farmers marched again.", event_id="b"),
        _event("Government regains territory", "Battles", 9.1, 7.5, "Troops clashed and retook it.", event_id="c"),
    ]
    report = score_events(events, REFERENCE)
    assert [m[0] for m in report.matched] == ["rally", "clash"]
    assert report.missing_required == [] and report.recall == 1.0
    assert len(report.unmatched_events) == 1 and report.precision == pytest.approx(2 / 3)


@pytest.fixture(scope="module")
def seed_results(seed_dir):
    from eventatlas.pipeline import extract_file

    gold = json.loads((seed_dir / "gold.json").read_text("utf-8"))
    with_date = extract_file(str(seed_dir / "article.txt"), published=gold["published"]).to_dict()
    without_date = extract_file(str(seed_dir / "article.txt")).to_dict()
    return gold, with_date, without_date


def test_seed_article_required_events(seed_results):
    gold, result, _ = seed_results
    report = score_events(result["events"], gold)
    print(
        f"\nseed article: precision {report.precision:.2f} recall {report.recall:.2f} "
        f"matched {[m[0] for m in report.matched]} unmatched {len(report.unmatched_events)}"
    )
    for ref_id, _event_id, fields in report.matched:
        print(f"  {ref_id}: {fields}")
    for event in report.unmatched_events:
        print(f"  unmatched: {event['sub_event_type']} at {event['location']}: {event['evidence'][0]['text'][:90]!r}")
    assert report.missing_required == []
    assert len(report.missing_expected) <= 1  # "most of expected"


def test_seed_article_forbidden(seed_results):
    _, result, _ = seed_results
    assert "Please enter" not in result["document"]["text"]
    assert "Please enter" not in (result["document"]["title"] or "")
    for event in result["events"]:
        assert event["country_code"] != "PK", event  # Pakistan is accused, not a place of events
        assert not any("every valley" in span["text"] for span in event["evidence"]), event  # quoted speech


def test_seed_article_dates(seed_results):
    gold, result, undated = seed_results
    report = score_events(result["events"], gold)
    required = {ref["id"]: ref for ref in gold["required"]}
    dated = [fields.get("event_date") for ref_id, _, fields in report.matched if ref_id in required]
    assert all(dated), report.matched
    # Without a publication date nothing absolute may be invented; the words are kept.
    assert undated["document"]["published"] is None
    for event in undated["events"]:
        assert event["event_date"] is None, event
    assert any(event["date_text"] for event in undated["events"])
