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


def test_punctuation_runs_are_guarded_before_the_tokenizer(nlp):
    """16 KB of '[' took minutes in spaCy's tokenizer; a megabyte of punctuation now takes
    about as long as a megabyte of spaces, and offsets still point into the original text."""
    import time

    from eventatlas.nlp.parse import parse_text

    started = time.monotonic()
    doc = parse_text('[!?"' * 250_000, nlp)
    assert time.monotonic() - started < 5
    assert len(doc.text) == 1_000_000
    text = "Police fired tear gas in Lagos. " + "!?" * 5000 + " Protesters returned to Abuja."
    document = parse(Document(text=text), nlp)
    assert any(m.text == "Abuja" and document.text[m.start : m.end] == "Abuja" for m in document.mentions)


def test_long_texts_are_parsed_in_pieces_at_paragraph_breaks(nlp, monkeypatch):
    import importlib

    parse_module = importlib.import_module("eventatlas.nlp.parse")

    monkeypatch.setattr(parse_module, "CHUNK_CHARS", 2000)
    paragraph = "Police arrested 12 people in Lagos on Monday. Protesters returned to the streets of Abuja.\n\n"
    text = paragraph * 60  # 5,520 characters: three pieces
    pieces = parse_module.split_long_text(text, 2000)
    assert "".join(pieces) == text and all(piece.endswith("\n\n") for piece in pieces[:-1])
    document = parse(Document(text=text), nlp)
    assert document.spacy_doc.text == text
    assert len(document.sentences) == 120
    assert sum(m.text == "Abuja" for m in document.mentions) == 60
    for mention in document.mentions:
        assert document.text[mention.start : mention.end] == mention.text
    [many] = list(parse_many([Document(text=text)], nlp))
    assert len(many.sentences) == 120


def test_split_long_text_without_any_break_still_cuts():
    from eventatlas.nlp.parse import split_long_text

    assert "".join(split_long_text("x" * 5000, 1000)) == "x" * 5000
    words = split_long_text("word " * 1000, 1000)
    assert all(len(piece) <= 1000 for piece in words) and all(piece.endswith(" ") for piece in words[:-1])


def test_a_word_without_end_is_not_a_million_tokens(nlp):
    from eventatlas.nlp.parse import parse_text, tokenizable

    assert tokenizable("a-" * 600) == " " * 1200
    assert tokenizable("see https://example.com/" + "x" * 900) == "see https://example.com/" + "x" * 900
    doc = parse_text("Police fired tear gas. " + "a-" * 200_000 + " Protesters fled.", nlp)
    assert len(doc) < 20
