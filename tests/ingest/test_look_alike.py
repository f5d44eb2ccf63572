"""Ingest links a parsed document with no event by its look-alike report; documents with events,
and documents the relevance gate set aside unparsed, have none."""

from __future__ import annotations

from eventatlas.ingest.process import _look_alike
from eventatlas.models import Document
from eventatlas.pipeline import Pipeline

ACCIDENT = Document(
    title="Tanker overturns on highway near Riverton",
    text=("A fuel tanker overturned on the highway near Riverton, Wyoming, late on Friday, injuring its driver, "
          "the highway patrol said. The road stayed closed for six hours while crews cleared the spill."),
    published="2023-04-15",
)


def test_a_parsed_document_without_events_is_linked_by_a_look_alike(pipeline):
    ungated = Pipeline(nlp=pipeline.nlp, gate=False)  # parse it whatever the gate would say
    result = ungated.process(ACCIDENT.model_copy(deep=True))
    assert not result.events and result.document.spacy_doc is not None  # an accident: no event
    report = _look_alike(result)
    assert report is not None and report.kind == "non_event"
    assert report.document_id == result.document.id


def test_a_document_set_aside_unparsed_has_no_look_alike(pipeline):
    result = pipeline.process(ACCIDENT.model_copy(deep=True))
    result.events = []
    result.document.spacy_doc = None  # as the relevance gate leaves it
    assert _look_alike(result) is None
