"""Give each event an ACLED date: ``event_date``, ``time_precision`` and ``date_text``.

Sentences are read in order, keeping the running time of the narrative:

1. an event whose sentence has temporal expressions takes the one that governs its clause
   (:mod:`eventatlas.time.governing`: "the attack on Sunday, officials said on Monday" is
   Sunday); a date that only says when something was reported marks the date approximate;
2. an event whose sentence states no date continues the last event date of the narrative
   ("On 3 May gunmen attacked a village. Four people were killed."), unless its clause signals
   a shift (background words, a past perfect, a future, "after ..." clauses);
3. the first sentences may set the narrative without an event of their own ("03 May.");
4. a publication date printed on its own line above the lede dates an event only when nothing
   else does: the lede's "last night", else the day the next sentences give the story. Court
   dates and other days after publication, and the dates of procedural sentences ("charged on
   Monday"), do not move the narrative.

Granularity maps to ACLED's time_precision (data/dating.json): 1 the day, 2 several days up to a
week (the middle is coded), 3 a month (the middle, or the first or last day for "early" and
"late"). Coarser expressions (a quarter, a year) do not date an ACLED event. Several known days
("on Saturday and Sunday", "from Monday to Wednesday") give one event per day; an uncertain span
("between 1 and 3 May", "on 27 or 28 August") gives one event in its middle, precision 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from eventatlas.models import Document, Event
from eventatlas.time.finder import TimeExpression, find_expressions
from eventatlas.time.governing import (
    Governing,
    continues_narrative,
    cue,
    cues,
    dates_a_reporting_verb,
    dates_a_toll_update,
    governing_expression,
)
from eventatlas.time.values import TimeValue, week_value


@dataclass
class DateReading:
    """What an event's date fields become: one day (or none) with its precision, or several
    known days (one event each)."""

    day: date | None
    precision: int | None
    text: str
    days: list[date] | None = None

    @property
    def carries(self) -> bool:
        """Whether later sentences may continue this date (one known day, week or month)."""
        return self.day is not None and not self.days


def date_events(document: Document, events: list[Event]) -> list[Event]:
    """Fill the date fields of each event; an event on several known days becomes one event
    per day (as ACLED codes them). Returns the (possibly longer) list of events, in order."""
    if not events:
        return events
    readings = read_dates(document, events)
    dated: list[Event] = []
    for index, event in enumerate(events):
        dated.extend(_apply(event, readings.get(index)))
    return dated


def read_dates(document: Document, events: list[Event]) -> dict[int, DateReading]:
    """The reading of each event (by position in ``events``), sentence by sentence, carrying the
    narrative date forward."""
    expressions = find_expressions(document)
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expression in expressions:
        by_sentence.setdefault(expression.sentence, []).append(expression)
    events_by_sentence: dict[int, list[int]] = {}
    for index, event in enumerate(events):
        events_by_sentence.setdefault(event.sentence, []).append(index)
    sentences = sorted(set(by_sentence) | set(events_by_sentence))
    readings: dict[int, DateReading] = {}
    narrative: DateReading | None = None
    for sentence in sentences:
        own = by_sentence.get(sentence, [])
        indices = events_by_sentence.get(sentence, [])
        for index in indices:
            reading = _event_reading(document, events[index], own, expressions, narrative, alone=len(indices) == 1)
            if reading is not None:
                readings[index] = reading
        narrative = _next_narrative(document, narrative, own, [readings.get(i) for i in indices], sentence)
    return readings


def _event_reading(
    document: Document,
    event: Event,
    own: list[TimeExpression],
    expressions: list[TimeExpression],
    narrative: DateReading | None,
    alone: bool = True,
) -> DateReading | None:
    dating = _without_publication_line(document.text, [e for e in own if e.value.granularity != "ref"])
    choice = governing_expression(document, event, dating) if dating else None
    if choice is not None and choice.reporting and narrative is not None and narrative.carries:
        return narrative  # "Five were killed, officials said on Monday": the story's day, not the report's
    if choice is not None and choice.reporting and not dates_a_toll_update(document, choice.expression):
        # a lede dated only by its report ("..., officials said on Monday"): the day the next
        # sentences give the story ("About 60 cars were burned overnight from Saturday to Sunday")
        ahead = _story_day_ahead(document, event.sentence, expressions)
        if ahead is not None:
            return ahead
    if choice is not None and _time_of_the_story_day(choice.expression, dating) and _carries_a_day(narrative):
        # "in the afternoon", "at 10 a.m.": a time of the day the story is about
        return DateReading(narrative.day, narrative.precision, narrative.text)
    if choice is not None and is_publication_line(document.text, choice.expression):
        ahead = _story_day_ahead(document, event.sentence, expressions)
        if ahead is not None:
            return ahead
    if choice is not None and dates_a_toll_update(document, choice.expression):
        # "The death toll from Monday's blast rose to 14 on Tuesday": the count's day, not the blast's
        ahead = _story_day_ahead(document, event.sentence, expressions)
        if ahead is not None:
            return ahead
        choice = Governing(choice.expression, reporting=True)
    if choice is not None:
        return reading_of(document, choice, expressions)
    if not dating and narrative is None and alone:
        # a lede that states no day and tells one event ("An Israeli drone strike killed three
        # Palestinians in the West Bank"): the day the next sentences give the story (a lede
        # that tells two leaves each to the sentences that tell it)
        return _story_day_ahead(document, event.sentence, expressions)
    if dating and not (narrative is not None and narrative.carries):
        # "a curfew was imposed on Thursday after a crowd torched police vans": the crowd's act,
        # set before the lede's day, took the day the next sentences give the story
        ahead = _story_day_ahead(document, event.sentence, expressions)
        days = [reading_of(document, Governing(e), expressions).day for e in dating]
        latest = max((day for day in days if day is not None), default=None)
        if ahead is not None and ahead.day is not None and latest is not None and ahead.day <= latest:
            return ahead
    if own or narrative is None or not narrative.carries:
        return None  # a vague reference ("recently") or a clause set at another time: no date
    sentence_text = _sentence_text(document, event.sentence)
    return narrative if continues_narrative(document, event, sentence_text) else None


def _without_publication_line(text: str, dating: list[TimeExpression]) -> list[TimeExpression]:
    """A date alone on its line ("Monday, March 2, 2020" above the lede) is when the article
    came out; the sentence splitter joins it to the lede, where it would outrank the lede's own
    "last night". It dates an event only when the sentence has no other expression."""
    own = [e for e in dating if not is_publication_line(text, e)]
    return own or dating


def _story_day_ahead(document: Document, sentence: int, expressions: list[TimeExpression]) -> DateReading | None:
    """The day the next sentences give the story, for a lede that states none ("The mayor was
    stabbed on stage. The attacker struck on Sunday evening ..."): the first past day in the
    following ``lede_look_ahead`` sentences that is not a day of a report, a court date or a plan."""
    published = document.published_day()
    for expression in expressions:
        if not sentence < expression.sentence <= sentence + cues()["lede_look_ahead"]:
            continue
        if expression.value.granularity not in ("day", "time") or expression.value.day_from_context:
            continue
        if expression.tense == "future" or dates_a_reporting_verb(document, expression):
            continue
        if cue("procedural_clause").search(_sentence_text(document, expression.sentence)):
            continue
        reading = reading_of(document, Governing(expression), expressions)
        if reading.carries and not _after(reading, published):
            return reading
    return None


def is_publication_line(text: str, expression: TimeExpression) -> bool:
    """Is the expression the whole of its line (a dateline printed above the body)?"""
    line_start = text.rfind("\n", 0, expression.start) + 1
    line_end = text.find("\n", expression.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.strip(" \t\u00a0.,") == expression.text.strip(" .,") and "\n" in text[expression.end :]


def _time_of_the_story_day(expression: TimeExpression, sentence_expressions: list[TimeExpression]) -> bool:
    """A time of day whose day is not stated, in a sentence that names no day either."""
    return expression.value.day_from_context and not any(
        e.value.granularity in ("day", "time") and not e.value.day_from_context for e in sentence_expressions
    )


def _carries_a_day(narrative: DateReading | None) -> bool:
    return narrative is not None and narrative.carries and narrative.precision == 1


def _next_narrative(
    document: Document,
    narrative: DateReading | None,
    own: list[TimeExpression],
    readings: list[DateReading | None],
    sentence: int,
) -> DateReading | None:
    """The running date after a sentence: the last date its events took, else (a sentence
    without events, such as a note's "03 May.") its first dating expression in a past or
    present clause. A day after publication (a court date to come) and the dates of a
    procedural sentence ("he was charged on Monday") do not move the story's time: the next
    sentence telling the attack is still on the attack's day."""
    if narrative is not None and cue("procedural_clause").search(_sentence_text(document, sentence)):
        return narrative
    published = document.published_day()
    dated = [r for r in readings if r is not None and r.carries and not _after(r, published)]
    if dated:
        return dated[-1]
    if readings:
        return narrative
    for expression in _without_publication_line(document.text, own):
        if expression.value.day_from_context and _carries_a_day(narrative):
            continue  # "the shooting went on until after 2 a.m.": a time of the story's day, not a new day
        if (
            expression.value.granularity in cues()["precision"]
            and expression.tense != "future"
            and not dates_a_reporting_verb(document, expression)
        ):
            reading = reading_of(document, Governing(expression), [])
            if reading.carries and not _after(reading, published):
                return reading
    return narrative


def _after(reading: DateReading, published: date | None) -> bool:
    return published is not None and reading.day is not None and reading.day > published


def _sentence_text(document: Document, index: int) -> str:
    for sentence in document.sentences:
        if sentence.index == index:
            return sentence.text
    return ""


# ---------------------------------------------------------------------------------------------
# From an expression to a reading
# ---------------------------------------------------------------------------------------------


def reading_of(document: Document, choice: Governing, expressions: list[TimeExpression]) -> DateReading:
    """The date an expression gives an event, with the words around it taken into account
    (ranges and lists of days, "between", "or", "around", "as reported", "the night of")."""
    text = document.text
    expression = choice.expression
    several = (
        _coordinated_days(text, expression, expressions)
        or _stated_range(text, expression)
        or _alternative_days(text, expression)
    )
    if several is not None:
        return several
    reading = _single_reading(text, expression, document.published_day())
    if choice.reporting or _approximate(text, expression):
        reading.precision = max(reading.precision or 1, 2) if reading.day else reading.precision
    if choice.lag_days and reading.day is not None:
        reading.day += timedelta(days=choice.lag_days)  # "a day after ...": the day before
    return reading


def _single_reading(text: str, expression: TimeExpression, published: date | None) -> DateReading:
    value = expression.value
    words = _date_text(text, expression)
    before = text[max(0, expression.start - 40) : expression.start]
    if value.granularity in ("day", "time") and value.first_day and cue("week_of_before").search(before):
        value = week_value(value.first_day)  # "during the week of 3 May"
        words = text[
            max(0, expression.start - 40) + cue("week_of_before").search(before).start() : expression.end
        ]
    precision = cues()["precision"].get(value.granularity)
    if precision is None or value.value is None or value.first_day is None:
        # no anchor (a relative expression without a publication date) or too coarse
        return DateReading(None, None, words)
    return DateReading(_coded_day(value, precision, published), precision, words)



def _coded_day(value: TimeValue, precision: int, published: date | None) -> date:
    """The day ACLED records: the day itself; for a week or month its middle, or the first or
    last day of the month for "early" and "late"."""
    first = value.first_day
    last = value.last_day or first
    if published is not None and first <= published < last:
        last = published  # only the part up to publication: "earlier this month" said on the 7th
    if precision == 1:
        # "till the small hours of Friday" says the event was still going on on Friday;
        # "since Saturday" names the day it began: the stated day either way
        return first
    if precision == 3 and value.mod == "START":
        return first
    if precision == 3 and value.mod == "END":
        return last
    return first + timedelta(days=(last - first).days // 2)


def _approximate(text: str, expression: TimeExpression) -> bool:
    """ "on or around 3 May", "around 30 April (as reported)": a day the sources only approximate."""
    before = text[max(0, expression.start - 30) : expression.start]
    after = text[expression.end : expression.end + 20]
    return bool(
        cue("approximate_before").search(before)
        or cue("approximate_start").match(expression.text)
        or cue("reported_after").search(after)
    )


def _date_text(text: str, expression: TimeExpression) -> str:
    """The words used, with a range preposition kept ("till the small hours of Friday")."""
    before = text[max(0, expression.start - 8) : expression.start]
    preposition = cue("range_preposition_before").search(before)
    if preposition:
        return before[preposition.start() :] + expression.text
    return expression.text


# ---------------------------------------------------------------------------------------------
# Several days: "on Saturday and Sunday", "from Monday to Wednesday", "between 1 and 3 May"
# ---------------------------------------------------------------------------------------------


def _coordinated_days(
    text: str, choice: TimeExpression, expressions: list[TimeExpression]
) -> DateReading | None:
    """The days of a list or range of day expressions that the chosen one belongs to."""
    group = _day_group(text, choice, expressions)
    if group is None:
        return None
    joins = [text[a.end : b.start] for a, b in pairwise(group)]
    opener = _opener(text, group[0].start)
    words = text[group[0].start - len(opener) if opener else group[0].start : group[-1].end]
    first = min(e.value.first_day for e in group)
    last = max(e.value.first_day for e in group)
    if any(cue("alternative_join").match(j) for j in joins) or (
        opener and cue("uncertain_range_open").search(opener)
    ):
        return _uncertain_span(first, last, words)
    if _is_range(joins, opener):
        return _day_range(first, last, words)
    return DateReading(first, 1, words, sorted({e.value.first_day for e in group}))


def _day_group(
    text: str, choice: TimeExpression, expressions: list[TimeExpression]
) -> list[TimeExpression] | None:
    """The chosen day expression with its neighbours joined by "and", ",", "to", "or"..."""
    if choice.value.granularity not in ("day", "time") or choice.value.first_day is None:
        return None
    days = [
        e
        for e in expressions
        if e.sentence == choice.sentence and e.value.granularity in ("day", "time") and e.value.first_day
    ]
    index = next((i for i, e in enumerate(days) if e.start == choice.start), None)
    if index is None:
        return None
    first = last = index
    # a day told relative to another ("a day later", "hours earlier") joins no list, on either side
    while first > 0 and _joined(text[days[first - 1].end : days[first].start]) \
            and not (_sequel(days[first]) or _sequel(days[first - 1])):
        first -= 1
    while last + 1 < len(days) and _joined(text[days[last].end : days[last + 1].start]) \
            and not (_sequel(days[last + 1]) or _sequel(days[last])):
        last += 1
    return days[first : last + 1] if last > first else None


def _sequel(expression: TimeExpression) -> bool:
    """ "a day later", "the next day": a day that starts the next happening, not one of a list."""
    return bool(cue("sequel_day").search(expression.text))


def _joined(between: str) -> bool:
    return any(cue(name).match(between) for name in ("list_join", "range_join", "alternative_join"))


def _opener(text: str, start: int) -> str:
    """ "from " / "between " just before the first day of a group, or ''."""
    window = text[max(0, start - 12) : start]
    found = cue("range_open").search(window)
    return window[found.start() :] if found else ""


def _is_range(joins: list[str], opener: str) -> bool:
    if len(joins) != 1:
        return False
    return bool(opener) or (bool(cue("range_join").match(joins[0])) and not cue("list_join").match(joins[0]))


def _day_range(first: date, last: date, words: str) -> DateReading | None:
    length = (last - first).days + 1
    if length > cues()["max_split_days"]:
        return None  # a longer range is reported as a campaign, not coded day by day
    return DateReading(first, 1, words, [first + timedelta(days=k) for k in range(length)])


def _uncertain_span(first: date, last: date, words: str) -> DateReading:
    """Sources that do not say which day: ACLED codes the middle of the span, precision 2."""
    middle = first + timedelta(days=(last - first).days // 2)
    return DateReading(middle, 2 if last > first else 1, words)


def _alternative_days(text: str, expression: TimeExpression) -> DateReading | None:
    """ "On August 27th or 28th", "on 27 or 28 August": the sources give two possible days; only
    the stated one is an expression, the other is a bare day number of the same month."""
    value = expression.value
    if value.granularity not in ("day", "time") or value.first_day is None:
        return None
    after = cue("alternative_day_after").match(text[expression.end : expression.end + 20])
    before = cue("alternative_day_before").search(text[max(0, expression.start - 12) : expression.start])
    other = int((after or before).group("day")) if (after or before) else None
    if other is None or not 1 <= other <= 31 or other == value.first_day.day:
        return None
    try:
        other_day = value.first_day.replace(day=other)
    except ValueError:
        return None
    first, last = sorted((value.first_day, other_day))
    if (last - first).days > cues()["max_split_days"]:
        return None
    start = expression.start - (len(before.group(0)) if before else 0)
    end = expression.end + (after.end() if after else 0)
    return _uncertain_span(first, last, text[start:end])


def _stated_range(text: str, expression: TimeExpression) -> DateReading | None:
    """A range written as one expression ("Sept. 7-9", "between 7 and 9 September"); "the night
    of 2-3 May" is one night, dated by its first day."""
    value = expression.value
    if value.granularity != "day" or value.first_day is None or value.last_day is None:
        return None
    if value.last_day <= value.first_day:
        return None
    before = text[max(0, expression.start - 30) : expression.start]
    if cue("night_of_before").search(before):
        return DateReading(value.first_day, 1, expression.text)
    if cue("uncertain_range_open").search(before) or expression.text.lower().startswith("between"):
        return _uncertain_span(value.first_day, value.last_day, expression.text)
    return _day_range(value.first_day, value.last_day, expression.text)


# ---------------------------------------------------------------------------------------------
# Writing the reading into the event
# ---------------------------------------------------------------------------------------------


def _apply(event: Event, reading: DateReading | None) -> list[Event]:
    if reading is None:
        return [event]
    if reading.days:
        return [_dated_copy(event, day, 1, reading.text) for day in reading.days]
    event.date_text = reading.text
    event.event_date = reading.day.isoformat() if reading.day else None
    event.time_precision = reading.precision if reading.day else None
    return [event]


def _dated_copy(event: Event, day: date, precision: int, text: str) -> Event:
    copy = event.model_copy(deep=True)
    copy.event_date = day.isoformat()
    copy.time_precision = precision
    copy.date_text = text
    return copy
