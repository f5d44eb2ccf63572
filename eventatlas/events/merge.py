"""Merge repeated mentions of one event within a document.

News articles restate their main event ("Dozens rallied in X on Monday ... A video shows
dozens of residents of X rallying ..."). ACLED codes one event per type, place and day, so
mentions that agree on sub-event type and place, whose dates do not conflict, and whose
claims are the same (a claim and a counter-claim stay two events) become one event with
the evidence of all of them. For event types whose sub-types are stages of one event
(``data/merge.json``: a march later dispersed by police), different sub-types merge too and
the event takes the sub-type highest in ACLED's hierarchy.
"""

from __future__ import annotations

from functools import lru_cache

from eventatlas.events.resources import _read_json, taxonomy
from eventatlas.models import Event


@lru_cache(maxsize=1)
def _merge_across() -> frozenset[str]:
    return frozenset(_read_json("merge.json")["merge_across_sub_types"])


def _place_key(event: Event) -> object:
    if event.geonameid is not None:
        return ("geonameid", event.geonameid)
    if event.latitude is not None and event.longitude is not None:
        return ("point", round(event.latitude, 3), round(event.longitude, 3))
    return None  # an unlocated mention cannot be shown to be the same event as another


def _compatible(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type or a.background != b.background:
        return False
    if a.sub_event_type != b.sub_event_type and a.event_type not in _merge_across():
        return False
    place = _place_key(a)
    if place is None or place != _place_key(b):
        return False
    if a.event_date and b.event_date and a.event_date != b.event_date:
        return False
    if (a.certainty, a.claimed_by) != (b.certainty, b.claimed_by):
        return False
    return not (a.actor1 and b.actor1 and a.actor1 != b.actor1)


def _fatalities(a: int, b: int) -> int:
    # ACLED takes the lowest reported figure; a mention that gives no figure reports nothing.
    reported = [n for n in (a, b) if n]
    return min(reported) if reported else 0


def _absorb(kept: Event, other: Event) -> None:
    rank = taxonomy().rank
    if rank(other.sub_event_type) < rank(kept.sub_event_type):
        kept.sub_event_type, kept.plover = other.sub_event_type, other.plover  # the higher tactic names the event
    spans = {(span.start, span.end): span for span in [*kept.evidence, *other.evidence]}
    kept.evidence = [spans[key] for key in sorted(spans)]
    for name in ("event_date", "time_precision", "date_text", "actor1", "assoc_actor_1", "inter1", "actor2",
                 "assoc_actor_2", "inter2", "crowd_size_text", "crowd_size", "plover"):
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    if kept.geo_precision and other.geo_precision and other.geo_precision < kept.geo_precision:
        kept.geo_precision = other.geo_precision
    kept.fatalities = _fatalities(kept.fatalities, other.fatalities)
    kept.confidence = max(kept.confidence, other.confidence)


def merge_duplicates(events: list[Event]) -> list[Event]:
    """Merge compatible mentions, keeping the order of first mention."""
    merged: list[Event] = []
    for event in sorted(events, key=lambda e: (e.evidence[0].start if e.evidence else 0)):
        for kept in merged:
            if _compatible(kept, event):
                _absorb(kept, event)
                break
        else:
            merged.append(event)
    return merged
