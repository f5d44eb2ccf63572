"""Resolvers for expressions that name a day or a time of day: "Sept. 7", "7/9/2021", "the 7th",
"Monday night", "yesterday", "this morning", "10 a.m.".

Each resolver takes the match and a :class:`Context` and returns a value, or None to reject the
match (a verb "may", a weekday in lower case, "every Thursday").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from eventatlas.time.anchoring import (
    bound_tense,
    resolve_month_day,
    resolve_weekday,
    safe_date,
)
from eventatlas.time.context import FUTURE, Context
from eventatlas.time.lexicon import lexicon
from eventatlas.time.patterns import cue
from eventatlas.time.values import (
    TimeValue,
    day_value,
    shift_months,
    unresolved,
)
from eventatlas.time.words import (
    day_number,
    month_number,
    number_of,
    plain,
    time_suffix,
    with_mod,
    year_of,
)


def r_date_mdy(m: re.Match, ctx: Context) -> TimeValue | None:
    month = month_number(m.group("month"))
    day = day_number(m.group("day"))
    if day is None:
        return None
    ambiguous = m.group("month").lower().rstrip(".") in lexicon()["ambiguous_month_words"]
    if ambiguous and not m.group("year") and not m.group("day")[0].isdigit():
        return None  # "may 5" / "march 10" need a digit day: "may first" is too often a verb phrase
    year = year_of(m.group("year"))
    if year:
        day_ = safe_date(year, month, day)
        return with_mod(day_value(day_) if day_ else None, m.group("mod"))
    if ctx.anchor is None:
        return unresolved("day")
    day_ = _year_of_weekday(m, month, day, ctx.anchor) or resolve_month_day(
        month, day, ctx.anchor, bound_tense(ctx)
    )
    if day_ is None:
        return None
    value = day_value(day_)
    value.relative = True
    return with_mod(value, m.group("mod"))


def _year_of_weekday(m: re.Match, month: int, day: int, anchor: date) -> date | None:
    """ "Saturday, April 25" with no year: the weekday says which year, the one within a year of
    the anchor where that day falls on it (None when no weekday is given or none fits)."""
    weekday = (m.groupdict().get("wd") or "").lower().rstrip(".")
    if weekday not in lexicon()["weekdays"]:
        return None
    fitting = [
        candidate
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (candidate := safe_date(year, month, day)) is not None
        and candidate.weekday() == lexicon()["weekdays"][weekday]
        and abs((candidate - anchor).days) <= 183
    ]
    return fitting[0] if len(fitting) == 1 else None


def r_date_dmy(m: re.Match, ctx: Context) -> TimeValue | None:
    return r_date_mdy(m, ctx)


def r_date_numeric(m: re.Match, ctx: Context) -> TimeValue | None:
    if m.group("iy"):
        day_ = safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        year = int(m.group("uy"))
        if year < 100:
            year += 1900 if year > 40 else 2000
        first, second = int(m.group("ua")), int(m.group("ub"))
        # 25/09/2021 can only be day/month; 09/25/2021 only month/day; 07/09/2021 is read the
        # US way (month first), as American wire copy writes it
        month, day = (second, first) if first > 12 else (first, second)
        day_ = safe_date(year, month, day)
    return day_value(day_) if day_ else None


def r_date_range(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "Sept. 7-9", "7 to 9 September 2021": the first day, with ``last_day`` the last, so the
    event stage can code one event per day."""
    value = r_date_mdy(m, ctx)
    if value is None or value.first_day is None:
        return value
    last = day_number(m.group("day2"))
    first = value.first_day
    if last is None or last <= first.day:
        return None
    end = safe_date(first.year, first.month, last)
    if end is None:
        return None
    value.last_day = end
    return value


