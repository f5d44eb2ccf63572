"""An incident's fields, merged from its reports the way ACLED codes one event from many sources:
the type highest in ACLED's hierarchy, the most precise place and date (the one most reports
agree on among equally precise ones), the lowest fatality figure reported (ACLED's conservative
rule), the strongest certainty, and every source with its evidence."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Optional, TypeVar

from eventatlas.incidents.report import Report
from eventatlas.incidents.settings import LinkingSettings

T = TypeVar("T")


@dataclass
class Source:
    url: Optional[str]
    title: Optional[str]
    published: Optional[str]
    outlet: str
    report_id: str
    evidence: str


@dataclass
class Incident:
    incident_id: str
    event_type: str
    sub_event_type: str
    event_date: Optional[str]
    time_precision: Optional[int]
    location: Optional[str]
    admin1: Optional[str]
    country_code: Optional[str]
    latitude: Optional[float]
    longitude: Optional[float]
    geonameid: Optional[int]
    geo_precision: Optional[int]
    actor1: Optional[str]
    actor2: Optional[str]
    actors: list[str]
    fatalities: int
    certainty: str
    n_reports: int
    n_sources: int
    first_reported: Optional[str]
    last_reported: Optional[str]
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


@lru_cache(maxsize=1)
def _sub_type_rank() -> dict[str, int]:
    path = resources.files("eventatlas.events").joinpath("data/taxonomy.json")
    hierarchy = json.loads(path.read_text("utf-8"))["hierarchy"]
    return {name: rank for rank, name in enumerate(hierarchy)}


def _most_agreed(reports: list[Report], precision: Callable[[Report], Optional[int]],
                 value: Callable[[Report], Any]) -> Optional[Report]:
    """Among reports with a value, the most precise; among those, the value most of them give;
    ties go to the earliest report."""
    known = [r for r in reports if value(r) is not None]
    if not known:
        return None
    best = min(precision(r) or 9 for r in known)
    precise = [r for r in known if (precision(r) or 9) == best]
    votes = Counter(value(r) for r in precise)
    top = max(votes.values())
    return next(r for r in precise if votes[value(r)] == top)


def merged_type(reports: list[Report]) -> Report:
    rank = _sub_type_rank()
    return min(reports, key=lambda r: rank.get(r.sub_event_type, len(rank)))


def merged_actors(reports: list[Report]) -> tuple[Optional[str], Optional[str], list[str]]:
    """actor1 and actor2 by majority over reports that name them; every actor named."""
    first = Counter(r.event["actor1"] for r in reports if r.event and r.event.get("actor1"))
    second = Counter(r.event["actor2"] for r in reports if r.event and r.event.get("actor2"))
    every = list(dict.fromkeys(name for r in reports for name in r.actors))
    return (
        first.most_common(1)[0][0] if first else None,
        second.most_common(1)[0][0] if second else None,
        every,
    )


def merged_fatalities(reports: list[Report]) -> int:
    """ACLED's rule: when sources differ, the lowest figure; reports silent on deaths (0) do not
    overrule one that counts them."""
    figures = [r.fatalities for r in reports if r.fatalities]
    return min(figures) if figures else 0


def merged_certainty(reports: list[Report], order: tuple[str, ...]) -> str:
    ranks = {name: rank for rank, name in enumerate(order)}
    return min((r.certainty for r in reports), key=lambda c: ranks.get(c, len(ranks)))


def sources_of(reports: list[Report]) -> list[Source]:
    ordered = sorted(reports, key=lambda r: (r.published or "", r.report_id))
    return [Source(r.url, r.title, r.published, r.outlet, r.report_id, r.evidence) for r in ordered]


def merge_reports(incident_id: str, reports: list[Report], settings: LinkingSettings) -> Incident:
    """The incident told by ``reports`` (at least one)."""
    typed = merged_type(reports)
    placed = _most_agreed(reports, lambda r: r.geo_precision, lambda r: r.geonameid or r.location)
    placed = placed or reports[0]
    dated = _most_agreed(reports, lambda r: r.time_precision, lambda r: r.event_date) or reports[0]
    actor1, actor2, actors = merged_actors(reports)
    published = sorted(r.published for r in reports if r.published)
    return Incident(
        incident_id=incident_id,
        event_type=typed.event_type,
        sub_event_type=typed.sub_event_type,
        event_date=dated.event_date,
        time_precision=dated.time_precision,
        location=placed.location,
        admin1=placed.admin1,
        country_code=placed.country_code,
        latitude=placed.latitude,
        longitude=placed.longitude,
        geonameid=placed.geonameid,
        geo_precision=placed.geo_precision,
        actor1=actor1,
        actor2=actor2,
        actors=actors,
        fatalities=merged_fatalities(reports),
        certainty=merged_certainty(reports, settings.certainty_order),
        n_reports=len(reports),
        n_sources=len({r.outlet for r in reports}),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        sources=sources_of(reports),
    )
