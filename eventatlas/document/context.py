"""Carry place and date through the article.

A lede says where and when ("in Aleppo on Wednesday"); later sentences about the same events
say neither. An event with no date, or no place finer than a country, takes them from the event
it continues (see ``coreference.antecedent``). Precision fields say how sure that is: carried
from the event the sentence refers back to ("the attack"), the antecedent's own precision;
carried only by narrative order, one level coarser (ACLED's 2: near / part of).

A later sentence that refers back to a country-level event and names a town inside that country
("the attacks ... struck the plant at Abqaiq") makes the event more precise: the event moves
there and that sentence joins its evidence.
"""

from __future__ import annotations

from eventatlas.document.coreference import (
    antecedent,
    family_of,
    first_position,
    is_country_level,
    names_perpetrators,
    refers_back,
    refers_to_any,
)
from eventatlas.models import Document, Event

PLACE_FIELDS = ("location", "admin1", "admin2", "country", "country_code", "latitude", "longitude", "geonameid")
MAX_SENTENCES_AHEAD = 8  # how far a later sentence may be and still be read as refining the place


def carry_context(document: Document, events: list[Event]) -> list[Event]:
    """Fill missing dates and places from the events each one continues (document order)."""
    ordered = sorted(events, key=first_position)
    for index, event in enumerate(ordered):
        earlier = [e for e in ordered[:index] if e.event_date or (e.location and not is_country_level(e))]
        if not earlier:
            continue
        family = refers_to_any(event.own_sentence())
        source = antecedent(event, earlier, family)
        if source is None:
            continue
        sure = family is not None
        if not event.event_date and not event.date_text and source.event_date:  # a coarse date of its own stays
            _carry_date(event, source, sure)
        if _can_take_place(event, source):
            _carry_place(event, source, sure)
    return ordered


def _can_take_place(event: Event, source: Event) -> bool:
    return (is_country_level(event) and not event.background and source.location is not None
            and not is_country_level(source) and _same_country(event, source))


def refine_places(document: Document, events: list[Event]) -> list[Event]:
    """Country- or province-level events take the town named by a later sentence that refers
    back to them (inside that province)."""
    from eventatlas.geo import locate_events

    coded = {e.sentence for e in events}
    refined: list[Event] = []
    for event in events:
        places = _places_referred(document, event, coded, locate_events) if _refinable(event) else []
        if not places:
            refined.append(event)
            continue
        for place in places:
            place.evidence = [*event.evidence, *place.evidence]
            place.sentence, place.trigger, place.location_hint = event.sentence, event.trigger, event.location_hint
            place.notes = (event.notes + "; " if event.notes else "") + "place from a later sentence about the same event"
            refined.append(place)
    return refined


def _refinable(event: Event) -> bool:
    """Located no finer than a country, or at a province as a whole ("in India's state of Manipur")."""
    return is_country_level(event) or (event.geo_precision == 3 and event.location is not None
                                       and event.location == event.admin1)


def _places_referred(document: Document, event: Event, coded: set[int], locate_events) -> list[Event]:
    """Copies of the event located by the first later sentence that refers back to it and names
    a town in its country."""
    family = family_of(event)
    following = document.sentences[event.sentence + 1: event.sentence + 1 + MAX_SENTENCES_AHEAD]
    for sentence in following:
        if sentence.index in coded or not (refers_back(sentence.text, family) or names_perpetrators(sentence.text, family)):
            continue  # "the attack ...", and "the gunmen stopped the coach outside X"
        probe = event.model_copy(deep=True, update={"sentence": sentence.index, "trigger": None, "location_hint": None})
        probe.evidence = [document.span(sentence.start, sentence.end)]
        places = [p for p in locate_events(document, [probe]) if _refines(p, event, sentence.text)]
        if places:
            return places
    return []


def _refines(probe: Event, event: Event, sentence_text: str) -> bool:
    inside = not (event.admin1 and event.location == event.admin1) or probe.admin1 == event.admin1
    return (probe.geo_precision in (1, 2) and probe.location is not None and probe.location in sentence_text
            and _same_country(probe, event) and inside)


def _same_country(a: Event, b: Event) -> bool:
    return not a.country_code or not b.country_code or a.country_code == b.country_code


def _carry_date(event: Event, source: Event, sure: bool) -> None:
    event.event_date = source.event_date
    event.time_precision = source.time_precision if sure else max(source.time_precision or 1, 2)
    event.notes = (event.notes + "; " if event.notes else "") + "date carried from an earlier event"


def _carry_place(event: Event, source: Event, sure: bool) -> None:
    for name in PLACE_FIELDS:
        setattr(event, name, getattr(source, name))
    event.geo_precision = source.geo_precision if sure else max(source.geo_precision or 1, 2)
    event.notes = (event.notes + "; " if event.notes else "") + "place carried from an earlier event"
