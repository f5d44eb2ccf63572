"""Give generic actors their country in ACLED's style, once the event's place is known.

The events stage reads "protesters" or "police" from the text but cannot know whose; after the
geo stage has located the event, "Protesters" becomes "Protesters (Kenya)" and "Police Forces"
becomes "Police Forces of Kenya", as ACLED names them. The name patterns are data.
"""

from __future__ import annotations

from functools import lru_cache

from eventatlas.events.resources import _read_json
from eventatlas.models import Event


@lru_cache(maxsize=1)
def _patterns() -> dict[str, str]:
    return _read_json("generic_actors.json")["patterns"]


def qualify_name(name: str | None, country: str | None) -> str | None:
    if not name or not country:
        return name
    pattern = _patterns().get(name)
    return pattern.format(country=country) if pattern else name


def qualify_actors(events: list[Event]) -> list[Event]:
    for event in events:
        event.actor1 = qualify_name(event.actor1, event.country)
        event.actor2 = qualify_name(event.actor2, event.country)
    return events
