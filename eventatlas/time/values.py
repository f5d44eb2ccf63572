"""TIMEX3-style time values and the calendar arithmetic behind them.

A :class:`TimeValue` is what the normalizer produces for one expression: the TIMEX3 ``value``
string (``2021-09-06``, ``2021-W36``, ``2021-09``, ``2021-Q3``, ``PAST_REF``...), its
granularity, and, where the value is a calendar interval, the first and last day it covers,
so the event stage can turn it into an ACLED date and time_precision.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

# Granularities, finest first. "time" is a day with a clock time or part of day.
DAY_LIKE = ("time", "day")
REFERENCE_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


@dataclass
class TimeValue:
    """The normalized value of one temporal expression.

    ``value`` is None when the expression is relative and no anchor date is known (the words are
    still a time expression; the event stage keeps them in ``date_text``)."""

    value: str | None
    granularity: str  # time, day, week, weekend, month, quarter, half, season, year, decade, century, ref
    type: str = "DATE"  # TIMEX3 type: DATE or TIME
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX...
    first_day: date | None = field(default=None, compare=False)
    last_day: date | None = field(default=None, compare=False)
    relative: bool = False  # needed an anchor (today, Monday, last week...) rather than stating the date
    derived: bool = False  # computed from another mention ("a year earlier"): not itself a reference point
    # a time of day whose day is not stated ("in the afternoon", "at 10 a.m."): the day was taken
    # from the day under discussion, or the anchor; the event stage may prefer its narrative day
    day_from_context: bool = field(default=False, compare=False)

    @property
    def resolved(self) -> bool:
        return self.value is not None


def day_value(day: date, granularity: str = "day", suffix: str = "", relative: bool = False) -> TimeValue:
    value = day.isoformat() + suffix
    return TimeValue(
        value, granularity, "TIME" if suffix else "DATE", first_day=day, last_day=day, relative=relative
    )


def iso_week_start(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def week_value(day: date, relative: bool = True) -> TimeValue:
    year, week, _ = day.isocalendar()
    start = iso_week_start(year, week)
    return TimeValue(
        f"{year}-W{week:02d}", "week", first_day=start, last_day=start + timedelta(days=6), relative=relative
    )


def weekend_value(day: date, relative: bool = True) -> TimeValue:
    """The weekend of the ISO week containing ``day`` (TIMEX3 ``YYYY-Www-WE``)."""
    year, week, _ = day.isocalendar()
    saturday = iso_week_start(year, week) + timedelta(days=5)
    return TimeValue(
        f"{year}-W{week:02d}-WE",
        "weekend",
        first_day=saturday,
        last_day=saturday + timedelta(days=1),
        relative=relative,
    )


def month_value(year: int, month: int, relative: bool = False) -> TimeValue:
    last = calendar.monthrange(year, month)[1]
    return TimeValue(
        f"{year:04d}-{month:02d}",
        "month",
        first_day=date(year, month, 1),
        last_day=date(year, month, last),
        relative=relative,
    )


def quarter_value(year: int, quarter: int, relative: bool = False) -> TimeValue:
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return TimeValue(
        f"{year:04d}-Q{quarter}",
        "quarter",
        first_day=date(year, first_month, 1),
        last_day=date(year, last_month, calendar.monthrange(year, last_month)[1]),
        relative=relative,
    )


def half_value(year: int, half: int, relative: bool = False) -> TimeValue:
    first_month = 1 if half == 1 else 7
    return TimeValue(
        f"{year:04d}-H{half}",
        "half",
        first_day=date(year, first_month, 1),
        last_day=date(year, first_month + 5, 30 if half == 1 else 31),
        relative=relative,
    )


def season_value(year: int, code: str, relative: bool = False) -> TimeValue:
    return TimeValue(f"{year:04d}-{code}", "season", relative=relative)


def year_value(year: int, relative: bool = False) -> TimeValue:
    return TimeValue(
        f"{year:04d}", "year", first_day=date(year, 1, 1), last_day=date(year, 12, 31), relative=relative
    )


def decade_value(decade_start: int, relative: bool = False) -> TimeValue:
    return TimeValue(f"{decade_start // 10:03d}", "decade", relative=relative)


def century_value(century_index: int) -> TimeValue:
    """``century_index`` is the first two digits of the years (19 for the 1900s, the 20th century)."""
    return TimeValue(f"{century_index:02d}", "century")


def reference_value(kind: str) -> TimeValue:
    return TimeValue(kind, "ref", relative=True)


def unresolved(granularity: str, type_: str = "DATE") -> TimeValue:
    """A relative expression with no anchor: a time expression whose value is unknown."""
    return TimeValue(None, granularity, type_, relative=True)


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_years(value: TimeValue, years: int) -> TimeValue | None:
    """The same kind of value ``years`` later (negative: earlier): a year ago from 1989-Q3 is 1988-Q3."""
    v = value.value
    if v is None or value.granularity == "ref":
        return None
    try:
        year = int(v[:4])
    except ValueError:
        return None
    new_year = year + years
    shifted = _shift_years(value, v, new_year, years)
    if shifted is not None:
        shifted.derived = True
    return shifted


def _shift_years(value: TimeValue, v: str, new_year: int, years: int) -> TimeValue | None:
    if value.granularity in DAY_LIKE and value.first_day:
        day = value.first_day
        try:
            moved = day.replace(year=new_year)
        except ValueError:  # 29 February
            moved = day.replace(year=new_year, day=28)
        return day_value(moved, value.granularity, v[10:], relative=True)
    if value.granularity == "week" and value.first_day:
        return week_value(value.first_day - timedelta(weeks=52 * -years))
    if value.granularity == "month":
        return month_value(new_year, int(v[5:7]), relative=True)
    if value.granularity == "quarter":
        return quarter_value(new_year, int(v[6]), relative=True)
    if value.granularity == "half":
        return half_value(new_year, int(v[6]), relative=True)
    if value.granularity == "season":
        return season_value(new_year, v[5:], relative=True)
    if value.granularity == "year":
        return year_value(new_year, relative=True)
    return None
