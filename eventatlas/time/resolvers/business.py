"""Resolvers for the periods of results reporting: quarters, halves, "the year-ago period"."""

from __future__ import annotations

import re
from datetime import date

from eventatlas.time.anchoring import (
    last_completed_quarter,
    resolve_month,
    resolve_month_day,
)
from eventatlas.time.context import FUTURE, PAST, Context
from eventatlas.time.lexicon import lexicon
from eventatlas.time.patterns import cue
from eventatlas.time.values import (
    TimeValue,
    half_value,
    quarter_value,
    shift_years,
    unresolved,
    year_value,
)
from eventatlas.time.words import (
    month_number,
    plain,
    year_of,
)


def year_over_year_of_longer_period(ctx: Context) -> TimeValue | None:
    """ "For the nine months, net was X, compared with Y a year earlier": when the period last
    named before the expression is longer than a quarter (nine months, first half, year to
    date), the comparison is with the year before that period's year: TimeML has no
    nine-month value, so the year is the finest value that holds it."""
    periods = list(cue("multi_month_period").finditer(ctx.lead))
    if not periods or ctx.anchor is None:
        return None
    quarters = list(cue("quarter_word").finditer(ctx.lead))
    if quarters and quarters[-1].start() > periods[-1].start():
        return None  # a quarter was named after the longer period: the quarter is compared
    reference = ctx.last_reference(("quarter", "half", "year"), max_sentences=1)
    year = (
        int(reference.value[:4])
        if reference is not None and reference.value[:4].isdigit()
        else ctx.anchor.year
    )
    value = year_value(year - 1, relative=True)
    value.derived = True
    return value


def _reference_quarter(ctx: Context) -> TimeValue | None:
    return ctx.last_reference(("quarter",), max_sentences=3)


