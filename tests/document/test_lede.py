"""The lede anchors the headline's event: when the body coded that event only in later detail
sentences, the lede (its place and date) becomes an event of its own that the details merge into;
a lede the body coded as another kind of event keeps the body's reading."""

from __future__ import annotations

from eventatlas.document.headline import add_headline_events
from eventatlas.models import Document, Event, Span
from eventatlas.nlp import parse

TITLE = "Twin blasts hit market in Quetta"
TEXT = ("Wednesday, March 4, 2020\n\n"
        "Two explosions yesterday tore through a vegetable market in the Pakistani city of Quetta, "
        "wounding at least nine shoppers, officials said. "
        "The second device went off minutes after the first, as rescuers arrived.")


def _document(nlp) -> Document:
    return parse(Document(title=TITLE, text=TEXT, published="2020-03-04"), nlp)


def _detail(document: Document, etype: str, sub: str) -> Event:
    sentence = document.sentences[-1]
    return Event(event_type=etype, sub_event_type=sub, sentence=sentence.index,
                 evidence=[Span(text=sentence.text, start=sentence.start, end=sentence.end)])


def test_lede_restating_the_headline_anchors_the_event(nlp):
    document = _document(nlp)
    detail = _detail(document, "Explosions/Remote violence", "Remote explosive/landmine/IED")
    events = add_headline_events(document, [detail], nlp)
    assert len(events) == 2
    lede = events[-1]
    assert lede.evidence[0].text.startswith("Two explosions yesterday")  # not the publication line
    assert lede.location == "Quetta" and lede.event_date == "2020-03-03"


def test_lede_coded_by_the_body_is_not_duplicated(nlp):
    document = _document(nlp)
    lede = document.sentences[0]
    coded = Event(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                  sentence=lede.index, evidence=[Span(text=lede.text, start=lede.start, end=lede.end)])
    assert add_headline_events(document, [coded], nlp) == [coded]


def test_headline_of_another_family_does_not_retype_a_coded_lede(nlp):
    document = _document(nlp)
    lede = document.sentences[0]
    coded = Event(event_type="Riots", sub_event_type="Mob violence", sentence=lede.index,
                  evidence=[Span(text=lede.text, start=lede.start, end=lede.end)])
    assert add_headline_events(document, [coded], nlp) == [coded]
