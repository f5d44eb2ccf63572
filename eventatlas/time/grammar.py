"""Rules that recognise English temporal expressions and compute their TIMEX3 values.

Each rule is a compiled regular expression (built from the word lists in ``data/lexicon.json``)
and a resolver that turns a match into a :class:`TimeValue` given a :class:`Context`: the anchor
date (the publication date), the tense of the clause, and the values already found earlier in
the document (for anaphoric expressions such as "a year earlier" or "the year-ago quarter").

Rules are precompiled once; matching a document is a handful of regex scans, so the stage stays
fast. ``dateparser`` is only a fallback in :func:`eventatlas.time.normalize` for phrasings no
rule covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from eventatlas.time.lexicon import alternation, lexicon
from eventatlas.time.values import (
    TimeValue,
    century_value,
    day_value,
    decade_value,
    half_value,
    month_value,
    quarter_value,
    reference_value,
    season_value,
    shift_months,
    shift_years,
    unresolved,
    week_value,
    weekend_value,
    year_value,
)

PAST, PRESENT, FUTURE = "past", "present", "future"


@dataclass
class Context:
    """What a resolver may use besides the matched words."""

    anchor: date | None = None
    tense: str = PAST
    sentence: int = 0
    # (sentence index, value) of the expressions resolved earlier in the document, in order
    references: list[tuple[int, TimeValue]] = field(default_factory=list)
    before: str = ""  # up to 30 characters of text just before the match
    after: str = ""  # up to 30 characters just after it
    given_span: bool = False  # the words are known to be a time expression (normalizing a given span)
    lead: str = ""  # the text from the start of the previous sentence up to the match

    def last_reference(
        self, granularities: tuple[str, ...], max_sentences: int | None = None
    ) -> TimeValue | None:
        for sentence, value in reversed(self.references):
            if max_sentences is not None and self.sentence - sentence > max_sentences:
                return None
            if value.granularity in granularities and value.value and not value.derived:
                return value
        return None


# ---------------------------------------------------------------------------------------------
# Regex fragments
# ---------------------------------------------------------------------------------------------


def _fragments() -> dict[str, str]:
    lx = lexicon()
    full_months = {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
    # abbreviations may carry a period ("Sept."); a full name's period ends the sentence
    month = "(?:" + alternation(full_months) + "|" + alternation(set(lx["months"]) - full_months) + r"\.?)"
    weekday = alternation(lx["weekdays"])
    ordinal_words = alternation(lx["ordinal_words"])
    number_words = alternation(lx["number_words"])
    units = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    spelled_year = (
        rf"(?:(?:nineteen|twenty)[\s-](?:hundred\s+and\s+)?(?:{teens}|(?:{tens})(?:[\s-](?:{units}))?|oh[\s-](?:{units}))"
        rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{units}|{teens}))?)"
    )
    return {
        "MONTH": month,
        "WD": rf"(?:{weekday})",
        "DAYNUM": rf"(?:[0-3]?\d(?:st|nd|rd|th)?(?![\d:%,.]\d)|{ordinal_words})",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)",
        "SYEAR": spelled_year,
        "NUM": rf"(?:\d+|{number_words}(?:[\s-](?:{units}))?)",
        "PART": r"(?:morning|afternoon|evening|night)",
        "MOD": r"(?:(?:early|late|mid|earlier|later|around|about|the\s+(?:beginning|start|end|middle|close)\s+of)[\s-]+)",
        "HOURS": r"(?:(?:the\s+)?(?:early|small|late|wee)\s+hours\s+of\s+)",
        "SEASON": alternation(lx["seasons"]),
        "QORD": alternation(lx["quarter_ordinals"]),
    }


F = _fragments()


def _words(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace(".", "").split())


def _month_number(word: str) -> int:
    return lexicon()["months"][word.lower().rstrip(".")]


def _number(word: str) -> int | None:
    word = _words(word)
    if word.isdigit():
        return int(word)
    numbers = lexicon()["number_words"]
    if word in numbers:
        return numbers[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return numbers[parts[0]] + numbers[parts[1]]
    return None


def _day_number(word: str) -> int | None:
    word = word.lower()
    ordinals = lexicon()["ordinal_words"]
    if word in ordinals:
        return ordinals[word]
    digits = re.match(r"\d+", word)
    if digits:
        day = int(digits.group())
        return day if 1 <= day <= 31 else None
    return None


def _spelled_year(text: str) -> int | None:
    words = _words(text).replace(" hundred and", "").split()
    numbers = lexicon()["number_words"]
    if not words:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(numbers.get(w, 0) for w in rest)
    century = numbers.get(words[0])
    if century is None:
        return None
    rest = [w for w in words[1:] if w != "oh"]
    return century * 100 + sum(numbers.get(w, 0) for w in rest)


def _year_of(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if text.isdigit():
        return int(text)
    return _spelled_year(text)


def _mod(text: str | None) -> str | None:
    if not text:
        return None
    word = _words(text)
    lx = lexicon()["modifiers"]
    for mod, words in (("START", lx["start"]), ("MID", lx["mid"]), ("END", lx["end"])):
        if any(word == _words(w) for w in words):
            return mod
    return None


def _with_mod(value: TimeValue | None, mod_text: str | None) -> TimeValue | None:
    if value is not None:
        value.mod = _mod(mod_text) or value.mod
    return value


# ---------------------------------------------------------------------------------------------
# Calendar resolution
# ---------------------------------------------------------------------------------------------


def resolve_weekday(weekday: int, anchor: date, tense: str, relation: str = "") -> date:
    """The date of a weekday name relative to the anchor.

    A journalist's bare "Monday" in a past-tense report is the most recent Monday on or before
    publication (wire copy names the weekday even for the same day); in a future-tense clause it
    is the next one after publication. "last"/"next"/"this" override the tense."""
    relation = _words(relation)
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
    relation = _words(relation)
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


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Resolvers (one per rule). Each gets the match and the context; returns a value or None to
# reject the match (e.g. "may" the verb).
# ---------------------------------------------------------------------------------------------

Resolver = Callable[[re.Match, Context], TimeValue | None]


def _time_suffix(part: str | None) -> str:
    if not part:
        return ""
    code = lexicon()["parts_of_day"].get(part.lower())
    return f"T{code}" if code else ""


def r_date_mdy(m: re.Match, ctx: Context) -> TimeValue | None:
    month = _month_number(m.group("month"))
    day = _day_number(m.group("day"))
    if day is None:
        return None
    ambiguous = m.group("month").lower().rstrip(".") in lexicon()["ambiguous_month_words"]
    if ambiguous and not m.group("year") and not m.group("day")[0].isdigit():
        return None  # "may 5" / "march 10" need a digit day: "may first" is too often a verb phrase
    year = _year_of(m.group("year"))
    if year:
        day_ = _safe_date(year, month, day)
        return _with_mod(day_value(day_) if day_ else None, m.group("mod"))
    if ctx.anchor is None:
        return unresolved("day")
    day_ = resolve_month_day(month, day, ctx.anchor, _bound_tense(ctx))
    if day_ is None:
        return None
    value = day_value(day_)
    value.relative = True
    return _with_mod(value, m.group("mod"))


def r_date_dmy(m: re.Match, ctx: Context) -> TimeValue | None:
    return r_date_mdy(m, ctx)


def r_date_numeric(m: re.Match, ctx: Context) -> TimeValue | None:
    if m.group("iy"):
        day_ = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        year = int(m.group("uy"))
        if year < 100:
            year += 1900 if year > 40 else 2000
        first, second = int(m.group("ua")), int(m.group("ub"))
        # 25/09/2021 can only be day/month; 09/25/2021 only month/day; 07/09/2021 is read the
        # US way (month first), as American wire copy writes it
        month, day = (second, first) if first > 12 else (first, second)
        day_ = _safe_date(year, month, day)
    return day_value(day_) if day_ else None


def r_date_range(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "Sept. 7-9", "7 to 9 September 2021": the first day, with ``last_day`` the last, so the
    event stage can code one event per day."""
    value = r_date_mdy(m, ctx)
    if value is None or value.first_day is None:
        return value
    last = _day_number(m.group("day2"))
    first = value.first_day
    if last is None or last <= first.day:
        return None
    end = _safe_date(first.year, first.month, last)
    if end is None:
        return None
    value.last_day = end
    return value


