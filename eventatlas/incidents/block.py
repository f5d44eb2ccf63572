"""Blocking: which incidents a report is compared with at all.

An incident is indexed under (country, day) keys, one per day its reports fall on; a report looks
up the keys of its country over the days of its date window. So the cost of linking one report
grows with the news of that country in a few days, never with the size of the database. Places
are then checked by distance (``within_reach``), inside the block.

An incident is also filed under its reports' rarest words (``Report.names``: a victim's surname,
a street), whatever the day or country: a follow-up weeks later (an arrest, a trial) or a report
whose place was misread still meets its incident through a name both tell. A rare word is one few
reports hold, so each such key stays small however large the database grows.
"""

from __future__ import annotations

import zlib
from typing import Iterable, NamedTuple, Optional

from eventatlas.geo.resolve import haversine_km
from eventatlas.incidents.report import Report
from eventatlas.incidents.settings import LinkingSettings

BlockKey = tuple[str, int]  # (country code or "", day as a proleptic ordinal)
ANY_COUNTRY = "*"  # in a lookup key: incidents of every country on that day
NAME_KEY = "#"  # in a key: filed under a rare word, whose code (below zero, never a day) is the day

class ReportDay(NamedTuple):
    """The day a report is about: its event date, else its publication date; None if neither.
    A named tuple: scoring makes several per pair of reports, and a frozen dataclass costs
    several times as much to make."""

    day: Optional[int]
    dated: bool  # True when from the event date, False when from publication


def report_day(report: Report) -> ReportDay:
    if report.event_day is not None:
        return ReportDay(report.event_day, True)
    return ReportDay(report.published_day, False)


def name_key(term: str) -> BlockKey:
    """The key of a rare word: a stable code (CRC-32, the same in every process, cut to 31 bits
    for a 32-bit integer column) below zero."""
    return (NAME_KEY, -1 - (zlib.crc32(term.encode("utf-8")) & 0x7FFFFFFF))


def is_name_key(key: BlockKey) -> bool:
    return key[0] == NAME_KEY


def index_keys(report: Report) -> list[BlockKey]:
    """The keys an incident holding this report is filed under: its country on the event day
    and on the publication day (a wrongly read event date still meets the other reports), and
    its rare words."""
    days = {report_day(report).day, report.published_day} - {None}
    return [(report.country_code or "", day) for day in sorted(days)] + name_keys(report)


def name_keys(report: Report) -> list[BlockKey]:
    return sorted({name_key(term) for term in report.names})


def lookup_keys(report: Report, settings: LinkingSettings, names: Optional[Iterable[str]] = None) -> list[BlockKey]:
    """The keys to search for incidents this report may belong to: around its event day and
    its publication day, in its country and among reports of unknown country, and under its
    rare words (``names``, else those it is filed under). A report of unknown country searches
    every country (``ANY_COUNTRY``)."""
    days: set[int] = set()
    when = report_day(report)
    if when.day is not None:
        window = settings.window_days(report.time_precision, when.dated)
        days.update(range(when.day - window, when.day + window + 1))
    published = report.published_day
    if published is not None:
        window = settings.window_days(None, dated=False)
        days.update(range(published - window, published + window + 1))
    countries = [report.country_code, ""] if report.country_code else [ANY_COUNTRY]
    names = report.names if names is None else names
    ordered = sorted(days)
    return [(country, day) for country in countries for day in ordered] + sorted(set(map(name_key, names)))


def day_gap(first: Report, second: Report) -> Optional[int]:
    a, b = report_day(first).day, report_day(second).day
    return None if a is None or b is None else abs(a - b)


def allowed_gap(first: Report, second: Report, settings: LinkingSettings) -> int:
    """The widest date gap two reports may have: the window of the less precise one."""
    return max(
        settings.window_days(first.time_precision, report_day(first).dated),
        settings.window_days(second.time_precision, report_day(second).dated),
    )


def distance_km(first: Report, second: Report) -> Optional[float]:
    if None in (first.latitude, first.longitude, second.latitude, second.longitude):
        return None
    return haversine_km(first.latitude, first.longitude, second.latitude, second.longitude)


def allowed_distance(first: Report, second: Report, settings: LinkingSettings) -> float:
    """The widest distance two reports may be apart: the radius of the less precise place."""
    return max(settings.radius(first.geo_precision), settings.radius(second.geo_precision))


def same_country(first: Report, second: Report) -> bool:
    """False only when both countries are known and differ."""
    return not (first.country_code and second.country_code and first.country_code != second.country_code)


def within_reach(first: Report, second: Report, settings: LinkingSettings) -> bool:
    """Same country, dates within the window, places within the radius (unknowns pass)."""
    if not same_country(first, second):
        return False
    gap = day_gap(first, second)
    if gap is not None and gap > allowed_gap(first, second, settings):
        return False
    distance = distance_km(first, second)
    return distance is None or distance <= allowed_distance(first, second, settings)

