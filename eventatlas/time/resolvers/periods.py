"""Resolvers for months, years, decades, centuries, seasons, and units counted from the anchor
("last week", "two years ago", "that month", "year-end")."""

from __future__ import annotations

import re
from copy import copy
from datetime import date, timedelta

from eventatlas.time.anchoring import (
    bound_tense,
    resolve_month,
)
from eventatlas.time.context import FUTURE, PAST, Context
from eventatlas.time.lexicon import lexicon
from eventatlas.time.patterns import cue
from eventatlas.time.resolvers.business import year_over_year_of_longer_period
from eventatlas.time.values import (
    TimeValue,
    century_value,
    day_value,
    decade_value,
    month_value,
    reference_value,
    season_value,
    shift_months,
    shift_years,
    unresolved,
    week_value,
    weekend_value,
    year_value,
)
from eventatlas.time.words import (
    day_number,
    month_number,
    number_of,
    plain,
    spelled_year,
    with_mod,
    year_of,
)


def r_month_year(m: re.Match, ctx: Context) -> TimeValue | None:
    year = year_of(m.group("year"))
    if not year:
        return None
    return with_mod(month_value(year, month_number(m.group("month"))), m.group("mod"))


def r_month(m: re.Match, ctx: Context) -> TimeValue | None:
    word = m.group("month").lower().rstrip(".")
    relation = m.group("rel") or ""
    year_rel = plain(m.group("yrel") or "")
    mod = m.group("mod")
    # "May", "March" are also a modal and a verb: a bare one is a month only after "in"
    # ("in May") and when written with a capital.
    bare_ambiguous = word in lexicon()["ambiguous_month_words"] and not (
        relation or year_rel or mod or ctx.given_span
    )
    if bare_ambiguous and not (
        cue("month_preposition_before").search(ctx.before) and m.group("month")[0].isupper()
    ):
        return None
    if not m.group("month")[0].isupper() and not (relation or year_rel):
        return None
    if cue("each_before").search(ctx.before) and not ctx.given_span:
        return None  # "each July": a recurring set
    month = month_number(word)
    if ctx.anchor is None:
        return unresolved("month")
    if year_rel:
        value = month_value(_year_named(year_rel.replace("of ", ""), ctx), month, relative=True)
    else:
        year, month = resolve_month(month, ctx.anchor, bound_tense(ctx), relation)
        value = month_value(year, month, relative=True)
    return with_mod(value, mod)


# "October that year", "in May the following year": a year counted from the last one named
_NARRATIVE_YEARS = {"that year": 0, "the same year": 0, "the following year": 1, "the next year": 1,
                    "the previous year": -1}


def _year_named(year_rel: str, ctx: Context) -> int:
    """The year of "this/last/next year" (from the anchor), or of "that year", "the following
    year" (from the last time named in the preceding sentences, else the anchor)."""
    if year_rel not in _NARRATIVE_YEARS:
        return ctx.anchor.year + {"this year": 0, "last year": -1, "next year": 1}.get(year_rel, 0)
    reference = ctx.last_reference(_ANY_PERIOD, max_sentences=3)
    base = reference.first_day.year if reference is not None and reference.first_day else ctx.anchor.year
    return base + _NARRATIVE_YEARS[year_rel]


def r_year(m: re.Match, ctx: Context) -> TimeValue | None:
    before = ctx.before
    if cue("not_year_before_price").search(before) or cue("not_year_before_label").search(before):
        return None
    year = int(m.group("year"))
    if not m.group("mod") and not m.group("pre") and not (1900 <= year <= 2099):
        return None
    return with_mod(year_value(year), m.group("mod"))


def r_spelled_year(m: re.Match, ctx: Context) -> TimeValue | None:
    if cue("spelled_number_after").match(ctx.after):
        return None  # "two thousand years": a number
    year = spelled_year(m.group("year"))
    if not year or not (1100 <= year <= 2099):
        return None
    return year_value(year)


def r_decade(m: re.Match, ctx: Context) -> TimeValue | None:
    if cue("age_possessive_before").search(ctx.before):
        return None  # "a man in his twenties": an age, not a decade
    if m.group("dword"):
        digit = lexicon()["decade_words"][m.group("dword").lower()]
        century = 19
    else:
        digit = int(m.group("ddigit"))
        century = (
            int(m.group("dcent"))
            if m.group("dcent")
            else (20 if digit < 3 and ctx.anchor and ctx.anchor.year >= 2020 else 19)
        )
    if not (
        m.group("dcent")
        or m.group("dword")
        or m.group("apos")
        or m.group("the")
        or m.group("dhalf")
        or ctx.given_span
    ):
        return None  # "80s" alone is too often an age or a temperature
    if m.group("dcent") and digit == 0 and century < 20 and not m.group("dhalf"):
        return with_mod(century_value(century), m.group("mod"))  # "the 1800s": the century's years
    value = with_mod(decade_value(century * 100 + digit * 10), m.group("mod"))
    if m.group("dhalf"):  # "the latter half of the '60s": TimeML keeps the decade, marked by its part
        value.mod = "START" if m.group("dhalf").lower() == "first" else "END"
    return value