def r_ordinal_day(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "on the 7th": a day of the publication month (of the month before when that day has not
    come yet in a past-tense report). Only after a preposition that introduces a date."""
    if (
        not re.search(r"\b(?:on|since|from|until|till|by|before|after)\s+$", ctx.before, re.IGNORECASE)
        and not ctx.given_span
    ):
        return None
    if re.match(r"\s+of\b", ctx.after) or re.match(
        r"\s+(?:century|anniversary|floor|time|day|round|place|minute|hour|year|week|month|grade|birthday)\b",
        ctx.after,
        re.IGNORECASE,
    ):
        return None
    day = _day_number(m.group("oday"))
    if day is None:
        return None
    if ctx.anchor is None:
        return unresolved("day")
    year, month = ctx.anchor.year, ctx.anchor.month
    if ctx.tense == FUTURE and day < ctx.anchor.day:
        year, month = shift_months(year, month, 1)
    elif ctx.tense != FUTURE and day > ctx.anchor.day:
        year, month = shift_months(year, month, -1)
    found = _safe_date(year, month, day)
    return day_value(found, relative=True) if found else None


def r_month_year(m: re.Match, ctx: Context) -> TimeValue | None:
    year = _year_of(m.group("year"))
    if not year:
        return None
    return _with_mod(month_value(year, _month_number(m.group("month"))), m.group("mod"))


def r_month(m: re.Match, ctx: Context) -> TimeValue | None:
    word = m.group("month").lower().rstrip(".")
    relation = m.group("rel") or ""
    year_rel = _words(m.group("yrel") or "")
    mod = m.group("mod")
    # "May", "March" are also a modal and a verb: a bare one is a month only after "in"
    # ("in May") and when written with a capital.
    bare_ambiguous = word in lexicon()["ambiguous_month_words"] and not (
        relation or year_rel or mod or ctx.given_span
    )
    if bare_ambiguous and not (
        re.search(r"\b(?:in|since|until|by|from|through|of)\s+$", ctx.before, re.IGNORECASE)
        and m.group("month")[0].isupper()
    ):
        return None
    if not m.group("month")[0].isupper() and not (relation or year_rel):
        return None
    if _EACH.search(ctx.before) and not ctx.given_span:
        return None  # "each July": a recurring set
    month = _month_number(word)
    if ctx.anchor is None:
        return unresolved("month")
    if year_rel:
        offset = {"this year": 0, "last year": -1, "next year": 1}.get(year_rel.replace("of ", ""), 0)
        value = month_value(ctx.anchor.year + offset, month, relative=True)
    else:
        year, month = resolve_month(month, ctx.anchor, _bound_tense(ctx), relation)
        value = month_value(year, month, relative=True)
    return _with_mod(value, mod)


def r_year(m: re.Match, ctx: Context) -> TimeValue | None:
    before = ctx.before
    if re.search(r"[$£€#\d][\d,.]*\s*$", before) or re.search(
        r"(?:No\.|number|route|flight|Model|room)\s*$", before, re.IGNORECASE
    ):
        return None
    year = int(m.group("year"))
    if not m.group("mod") and not m.group("pre") and not (1900 <= year <= 2099):
        return None
    return _with_mod(year_value(year), m.group("mod"))


def r_spelled_year(m: re.Match, ctx: Context) -> TimeValue | None:
    if re.match(r"\s+(?:years|people|men|troops|soldiers|dollars|miles|of)\b", ctx.after, re.IGNORECASE):
        return None  # "two thousand years": a number
    year = _spelled_year(m.group("year"))
    if not year or not (1100 <= year <= 2099):
        return None
    return year_value(year)


def r_decade(m: re.Match, ctx: Context) -> TimeValue | None:
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
    if m.group("dcent") is None and m.group("dword") is None and not m.group("apos") and not m.group("the"):
        return None  # "80s" alone is too often an age or a temperature
    return _with_mod(decade_value(century * 100 + digit * 10), m.group("mod"))


def r_century(m: re.Match, ctx: Context) -> TimeValue | None:
    number = _day_number(m.group("cent"))
    if not number:
        return None
    return century_value(number - 1)


_EACH = re.compile(r"\b(?:each|every)\s+$", re.IGNORECASE)
# "effective Feb. 1" points forward; "until/through January" points to the nearest such month
# or day whatever the clause tense ("extended loans through January", said in October)
_EFFECTIVE = re.compile(r"\beffective\s+$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|through|thru)\s+$", re.IGNORECASE)


def _bound_tense(ctx: Context) -> str:
    """The clause tense, overridden by a forward-looking preposition just before the date."""
    if _EFFECTIVE.search(ctx.before):
        return FUTURE
    if _UNTIL.search(ctx.before):
        return PRESENT
    return ctx.tense


# a weekday right after a past verb or participle ("announced Friday", "closed on Monday")
_PAST_PARTICIPLE_BEFORE = re.compile(r"\b[a-z]{3,}ed\s+(?:on\s+)?$", re.IGNORECASE)
# ... except verbs that schedule ("is expected Friday", "a vote scheduled for Monday")
_SCHEDULED_BEFORE = re.compile(
    r"\b(?:expected|scheduled|planned|slated|set|due|postponed|delayed|adjourned|rescheduled)\s+(?:on\s+|for\s+)?$",
    re.IGNORECASE,
)


def r_weekday(m: re.Match, ctx: Context) -> TimeValue | None:
    if not m.group("wd")[0].isupper():
        return None
    if _EACH.search(ctx.before) and not ctx.given_span:
        return None  # "every Thursday": a recurring set, not a date
    weekday = lexicon()["weekdays"][m.group("wd").lower()]
    part = m.group("part")
    clock = m.group("clock")
    type_ = "TIME" if part or clock else "DATE"
    if ctx.anchor is None:
        return unresolved("time" if type_ == "TIME" else "day", type_)
    relation = _words(m.group("rel") or "")
    base, tense = ctx.anchor, ctx.tense
    if _PAST_PARTICIPLE_BEFORE.search(ctx.before) and not _SCHEDULED_BEFORE.search(ctx.before):
        tense = PAST  # "the terms, announced Friday, ...": the verb it modifies sets the direction
    if relation in ("the previous", "the following"):
        # "down 4.5% from the previous Friday": relative to the day under discussion, if one
        # was named in this or the previous sentence (else to the anchor)
        reference = ctx.last_reference(("day", "time"), max_sentences=1)
        if reference is not None and reference.first_day:
            base = reference.first_day
    day_ = resolve_weekday(weekday, base, tense, relation)
    if clock:
        suffix = "T12:00" if clock.lower() == "noon" else "T24:00"
    else:
        suffix = _time_suffix(part)
    value = day_value(day_, "time" if suffix else "day", suffix, relative=True)
    return _with_mod(value, m.group("mod"))


def r_relative_day(m: re.Match, ctx: Context) -> TimeValue | None:
    word = _words(m.group("rd"))
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
    suffix = _time_suffix(part)
    if ctx.anchor is None:
        return unresolved("time" if suffix else "day", "TIME" if suffix else "DATE")
    value = day_value(ctx.anchor + timedelta(days=offset), "time" if suffix else "day", suffix, relative=True)
    return _with_mod(value, m.group("mod"))


def r_ago(m: re.Match, ctx: Context) -> TimeValue | None:
    count = _number(m.group("num"))
    unit = m.group("unit").lower()
    direction = _words(m.group("dir"))
    if count is None:
        return None
    if unit in ("year", "decade") and _words(m.group("num")) in ("several", "a few", "some", "many"):
        return reference_value("PAST_REF" if direction in ("ago", "earlier", "before") else "FUTURE_REF")
    if direction in ("later", "after") or direction in ("from now", "hence"):
        sign = 1
    else:
        sign = -1
    anaphoric = direction in ("earlier", "before", "later", "after")
    if unit == "year" and count == 1 and sign < 0:
        longer = _year_over_year_of_longer_period(ctx)
        if longer is not None:
            return longer
        # "a year ago/earlier" in financial news compares with the period just mentioned:
        # the year-ago quarter keeps the granularity of that period.
        reference = ctx.last_reference(("quarter", "half", "month"), max_sentences=0) or ctx.last_reference(
            ("quarter",)
        )
        if reference is not None:
            return shift_years(reference, -1)
    base = ctx.anchor
    if anaphoric:
        reference = ctx.last_reference(("day", "time"), max_sentences=1) if unit == "day" else None
        if reference is not None and reference.first_day:
            base = reference.first_day
    if base is None:
        return unresolved({"day": "day", "week": "week", "month": "month"}.get(unit, "year"))
    if unit == "day":
        return day_value(base + timedelta(days=sign * count), relative=True)
    if unit == "week":
        return week_value(base + timedelta(weeks=sign * count))
    if unit == "month":
        year, month = shift_months(base.year, base.month, sign * count)
        return month_value(year, month, relative=True)
    if unit == "year":
        return year_value(base.year + sign * count, relative=True)
    if unit == "decade":
        return decade_value(base.year + sign * 10 * count, relative=True)
    return None


# periods longer than a quarter that results reporting compares "with a year earlier"
_MULTI_MONTH_PERIOD = re.compile(
    r"\b(?:(?:nine|six|eight|ten|eleven|\d+)[\s-]months?|first\s+half|year[\s-]to[\s-]date|full[\s-]year)\b",
    re.IGNORECASE,
)
_QUARTER_WORD = re.compile(r"\bquarter\b", re.IGNORECASE)


def _year_over_year_of_longer_period(ctx: Context) -> TimeValue | None:
    """ "For the nine months, net was X, compared with Y a year earlier": when the period last
    named before the expression is longer than a quarter (nine months, first half, year to
    date), the comparison is with the year before that period's year: TimeML has no
    nine-month value, so the year is the finest value that holds it."""
    periods = list(_MULTI_MONTH_PERIOD.finditer(ctx.lead))
    if not periods or ctx.anchor is None:
        return None
    quarters = list(_QUARTER_WORD.finditer(ctx.lead))
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


def _last_completed_quarter(anchor: date) -> tuple[int, int]:
    quarter = (anchor.month - 1) // 3 + 1
    return (anchor.year, quarter - 1) if quarter > 1 else (anchor.year - 1, 4)


def r_quarter(m: re.Match, ctx: Context) -> TimeValue | None:
    words = _words(m.group(0))
    ordinal = m.group("qord")
    det = m.group("qdet")
    adjectives = _words(m.group("qadj") or "")
    year = _year_of(m.group("qyear") or m.group("qyear2") or m.group("qyear3"))
    if not ordinal and not det and not adjectives:
        return None  # "quarter" alone: a fraction as often as a period
    if det and _words(det) in ("a", "one") and not ordinal:
        return None
    year_ago = (
        "year ago" in adjectives
        or "year earlier" in adjectives
        or "last year s" in words
        or "last years" in words
        or "last year's" in words
        or bool(m.group("qago"))
    )
    if ordinal:
        quarter = lexicon()["quarter_ordinals"].get(ordinal.lower())
        if quarter is None:  # "final", "last": the fourth
            quarter = 4
        if year is None:
            reference = ctx.last_reference(("quarter",), max_sentences=0)
            if "next year" in words and ctx.anchor:
                year = ctx.anchor.year + 1
            elif "last year" in words and ctx.anchor:
                year, year_ago = ctx.anchor.year - 1, False  # "the third quarter (of) last year"
            elif reference is not None and "year" not in words:
                year = int(reference.value[:4])
            elif ctx.anchor is not None:
                year = ctx.anchor.year
                start_month = 3 * (quarter - 1) + 1
                if ctx.tense == PAST and date(year, start_month, 1) > ctx.anchor:
                    year -= 1
            else:
                return unresolved("quarter")
            if year_ago:
                year -= 1
        return quarter_value(year, quarter, relative=True)
    # "the quarter", "the latest quarter", "the year-ago quarter", "the current quarter"
    reference = _reference_quarter(ctx)
    if "latest" in adjectives and ctx.anchor is not None and not year_ago:
        # "the latest quarter": the last one completed before publication
        return quarter_value(*_last_completed_quarter(ctx.anchor), relative=True)
    if det and _words(det) == "this" and reference is not None:
        return quarter_value(int(reference.value[:4]), int(reference.value[6]), relative=True)
    if "current" in adjectives or (det and _words(det) == "this"):
        if ctx.anchor is None:
            return unresolved("quarter")
        return quarter_value(ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1, relative=True)
    if reference is None:
        if ctx.anchor is None:
            return unresolved("quarter")
        reference = quarter_value(*_last_completed_quarter(ctx.anchor), relative=True)
    if year_ago:
        return shift_years(reference, -1)
    if year is not None:
        return quarter_value(year, int(reference.value[6]), relative=True)
    return quarter_value(int(reference.value[:4]), int(reference.value[6]), relative=True)


def r_year_ago_period(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "year-earlier", "the year-ago period", "the year-ago third quarter"."""
    if _words(m.group("what") or "") != "quarter":
        longer = _year_over_year_of_longer_period(ctx)
        if longer is not None:
            return longer
    reference = ctx.last_reference(("quarter", "half", "month"), max_sentences=0) or ctx.last_reference(
        ("quarter",)
    )
    what = _words(m.group("what") or "")
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
    return year_value(ctx.anchor.year - 1, relative=True)


def r_half(m: re.Match, ctx: Context) -> TimeValue | None:
    which = m.group("hord").lower()
    half = 1 if which == "first" else 2
    year = _year_of(m.group("hyear") or m.group("hyear2"))
    yrel = _words(m.group("hyrel") or "")
    if year is None:
        if ctx.anchor is None:
            return unresolved("half")
        year = ctx.anchor.year + {"last year": -1, "next year": 1}.get(yrel, 0)
        if not yrel and ctx.tense == PAST and half == 2 and ctx.anchor.month <= 6:
            year -= 1
    return half_value(year, half, relative=True)


def r_season(m: re.Match, ctx: Context) -> TimeValue | None:
    code = lexicon()["seasons"][m.group("season").lower()]
    year = _year_of(m.group("syear"))
    relation = _words(m.group("srel") or "")
    # a bare season word needs a preposition before it ("in summer"); "fall" is a verb
    if (
        relation == ""
        and not m.group("mod")
        and year is None
        and (
            m.group("season").lower() == "fall"
            or not re.search(
                r"\b(?:in|during|since|until|by|through|over|this|last|next|the)\s+$",
                ctx.before,
                re.IGNORECASE,
            )
        )
    ):
        return None
    if year is None:
        if ctx.anchor is None:
            return unresolved("season")
        year = ctx.anchor.year
        season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
        if relation == "last":
            year -= 1
        elif relation in ("this past", "past"):
            if season_month >= ctx.anchor.month:
                year -= 1
        elif relation in ("next", "this coming", "coming") and season_month <= ctx.anchor.month:
            year += 1
    return _with_mod(season_value(year, code, relative=True), m.group("mod"))


def r_unit(m: re.Match, ctx: Context) -> TimeValue | None:
    relation = _words(m.group("urel"))
    unit = m.group("unit").lower()
    mod = m.group("mod")
    anchor = ctx.anchor
    offsets = {
        "last": -1,
        "previous": -1,
        "the previous": -1,
        "this": 0,
        "the current": 0,
        "current": 0,
        "next": 1,
        "the coming": 1,
        "coming": 1,
        "the following": 1,
        "the next": 1,
        "the": 0,
        "this past": -1,
        "that": None,
        "the same": None,
        "the past": -1,
        "the last": -1,
        "the latest": -1,
    }
    if relation not in offsets:
        return None
    offset = offsets[relation]
    if relation == "the" and unit in ("week", "day") and ctx.given_span:
        return _anaphoric_unit(unit, ctx)
    if relation == "the" and unit in ("week", "day", "decade", "century"):
        return None  # "the week", "the day" in running text: generic as often as a date
    if relation in ("the past", "the last", "the latest") and unit not in ("year", "decade"):
        return None  # "the past week/month": a duration more often than a date
    if offset is None:  # "that year", "the same month": the last mentioned one
        # only a mention at least as fine as the unit can say which one ("that day" needs a day)
        finer = {
            "day": ("day", "time"),
            "week": ("week", "day", "time"),
            "weekend": ("weekend", "day", "time"),
            "month": ("month", "week", "day", "time"),
        }.get(unit, ("year", "quarter", "half", "month", "week", "day", "time"))
        reference = ctx.last_reference(finer, max_sentences=3)
        if reference is None or not reference.first_day:
            return unresolved(unit)
        anchor_day = reference.first_day
        offset = 0
    elif relation == "the following":
        reference = ctx.last_reference(
            ("year", "quarter", "half", "month", "week", "day", "time"), max_sentences=3
        )
        anchor_day = reference.first_day if reference is not None and reference.first_day else anchor
    else:
        anchor_day = anchor
    granularity = {"weekend": "weekend"}.get(unit, unit)
    if anchor_day is None:
        return unresolved(granularity)
    if unit == "week":
        value = week_value(anchor_day + timedelta(weeks=offset))
    elif unit == "weekend":
        value = _weekend(anchor_day, offset, relation, ctx.tense)
    elif unit == "month":
        year, month = shift_months(anchor_day.year, anchor_day.month, offset)
        value = month_value(year, month, relative=True)
    elif unit == "year":
        value = year_value(anchor_day.year + offset, relative=True)
    elif unit == "decade":
        value = decade_value(anchor_day.year + 10 * offset, relative=True)
    elif unit == "day":
        value = day_value(anchor_day + timedelta(days=offset), relative=True)
    else:
        return None
    return _with_mod(value, mod)


def _anaphoric_unit(unit: str, ctx: Context) -> TimeValue | None:
    """A span known to be a date that says only "the day" or "(the/a) week".

    "the day" ("later in the day", "Oct. 12, the day before the plunge") is the day under
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
    return _anaphoric_unit("week", ctx) if ctx.given_span else None


def _weekend(anchor: date, offset: int, relation: str, tense: str) -> TimeValue:
    """ "the weekend" in a past-tense report is the most recent one (on or before publication);
    in a future-tense clause the coming one. "last weekend" is the one before the current week's."""
    saturday_this_week = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5)
    if relation in ("last", "previous", "the previous", "this past"):
        target = saturday_this_week - timedelta(days=7) if anchor < saturday_this_week else saturday_this_week
        if relation == "last" and anchor >= saturday_this_week:
            target = saturday_this_week - timedelta(days=7)
    elif offset > 0 or tense == FUTURE:
        target = saturday_this_week if anchor < saturday_this_week else saturday_this_week + timedelta(days=7)
    else:  # "the weekend", "this weekend", "over the weekend" in a past or present report
        target = (
            saturday_this_week if anchor >= saturday_this_week else saturday_this_week - timedelta(days=7)
        )
    return weekend_value(target)


