"""The time stage (placeholder until the time module lands)."""

from eventatlas.models import Document, Event


def date_events(document: Document, events: list[Event]) -> list[Event]:
    return events
