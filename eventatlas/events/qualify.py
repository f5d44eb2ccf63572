"""Give generic actors their country in ACLED's style, once the event's place is known, and
apply the codebook rules that need the country.

The events stage reads "protesters" or "police" from the text but cannot know whose; after the
geo stage has located the event, "Protesters" becomes "Protesters (Kenya)" and "Police Forces"
becomes "Police Forces of Kenya", as ACLED names them. The name patterns are data
(data/generic_actors.json). Knowing the country also settles what the codebook could not
decide before: state forces acting outside their own country are External/Other forces, and a
foreign army taking a town overtakes territory rather than regaining it. Knowing the date
settles who the state was: an actor listed with a 'from' date (the Taliban after 15 August 2021)
takes the name and category it has from that day.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventatlas.events.resources import read_data_json, taxonomy
from eventatlas.models import Event

_STATE_FORCE = re.compile(r"^(?:Military|Police) Forces of (?:the )?(?P<country>.+?)(?: \(\d{4}-?\d{0,4}\).*)?$")


@lru_cache(maxsize=1)
def _names() -> dict:
    return read_data_json("generic_actors.json")


def qualify_name(name: str | None, country: str | None) -> str | None:
    """'Police Forces' + 'Kenya' -> 'Police Forces of Kenya'; named actors stay as they are."""
    if not name or not country:
        return name
    names = _names()
    regional = names["regional_names"].get(name, {})
    if country in regional:
        return regional[country]
    pattern = names["patterns"].get(name)
    if pattern is None and name.endswith(tuple(names["suffixes"]["names"])) and "(" not in name:
        pattern = names["suffixes"]["pattern"].replace("{name}", name)
    if pattern is None:
        return name
    if "of {country}" in pattern and country in names["countries_with_article"]["names"]:
        pattern = pattern.replace("of {country}", "of the {country}")
    return pattern.format(country=country)


def abroad(name: str | None, country_code: str | None) -> bool:
    """True for a country's military or police named outside that country."""
    from eventatlas.events.actors import country_of
    from eventatlas.events.resources import actor_index

    match = _STATE_FORCE.match(name or "")
    if not match or not country_code:
        return False
    named = match.group("country")
    index = actor_index().country_by_demonym
    home = index.get(named.lower()) or index.get(named.lower().replace(" the ", " ")) or country_of(named)
    return home is not None and home[1] != country_code


def dated_actor(name: str | None, inter: str | None, day: str | None) -> tuple[str | None, str | None]:
    """The actor's name and category on the event's day (generic_actors.json 'dated_names'):
    'Taliban' after 15 August 2021 -> 'Military Forces of Afghanistan (2021-)', State forces."""
    if not name or not day:
        return name, inter
    day = day[:10]  # ISO dates compare as text
    for entry in _names()["dated_names"]["names"]:
        if entry["name"] == name and entry["from"] <= day and day < entry.get("until", "9999"):
            return entry["becomes"], entry.get("inter", inter)
    return name, inter


def qualify_actors(events: list[Event]) -> list[Event]:
    for event in events:
        event.actor1, event.inter1 = dated_actor(qualify_name(event.actor1, event.country), event.inter1, event.event_date)
        event.actor2, event.inter2 = dated_actor(qualify_name(event.actor2, event.country), event.inter2, event.event_date)
        event.assoc_actor_1, _ = dated_actor(qualify_name(event.assoc_actor_1, event.country), None, event.event_date)
        _apply_located_rules(event)
    return events


def _apply_located_rules(event: Event) -> None:
    # imported here: actors.py names generic actors with qualify_name, so it imports this module
    from eventatlas.events.actors import ResolvedActor
    from eventatlas.events.codebook import Coding, apply_rules

    tax = taxonomy()
    label = tax.by_sub_event_type.get(event.sub_event_type)
    if label is None:
        return
    coding = Coding(
        label=label.code,
        actor1=ResolvedActor(event.actor1, event.inter1 or "") if event.actor1 else None,
        actor2=ResolvedActor(event.actor2, event.inter2 or "") if event.actor2 else None,
        abroad1=abroad(event.actor1, event.country_code),
        abroad2=abroad(event.actor2, event.country_code),
        trigger_words=event.trigger.text if event.trigger else "",
    )
    apply_rules(coding, "located")
    if not coding.applied:
        return
    new = tax.labels[coding.label]
    event.event_type, event.sub_event_type, event.plover = new.event_type, new.sub_event_type, new.plover or None
    event.inter1 = coding.actor1.inter if coding.actor1 else event.inter1
    event.inter2 = coding.actor2.inter if coding.actor2 else event.inter2
    event.notes = (event.notes + f" Codebook: {'; '.join(coding.applied)}.").strip()
