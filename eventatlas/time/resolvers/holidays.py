"""Resolver for named days ("Christmas", "New Year's Day", "Easter", "Thanksgiving"): the
day in the year the tense or a "last"/"next" points to. The calendar rules are data
(``lexicon.json``'s ``holidays``); Easter comes from dateutil."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.easter import easter

from eventatlas.time.anchoring import bound_tense
from eventatlas.time.context import FUTURE, PAST, Context
from eventatlas.time.lexicon import lexicon
from eventatlas.time.patterns import cue
from eventatlas.time.values import TimeValue, day_value, unresolved
from eventatlas.time.words import plain, year_of

_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def holiday_in(rule: str, year: int) -> date:
    """The day a holiday rule names in one year."""
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[len("easter") :]))
    month, *rest = rule.split("-")
    if len(rest) == 1:
        return date(year, int(month), int(rest[0]))
    weekday, nth = _WEEKDAYS[rest[0]], rest[1]
    days = [d for d in range(1, calendar.monthrange(year, int(month))[1] + 1)]
    matching = [d for d in days if date(year, int(month), d).weekday() == weekday]
    return date(year, int(month), matching[-1] if nth == "L" else matching[int(nth) - 1])


def r_holiday(m: re.Match, ctx: Context) -> TimeValue | None:
    words = m.group("holiday")
    name = " ".join(words.lower().replace("\u2019", "'").split())
    rule = lexicon()["holidays"].get(name) or lexicon()["holidays"].get(name.replace("'", "\u2019"))
    if rule is None or not words[0].isupper():
        return None
    explicit = m.group("year") or m.group("hrel")
    if not (explicit or ctx.given_span or " " in name or cue("holiday_before").search(ctx.before)):
        return None  # a bare "Christmas" is a date after "on", "over", "this"...; else a name or season
    year = year_of(m.group("year"))
    if year is not None:
        return day_value(holiday_in(rule, year))
    if ctx.anchor is None:
        return unresolved("day")
    return day_value(
        _nearest(rule, ctx.anchor, plain(m.group("hrel") or ""), bound_tense(ctx)), relative=True
    )


def _nearest(rule: str, anchor: date, relation: str, tense: str) -> date:
    """The occurrence a relation or the tense points to: the last one on or before the anchor in
    a past clause, the next one in a future clause, else the nearer of the two."""
    around = [holiday_in(rule, anchor.year + k) for k in (-1, 0, 1)]
    before = max(d for d in around if d <= anchor)
    after = min(d for d in around if d >= anchor)
    if relation.startswith("this"):
        return around[1] if relation == "this" else (before if "past" in relation else after)
    if relation == "last":
        return max(d for d in around if d < anchor)
    if relation == "next":
        return min(d for d in around if d > anchor)
    if tense in (PAST, FUTURE):
        return before if tense == PAST else after
    return before if (anchor - before) <= (after - anchor) else after
