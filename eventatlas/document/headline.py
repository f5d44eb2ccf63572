"""The title as evidence.

A headline states the article's main event ("Thousands of miners block highway near Arequipa"),
but the sentence coder reads only the body. The title is coded on its own, as a one-sentence
document; each headline event confirms the body events of its family (their confidence rises),
and one whose family the body has not coded at all is added, with the lede sentence as its
evidence (a lede restates its headline), the body's date for that sentence and the lede's place
(else the title's). The same holds when the body coded the headline's event only in later detail
sentences while the lede, which names the headline's place or shares its words, went uncoded: the
lede, with its place and date, anchors the event, and consolidation merges the details into it.
A lede the body coded as an event of another family keeps the body's reading: a full sentence
reads better than a few headline words.
"""

from __future__ import annotations

import re
import weakref
from functools import partial

from spacy.language import Language

from eventatlas.document.coreference import family_of
from eventatlas.document.resources import settings
from eventatlas.models import Document, Event, Sentence, Span

PLACE_FIELDS = ("location", "admin1", "admin2", "country", "country_code", "latitude", "longitude", "geonameid",
                "geo_precision")
# each live document's coded title (by the document's id: documents are not hashable) with the
# title, date and parser it was coded for; an entry goes when its document does
_CODED_TITLES: dict[int, tuple[weakref.ref, tuple, tuple[Event, ...]]] = {}


def headline_events(document: Document, nlp: Language) -> list[Event]:
    """The events the title reports, coded and located as a document of its own (fresh copies:
    a caller may change them). The gate's check (``headline_overrules_gate``) and
    ``add_headline_events`` both ask for a document's title, so it is coded once per document."""
    title = (document.title or "").strip()
    if not title:
        return []
    return [event.model_copy(deep=True) for event in _remembered_title(document, title, nlp)]


def _remembered_title(document: Document, title: str, nlp: Language) -> tuple[Event, ...]:
    key = (title, document.published, id(nlp))
    entry = _CODED_TITLES.get(id(document))
    if entry is not None and entry[0]() is document and entry[1] == key:
        return entry[2]
    events = _code_title(title, document.published, nlp)
    _CODED_TITLES[id(document)] = (weakref.ref(document, partial(_forget_title, id(document))), key, events)
    return events


def _forget_title(number: int, reference: weakref.ref) -> None:
    # the document is gone; its id may already name a newer document's entry
    entry = _CODED_TITLES.get(number)
    if entry is not None and entry[0] is reference:
        del _CODED_TITLES[number]


def _code_title(title: str, published: str | None, nlp: Language) -> tuple[Event, ...]:
    from eventatlas.events import extract_events
    from eventatlas.geo import locate_events
    from eventatlas.nlp import parse

    headline = parse(Document(text=title, published=published), nlp)
    events, _ = extract_events(headline)
    return tuple(e for e in locate_events(headline, events) if not e.background)


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
    """Body events confirmed by the headline; headline events the body lacks, added. A headline
    event whose family the body coded only in later detail sentences is added too, from the lede
    that restates the headline: the lede (with its place and date) anchors the main event, and
    consolidation merges the detail sentences into it."""
    boost = settings()["headline"]["confidence_boost"]
    added: list[Event] = []
    for found in headline_events(document, nlp):
        family = family_of(found)
        confirmed = [e for e in events if family_of(e) == family]
        for event in confirmed:
            event.confidence = min(1.0, event.confidence + boost)
        if not document.sentences or any(family_of(e) == family for e in added):
            continue
        if confirmed and _lede_uncoded(document, found, confirmed):
            added.append(_from_lede(document, found))
        elif not confirmed and not _lede_coded_otherwise(document, events):
            added.append(_from_lede(document, found))
    if not added:
        return events
    from eventatlas.time import date_events

    return events + date_events(document, added)


def _lede_coded_otherwise(document: Document, events: list[Event]) -> bool:
    """The body coded the lede as an event of another family: the lede restates the headline,
    and a full sentence reads better than a few headline words, so the body's reading stands."""
    lede = document.sentences[0]
    return any(e.sentence == lede.index and not e.background for e in events)


def _lede_uncoded(document: Document, found: Event, confirmed: list[Event]) -> bool:
    """The body coded the headline's event only after the lede, and the lede restates the
    headline (it names the headline's place, or shares its content words)."""
    lede = document.sentences[0]
    if any(e.sentence == lede.index for e in confirmed):
        return False
    return _restates(_clause_of(document.title or "", found), lede.text, found)


def _clause_of(title: str, found: Event) -> str:
    """The clause of a title that reports ``found``: "Gang attack kills nine; capital march
    dispersed" holds two events, and a lede restating the attack does not restate the march."""
    if found.trigger is None:
        return title
    start = 0
    for separator in _TITLE_CLAUSE.finditer(title):
        if found.trigger.start < separator.start():
            return title[start : separator.start()]
        start = separator.end()
    return title[start:]


_TITLE_CLAUSE = re.compile(r"\s*;\s*|\s+[|\u2013\u2014-]\s+")


def _restates(title: str, lede: str, found: Event) -> bool:
    if found.location and found.location != found.country and found.location in lede:
        return True  # a town or province; a country named in both says little
    shared = _content_words(title) & _content_words(lede)
    return len(shared) >= settings()["headline"]["lede_shared_words"]


def _content_words(text: str) -> set[str]:
    stop = set(settings()["headline"]["stop_words"])
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in stop}


def _from_lede(document: Document, found: Event) -> Event:
    """The headline event with the lede as its evidence, at the lede's own place when it names
    one (it is more precise than a headline's), else the headline's."""
    from eventatlas.geo import locate_events

    lede = document.sentences[0]
    event = found.model_copy(deep=True)
    # the lede's own word for the headline's trigger, so that the date governing it there is found
    # ("accused the rebels on Wednesday after villagers were killed": not Wednesday)
    event.sentence, event.trigger, event.location_hint = lede.index, _same_word(document, lede, found.trigger), None
    event.evidence = [_lede_span(document, lede)]
    event.event_date = event.date_text = event.time_precision = None
    event.notes = (event.notes + "; " if event.notes else "") + f"from the headline: {document.title!r}"
    probe = event.model_copy(deep=True, update={name: None for name in PLACE_FIELDS})
    located = [p for p in locate_events(document, [probe]) if p.location and p.location in lede.text]
    if located and (located[0].geo_precision or 3) <= (found.geo_precision or 3):
        return located[0]
    return event


def _same_word(document: Document, lede: Sentence, trigger: Span | None) -> Span | None:
    """The first word of the lede that is, or has as its lemma, a word of the headline's trigger."""
    doc = document.spacy_doc
    if trigger is None or doc is None:
        return None
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", trigger.text)}
    span = doc.char_span(lede.start, lede.end, alignment_mode="expand")
    for token in span if span is not None else ():
        if token.lower_ in words or token.lemma_.lower() in words:
            return document.span(token.idx, token.idx + len(token.text))
    return None


def _lede_span(document: Document, lede: Sentence) -> Span:
    """The lede without a publication date printed on its own line above it."""
    text = document.text[lede.start : lede.end]
    first_line, _, rest = text.partition("\n")
    start = lede.start
    if rest.strip() and _is_date_line(first_line):
        start += len(text) - len(rest.lstrip())
    return document.span(start, lede.end)


def _is_date_line(line: str) -> bool:
    return bool(re.fullmatch(settings()["headline"]["date_line"], line.strip(" \t\u00a0")))
