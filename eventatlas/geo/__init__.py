"""The geo stage (placeholder until the geo module lands)."""

from eventatlas.models import Document, Event


def locate_events(document: Document, events: list[Event]) -> list[Event]:
    return events
