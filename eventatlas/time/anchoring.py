"""Where a date named without its year, week or month falls relative to the anchor date.

A bare "Monday" or "17 July" means different days depending on the publication date and on the
tense of the clause: a past-tense report points back, a future-tense one forward.
"""

from __future__ import annotations

from datetime import date, timedelta

from eventatlas.time.context import FUTURE, PAST, PRESENT, Context
from eventatlas.time.patterns import cue
from eventatlas.time.words import plain


def resolve_weekday(weekday: int, anchor: date, tense: str, relation: str = "") -> date:
    """The date of a weekday name relative to the anchor.

    A journalist's bare "Monday" in a past-tense report is the most recent Monday on or before
    publication (wire copy names the weekday even for the same day); in a future-tense clause it
    is the next one after publication. "last"/"next"/"this" override the tense."""
    relation = plain(relation)
    back = (anchor.weekday() - weekday) % 7  # days back to the most recent such day (0: today)
    forward = (weekday - anchor.weekday()) % 7
    if relation in ("last", "this past", "the previous", "previous", "past"):
        return anchor - timedelta(days=back or 7)
    if relation in ("next", "this coming", "coming", "the following", "the next"):
        return anchor + timedelta(days=forward or 7)
    if relation == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    if tense == FUTURE:
        return anchor + timedelta(days=forward or 7)
    return anchor - timedelta(days=back)


def resolve_month(month: int, anchor: date, tense: str, relation: str = "") -> tuple[int, int]:
    """(year, month) for a month named without a year."""
    relation = plain(relation)
    if relation == "last":
        # the most recent such month before this one; the month just gone is "last month", so
        # "last February" said in March means the February of the year before
        previous_month = anchor.month - 1 or 12
        if month < anchor.month and month != previous_month:
            return anchor.year, month
        return anchor.year - 1, month
    if relation in ("this past", "past", "previous"):
        return (anchor.year if month < anchor.month else anchor.year - 1), month
    if relation in ("next", "this coming", "coming"):
        return (anchor.year if month > anchor.month else anchor.year + 1), month
    if relation == "this":
        return anchor.year, month
    if tense == FUTURE:
        return (anchor.year if month >= anchor.month else anchor.year + 1), month
    if tense == PAST:
        # a past-tense report naming the next month without a year means the coming
        # one ("talks resumed ahead of a vote in November", said in late October): a month almost
        # a year back would carry its year
        if month != anchor.month:
            upcoming = date(anchor.year + (1 if month < anchor.month else 0), month, 1)
            if (upcoming - anchor).days <= 31:
                return upcoming.year, month
        return (anchor.year if month <= anchor.month else anchor.year - 1), month
    # present or unknown: the nearest
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1, month
    if diff < -6:
        return anchor.year + 1, month
    return anchor.year, month


def resolve_month_day(month: int, day: int, anchor: date, tense: str) -> date | None:
    """A day and month without a year: the nearest such day, pushed back for a past-tense clause
    (or forward for a future one) when it would fall on the wrong side of publication."""
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:
        return None
    delta = (candidate - anchor).days
    year = anchor.year
    # the nearest such day, but a past-tense clause never points forward and a future one
    # never back by more than a season
    if (delta > 183 and tense != FUTURE) or (tense == PAST and delta > 90):
        year -= 1
    elif (delta < -183 and tense != PAST) or (tense == FUTURE and delta < -90):
        year += 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def bound_tense(ctx: Context) -> str:
    """The clause tense, overridden by the words just before the date: a forward-looking
    preposition ("effective Feb. 1", "until January"), or a past verb or participle that the date
    modifies ("announced Friday", "the year ended March 31") unless it schedules ("due Friday")."""
    if cue("effective_before").search(ctx.before):
        return FUTURE
    if cue("until_before").search(ctx.before):
        return PRESENT
    if cue("past_participle_before").search(ctx.before) and not cue("scheduled_before").search(ctx.before):
        return PAST
    return ctx.tense


def last_completed_quarter(anchor: date) -> tuple[int, int]:
    quarter = (anchor.month - 1) // 3 + 1
    return (anchor.year, quarter - 1) if quarter > 1 else (anchor.year - 1, 4)