def r_period(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the latest period", "the 1988 period", "the year-earlier period": in results reporting,
    the quarter being discussed (only read so when a quarter was mentioned just before)."""
    if ctx.anchor is None:
        return unresolved("quarter")
    reference = ctx.last_reference(("quarter",))  # the quarter the report is about
    words = _words(m.group(0))
    if reference is None and "latest" in words and ctx.given_span:
        # "the latest period" with no quarter named: like "the latest quarter", the last
        # quarter completed before publication
        return quarter_value(*_last_completed_quarter(ctx.anchor), relative=True)
    if reference is None:
        return None
    year = _year_of(m.group("pyear"))
    if year is not None:
        value = quarter_value(year, int(reference.value[6]), relative=True)
    elif "year ago" in words or "year earlier" in words or "last year" in words or "corresponding" in words:
        value = shift_years(reference, -1)
    else:
        value = quarter_value(int(reference.value[:4]), int(reference.value[6]), relative=True)
    if value is not None:
        value.derived = True  # refers back to the quarter under discussion: not a new reference point
    return value


def r_year_end(m: re.Match, ctx: Context) -> TimeValue | None:
    if ctx.anchor is None:
        return unresolved("year")
    offset = {"last": -1, "next": 1}.get(_words(m.group("yerel") or ""), 0)
    value = year_value(ctx.anchor.year + offset, relative=True)
    value.mod = "END"
    return value


def r_part_of_day(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "mid-afternoon", "the morning", "in the evening yesterday": a part of the day the
    sentence is about (the last day mentioned nearby, else the anchor day)."""
    suffix = _time_suffix(m.group("part"))
    if ctx.anchor is None:
        return unresolved("time", "TIME")
    day_words = _words(m.group("pday") or "")
    if day_words:
        day_ = ctx.anchor + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[day_words])
    else:
        reference = ctx.last_reference(("day", "time"), max_sentences=1)
        day_ = reference.first_day if reference is not None and reference.first_day else ctx.anchor
    return day_value(day_, "time", suffix, relative=True)


