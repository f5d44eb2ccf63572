"""Give each event an ACLED date: ``event_date``, ``time_precision`` and ``date_text``.

For every event the stage picks the temporal expression that governs the event's clause (not
simply the first date in the sentence), resolves it against the publication date, and maps its
granularity to ACLED's time_precision: 1 the day is known, 2 only the week or weekend, 3 only the
month. Coarser expressions (a quarter, a year) do not date an ACLED event: the date stays null.

Choosing the expression, in order of preference:

1. an expression in the event's sentence attached (in the dependency parse) to the trigger's own
   verb, then one attached to a verb that governs it, then one in a clause the trigger governs,
   then the nearest one in the sentence;
2. only if the sentence has none and opens with an anaphoric time adverb ("Later, ...",
   "Then ...", "Hours later ..."), the last day-level expression of the two sentences before.

A sentence with no date words leaves the event undated: guessing "the publication day" would
invent precision the source does not give.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from eventatlas.models import Document, Event
from eventatlas.time.finder import TimeExpression, find_expressions
from eventatlas.time.values import TimeValue

PRECISION = {"time": 1, "day": 1, "week": 2, "weekend": 2, "month": 3}
MAX_SPLIT_DAYS = 14  # a longer range is reported as a campaign, not coded day by day

# Sentence openers that carry the time of the previous sentence forward.
_ANAPHORIC_OPENERS = re.compile(
    r"^\W*(?:later|then|afterwards|after\s+that|hours\s+later|minutes\s+later|shortly\s+afterwards?|"
    r"later\s+that\s+(?:day|night|evening|morning)|that\s+(?:day|night|evening|morning)|meanwhile)\b",
    re.IGNORECASE,
)
# Words that make two expressions one range or a list of days.
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|through|till|until|and|-|–|—)\s*(?:the\s+)?$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,|and|&|,\s*and|or)\s*(?:again\s+)?(?:on\s+)?$", re.IGNORECASE)
# Words that put a clause at another time than the clause it depends on ("two days after
# rebels seized it on Wednesday"): a date inside such a clause does not date the main event.
_OTHER_TIME_MARKERS = {
    "after",
    "before",
    "since",
    "following",
    "until",
    "till",
    "prior",
    "once",
    "when",
    "while",
}
_RANGE_PREPOSITION = re.compile(
    r"\b(?:since|until|till|from|between|by|before|after|through)\s+$", re.IGNORECASE
)


def date_events(document: Document, events: list[Event]) -> list[Event]:
    """Fill the date fields of each event; an event on several known days becomes one event
    per day (as ACLED codes them). Returns the (possibly longer) list of events."""
    if not events:
        return events
    expressions = [e for e in find_expressions(document) if e.value.granularity != "ref"]
    sentence_bounds = {s.index: (s.start, s.end) for s in document.sentences}
    published = _published(document)
    dated: list[Event] = []
    for event in events:
        choice = choose_expression(document, event, expressions, sentence_bounds)
        if choice is None:
            dated.append(event)
            continue
        days = _coordinated_days(document.text, choice, expressions) or _stated_range(choice)
        if days is not None:
            day_list, text = days
            dated.extend(_split_per_day(event, day_list, text))
            continue
        _apply(event, choice.value, _date_text(document.text, choice), published)
        dated.append(event)
    return dated


def _published(document: Document) -> date | None:
    if not document.published:
        return None
    try:
        return date.fromisoformat(document.published[:10])
    except ValueError:
        return None


def _apply(event: Event, value: TimeValue, text: str, published: date | None) -> None:
    event.date_text = text
    precision = PRECISION.get(value.granularity)
    if precision is None or value.value is None or value.first_day is None:
        # no anchor (a relative expression without a publication date) or too coarse
        event.event_date = None
        event.time_precision = None
        return
    if precision == 1:
        # One stated day, whatever the preposition: "until the early hours of Tuesday" says the
        # event was still going on on Tuesday (a day on which it certainly happened; its first
        # day is not stated, so it stays one event); "since Saturday" names the day it began.
        day = value.first_day
    else:
        # A week or month: code the middle of the period (never after publication), so the
        # error is at most half the period either way.
        # Only the part of the period up to publication counts ("earlier this month" said on
        # the 7th is the 1st to the 7th).
        last = value.last_day or value.first_day
        if published is not None and value.first_day <= published < last:
            last = published
        day = value.first_day + timedelta(days=(last - value.first_day).days // 2)
    event.event_date = day.isoformat()
    event.time_precision = precision


def _split_per_day(event: Event, days: list[date], text: str) -> list[Event]:
    out = []
    for day in days:
        copy = event.model_copy(deep=True)
        copy.event_date = day.isoformat()
        copy.time_precision = 1
        copy.date_text = text
        out.append(copy)
    return out


# ---------------------------------------------------------------------------------------------
# Choosing the governing expression
# ---------------------------------------------------------------------------------------------


def choose_expression(
    document: Document,
    event: Event,
    expressions: list[TimeExpression],
    sentence_bounds: dict[int, tuple[int, int]],
) -> TimeExpression | None:
    in_sentence = [e for e in expressions if e.sentence == event.sentence]
    if in_sentence:
        return _governing(document, event, in_sentence)
    start, end = sentence_bounds.get(event.sentence, (None, None))
    if start is None or not _ANAPHORIC_OPENERS.search(document.text[start:end]):
        return None
    earlier = [
        e
        for e in expressions
        if event.sentence - 2 <= e.sentence < event.sentence and e.value.granularity in ("day", "time")
    ]
    return earlier[-1] if earlier else None


def _anchor_offset(event: Event) -> tuple[int, int] | None:
    if event.trigger is not None:
        return event.trigger.start, event.trigger.end
    if event.evidence:
        return event.evidence[0].start, event.evidence[0].end
    return None


def _verb_of(token: Any) -> Any:
    """The verb of the clause a token belongs to (the token itself when it is one)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return token
        token = token.head
    return token


