"""Reports: the one event of an article that the linker files under an incident.

A *report* is an event as coded from one document, with that document's url, title, published
date and outlet. ``main_report`` picks a document's main event; when the coder set everything
aside as a look-alike (ordinary crime, say), the main look-alike still names a real-world
incident, so it is placed and dated like an event and linked as a report of kind "non_event";
a document with neither (an accidental shooting) is linked by its opening sentence the same way.
A look-alike is placed and dated from the document's opening only, which costs ingest far less
than reading the places and dates of the whole article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Optional
from urllib.parse import urlsplit

from eventatlas.incidents.settings import fallback_settings
from eventatlas.models import Document, Event, ExtractionResult, NonEvent, Span


@dataclass
class Report:
    """One event of one document, flattened to what linking and merging read."""

    report_id: str
    document_id: str
    event_type: str
    sub_event_type: str
    event_date: Optional[str] = None
    time_precision: Optional[int] = None
    country_code: Optional[str] = None
    admin1: Optional[str] = None
    location: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geonameid: Optional[int] = None
    geo_precision: Optional[int] = None
    actors: tuple[str, ...] = ()
    fatalities: int = 0
    certainty: str = "reported"
    evidence: str = ""
    context: str = ""  # the title and opening words of the document, for text similarity
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    kind: str = "event"  # "event", or "non_event" for a look-alike placed and dated as one
    names: tuple[str, ...] = ()  # its rarest words when linked (names, streets): blocking keys
    event: Optional[dict] = field(default=None, repr=False)  # the event as coded, for merging

    @cached_property
    def event_day(self) -> Optional[int]:
        """The event date as a day number (proleptic ordinal), None when unknown or unreadable."""
        return _ordinal(self.event_date)

    @cached_property
    def published_day(self) -> Optional[int]:
        return _ordinal(self.published)

    @property
    def outlet(self) -> str:
        """The outlet: the url's host without 'www.', else the source name."""
        try:
            host = urlsplit(self.url).hostname if self.url else None
        except ValueError:  # not a readable url (an unclosed IPv6 bracket, say)
            host = None
        if host:
            return host.removeprefix("www.")
        return self.source or self.document_id


def _ordinal(value: Optional[str]) -> Optional[int]:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _fallback_categories() -> tuple[str, ...]:
    return tuple(fallback_settings()["non_event_categories"])


def report_from_event(
    event: Event, result: ExtractionResult, kind: str = "event", context_words: Optional[int] = None
) -> Report:
    """The report of one coded event of ``result``'s document."""
    from eventatlas.incidents.settings import LinkingSettings

    document = result.document
    context_words = context_words or LinkingSettings.default().context_words
    opening = " ".join(document.text.split()[:context_words])
    actors = tuple(a for a in (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2) if a)
    evidence = " ".join(span.text for span in event.evidence)
    return Report(
        report_id=event.event_id or f"{document.id}-{kind}",
        document_id=document.id,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        event_date=event.event_date,
        time_precision=event.time_precision,
        country_code=event.country_code,
        admin1=event.admin1,
        location=event.location,
        latitude=event.latitude,
        longitude=event.longitude,
        geonameid=event.geonameid,
        geo_precision=event.geo_precision,
        actors=actors,
        fatalities=event.fatalities or 0,
        certainty=event.certainty,
        evidence=evidence,
        context=" ".join(filter(None, [document.title or "", opening])),
        title=document.title,
        url=document.url,
        published=document.published,
        source=document.source,
        kind=kind,
        event=event.model_dump(mode="json"),
    )


def main_event(events: list[Event]) -> Optional[Event]:
    """The event an article is mainly about: a new report over background, then the one with the
    most evidence, then the earliest in the text."""
    if not events:
        return None
    ranked = sorted(
        enumerate(events),
        key=lambda pair: (pair[1].background, -len(pair[1].evidence), -pair[1].confidence, pair[0]),
    )
    return ranked[0][1]


def main_non_event(non_events: list[NonEvent]) -> Optional[NonEvent]:
    """The first look-alike of a kind that names a real-world incident (a crime, an accident)."""
    wanted = _fallback_categories()
    candidates = [n for n in non_events if n.category in wanted and n.evidence]
    return min(candidates, key=lambda n: n.sentence) if candidates else None


def lede_non_event(document: Document) -> Optional[NonEvent]:
    """The document's opening sentence, standing in for what it reports when the coder found
    neither an event nor a crime-like look-alike (an accident, a death told through its
    aftermath): news puts the what, where and when first. Sentences of page furniture too short
    to say anything are skipped."""
    settings = fallback_settings()["lede"]
    for sentence in document.sentences[: int(settings["sentences"])]:
        if len(sentence.text.split()) >= int(settings["min_words"]):
            span = Span(text=sentence.text.strip(), start=sentence.start, end=sentence.end)
            return NonEvent(category=settings["category"], evidence=[span], sentence=sentence.index,
                            notes="the opening sentence of a document with no coded event")
    return None


def opening_of(document: Document, sentence: int) -> Document:
    """The document cut after its sentence ``sentence``, and after no fewer than the opening
    ``place_sentences``, parse and all: a look-alike is placed and dated from it. The geo and
    time stages read every place and date of what they are given, which for a whole article
    costs more than the rest of its ingest; news tells where and when first. Offsets are those
    of the whole document (the text is a prefix of it)."""
    keep = max(sentence + 1, int(fallback_settings()["place_sentences"]))
    doc = document.spacy_doc
    if doc is None or keep >= len(document.sentences):
        return document
    cut = document.sentences[keep - 1].end
    span = doc.char_span(0, cut, alignment_mode="expand")
    if span is None:
        return document
    opening = span.as_doc()
    text = opening.text  # spaCy joins its tokens for each read of Doc.text: once
    excerpt = document.model_copy(update={
        "text": text,
        "sentences": document.sentences[:keep],
        "mentions": [m for m in document.mentions if m.end <= len(text)],
    })
    excerpt.spacy_doc = opening
    return excerpt


def place_and_date_non_event(result: ExtractionResult, non_event: NonEvent) -> Optional[Event]:
    """A look-alike placed and dated by the geo and time stages, as if it were an event, from the
    document's opening (``opening_of``)."""
    from eventatlas.geo import locate_events
    from eventatlas.time import date_events

    document = opening_of(result.document, non_event.sentence)
    stand_in = Event(
        event_type=non_event.category,
        sub_event_type=non_event.category,
        evidence=list(non_event.evidence),
        sentence=non_event.sentence,
        confidence=non_event.confidence,
        notes=f"placed and dated from a set-aside {non_event.category} report",
    )
    events = date_events(document, locate_events(document, [stand_in]))
    if not events:
        return None
    located = next((e for e in events if e.latitude is not None), events[0])
    located.event_id = f"{document.id[:8]}-{non_event.category.lower()}-{non_event.sentence}"
    return located


def main_report(result: ExtractionResult, fallback: bool = True) -> Optional[Report]:
    """The report a document is linked by: its main event, else (with ``fallback``) its main
    crime-like look-alike, else its opening sentence, placed and dated. None when the document
    reports nothing."""
    event = main_event(result.events)
    if event is not None:
        return report_from_event(event, result)
    if not fallback:
        return None
    non_event = main_non_event(result.non_events) or lede_non_event(result.document)
    if non_event is None:
        return None
    stand_in = place_and_date_non_event(result, non_event)
    return report_from_event(stand_in, result, kind="non_event") if stand_in else None