def span_only_reference(expression: str) -> TimeValue | None:
    """The vague reference a given time expression denotes, for words the finder does not tag on
    sight ("already", "previously", "future")."""
    phrase = _words(expression)
    for kind, phrases in lexicon()["span_only_references"].items():
        if not kind.startswith("_") and phrase in {_words(p) for p in phrases}:
            return reference_value(kind)
    return None


def r_reference(m: re.Match, ctx: Context) -> TimeValue | None:
    phrase = _words(m.group(0))
    for kind, phrases in lexicon()["reference_phrases"].items():
        if kind.startswith("_"):
            continue
        if phrase in {_words(p) for p in phrases}:
            if ctx.given_span:
                return reference_value(kind)
            if phrase in ("the past", "in the past") and re.match(
                rf"\s+(?:{F['NUM']}|few|several|couple)\b", ctx.after, re.IGNORECASE
            ):
                return None  # "the past two months": a duration
            if phrase == "soon" and re.match(r"\s+(?:as|after)\b", ctx.after, re.IGNORECASE):
                return None  # "as soon as", "soon after": a conjunction, not a time
            if phrase == "earlier" and not re.search(
                r"(?:^|[,;(]\s*|\b(?:said|reported|announced|had)\s+)$", ctx.before
            ):
                return (
                    None  # "earlier" as a reference only stands alone ("..., earlier, ...", "said earlier")
                )
            return reference_value(kind)
    return None


