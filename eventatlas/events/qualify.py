"""Give generic actors their country in ACLED's style, once the event's place is known.

The events stage reads "protesters" or "police" from the text but cannot know whose; after the
geo stage has located the event, "Protesters" becomes "Protesters (Kenya)" and "Police Forces"
becomes "Police Forces of Kenya", as ACLED names them. The name patterns are data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from eventatlas.models import Event


@lru_cache(maxsize=1)
def _patterns() -> dict[str, str]:
    data = resources.files("eventatlas.events").joinpath("data/generic_actors.json").read_text("utf-8")
    return json.loads(data)["patterns"]


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