def _ancestors(token: Any) -> set[int]:
    return {a.i for a in token.ancestors}


def _governing(document: Document, event: Event, candidates: list[TimeExpression]) -> TimeExpression | None:
    offsets = _anchor_offset(event)
    doc = document.spacy_doc
    if offsets is None:
        return candidates[0]
    trigger_start, trigger_end = offsets
    if doc is None or event.trigger is None:
        # no parse (or only the evidence span): the expression nearest the words of the event
        return min(candidates, key=lambda e: _distance(e, trigger_start, trigger_end))
    trigger_span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if trigger_span is None or len(trigger_span) == 0:
        return min(candidates, key=lambda e: _distance(e, trigger_start, trigger_end))
    trigger_token = trigger_span.root
    trigger_verb = _verb_of(trigger_token)
    trigger_ancestors = _ancestors(trigger_verb)

    def rank(expression: TimeExpression) -> tuple[int, int]:
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return 4, _distance(expression, trigger_start, trigger_end)
        root = span.root
        verb = _verb_of(root.head if root.head.i != root.i else root)
        if root.head.i == trigger_token.i or verb.i == trigger_verb.i:
            tier = 0  # attached to the event's own word or clause
        elif verb.i in trigger_ancestors:
            tier = 1  # attached to a clause that governs the event's clause
        elif trigger_verb.i in _ancestors(verb):
            # inside a clause the event governs: it dates the event only when that clause is not
            # set at another time ("retook the town two days after rebels seized it on Wednesday")
            tier = 5 if _crosses_time_marker(verb, trigger_verb) else 2
        else:
            tier = 3
        return tier, _distance(expression, trigger_start, trigger_end)

    ranked = sorted(candidates, key=rank)
    best = ranked[0]
    return None if rank(best)[0] >= 5 else best