def r_ordinal_day(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "on the 7th": a day of the publication month (of the month before when that day has not
    come yet in a past-tense report). Only after a preposition that introduces a date."""
    if not cue("date_preposition_before").search(ctx.before) and not ctx.given_span:
        return None
    if cue("ordinal_not_date_after").match(ctx.after):
        return None  # "the 7th of", "the 20th century", "the third time"
    day = day_number(m.group("oday"))
    if day is None:
        return None
    if ctx.anchor is None:
        return unresolved("day")
    year, month = ctx.anchor.year, ctx.anchor.month
    if ctx.tense == FUTURE and day < ctx.anchor.day:
        year, month = shift_months(year, month, 1)
    elif ctx.tense != FUTURE and day > ctx.anchor.day:
        year, month = shift_months(year, month, -1)
    found = safe_date(year, month, day)
    return day_value(found, relative=True) if found else None


def r_weekday(m: re.Match, ctx: Context) -> TimeValue | None:
    if not m.group("wd")[0].isupper():
        return None
    if cue("each_before").search(ctx.before) and not ctx.given_span:
        return None  # "every Thursday": a recurring set, not a date
    if not m.group("part") and cue("weekday_name_after").match(ctx.after):
        return None  # "Monday Avenue", "the Sunday Times": part of a name
    weekday = lexicon()["weekdays"][m.group("wd").lower()]
    part = m.group("part")
    clock = m.group("clock")
    type_ = "TIME" if part or clock else "DATE"
    if ctx.anchor is None:
        return unresolved("time" if type_ == "TIME" else "day", type_)
    relation = plain(m.group("rel") or "")
    base, tense = ctx.anchor, bound_tense(ctx)  # "the terms, announced Friday": the verb sets the direction
    if relation in ("the previous", "the following"):
        # "off 2% against the previous Friday": relative to the day under discussion, if one
        # was named in this or the previous sentence (else to the anchor)
        reference = ctx.last_reference(("day", "time"), max_sentences=1)
        if reference is not None and reference.first_day:
            base = reference.first_day
    day_ = resolve_weekday(weekday, base, tense, relation)
    if clock:
        suffix = "T12:00" if clock.lower() == "noon" else "T24:00"
    else:
        suffix = time_suffix(part)
    value = day_value(day_, "time" if suffix else "day", suffix, relative=True)
    return with_mod(value, m.group("mod"))


def r_relative_day(m: re.Match, ctx: Context) -> TimeValue | None:
    word = plain(m.group("rd"))
    part = m.group("part")
    if word in ("tonight", "overnight"):
        part = "night"
    if word == "last night":
        offset, part = -1, "night"
    elif word in ("this morning", "this afternoon", "this evening"):
        offset, part = 0, word.split()[1]
    else:
        offset = {
            "today": 0,
            "yesterday": -1,
            "tomorrow": 1,
            "tonight": 0,
            "overnight": 0,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }.get(word)
    if offset is None:
        return None
    suffix = time_suffix(part)
    if ctx.anchor is None:
        return unresolved("time" if suffix else "day", "TIME" if suffix else "DATE")
    value = day_value(ctx.anchor + timedelta(days=offset), "time" if suffix else "day", suffix, relative=True)
    return with_mod(value, m.group("mod"))


def r_part_of_day(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "mid-afternoon", "the morning", "later that night", "in the evening yesterday": a part of
    the day the sentence is about (the last day mentioned nearby, else the anchor day)."""
    part = m.group("part") or m.group("thatpart") or m.group("spart")
    if ctx.anchor is None:
        return unresolved("time", "TIME")
    day_words = plain(m.group("pday") or "")
    if m.group("shift"):
        # "the next morning", "the previous night": next to the day under discussion. Only on a
        # span known to be a time: in running text the event stage keeps such clauses on the
        # day of the sentence, so that one incident told across two days stays one event
        if not ctx.given_span:
            return None
        step = -1 if plain(m.group("shift")) in ("previous", "preceding") else 1
        day_ = day_under_discussion(ctx, max_sentences=2) + timedelta(days=step)
        return day_value(day_, "time", time_suffix(part), relative=True)
    if day_words:
        day_ = ctx.anchor + timedelta(days=RELATIVE_DAYS[day_words])
    else:
        day_ = day_under_discussion(ctx, max_sentences=3 if m.group("thatpart") else 1)
    return _in_context(day_value(day_, "time", time_suffix(part), relative=True), not day_words)


def r_part_of_day_of(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the night of Sept. 5", "in the morning of Monday": that day's part."""
    if ctx.anchor is None:
        return unresolved("time", "TIME")
    day_ = attached_day(m.group("tday"), ctx)
    if day_ is None:
        return None
    return day_value(day_, "time", time_suffix(m.group("part")), relative=True)


def r_twilight(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "at dawn", "before dawn on Monday": a time of day only after a preposition ("the dawn of
    a new era" is not one)."""
    if not ctx.given_span and not cue("twilight_preposition_before").search(ctx.before):
        return None
    if ctx.anchor is None:
        return unresolved("time", "TIME")
    day_ = attached_day(m.group("tday"), ctx) if m.group("tday") else day_under_discussion(ctx)
    if day_ is None:
        return None
    return _in_context(
        day_value(day_, "time", time_suffix(m.group("part")), relative=True), not m.group("tday")
    )


def r_clock(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "10 a.m.", "8.30pm", "1400 GMT", "at 20:00", "noon Friday": the clock time, on the day
    named with it, else the day the sentence is about, else the anchor day."""
    clock = clock_time(m)
    if clock is None:
        return None
    if m.group("h24") and not (m.group("at") or m.group("zone") or m.group("tday") or ctx.given_span):
        return None  # "10:30" alone is as often a score, a ratio or a verse as a time
    if m.group("h24") and m.string[m.end("h24")] == "." and not (m.group("at") or m.group("zone")):
        return None  # "fell 6.43 on Friday": a decimal figure, even next to a day
    if ctx.anchor is None:
        return unresolved("time", "TIME")
    hour, minute = _hour_in_part_of_day(m, *clock)
    day_words = m.group("tday")
    if not day_words and ctx.given_span:
        # a span that stops at the time, with its day just after ("at 2 a.m. | Wednesday")
        following = cue("day_after_clock").match(ctx.after)
        day_words = following.group("tday") if following else None
    if m.groupdict().get("cpart2"):
        day_words = "today"  # "at 6:30 this morning"
    day_ = attached_day(day_words, ctx) if day_words else day_under_discussion(ctx, max_sentences=0)
    if day_ is None:
        return None
    return _in_context(day_value(day_, "time", f"T{hour:02d}:{minute:02d}", relative=True), not day_words)


def _hour_in_part_of_day(m: re.Match, hour: int, minute: int) -> tuple[int, int]:
    """A clock time with no a.m./p.m. read in the part of day named with it: "6:30 tonight",
    "at 7 Tuesday evening" are after noon."""
    if (m.group("ampm") or "").lower().startswith(("a", "p")) or m.group("mil") or hour >= 12:
        return hour, minute
    groups = m.groupdict()
    part = (groups.get("cpart") or groups.get("cpart2") or "").lower()
    if not part and (groups.get("tday") or "").lower() == "tonight":
        part = "night"
    if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
        return hour + 12, minute
    return hour, minute


def clock_time(m: re.Match) -> tuple[int, int] | None:
    """(hour, minute) on a 24-hour clock, or None when the numbers are not a time."""
    if m.group("hour"):
        hour, minute = number_of(m.group("hour")), int(m.group("minute") or 0)
        if hour is None:
            return None
        ampm = (m.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour != 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
    elif m.group("mil"):
        hour, minute = int(m.group("mil")[:2]), int(m.group("mil")[2:])
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("m24"))
    else:
        hour, minute = (12, 0) if m.group("word").lower() in ("noon", "midday") else (24, 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return hour, minute


def _in_context(value: TimeValue, day_unstated: bool) -> TimeValue:
    value.day_from_context = day_unstated
    return value


RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def day_under_discussion(ctx: Context, max_sentences: int = 1) -> date:
    """The last day mentioned in this sentence (or the ``max_sentences`` before), else the anchor."""
    reference = ctx.last_reference(("day", "time"), max_sentences=max_sentences)
    return reference.first_day if reference is not None and reference.first_day else ctx.anchor


def attached_day(words: str, ctx: Context) -> date | None:
    """The day named by the words attached to a time ("Friday", "yesterday", "Sept. 5",
    "5 September 2021"), read by the day rules of the grammar itself."""
    from eventatlas.time.grammar import (  # the grammar is built from these resolvers
        candidates,
        select_longest,
    )

    inner = replace(ctx, before="", after="", given_span=True)
    for candidate in select_longest(candidates(words)):
        value = candidate.rule.resolve(candidate.match, inner)
        if value is not None and value.first_day is not None and value.granularity in ("day", "time"):
            return value.first_day
    return None
