"""Which candidates of a document are about the same real event.

Two candidates can be the same event when their event types are of one family (an attack
reported as a bombing, a protest that turned into a riot); a sentence continues an earlier event
when it refers back to it with a definite description ("the attack", "the blast", "the
protest"). Families and anaphors are data (``data/document.json``).
"""

from __future__ import annotations

import re

from eventatlas.document.resources import phrase_pattern, settings
from eventatlas.events.extract import quoted_ranges
from eventatlas.models import Event

FAMILIES = ("political_violence", "demonstrations")


def family_of(event: Event) -> str:
    """The family of an event type; a type of no family is its own family."""
    families = settings()["families"]
    return next((name for name in FAMILIES if event.event_type in families[name]), event.event_type)


def same_family(a: Event, b: Event) -> bool:
    return family_of(a) == family_of(b)


def anaphor_pattern(family: str) -> re.Pattern[str] | None:
    phrases = settings()["anaphors"].get(family)
    return phrase_pattern(*phrases) if phrases else None


def refers_back(text: str, family: str) -> bool:
    """Does the text mention an event of this family as one already known ("the attack")?"""
    pattern = anaphor_pattern(family)
    return bool(pattern and pattern.search(text))


def names_perpetrators(text: str, family: str) -> bool:
    """Does the text name the perpetrators of an event of this family as ones already known
    ("the attackers opened fire")? Such a sentence continues the event just told."""
    phrases = settings()["anaphors"]["perpetrators"].get(family)
    return bool(phrases and phrase_pattern(*phrases).search(text))


def refers_to_any(text: str) -> str | None:
    """The first family the text refers back to, if any."""
    return next((family for family in FAMILIES if refers_back(text, family)), None)


def first_position(event: Event) -> int:
    return event.evidence[0].start if event.evidence else 0


def antecedent(event: Event, earlier: list[Event], family: str | None = None) -> Event | None:
    """The event this one continues: the nearest earlier event of the family it refers to (or
    of its own family), else the document's first event (the lede's). Background events and
    events in another country than this one's are not continued."""
    usable = [c for c in earlier if not c.background and _same_country(c, event)]
    wanted = family or family_of(event)
    for candidate in reversed(usable):
        if family_of(candidate) == wanted:
            return candidate
    return usable[0] if usable else None


def _same_country(a: Event, b: Event) -> bool:
    return not a.country_code or not b.country_code or a.country_code == b.country_code


def is_country_level(event: Event) -> bool:
    """Located no finer than a country (or not located at all): a place worth carrying or refining.
    A province is a place: its events keep it."""
    if event.location is None:
        return True
    return event.location == event.country or ((event.geo_precision or 1) >= 3 and not event.admin1)


def has_own_place(event: Event) -> bool:
    """Does the event's own sentence say where (not a place inherited from earlier sentences)?"""
    text = evidence_text(event)
    return event.location_hint is not None or bool(event.location and event.location in text)


def has_own_date(event: Event) -> bool:
    """Does the event's own sentence say when? A date whose words are not known is taken to be
    its own (only a date read from another sentence is known not to be); one said only inside a
    quotation ("tomorrow it will be one of us") is the speaker's time, not the narrative's."""
    if not event.event_date:
        return False
    if not event.date_text:
        return True
    text = evidence_text(event)
    quotes = quoted_ranges(text) + _quote_running_in(text)
    return any(not any(a <= m.start() < b for a, b in quotes) for m in re.finditer(re.escape(event.date_text), text))


def _quote_running_in(text: str) -> list[tuple[int, int]]:
    """A sentence that starts inside a quotation opened in the sentence before ('Yesterday it
    was him, tomorrow one of us," said a driver'): its start, up to the closing mark."""
    straight = text.find('"')
    curly = text.find("\u201d")
    if curly >= 0 and not 0 <= text.find("\u201c") < curly:
        return [(0, curly)]
    if straight >= 0 and text.count('"') % 2 == 1:
        return [(0, straight)]
    return []


def evidence_text(event: Event) -> str:
    return " ".join(span.text for span in event.evidence)
