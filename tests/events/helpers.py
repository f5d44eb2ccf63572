"""Running the events stage alone on a short text, for the events stage's tests."""

from __future__ import annotations

from eventatlas.events import extract_events
from eventatlas.models import Document, Event
from eventatlas.nlp import parse


def stage_events(nlp, text: str, published: str) -> list[Event]:
    """The events the events stage codes from ``text`` (no geo, time or document stage)."""
    events, _ = extract_events(parse(Document(text=text, published=published), nlp))
    return events
