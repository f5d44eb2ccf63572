"""The classifier runs only on the sentences whose probabilities the coding reads, and the events
come out as when every sentence is classified."""

import pytest

from eventatlas.events import extract
from eventatlas.models import Document
from eventatlas.nlp import parse

# Written for this test: a headline, a quoted sentence, a sentence with a denied event, one with
# nothing of an event, a clash told whole and a sentence of two events in clauses of their own.
TEXT = (
    "Clashes Reported Near Border Town\n\n"
    "Gunmen attacked a police post near the border town on Tuesday, killing two officers. "
    "\"We will never let them take this town from us again, whatever it costs,\" the mayor said. "
    "Police said no protest was held. "
    "The town's market reopened in the afternoon. "
    "Rebels shelled the hills while soldiers arrested three smugglers at the bridge."
)


@pytest.fixture(scope="module")
def document(nlp):
    return parse(Document(text=TEXT, published="2024-05-08"), nlp)


def _classified(monkeypatch) -> list[str]:
    texts: list[str] = []
    classify = extract.classify_proba

    def recording(batch):
        texts.extend(batch)
        return classify(batch)

    monkeypatch.setattr(extract, "classify_proba", recording)
    return texts


def test_sentences_whose_probabilities_are_never_read_are_not_classified(document, monkeypatch):
    texts = _classified(monkeypatch)
    extract.extract_events(document)
    assert not any(text.startswith(("Clashes Reported", "\"We will never")) for text in texts)
    assert "The town's market reopened in the afternoon." in texts  # a classifier-only event may still come of it


def test_the_events_are_those_of_classifying_every_sentence(document, monkeypatch):
    events, non_events = extract.extract_events(document)
    monkeypatch.setattr(extract._Coder, "reads_sentence_proba", lambda self, sentence, prep: True)
    every_events, every_non_events = extract.extract_events(document)
    assert [e.model_dump() for e in events] == [e.model_dump() for e in every_events]
    assert [n.model_dump() for n in non_events] == [n.model_dump() for n in every_non_events]