def r_adjective_reference(m: re.Match, ctx: Context) -> TimeValue | None:
    kind = lexicon()["adjective_references"].get(m.group("adj").lower())
    return reference_value(kind) if kind else None


def r_clock(m: re.Match, ctx: Context) -> TimeValue | None:
    if m.group("hour"):
        hour = int(m.group("hour"))
        minute = int(m.group("minute") or 0)
        ampm = (m.group("ampm") or "").lower().replace(".", "")
        if hour > 12 or minute > 59:
            return None
        if ampm == "pm" and hour != 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
    elif m.group("mil"):
        hour, minute = int(m.group("mil")[:2]), int(m.group("mil")[2:])
        if hour > 24 or minute > 59:
            return None
    else:
        hour, minute = (12, 0) if m.group("word").lower() in ("noon", "midday") else (24, 0)
    day_words = m.group("tday")
    if ctx.anchor is None:
        return unresolved("time", "TIME")
    day_ = ctx.anchor
    if day_words:
        words = _words(day_words)
        weekdays = lexicon()["weekdays"]
        if words in weekdays:
            day_ = resolve_weekday(weekdays[words], ctx.anchor, ctx.tense)
        elif words in ("yesterday", "today", "tomorrow"):
            day_ = ctx.anchor + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[words])
        else:
            inner = re.match(rf"(?P<month>{F['MONTH']})\s+(?P<day>\d+)", day_words, re.IGNORECASE)
            if inner:
                resolved = resolve_month_day(
                    _month_number(inner.group("month")), int(inner.group("day")), ctx.anchor, ctx.tense
                )
                day_ = resolved or day_
    suffix = f"T{hour:02d}:{minute:02d}"
    return day_value(day_, "time", suffix, relative=True)


# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------


@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver


@lru_cache(maxsize=1)
def rules() -> list[Rule]:
    f = F
    lx = lexicon()
    mod = rf"(?P<mod>{f['MOD']}|{f['HOURS']})?"
    year_any = rf"(?:{f['YEAR']}|{f['SYEAR']})"
    refs = [p for kind, ps in lx["reference_phrases"].items() if not kind.startswith("_") for p in ps]
    adjectives = [a for a, kind in lx["adjective_references"].items() if not a.startswith("_") and kind]
    b = r"(?<![\w-])"
    e = r"(?![\w-])"
    table: list[tuple[str, str, Resolver]] = [
        (
            "date_mdy",
            rf"{b}(?:{f['WD']},?\s+)?{mod}(?P<month>{f['MONTH']})\s+(?:the\s+)?(?P<day>{f['DAYNUM']})(?:,?\s+(?P<year>{year_any}))?{e}",
            r_date_mdy,
        ),
        (
            "date_range_mdd",
            rf"{b}{mod}(?P<month>{f['MONTH']})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|through|until)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>{year_any}))?{e}",
            r_date_range,
        ),
        (
            "date_range_ddm",
            rf"{b}{mod}(?:from\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|through|until)\s*(?:the\s+)?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{f['MONTH']})(?:,?\s+(?P<year>{year_any}))?{e}",
            r_date_range,
        ),
        (
            "date_dmy",
            rf"{b}(?:{f['WD']},?\s+)?{mod}(?:the\s+)?(?P<day>[0-3]?\d(?:st|nd|rd|th)?|{alternation(lx['ordinal_words'])})\s+(?:of\s+)?(?P<month>{f['MONTH']})(?:,?\s+(?P<year>{year_any}))?{e}",
            r_date_dmy,
        ),
        (
            "date_numeric",
            rf"{b}(?:(?P<iy>(?:19|20)\d\d)[-/](?P<im>[01]\d)[-/](?P<id>[0-3]\d)(?=T\d|(?![\w-]))|(?P<ua>[0-3]?\d)/(?P<ub>[0-3]?\d)/(?P<uy>(?:19|20)?\d\d){e})",
            r_date_numeric,
        ),
        (
            "ordinal_day",
            rf"{b}the\s+(?P<oday>[1-3]?\d(?:st|nd|rd|th)|{alternation(lx['ordinal_words'])}){e}",
            r_ordinal_day,
        ),
        (
            "month_year",
            rf"{b}{mod}(?P<month>{f['MONTH']}),?\s+(?:of\s+)?(?P<year>{year_any}){e}",
            r_month_year,
        ),
        (
            "month",
            rf"{b}{mod}(?:(?P<rel>last|next|this\s+past|this\s+coming|this)\s+)?(?P<month>{f['MONTH']})(?:\s+(?P<yrel>(?:of\s+)?(?:this|last|next)\s+year))?{e}",
            r_month,
        ),
        (
            "year",
            rf"{b}{mod}(?P<pre>(?:fiscal|calendar|the\s+year|the\s+fiscal\s+year|fiscal\s+year|year)\s+)?(?P<year>{f['YEAR']}){e}",
            r_year,
        ),
        ("spelled_year", rf"{b}(?:the\s+year\s+)?(?P<year>{f['SYEAR']}){e}", r_spelled_year),
        (
            "decade",
            rf"{b}(?P<the>the\s+)?{mod}(?:(?P<dcent>1[5-9]|20)?(?P<apos>')?(?P<ddigit>\d)0'?s|(?P<dword>{alternation(lx['decade_words'])})){e}",
            r_decade,
        ),
        (
            "century",
            rf"{b}(?:the\s+)?(?P<cent>\d{{1,2}}(?:st|nd|rd|th)|{alternation(lx['ordinal_words'])})\s+century{e}",
            r_century,
        ),
        (
            "weekday",
            rf"{b}{mod}(?:(?P<clock>noon|midnight)\s+)?(?:(?P<rel>last|next|this\s+coming|this\s+past|this|the\s+previous|the\s+following|coming)\s+)?(?P<wd>{f['WD']})(?:\s+(?P<part>{f['PART']}))?{e}",
            r_weekday,
        ),
        (
            "relative_day",
            rf"{b}{mod}(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+(?P<part>{f['PART']}))?{e}",
            r_relative_day,
        ),
        (
            "ago",
            rf"{b}(?:(?:about|nearly|almost|some|roughly|more\s+than|less\s+than|just|only|barely|over)\s+)?(?P<num>{f['NUM']})\s+(?P<unit>day|week|month|year|decade)s?\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|before|later|from\s+now|hence){e}",
            r_ago,
        ),
        (
            "year_ago_period",
            rf"{b}(?:the\s+)?(?:comparable\s+|same\s+)?year[\s-](?:ago|earlier)(?:\s+(?P<what>(?!{f['QORD']}[\s-]+quarter)[a-z]+))?{e}",
            r_year_ago_period,
        ),
        (
            "quarter",
            rf"{b}(?:(?P<qdet>the|its|this|a|one|that|(?:this|last|next)\s+year'?s|(?P<qyear>{f['YEAR']})'s)\s+)?(?P<qadj>(?:(?:fiscal|latest|current|comparable|same|recent|previous|preceding|past|flat|year[\s-]ago|year[\s-]earlier|(?P<qyear2>{f['YEAR']})|calendar)[\s-]+)*)(?:(?P<qord>{f['QORD']}|final|last)[\s-]+(?:fiscal[\s-]+)?)?quarter(?!s|[\s-]point|[\s-]mile){e}(?:\s+of\s+(?:fiscal\s+)?(?P<qyear3>{f['YEAR']}))?(?P<qago>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year){e})?",
            r_quarter,
        ),
        (
            "half",
            rf"{b}(?:the\s+)?(?:(?P<hyear2>{f['YEAR']})\s+)?(?P<hord>first|second|last|latter)\s+(?:half|two\s+quarters)(?:\s+of\s+(?:the\s+year|(?P<hyrel>this\s+year|last\s+year|next\s+year)|(?:fiscal\s+)?(?P<hyear>{f['YEAR']})))?{e}",
            r_half,
        ),
        (
            "season",
            rf"{b}{mod}(?:(?P<srel>this\s+past|this\s+coming|this|last|next|the|coming)\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<season>{f['SEASON']})(?:\s+of\s+(?P<syear>{year_any}))?{e}",
            r_season,
        ),
        (
            "unit",
            rf"{b}{mod}(?P<urel>this\s+past|the\s+past|the\s+last|the\s+latest|the\s+previous|the\s+current|the\s+coming|the\s+following|the\s+next|the\s+same|last|this|next|previous|current|coming|that|the)\s+(?:fiscal\s+|calendar\s+|full\s+)?(?P<unit>week|weekend|month|year|decade|day)(?!s|-|\s+(?:old|long|high|low)\b){e}",
            r_unit,
        ),
        (
            "period",
            rf"{b}(?:the|its|that)\s+(?:(?:latest|current|same|comparable|corresponding|year[\s-]ago|year[\s-]earlier|fiscal|(?P<pyear>{f['YEAR']}))\s+)+period(?:\s+(?:last\s+year|a\s+year\s+(?:ago|earlier)))?{e}",
            r_period,
        ),
        ("bare_week", rf"{b}(?:a\s+)?week{e}", r_bare_week),
        ("year_end", rf"{b}(?:(?P<yerel>this|last|next)\s+)?year(?:'s)?[\s-]end{e}", r_year_end),
        (
            "part_of_day",
            rf"{b}(?:the|in\s+the|mid|early|late)[\s-]+(?P<part>morning|afternoon|evening)(?:\s+(?P<pday>today|yesterday|tomorrow))?{e}",
            r_part_of_day,
        ),
        ("reference", rf"{b}{alternation(refs)}{e}", r_reference),
        ("adjective_reference", rf"{b}(?P<adj>{alternation(adjectives)})(?=\s+[a-z])", r_adjective_reference),
        (
            "clock",
            rf"{b}(?:(?:about|around|approximately|at)\s+)?(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am{e}|pm{e})|(?P<mil>[0-2]\d[0-5]\d)\s*(?=GMT|UTC|EST|EDT)|(?P<word>noon|midday|midnight))(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local\s+time))?(?:,?\s+(?:on\s+)?(?P<tday>{f['WD']}|today|yesterday|tomorrow|{f['MONTH']}\s+\d{{1,2}}))?{e}",
            r_clock,
        ),
    ]
    return [Rule(name, re.compile(pattern, re.IGNORECASE), resolve) for name, pattern, resolve in table]


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def candidates(text: str, offset: int = 0) -> list[Candidate]:
    """Every rule match in ``text``, overlapping ones kept: the caller picks among them."""
    found = []
    for rule in rules():
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            # trim leading words TimeBank-style spans leave out ("about", "around", "at")
            found.append(Candidate(start + offset, end + offset, rule, match))
    return found


def select_longest(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (a longer match is a more specific reading)."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if any(candidate.start < end and start < candidate.end for start, end in taken):
            continue
        chosen.append(candidate)
        taken.append((candidate.start, candidate.end))
    return sorted(chosen, key=lambda c: c.start)