def r_century(m: re.Match, ctx: Context) -> TimeValue | None:
    number = day_number(m.group("cent"))
    if not number:
        return None
    return century_value(number - 1)


def r_season(m: re.Match, ctx: Context) -> TimeValue | None:
    code = lexicon()["seasons"][m.group("season").lower()]
    year = year_of(m.group("syear") or m.group("syear2"))
    relation = plain(m.group("srel") or "")
    # a bare season word needs a preposition before it ("in summer"); "fall" is a verb
    if (
        relation == ""
        and not m.group("mod")
        and year is None
        and (m.group("season").lower() == "fall" or not cue("season_preposition_before").search(ctx.before))
    ):
        return None
    if year is None:
        if ctx.anchor is None:
            return unresolved("season")
        year = ctx.anchor.year
        season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
        if relation == "last":
            year -= 1
            if code in _SEASON_MONTHS and ctx.anchor.month > _SEASON_MONTHS[code][1]:
                year += 1  # "last spring" said in the autumn: this year's, now over
        elif relation in ("", "the") and code != "WI":
            year += _season_year_shift(code, ctx)
        elif relation in ("this past", "past"):
            if season_month >= ctx.anchor.month:
                year -= 1
        elif relation in ("next", "this coming", "coming") and season_month <= ctx.anchor.month:
            year += 1
    return with_mod(season_value(year, code, relative=True), m.group("mod"))


# the first and last month of each season (winter straddles the year and is left as it is)
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}


def _season_year_shift(code: str, ctx: Context) -> int:
    """ "in the summer" with no year: a past-tense clause means the last such season that has
    begun (the year before when this year's is still to come), a future-tense one the next such
    season that has not ended."""
    first, last = _SEASON_MONTHS[code]
    tense = bound_tense(ctx)
    if tense == PAST and ctx.anchor.month < first:
        return -1
    if tense == FUTURE and ctx.anchor.month > last:
        return 1
    return 0


def r_week_of_month(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the second week of May (2020)": seven days of that month (from the 8th; "the last week"
    is its last seven), as a week whose middle is the day an event in it is coded on."""
    month = month_number(m.group("month"))
    year = year_of(m.group("year"))
    if year is None:
        if ctx.anchor is None:
            return unresolved("week")
        year, month = resolve_month(month, ctx.anchor, bound_tense(ctx))
    which = lexicon()["week_of_month_ordinals"][plain(m.group("word"))]
    month_days = month_value(year, month)
    first = (
        month_days.last_day - timedelta(days=6)
        if which < 0
        else month_days.first_day + timedelta(weeks=which - 1)
    )
    value = week_value(first + timedelta(days=3), relative=year_of(m.group("year")) is None)
    value.first_day, value.last_day = first, first + timedelta(days=6)
    return value


def r_ago(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "two weeks ago", "a year earlier", "three days later", "a month from now"."""
    count = number_of(m.group("num"))
    unit = m.group("unit").lower()
    direction = plain(m.group("dir"))
    if count is None:
        return None
    if unit in ("year", "decade") and plain(m.group("num")) in ("several", "a few", "some", "many"):
        return reference_value("PAST_REF" if direction in ("ago", "earlier", "before") else "FUTURE_REF")
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if unit == "year" and count == 1 and sign < 0:
        compared = _year_ago_comparison(ctx)
        if compared is not None:
            return compared
    base = ctx.anchor
    if direction in ("earlier", "before", "later", "after"):
        # "three days later", "a year later": counted from the time under discussion, if one
        # was just named; "ago" and "from now" count from the anchor
        reference = ctx.last_reference(_FINER_THAN.get(unit, _ANY_PERIOD), max_sentences=1)
        if reference is not None and reference.first_day:
            base = reference.first_day
    if base is None:
        return unresolved({"day": "day", "week": "week", "month": "month"}.get(unit, "year"))
    return _unit_value(unit, base, sign * count, "", PAST)


def _year_ago_comparison(ctx: Context) -> TimeValue | None:
    """ "a year ago/earlier" in results reporting compares with the period just mentioned: the
    year-ago quarter keeps the granularity of that period."""
    longer = year_over_year_of_longer_period(ctx)
    if longer is not None:
        return longer
    reference = ctx.last_past_reference(
        ("quarter", "half", "month"), max_sentences=0
    ) or ctx.last_past_reference(("quarter",))
    return shift_years(reference, -1) if reference is not None else None


