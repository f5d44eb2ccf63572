"""The events stage (placeholder until the events module lands)."""

from eventatlas.models import Document, Event, NonEvent


def extract_events(document: Document) -> tuple[list[Event], list[NonEvent]]:
    return [], []