def r_quarter(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the third quarter", "1989's second quarter", "the year-ago quarter", "the latest quarter"."""
    words = plain(m.group(0))
    ordinal = m.group("qord")
    det = plain(m.group("qdet") or "")
    adjectives = plain(m.group("qadj") or "")
    year = year_of(m.group("qyear") or m.group("qyear2") or m.group("qyear3"))
    if not ordinal and not det and not adjectives:
        return None  # "quarter" alone: a fraction as often as a period
    if det in ("a", "one") and not ordinal:
        return None
    year_ago = (
        "year ago" in adjectives
        or "year earlier" in adjectives
        or "prior year" in adjectives
        or any(phrase in words for phrase in ("last year s", "last years", "last year's"))
        or bool(m.group("qago"))
    )
    if (
        ordinal
        and plain(ordinal) == "last"
        and not det
        and not adjectives
        and year is None
        and not m.group("qago")
    ):
        # "last quarter" (no determiner): the quarter before the anchor's, as "last month"
        if ctx.anchor is None:
            return unresolved("quarter")
        return quarter_value(*last_completed_quarter(ctx.anchor), relative=True)
    if ordinal:
        return _ordinal_quarter(ordinal, year, year_ago, words, ctx)
    if m.group("qmonth"):
        return _quarter_ending_in(m.group("qmonth"), year, year_ago, ctx)
    return _quarter_under_discussion(det, adjectives, year, year_ago, ctx)


def _ordinal_quarter(ordinal: str, year: int | None, year_ago: bool, words: str, ctx: Context) -> TimeValue:
    """ "the third quarter (of last year)": its year is stated, else that of the quarter just
    discussed, else the anchor's (the year before when a past report names a quarter to come)."""
    quarter = lexicon()["quarter_ordinals"].get(ordinal.lower(), 4)  # "final", "last": the fourth
    if year is not None:
        return quarter_value(year, quarter, relative=True)
    reference = ctx.last_reference(("quarter",), max_sentences=0)
    if "next year" in words and ctx.anchor:
        year = ctx.anchor.year + 1
    elif "last year" in words and ctx.anchor:
        year, year_ago = ctx.anchor.year - 1, False  # "the third quarter (of) last year"
    elif "this year" in words and ctx.anchor:
        year = ctx.anchor.year  # "the third quarter of this year": no tense guess
    elif reference is not None and "year" not in words:
        year = int(reference.value[:4])
    elif ctx.anchor is not None:
        year = ctx.anchor.year
        if ctx.tense != FUTURE and date(year, 3 * (quarter - 1) + 1, 1) > ctx.anchor:
            year -= 1
    else:
        return unresolved("quarter")
    return quarter_value(year - 1 if year_ago else year, quarter, relative=True)


def _quarter_ending_in(month_word: str, year: int | None, year_ago: bool, ctx: Context) -> TimeValue | None:
    """ "the September quarter", "the June quarter": the three months that end with that month,
    named by the calendar quarter of their middle month."""
    if not month_word[0].isupper():
        return None
    month = month_number(month_word)
    if year is None:
        if ctx.anchor is None:
            return unresolved("quarter")
        year, month = resolve_month(month, ctx.anchor, ctx.tense)
    value = _quarter_ending(month, year)
    return shift_years(value, -1) if year_ago else value


def _quarter_under_discussion(
    det: str, adjectives: str, year: int | None, year_ago: bool, ctx: Context
) -> TimeValue | None:
    """ "the quarter", "the latest quarter", "the year-ago quarter", "the current quarter"."""
    ended = _quarter_ended(ctx)
    if ended is not None:
        return shift_years(ended, -1) if year_ago else ended
    reference = _reference_quarter(ctx)
    step = _quarter_step(adjectives) if not year_ago else 0
    if step and ctx.anchor is not None:
        # "the previous quarter": the one before the quarter under discussion (else before the
        # last completed one); "next quarter": the one after the anchor's
        if step < 0:
            base = reference or quarter_value(*last_completed_quarter(ctx.anchor), relative=True)
            year_, quarter_ = int(base.value[:4]), int(base.value[6])
        else:
            year_, quarter_ = ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1
        index = year_ * 4 + quarter_ - 1 + step
        value = quarter_value(index // 4, index % 4 + 1, relative=True)
        value.derived = step < 0 and reference is not None
        return value
    if "latest" in adjectives and ctx.anchor is not None and not year_ago:
        # "the latest quarter": the last one completed before publication
        return quarter_value(*last_completed_quarter(ctx.anchor), relative=True)
    if det == "this" and reference is not None:
        return quarter_value(int(reference.value[:4]), int(reference.value[6]), relative=True)
    if "current" in adjectives or det == "this":
        if ctx.anchor is None:
            return unresolved("quarter")
        return quarter_value(ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1, relative=True)
    if reference is None:
        if ctx.anchor is None:
            return unresolved("quarter")
        reference = quarter_value(*last_completed_quarter(ctx.anchor), relative=True)
    if year_ago:
        return shift_years(reference, -1)
    return quarter_value(
        year if year is not None else int(reference.value[:4]), int(reference.value[6]), relative=True
    )


def _quarter_step(adjectives: str) -> int:
    """-1 for "previous/preceding/prior quarter", +1 for "next/coming quarter", else 0."""
    words = set(adjectives.split())
    if words & {"previous", "preceding", "prior"}:
        return -1
    if words & {"next", "coming"}:
        return 1
    return 0


def _quarter_ended(ctx: Context) -> TimeValue | None:
    """ "the quarter ended July 31": the three months up to that day. A fiscal quarter need not
    match a calendar one; TimeML names it by the calendar quarter holding most of it (the one of
    its middle month: May to July is the second quarter)."""
    m = cue("quarter_end_after").match(ctx.after)
    if m is None or ctx.anchor is None:
        return None
    month, day = month_number(m.group("month")), int(m.group("day"))
    year = year_of(m.group("year"))
    if year is None:
        tense = PAST if m.group("verb").lower() in ("ended", "closed") else ctx.tense
        end = resolve_month_day(month, day, ctx.anchor, tense)
        if end is None:
            return None
        year = end.year
    return _quarter_ending(month, year)


def _quarter_ending(month: int, year: int) -> TimeValue:
    """The three months that end with ``month`` of ``year``, named by the calendar quarter of
    their middle month (a quarter ending in January is the last one of the year before)."""
    middle = month - 1 or 12
    return quarter_value(year - (1 if month == 1 else 0), (middle - 1) // 3 + 1, relative=True)


def r_year_ago_period(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "year-earlier", "the year-ago period", "the year-ago third quarter"."""
    what = plain(m.group("what") or m.groupdict().get("what2") or "")
    if what != "quarter":
        longer = year_over_year_of_longer_period(ctx)
        if longer is not None:
            return longer
    reference = ctx.last_past_reference(
        ("quarter", "half", "month"), max_sentences=0
    ) or ctx.last_past_reference(("quarter",))
    if reference is not None and what in (
        "",
        "quarter",
        "period",
        "results",
        "level",
        "levels",
        "figure",
        "figures",
    ):
        return shift_years(reference, -1)
    if ctx.anchor is None:
        return unresolved("year")
    if what == "quarter":  # "the year-ago quarter" with none named: a year before the last completed
        return shift_years(quarter_value(*last_completed_quarter(ctx.anchor), relative=True), -1)
    return year_value(ctx.anchor.year - 1, relative=True)


def r_half(m: re.Match, ctx: Context) -> TimeValue | None:
    which = m.group("hord").lower()
    half = 1 if which == "first" else 2
    year = year_of(m.group("hyear") or m.group("hyear2"))
    yrel = plain(m.group("hyrel") or (m.group("hyrel2") and m.group("hyrel2") + " year") or "")
    if year is None:
        if ctx.anchor is None:
            return unresolved("half")
        year = ctx.anchor.year + {"last year": -1, "next year": 1}.get(yrel, 0)
        if not yrel and ctx.tense == PAST and half == 2 and ctx.anchor.month <= 6:
            year -= 1
    return half_value(year, half, relative=True)


def r_period(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the latest period", "the 1988 period", "the year-earlier period": in results reporting,
    the quarter being discussed (only read so when a quarter was mentioned just before)."""
    if ctx.anchor is None:
        return unresolved("quarter")
    reference = ctx.last_past_reference(("quarter",))  # the quarter the report is about
    words = plain(m.group(0))
    if reference is None and "latest" in words:
        # "the latest period" with no quarter named: like "the latest quarter", the last
        # quarter completed before publication
        return quarter_value(*last_completed_quarter(ctx.anchor), relative=True)
    if reference is None:
        return None
    year = year_of(m.group("pyear"))
    if year is not None:
        value = quarter_value(year, int(reference.value[6]), relative=True)
    elif any(
        phrase in words for phrase in ("year ago", "year earlier", "last year", "corresponding", "comparable")
    ):
        value = shift_years(reference, -1)
    else:
        value = quarter_value(int(reference.value[:4]), int(reference.value[6]), relative=True)
    if value is not None:
        value.derived = True  # refers back to the quarter under discussion: not a new reference point
    return value