def r_unit(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "last week", "this month", "next year", "that day", "the following year"."""
    relation = plain(m.group("urel"))
    unit = m.group("unit").lower()
    relations = lexicon()["unit_relations"]
    if relation not in relations or relation.startswith("_"):
        return None
    if relation == "the" and unit in ("week", "day") and ctx.given_span:
        return anaphoric_unit(unit, ctx)
    if relation == "the" and unit in ("decade", "century") and m.group("mod"):
        relation = "this"  # "by the end of the decade": the anchor's
    elif relation == "the" and unit in ("week", "day", "decade", "century"):
        return None  # "the week", "the day" in running text: generic as often as a date
    if relation in ("the past", "the last", "the latest") and unit not in ("year", "decade", "century"):
        return None  # "the past week/month": a duration more often than a date
    base = _unit_base(relation, relations[relation], unit, ctx)
    if isinstance(base, TimeValue) or base is None:
        return base
    day_, offset = base
    return with_mod(_unit_value(unit, day_, offset, relation, ctx.tense), m.group("mod"))


# the granularities of a mention that can say which unit "that ..." means ("that day" needs a day)
_FINER_THAN = {
    "day": ("day", "time"),
    "week": ("week", "day", "time"),
    "weekend": ("weekend", "day", "time"),
    "month": ("month", "week", "day", "time"),
}
_ANY_PERIOD = ("year", "quarter", "half", "month", "week", "day", "time")


# relations counted from the time under discussion in a past-tense narrative
_NARRATIVE_RELATIONS = ("the previous", "the next", "the prior", "prior", "the preceding")


def _unit_base(relation: str, offset: int | None, unit: str, ctx: Context):
    """(the day counted from, how many units) or, when no day is known, an unresolved value."""
    if offset is None:  # "that year", "the same month": the last mentioned one
        reference = ctx.last_reference(_FINER_THAN.get(unit, _ANY_PERIOD), max_sentences=3)
        if (reference is None or not reference.first_day) and ctx.anchor is not None:
            if ctx.given_span:
                return ctx.anchor, 0  # known to be a date: the unit of the anchor
            return None  # "trades made that day" with no day named before: generic, not a date
        if reference is None or not reference.first_day:
            return unresolved(unit)
        return reference.first_day, 0
    day_ = ctx.anchor
    # "the following year" counts from the time under discussion; so do "the previous day" and
    # "the next day" in a past-tense narrative ("the next year" in a forecast is the anchor's)
    narrative = relation == "the following" or (relation in _NARRATIVE_RELATIONS and ctx.tense == PAST)
    if narrative:
        reference = ctx.last_reference(_FINER_THAN.get(unit, _ANY_PERIOD), max_sentences=3)
        if reference is not None and reference.first_day:
            day_ = reference.first_day
    if day_ is None:
        return unresolved(unit)
    return day_, offset


def _unit_value(unit: str, day_: date, offset: int, relation: str, tense: str) -> TimeValue | None:
    if unit == "week":
        if offset == -1 and relation == "last" and day_.weekday() == 6:
            offset = 0  # said on a Sunday, "last week" is the week just ending (Monday to Saturday)
        return week_value(day_ + timedelta(weeks=offset))
    if unit == "weekend":
        return _weekend(day_, offset, relation, tense)
    if unit == "month":
        return month_value(*shift_months(day_.year, day_.month, offset), relative=True)
    if unit == "year":
        return year_value(day_.year + offset, relative=True)
    if unit == "decade":
        return decade_value(day_.year + 10 * offset, relative=True)
    if unit == "century":  # TimeML numbers centuries by their years' first digits: "19" is the 1900s
        return century_value((day_.year + 100 * offset) // 100)
    if unit == "day":
        return day_value(day_ + timedelta(days=offset), relative=True)
    return None


def anaphoric_unit(unit: str, ctx: Context) -> TimeValue | None:
    """A span known to be a date that says only "the day" or "(the/a) week".

    "the day" ("later in the day", "May 3, the day ahead of the vote") is the day under
    discussion: the last day mentioned in this or the previous sentence, else the anchor day.
    "the week" names no particular week; TimeML leaves the week underspecified (``1998-WXX``)."""
    if ctx.anchor is None:
        return unresolved(unit)
    if unit == "day":
        reference = ctx.last_reference(("day", "time"), max_sentences=1)
        day_ = reference.first_day if reference is not None and reference.first_day else ctx.anchor
        value = day_value(day_, relative=True)
    else:
        value = TimeValue(f"{ctx.anchor.year:04d}-WXX", "week", relative=True)
    value.derived = True  # points back at another mention: not a new reference point
    return value


def r_bare_week(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "week", "a week" given as a date span: an underspecified week (only on given spans;
    in running text these words are a duration)."""
    return anaphoric_unit("week", ctx) if ctx.given_span else None


def _weekend(anchor: date, offset: int, relation: str, tense: str) -> TimeValue:
    """ "the weekend" in a past-tense report is the most recent one (on or before publication);
    in a future-tense clause the coming one. "last weekend" is the one before the current week's."""
    saturday_this_week = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5)
    if relation in ("last", "previous", "the previous", "this past"):
        target = saturday_this_week - timedelta(days=7) if anchor < saturday_this_week else saturday_this_week
        if relation == "last" and anchor >= saturday_this_week:
            target = saturday_this_week - timedelta(days=7)
    elif offset > 0 or tense == FUTURE or (relation == "this" and tense != PAST):
        target = saturday_this_week if anchor < saturday_this_week else saturday_this_week + timedelta(days=7)
    else:  # "the weekend", "this weekend", "over the weekend" in a past or present report
        target = (
            saturday_this_week if anchor >= saturday_this_week else saturday_this_week - timedelta(days=7)
        )
    return weekend_value(target)


