"""The pipeline and the Python API: every stage runs, ids are stable, batches match singles."""

from __future__ import annotations

import pytest

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


def test_a_batch_whose_stage_fails_on_one_document_gives_the_results_before_it_then_the_error(pipeline, monkeypatch):
    import eventatlas.pipeline as pipeline_module

    failing = "Troops clashed with rebels near Goma on Sunday, the army said."
    real = pipeline_module.extract_events

    def extract_events(document):
        if document.text == failing:
            raise ValueError("stage failed")
        return real(document)

    monkeypatch.setattr(pipeline_module, "extract_events", extract_events)
    results = pipeline.process_many(Document(text=t, published="2023-07-12") for t in [TEXT, failing, TEXT])
    assert next(results).events
    with pytest.raises(ValueError, match="stage failed"):
        next(results)


def test_no_publication_date_invents_nothing():
    result = extract(TEXT)
    assert result.document.published is None
    assert all(e.event_date is None for e in result.events)
    assert any(e.date_text for e in result.events)


SPORT = "Rovers beat United 3-2 on Saturday to climb to third in the table, with two goals from the winger."


def test_process_many_keeps_order_around_skipped_documents(pipeline):
    texts = [SPORT, TEXT, SPORT]
    results = list(pipeline.process_many(Document(text=t, published="2023-07-12") for t in texts))
    assert [r.document.text for r in results] == texts
    assert [bool(r.events) for r in results] == [False, True, False]
    assert results[0].non_events[0].category == "NOT_RELEVANT"


def test_one_attack_reported_in_several_sentences_is_one_event():
    text = ("Gunmen attacked a market in Maiduguri, Nigeria on Tuesday, killing 12 traders. "
            "Witnesses said the attackers arrived on motorbikes and fired at stalls. "
            "Police later arrested the suspected gunman near the market.")
    events = extract(text, published="2024-05-09").events
    assert len(events) == 1
    assert (events[0].sub_event_type, events[0].location, events[0].event_date) == ("Attack", "Maiduguri", "2024-05-07")
    assert len(events[0].evidence) >= 2 and events[0].fatalities == 12


def test_the_headline_supplies_the_event_the_body_only_implies():
    body = ("Traffic stood still for hours on the main road through Nakuru on Tuesday, officials said. "
            "The fee increase was approved by the university council last month.")
    result = extract(body, published="2024-05-09", title="Students protest fee increase in Nakuru")
    protests = [e for e in result.events if e.event_type == "Protests"]
    assert len(protests) == 1 and protests[0].location == "Nakuru"
    assert protests[0].evidence[0].text.startswith("Traffic stood still")  # the lede restates the headline


def test_a_later_sentence_about_the_strikes_gives_the_country_level_event_its_town():
    text = ("Warplanes carried out airstrikes in Syria on Tuesday, a monitoring group said. "
            "The strikes hit a hospital in Idlib, according to rescuers.")
    events = extract(text, published="2024-05-09").events
    assert [(e.sub_event_type, e.location, e.geo_precision) for e in events] == [("Air/drone strike", "Idlib", 1)]
    assert len(events[0].evidence) == 2


def test_a_local_crime_report_gives_no_event():
    text = ("A 41-year-old clerk was shot in the arm during a robbery at a liquor store in Brookvale late on Friday, "
            "police said. Detectives arrested a 19-year-old man on Saturday and charged him with armed robbery.")
    result = extract(text, published="2024-05-09", title="Clerk wounded in Brookvale liquor store robbery")
    assert result.events == [] and result.non_events[0].category == "NOT_RELEVANT"


NURSES_MARCH = """QUITO, March 4, 2025 - Hundreds of nurses marched through Quito on Monday to demand unpaid wages from the health ministry.

Police fired tear gas at the marchers near Plaza Bolivar after some of them threw stones at officers.

The nurses' union said that 12 health workers had been killed in attacks by gangs so far this year."""


def test_a_square_named_for_a_place_is_in_the_town_and_a_count_of_past_deaths_is_no_toll():
    events = extract(NURSES_MARCH, published="2025-03-04").events
    assert events and {e.location for e in events} == {"Quito"}  # not the province of Bolivar
    assert all(e.fatalities == 0 for e in events)  # the union's count of this year's killings


def test_a_new_pipeline_has_its_stages_models_loaded_and_leaves_no_thread(pipeline):
    import threading

    from eventatlas.events.classify import load_bundle
    from eventatlas.events.resources import actor_index
    from eventatlas.pipeline import Pipeline

    before = set(threading.enumerate())
    Pipeline(nlp=pipeline.nlp)
    assert set(threading.enumerate()) <= before  # ingest forks workers from a pipeline's process
    assert load_bundle.cache_info().currsize == 1 and actor_index.cache_info().currsize == 1


def test_a_stage_model_that_fails_to_load_in_the_background_fails_again_where_it_is_used(pipeline, monkeypatch):
    from eventatlas import pipeline as pipeline_module

    def broken() -> None:
        raise OSError("model file unreadable")

    monkeypatch.setattr(pipeline_module, "stage_loaders", lambda: (broken,))
    pipeline_module.load_stage_models()  # no exception from the warm-up thread's work
    assert pipeline_module.Pipeline(nlp=pipeline.nlp).nlp is pipeline.nlp
