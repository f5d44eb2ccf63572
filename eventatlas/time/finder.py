"""Find the temporal expressions of a text and normalize them against an anchor date.

``find_expressions`` is the tagger (spans + TIMEX3 values); ``normalize`` resolves one
expression on its own (with ``dateparser`` as a fallback for phrasings the rules miss).
Tense comes from the spaCy dependency parse when a parsed Document is given (the verb governing
the expression), otherwise from a few cue words before the expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from eventatlas.models import Document
from eventatlas.time import grammar
from eventatlas.time.grammar import FUTURE, PAST, PRESENT, Candidate, Context
from eventatlas.time.values import TimeValue, day_value, month_value, week_value, year_value

# Words that put a clause in the future when a parse is not available (or says "present").
_FUTURE_CUES = re.compile(
    r"\bahead\s+of\s+$|\b(?:will|'ll|shall|wo|going\s+to|plans?\s+to|planned\s+to|expects?\s+to|expected\s+to|scheduled|"
    r"due\s+to|set\s+to|intends?\s+to|would)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_FUTURE_LEMMAS = {"will", "shall", "'ll", "wo", "would"}
_FUTURE_GOVERNORS = {
    "plan",
    "expect",
    "schedule",
    "set",
    "due",
    "intend",
    "aim",
    "prepare",
    "hope",
    "vow",
    "promise",
    "threaten",
}

# governors that plan only with a complement ("set to vote", "set for Friday"); bare, they
# mostly report what was done ("the record set on Aug. 6")
_GOVERNORS_NEEDING_COMPLEMENT = {"set"}


# dependency labels of an expression that modifies a noun rather than a clause
_NOUN_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


@dataclass
class TimeExpression:
    """One temporal expression found in a text."""

    text: str
    start: int
    end: int
    value: TimeValue
    sentence: int = 0
    tense: str = PAST
    rule: str = ""

    @property
    def type(self) -> str:
        return self.value.type


def anchor_date(anchor: date | datetime | str | None) -> date | None:
    if anchor is None:
        return None
    if isinstance(anchor, datetime):
        return anchor.date()
    if isinstance(anchor, date):
        return anchor
    try:
        return date.fromisoformat(str(anchor)[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------------------------


def tense_from_parse(spacy_doc: Any, start: int, end: int) -> str | None:
    """The tense of the clause an expression attaches to, read from the dependency parse.

    From the expression's head, climb to its verb, then through non-finite verbs ("to meet",
    "scheduled", "due") to the finite one. An infinitive or a plan verb points to the future
    unless the finite verb is a past perfect ("had been due to lapse on Monday")."""
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if span.root.dep_ in _NOUN_MODIFIER_DEPS and span.root.head.pos_ in ("NOUN", "PROPN"):
        return None  # "a June agreement", "Monday's attack": the clause tense does not reach it
    verb = _governing_verb(span)
    return _tense_up_the_verb_chain(verb) if verb is not None else None


def _governing_verb(span: Any) -> Any:
    """The first verb above the expression (outside it), or None."""
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and not (span.start <= token.i < span.end):
            break
        if token.head.i == token.i:
            return None
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


# the dependencies along which a non-finite verb takes its tense from the verb above it
_TENSE_CLIMB_DEPS = {"xcomp", "ccomp", "acomp", "advcl", "conj", "acl", "relcl", "pcomp", "prep"}


def _tense_up_the_verb_chain(token: Any) -> str | None:
    prospective = False  # an infinitive or a plan/schedule verb on the way up
    for _ in range(5):
        auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxiliaries}
        if lowers & _FUTURE_LEMMAS or any(a.lemma_ in _FUTURE_LEMMAS for a in auxiliaries):
            return FUTURE
        if "had" in lowers:
            return PAST
        if "to" in lowers or _plans(token):
            prospective = True
        if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
            return PAST
        if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
            return PAST
        if token.tag_ == "VBN" and token.dep_ == "acl" and not auxiliaries and not prospective:
            return PAST  # a reduced relative: "the record set on Aug. 6", "the man arrested Monday"
        if token.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
            return FUTURE if prospective else PRESENT
        if token.tag_ == "MD":
            return FUTURE
        if token.head.i == token.i or token.dep_ not in _TENSE_CLIMB_DEPS:
            break
        token = token.head
    return FUTURE if prospective else None


def _plans(token: Any) -> bool:
    """Whether a verb looks forward ("scheduled", "expected", "set to")."""
    if token.lemma_ not in _FUTURE_GOVERNORS:
        return False
    if token.lemma_ not in _GOVERNORS_NEEDING_COMPLEMENT:
        return True
    return any(c.dep_ == "xcomp" or c.lower_ in ("to", "for") for c in token.children)


def tense_from_cues(text: str, start: int, sentence_start: int) -> str:
    before = text[max(sentence_start, start - 80) : start]
    return FUTURE if _FUTURE_CUES.search(before) else PAST


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n")


def sentence_starts(text: str) -> list[int]:
    """Rough sentence starts for plain text (a parse, when given, is used instead)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _context(text, starts, candidate, anchor, tense, sentence, references, given_span=False) -> Context:
    """What a rule may read around a candidate: 30 characters either side and the text from the
    start of the previous sentence (for "a year earlier", "later that day")."""
    return Context(
        anchor=anchor,
        tense=tense,
        sentence=sentence,
        references=references,
        given_span=given_span,
        before=text[max(0, candidate.start - 30) : candidate.start],
        after=text[candidate.end : candidate.end + 30],
        lead=text[starts[max(0, sentence - 1)] : candidate.start],
    )