def r_year_end(m: re.Match, ctx: Context) -> TimeValue | None:
    if ctx.anchor is None:
        return unresolved("year")
    offset = {"last": -1, "next": 1}.get(plain(m.group("yerel") or ""), 0)
    value = year_value(ctx.anchor.year + offset, relative=True)
    value.mod = "END"
    return value


def r_day_before_after(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "The day before, ...", "..., the day after.": the day next to the one under discussion
    (named in this or the previous sentence); with none named the words are no date."""
    if ctx.anchor is None:
        return unresolved("day")
    reference = ctx.last_reference(("day", "time"), max_sentences=1)
    if reference is None or not reference.first_day:
        return None
    step = 1 if plain(m.group("dir")) == "after" else -1
    return day_value(reference.first_day + timedelta(days=step), relative=True)


def r_hours_apart(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "Hours earlier, ...", "... hours later": the day under discussion (named in this sentence
    or the three before); with none named the words are no date."""
    if ctx.anchor is None:
        return unresolved("day")
    # a clock time read without its day ("at about 11 p.m.") says nothing of the day
    stated = [(sentence, v) for sentence, v in ctx.references if not v.day_from_context]
    reference = Context(sentence=ctx.sentence, references=stated).last_reference(("day", "time"), max_sentences=3)
    if reference is None or not reference.first_day:
        return None
    return day_value(reference.first_day, relative=True)


def r_unit_before_after(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "The year before, ...", "..., the month after.": the unit next to the time under
    discussion (named in this or the previous sentence), else next to the anchor's."""
    if ctx.anchor is None:
        return unresolved(m.group("unit").lower())
    unit = m.group("unit").lower()
    reference = ctx.last_reference(_FINER_THAN.get(unit, _ANY_PERIOD), max_sentences=1)
    base = reference.first_day if reference is not None and reference.first_day else ctx.anchor
    step = 1 if plain(m.group("dir")) == "after" else -1
    value = _unit_value(unit, base, step, "", ctx.tense)
    if value is not None:
        value.derived = True
    return value


def r_nth_day(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the second day (of the offensive)", given as a date span: the day under discussion
    (TimeML's reading; in running text these words are a count, not a date)."""
    if ctx.given_span:
        return anaphoric_unit("day", ctx)
    if cue("copula_before").search(ctx.before) and cue("of_after").match(ctx.after):
        return anaphoric_unit("day", ctx)  # "Monday was the fourth day of a strike"
    return None


def r_in_the_day(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "later in the day", "early in the day": the day under discussion (named in this or the
    previous sentence), else the anchor day. TimeML tags "the day" alone; overlap still matches."""
    return anaphoric_unit("day", ctx)


def r_then(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "until then", "by then", given as a date span: the time last mentioned in this or the
    previous sentence ("on Nov. 30 ... Until then, ..."). Otherwise "then" is a vague past
    reference (left to the span-only references). In running text only "until/by/since then"
    right after a time named in this or the previous sentence is tagged."""
    if not cue("bound_preposition_before").search(ctx.before):
        return None
    if not ctx.given_span and not cue("then_preposition_before").search(ctx.before):
        return None
    if ctx.anchor is None:
        return unresolved("day")  # the finder's first test: the words qualify
    reference = ctx.last_reference(
        ("time", "day", "week", "weekend", "month", "quarter", "half", "season", "year"), max_sentences=1
    )
    if reference is None:
        return None
    value = copy(reference)
    value.derived = True  # points back at another mention: not a new reference point
    return value
