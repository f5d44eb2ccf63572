"""nlp.parse: sentences and entity mentions with offsets into Document.text."""

from __future__ import annotations

from eventatlas.models import Document
from eventatlas.nlp import parse, parse_many


def test_parse_fills_sentences_and_mentions(nlp):
    text = "Police arrested 12 people in Lagos on Monday. Protesters returned to the streets of Abuja."
    document = parse(Document(text=text), nlp)
    assert [s.text for s in document.sentences] == [
        "Police arrested 12 people in Lagos on Monday.",
        "Protesters returned to the streets of Abuja.",
    ]
    for mention in document.mentions:
        assert document.text[mention.start : mention.end] == mention.text
    labels = {(m.text, m.label) for m in document.mentions}
    assert ("Lagos", "GPE") in labels
    assert any(m.text == "Abuja" and m.sentence == 1 for m in document.mentions)
    assert document.spacy_doc is not None


def test_parse_many_keeps_order(nlp):
    documents = [Document(text=f"Document number {i} mentions Nairobi.") for i in range(5)]
    parsed = list(parse_many(documents, nlp, batch_size=2))
    assert [d.text for d in parsed] == [d.text for d in documents]
    assert all(d.sentences for d in parsed)
