"""The title as evidence.

A headline states the article's main event ("Thousands of miners block highway near Arequipa"),
but the sentence coder reads only the body. The title is coded on its own, as a one-sentence
document; each headline event confirms the body events of its family (their confidence rises),
and one whose family the body has not coded at all is added, with the lede sentence as its
evidence (a lede restates its headline), the body's date for that sentence and the title's place.
"""

from __future__ import annotations

from spacy.language import Language

from eventatlas.document.coreference import family_of
from eventatlas.document.resources import settings
from eventatlas.models import Document, Event


def headline_events(document: Document, nlp: Language) -> list[Event]:
    """The events the title reports, coded and located as a document of its own."""
    from eventatlas.events import extract_events
    from eventatlas.geo import locate_events
    from eventatlas.nlp import parse

    title = (document.title or "").strip()
    if not title:
        return []
    headline = parse(Document(text=title, published=document.published), nlp)
    events, _ = extract_events(headline)
    return [e for e in locate_events(headline, events) if not e.background]


def headline_overrules_gate(document: Document, nlp: Language) -> bool:
    """Does the title alone report an event surely enough to code a document the relevance gate
    ruled out? A title states the main event even when the lede opens with its background, but
    a few words of a crime or sports title also read as an event, so it takes both the gate,
    reading the title alone, and a confident reading by the coder to overrule the gate."""
    from eventatlas.document.relevance import title_relevant

    if not title_relevant(document.title):
        return False
    floor = settings()["headline"]["overrule_gate_confidence"]
    return any(event.confidence >= floor for event in headline_events(document, nlp))


def add_headline_events(document: Document, events: list[Event], nlp: Language) -> list[Event]:
    """Body events confirmed by the headline; headline events the body lacks, added."""
    boost = settings()["headline"]["confidence_boost"]
    added: list[Event] = []
    for found in headline_events(document, nlp):
        family = family_of(found)
        confirmed = [e for e in events if family_of(e) == family]
        for event in confirmed:
            event.confidence = min(1.0, event.confidence + boost)
        if not confirmed and document.sentences and not any(family_of(e) == family for e in added):
            added.append(_from_lede(document, found))
    if not added:
        return events
    from eventatlas.time import date_events

    return events + date_events(document, added)


def _from_lede(document: Document, found: Event) -> Event:
    lede = document.sentences[0]
    event = found.model_copy(deep=True)
    event.sentence, event.trigger, event.location_hint = lede.index, None, None
    event.evidence = [document.span(lede.start, lede.end)]
    event.event_date = event.date_text = event.time_precision = None
    event.notes = (event.notes + "; " if event.notes else "") + f"from the headline: {document.title!r}"
    return event