def _sentence_index(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


# ---------------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------------


def _accepts(candidate: Candidate, text: str, given_span: bool = False) -> bool:
    """Whether the rule takes this match at all (the same test with no anchor: it rejects verbs
    such as "may", lower-case weekday names, prices that look like years...)."""
    before = text[max(0, candidate.start - 30) : candidate.start]
    after = text[candidate.end : candidate.end + 30]
    context = Context(anchor=None, before=before, after=after, given_span=given_span)
    return candidate.rule.resolve(candidate.match, context) is not None


def select(text: str, found: list[Candidate], given_span: bool = False) -> list[Candidate]:
    """Longest accepted matches, none overlapping."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if any(candidate.start < end and start < candidate.end for start, end in taken):
            continue
        if not _accepts(candidate, text, given_span):
            continue
        chosen.append(candidate)
        taken.append((candidate.start, candidate.end))
    return sorted(chosen, key=lambda c: c.start)


def find_expressions(
    text_or_document: str | Document,
    anchor: date | datetime | str | None = None,
    spacy_doc: Any = None,
) -> list[TimeExpression]:
    """All DATE/TIME expressions of a text or parsed Document, with TIMEX3 values.

    ``anchor`` is the date relative expressions count from (the publication date); for a
    Document it defaults to ``document.published``. Without an anchor, relative expressions are
    still found but their value is None."""
    if isinstance(text_or_document, Document):
        document = text_or_document
        text = document.text
        if anchor is None:
            anchor = document.published
        spacy_doc = spacy_doc if spacy_doc is not None else document.spacy_doc
        starts = [s.start for s in document.sentences] or sentence_starts(text)
    else:
        text = text_or_document
        starts = [s.start_char for s in spacy_doc.sents] if spacy_doc is not None else sentence_starts(text)
    found = grammar.candidates(text)
    chosen = select(text, found)
    return resolve_candidates(text, chosen, anchor_date(anchor), starts, spacy_doc, found)


def resolve_candidates(
    text: str,
    chosen: list[Candidate],
    anchor: date | None,
    starts: list[int],
    spacy_doc: Any = None,
    alternatives: list[Candidate] | None = None,
) -> list[TimeExpression]:
    """Resolve the chosen matches in text order (so earlier values can anchor later ones). A
    match whose rule gives up in context ("the 1988 period" with no quarter to refer to) is
    replaced by the longest shorter match inside it ("1988")."""
    expressions: list[TimeExpression] = []
    references: list[tuple[int, TimeValue]] = []
    queue = list(chosen)
    while queue:
        candidate = queue.pop(0)
        sentence = _sentence_index(starts, candidate.start)
        tense = expression_tense(text, candidate.start, candidate.end, starts[sentence], spacy_doc)
        context = _context(text, starts, candidate, anchor, tense, sentence, references)
        value = candidate.rule.resolve(candidate.match, context)
        if value is None:
            queue[:0] = select(text, _inside(candidate, alternatives or []))
            continue
        span_text = text[candidate.start : candidate.end]
        expressions.append(
            TimeExpression(
                span_text, candidate.start, candidate.end, value, sentence, tense, candidate.rule.name
            )
        )
        if value.value and value.granularity != "ref":
            references.append((sentence, value))
    return expressions


def _inside(candidate: Candidate, alternatives: list[Candidate]) -> list[Candidate]:
    """The shorter matches that lie within ``candidate``."""
    length = candidate.end - candidate.start
    return [
        c
        for c in alternatives
        if candidate.start <= c.start and c.end <= candidate.end and (c.end - c.start) < length
    ]


def expression_tense(text: str, start: int, end: int, sentence_start: int, spacy_doc: Any = None) -> str:
    tense = tense_from_parse(spacy_doc, start, end) if spacy_doc is not None else None
    if tense in (None, PRESENT):
        cue = tense_from_cues(text, start, sentence_start)
        if cue == FUTURE:
            return FUTURE
        if tense is None and spacy_doc is None:
            return PAST  # plain text: news reports mostly narrate the past
    return tense or PRESENT


# ---------------------------------------------------------------------------------------------
# One expression on its own
# ---------------------------------------------------------------------------------------------


def normalize(
    expression: str,
    anchor: date | datetime | str | None = None,
    tense: str = PAST,
    references: list[TimeValue] | None = None,
    before: str = "",
) -> TimeValue | None:
    """The TIMEX3 value of one expression ("last week", "Sept. 30", "the third quarter").

    ``tense`` (past/present/future) decides which way a bare weekday or month points;
    ``references`` are values mentioned earlier, for anaphoric expressions ("a year earlier").
    Returns None when the words are not a temporal expression."""
    anchor_ = anchor_date(anchor)
    found = select(before + expression, grammar.candidates(before + expression), given_span=True)
    found = [c for c in found if c.end > len(before)]
    context = Context(
        anchor=anchor_,
        tense=tense,
        references=[(0, r) for r in references or []],
        before=before,
        lead=before,
        given_span=True,
    )
    for candidate in sorted(found, key=lambda c: -(c.end - c.start)):
        context.before = (before + expression)[max(0, candidate.start - 30) : candidate.start]
        value = candidate.rule.resolve(candidate.match, context)
        if value is not None:
            return value
    return dateparser_value(expression, anchor_, tense)


@lru_cache(maxsize=4096)
def dateparser_value(expression: str, anchor: date | None, tense: str = PAST) -> TimeValue | None:
    """Fallback for phrasings no rule covers. dateparser is slow, so results are cached; it is
    never given the processing day as a base: without an anchor only explicit dates resolve."""
    if not re.search(r"\d|" + grammar.F["MONTH"], expression, re.IGNORECASE) and anchor is None:
        return None
    if not re.search(r"\d", expression) and len(expression.split()) < 2:
        return None  # a single word the rules refused ("may", "march") is not worth a guess
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings = {
        "PREFER_DATES_FROM": "future" if tense == FUTURE else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    else:
        settings["REQUIRE_PARTS"] = ["year"]
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(expression)
    except Exception:  # noqa: BLE001 - dateparser raises on some odd inputs; a miss is the right answer
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    relative = anchor is not None
    if period == "week":
        return week_value(day, relative=relative)
    if period == "month":
        return month_value(day.year, day.month, relative=relative)
    if period == "year":
        return year_value(day.year, relative=relative)
    if period in ("hour", "minute", "second", "time"):
        return day_value(day, "time", data.date_obj.strftime("T%H:%M"), relative=relative)
    return day_value(day, relative=relative)


_DIRECTION_AFTER = re.compile(r"\s+(?:ago|earlier|before|later)")


def _direction_left_out(text: str, start: int, end: int, candidate: Candidate) -> bool:
    """Whether ``candidate`` is "N units ago/earlier/later" where the given span stops before
    the direction word (some annotations tag "a year" in "a year earlier")."""
    return (
        candidate.rule.name == "ago"
        and candidate.start == start
        and candidate.end > end
        and _DIRECTION_AFTER.fullmatch(text, end, candidate.end) is not None
    )


def normalize_spans(
    text: str,
    spans: list[tuple[int, int]],
    anchor: date | datetime | str | None,
    spacy_doc: Any = None,
) -> list[TimeValue | None]:
    """Values for given expression spans of ``text`` (e.g. gold TIMEX3 spans), in order, with
    the same tense and anaphora context as :func:`find_expressions`."""
    anchor_ = anchor_date(anchor)
    starts = [s.start_char for s in spacy_doc.sents] if spacy_doc is not None else sentence_starts(text)
    references: list[tuple[int, TimeValue]] = []
    values: list[TimeValue | None] = []
    for start, end in spans:
        sentence = _sentence_index(starts, start)
        tense = expression_tense(text, start, end, starts[sentence], spacy_doc)
        # match on the span plus a little right context (some rules look ahead: "current" + noun)
        # but keep only matches that start inside the span and end at or near its end
        window = text[start : min(len(text), end + 25)]
        in_window = grammar.candidates(window, offset=start)
        found = [c for c in in_window if c.start < end and c.end <= end]
        # "a year | earlier": a count of units whose direction word was left outside the span
        found += [c for c in in_window if _direction_left_out(text, start, end, c)]
        found += grammar.candidates(text[start:end], offset=start)  # optional trailing words cut off
        value = None
        for candidate in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
            context = _context(text, starts, candidate, anchor_, tense, sentence, references, given_span=True)
            value = candidate.rule.resolve(candidate.match, context)
            if value is not None:
                break
        if value is None:
            value = grammar.span_only_reference(text[start:end])
        if value is None:
            value = dateparser_value(text[start:end], anchor_, tense)
        values.append(value)
        if value is not None and value.value and value.granularity != "ref":
            references.append((sentence, value))
    return values