def _crosses_time_marker(token: Any, stop: Any) -> bool:
    """Whether the path from ``token`` up to ``stop`` passes a clause introduced by "after",
    "before", "since"...: that clause has a time of its own."""
    while token.i != stop.i:
        if token.lower_ in _OTHER_TIME_MARKERS or any(
            child.dep_ in ("mark", "prep", "advmod") and child.lower_ in _OTHER_TIME_MARKERS
            for child in token.children
        ):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _distance(expression: TimeExpression, start: int, end: int) -> int:
    if expression.end <= start:
        return start - expression.end
    if expression.start >= end:
        return expression.start - end
    return 0


# ---------------------------------------------------------------------------------------------
# Several days: "on Saturday and Sunday", "from Monday to Wednesday"
# ---------------------------------------------------------------------------------------------


def _coordinated_days(
    text: str, choice: TimeExpression, expressions: list[TimeExpression]
) -> tuple[list[date], str] | None:
    """The first and last day when the chosen expression is one end of a list or range of days
    whose every day is known; else None. "until the early hours of Tuesday" alone is not a range
    (its start is unknown) and stays one event."""
    if choice.value.granularity not in ("day", "time") or choice.value.first_day is None:
        return None
    days = [
        e
        for e in expressions
        if e.sentence == choice.sentence
        and e.value.granularity in ("day", "time")
        and e.value.first_day is not None
    ]
    index = next((i for i, e in enumerate(days) if e.start == choice.start), None)
    if index is None:
        return None
    # extend left and right over a list ("Friday, Saturday and Sunday") or a two-ended range
    group = [days[index]]
    i = index
    while i > 0 and (
        _LIST_JOIN.match(text[days[i - 1].end : days[i].start])
        or _RANGE_JOIN.match(text[days[i - 1].end : days[i].start])
    ):
        group.insert(0, days[i - 1])
        i -= 1
    j = index
    while j + 1 < len(days) and (
        _LIST_JOIN.match(text[days[j].end : days[j + 1].start])
        or _RANGE_JOIN.match(text[days[j].end : days[j + 1].start])
    ):
        group.append(days[j + 1])
        j += 1
    if len(group) < 2:
        return None
    first = min(e.value.first_day for e in group)
    last = max(e.value.first_day for e in group)
    joins = [text[a.end : b.start] for a, b in pairwise(group)]
    is_range = (
        len(group) == 2
        and bool(_RANGE_JOIN.match(joins[0]))
        and not _LIST_JOIN.match(joins[0])
        or (
            len(group) == 2
            and _RANGE_OPEN.search(text[max(0, group[0].start - 12) : group[0].start]) is not None
        )
    )
    if is_range:
        if (last - first).days + 1 > MAX_SPLIT_DAYS:
            return None
        day_list = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    else:  # a list names its days
        day_list = sorted({e.value.first_day for e in group})
    start = group[0].start
    opener = _RANGE_OPEN.search(text[max(0, start - 12) : start])
    if opener:
        start = max(0, start - 12) + opener.start()
    return day_list, text[start : group[-1].end]


def _stated_range(choice: TimeExpression) -> tuple[list[date], str] | None:
    """A range written as one expression ("Sept. 7-9", "7 to 9 September")."""
    value = choice.value
    if value.granularity != "day" or value.first_day is None or value.last_day is None:
        return None
    length = (value.last_day - value.first_day).days + 1
    if length < 2 or length > MAX_SPLIT_DAYS:
        return None
    return [value.first_day + timedelta(days=k) for k in range(length)], choice.text


def _date_text(text: str, expression: TimeExpression) -> str:
    """The words used, with a range preposition kept ("until the early hours of Tuesday")."""
    before = text[max(0, expression.start - 8) : expression.start]
    preposition = _RANGE_PREPOSITION.search(before)
    if preposition:
        return before[preposition.start() :] + expression.text
    return expression.text
