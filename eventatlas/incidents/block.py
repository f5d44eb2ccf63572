"""Blocking: which incidents a report is compared with at all.

An incident is indexed under (country, day) keys, one per day its reports fall on; a report looks
up the keys of its country over the days of its date window. So the cost of linking one report
grows with the news of that country in a few days, never with the size of the database. Places
are then checked by distance (``within_reach``), inside the block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from eventatlas.geo.resolve import haversine_km
from eventatlas.incidents.report import Report
from eventatlas.incidents.settings import LinkingSettings

BlockKey = tuple[str, int]  # (country code or "", day as a proleptic ordinal)
ANY_COUNTRY = "*"  # in a lookup key: incidents of every country on that day

@dataclass(frozen=True)
class ReportDay:
    """The day a report is about: its event date, else its publication date; None if neither."""

    day: Optional[int]
    dated: bool  # True when from the event date, False when from publication


def report_day(report: Report) -> ReportDay:
    if report.event_day is not None:
        return ReportDay(report.event_day, True)
    return ReportDay(report.published_day, False)


def index_keys(report: Report) -> list[BlockKey]:
    """The keys an incident holding this report is filed under: its country on the event day
    and on the publication day (a wrongly read event date still meets the other reports)."""
    days = {report_day(report).day, report.published_day} - {None}
    return [(report.country_code or "", day) for day in sorted(days)]


def lookup_keys(report: Report, settings: LinkingSettings) -> list[BlockKey]:
    """The keys to search for incidents this report may belong to: around its event day and
    its publication day, in its country and among reports of unknown country. A report of
    unknown country searches every country (``ANY_COUNTRY``)."""
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
    return [(country, day) for country in countries for day in sorted(days)]


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

