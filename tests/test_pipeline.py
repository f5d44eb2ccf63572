"""The pipeline and the Python API: every stage runs, ids are stable, batches match singles."""

from __future__ import annotations

from eventatlas import extract
from eventatlas.models import Document

TEXT = (
    "Security forces fired tear gas at hundreds of protesters in Nairobi on Tuesday. "
    "Separately, gunmen killed three villagers near Maiduguri on Monday, police said."
)


def test_extract_python_api_codes_every_stage():
    result = extract(TEXT, published="2023-07-12")
    assert result.document.published == "2023-07-12"
    assert result.events, "the two reports should give events"
    for event in result.events:
        assert event.event_type and event.sub_event_type
        assert event.evidence and all(result.document.text[s.start : s.end] == s.text for s in event.evidence)
        assert event.event_id
    located = [e for e in result.events if e.latitude is not None]
    assert located and all(e.country_code for e in located)
    assert any(e.event_date == "2023-07-11" and e.time_precision == 1 for e in result.events)


def test_event_ids_are_stable_and_unique():
    first = [e.event_id for e in extract(TEXT, published="2023-07-12").events]
    second = [e.event_id for e in extract(TEXT, published="2023-07-12").events]
    assert first == second and len(set(first)) == len(first)


def test_process_many_matches_process(pipeline):
    texts = [TEXT, "Troops clashed with rebels near Goma on Sunday, the army said."]
    single = [pipeline.process(Document(text=t, published="2023-07-12")).to_dict() for t in texts]
    batched = [r.to_dict() for r in pipeline.process_many(Document(text=t, published="2023-07-12") for t in texts)]
    assert single == batched


def test_no_publication_date_invents_nothing():
    result = extract(TEXT)
    assert result.document.published is None
    assert all(e.event_date is None for e in result.events)
    assert any(e.date_text for e in result.events)
