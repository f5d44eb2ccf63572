"""models: the Document's own helpers."""

from eventatlas.models import Document, Sentence


def _document(text: str, cuts: list[int]) -> Document:
    document = Document(text=text)
    starts = [0, *cuts]
    ends = [*cuts, len(text)]
    document.sentences = [Sentence(index=i, start=s, end=e, text=text[s:e]) for i, (s, e) in enumerate(zip(starts, ends))]
    return document


def test_a_paragraph_break_is_seen_when_the_sentence_takes_in_the_blank_line():
    text = "Gunmen attacked a post.\n\nThe army said it repelled them. Two soldiers died."
    document = _document(text, [25, 57])  # the first sentence runs over its blank line
    assert document.paragraph_break_between(0, 1)
    assert not document.paragraph_break_between(1, 2)
    assert document.paragraph_break_between(0, 2)
