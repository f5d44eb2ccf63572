"""Events built by hand for the document stage's tests."""

from __future__ import annotations

from eventatlas.models import Document, Event, Span

READING = {"location": "Reading", "country": "United Kingdom", "country_code": "GB", "admin1": "England",
           "geonameid": 2639577, "latitude": 51.456, "longitude": -0.971, "geo_precision": 1}
UK = {"location": "United Kingdom", "country": "United Kingdom", "country_code": "GB", "geonameid": 2635167,
      "latitude": 54.75, "longitude": -2.7, "geo_precision": 3}


def event(text: str, start: int, etype: str = "Violence against civilians", sub: str = "Attack",
          place: dict | None = None, **fields) -> Event:
    return Event(event_type=etype, sub_event_type=sub, evidence=[Span(text=text, start=start, end=start + len(text))],
                 **(place or {}), **fields)


def new_events(pipeline, text: str, published: str) -> list[Event]:
    """The events a pipeline codes from a text as new reports (background events left out)."""
    return [e for e in pipeline.process(Document(text=text, published=published)).events if not e.background]


def kept(result) -> list[Event]:
    """The events of an extraction result that are new reports (background events left out)."""
    return [e for e in result.events if not e.background]
