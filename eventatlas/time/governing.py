"""Which temporal expression of a sentence dates an event: the one that governs the event's clause.

"The attack on Sunday, officials said on Monday": Sunday belongs to the attack, Monday to the
report. With a dependency parse, expressions are ranked by where they attach relative to the
event's trigger:

0. the trigger's own word or clause;
1. a clause that governs the event's clause (unless the event's clause is set at another time:
   "accused the rebels on Wednesday after villagers were killed");
2. a clause the event governs (unless that clause is set at another time: "after rebels seized
   it on Wednesday");
3. anywhere else in the sentence.

An expression attached to a reporting verb ("said on Monday", "as reported on 5 March") is the
day of a report, not of the event: it ranks after every other expression and, when chosen, marks
the date as approximate. Likewise a date attached to a count of the dead rising ("the death toll
rose to 14 on Tuesday") is the day of the count: the event takes the story's day from the next
sentences when they give one. Without a parse, the expression nearest the trigger wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventatlas.models import Document, Event
from eventatlas.time.finder import TimeExpression
from eventatlas.time.lexicon import data_file
from eventatlas.time.words import number_of

EXCLUDED_TIER = 5  # inside a clause set at another time: never dates the event


@dataclass
class Governing:
    """The expression chosen for an event, and whether it is only the day of a report."""

    expression: TimeExpression
    reporting: bool = False
    # the event sits in a clause set a stated time before or after the expression's ("a day
    # after police shot a driver"): the days to add to the expression's day
    lag_days: int | None = None


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The dating cues of ``data/dating.json``, regular expressions compiled."""
    data = data_file("dating.json")
    compiled = {
        name: re.compile(pattern, re.IGNORECASE)
        for name, pattern in data["cues"].items()
        if not name.startswith("_")
    }
    return {
        "regex": compiled,
        "reporting_verbs": frozenset(data["reporting_verbs"]["words"]),
        "time_markers": frozenset(data["time_markers"]["words"]),
        "shift_words": re.compile(r"\b(?:" + "|".join(data["shift_words"]["words"]) + r")\b", re.IGNORECASE),
        "future_auxiliaries": frozenset(data["future_auxiliaries"]),
        "precision": {k: v for k, v in data["precision"].items() if not k.startswith("_")},
        "max_split_days": data["max_split_days"],
        "lede_look_ahead": data["lede_look_ahead"],
    }


def cue(name: str) -> re.Pattern:
    return cues()["regex"][name]


def governing_expression(
    document: Document, event: Event, candidates: list[TimeExpression]
) -> Governing | None:
    """The expression of ``candidates`` (all in the event's sentence) that dates the event."""
    candidates = [e for e in _without_elaborations(document.text, candidates) if not _ranks_the_event(document.spacy_doc, e)]
    if not candidates:
        return None
    offsets = _anchor_offset(event)
    if offsets is None:
        return Governing(candidates[0], _reported_by_words(document.text, candidates[0]))
    trigger = _trigger_token(document, event, offsets)
    if trigger is not None and is_statement(trigger):
        # a candidate keyed on the report ("the army said on Tuesday that its drones had struck
        # ... on Monday evening"): the act is what was said
        trigger = next((c for c in trigger.children if c.dep_ == "ccomp"), trigger)
    if trigger is None:
        nearest = min(candidates, key=lambda e: _distance(e, *offsets))
        return Governing(nearest, _reported_by_words(document.text, nearest))
    ranked = sorted((_rank(document, trigger, e, offsets), i) for i, e in enumerate(candidates))
    (excluded, reporting, *_), index = ranked[0]
    # a clause set a stated time before or after the expression's ("a day after ...")
    lag = _clause_lag(document.spacy_doc, trigger, candidates[index])
    if excluded and lag is None:
        return None  # every expression sits in a clause set at another time
    return Governing(candidates[index], reporting, lag_days=lag)


def _ranks_the_event(doc: Any, expression: TimeExpression) -> bool:
    """Is the expression the period of a superlative ("the deadliest attack on security forces
    so far this year")? It ranks the event among others, it does not date it."""
    if doc is None:
        return False
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root.head
    return head.pos_ == "NOUN" and span.root.dep_ in ("npadvmod", "prep", "pobj") and any(
        c.dep_ == "amod" and c.tag_ == "JJS" for c in head.children)


def _clause_lag(doc: Any, trigger: Any, expression: TimeExpression) -> int | None:
    """Days from the expression's day to the event's, when the event sits in an "after" or
    "before" clause that says how long before or after ("on Sunday, a day after police shot
    a driver": -1; "hours after": 0); None otherwise."""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    dated = _verb_of(span.root.head if span.root.head.i != span.root.i else span.root)
    for node in _path_up(_verb_of(trigger), dated):
        # (the parser may hang the clause as a conjunct: its marker still sets it apart)
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        if mark is None:
            continue
        marker = mark.lower_
        if node.left_edge.i <= span.start < node.right_edge.i + 1:
            return None  # the expression is the clause's own time
        # the parser hangs "two days" on the clause's verb or on "after" itself
        lag = next((c for c in (*node.children, *mark.children) if c.dep_ == "npadvmod"), None)
        found = cue("clause_lag").match(" ".join(t.text for t in lag.subtree)) if lag is not None else None
        if found is None:
            return None
        count = found.group("count")
        days = 0 if count is None else (1 if count.lower() in ("a", "an", "one") else number_of(count) or 0)
        days *= 7 if (found.group("unit") or "").startswith("week") else 1
        return -days if marker == "after" else days
    return None


def _without_elaborations(text: str, candidates: list[TimeExpression]) -> list[TimeExpression]:
    """Drop a date in brackets just after another ("Around 4 May (between 4 and 6 May)"): it
    qualifies the stated date, which is the one the event is coded on."""
    kept = [candidates[0]] if candidates else []
    for previous, expression in zip(candidates, candidates[1:]):
        gap = text[previous.end : expression.start]
        if not (len(gap) < 40 and cue("elaboration_gap").match(gap)):
            kept.append(expression)
    return kept


def _rank(document: Document, trigger: Any, expression: TimeExpression, offsets: tuple[int, int]):
    """(excluded, reporting, tier, distance): smaller is better."""
    tier, verb = _tier(document.spacy_doc, trigger, expression)
    reporting = _reported_by_words(document.text, expression) or (
        verb is not None and verb.i != _verb_of(trigger).i and is_statement(verb)
    ) or _right_after_the_report(document.spacy_doc, trigger, expression) or _hangs_on_the_report(verb, _verb_of(trigger))
    return tier >= EXCLUDED_TIER, reporting, tier, _distance(expression, *offsets)


def _hangs_on_the_report(verb: Any, trigger_verb: Any) -> bool:
    """Does the expression's phrase hang on the verb of saying that reports the event ("the
    patrol was attacked ..., the ministry said in a statement read on television late on
    Wednesday")? It is the day of the statement."""
    if verb is None:
        return False
    reporting_line = {trigger_verb.i, *(a.i for a in trigger_verb.ancestors)}
    node = verb
    while node.i not in reporting_line:
        if node.head.i == node.i:
            return False
        node = node.head
    return node.i != trigger_verb.i and is_statement(node)


def _right_after_the_report(doc: Any, trigger: Any, expression: TimeExpression) -> bool:
    """Is the expression written between a verb of saying and the subject of the clause it
    reports ("the army said on Wednesday it recaptured the town")? The parser may hang it on the
    reported verb; it is the day of the statement."""
    verb = _verb_of(trigger)
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None or verb.dep_ != "ccomp" or not is_statement(verb.head) or verb.head.i > span.start:
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and span.end <= subject.left_edge.i


def _tier(doc: Any, trigger: Any, expression: TimeExpression) -> tuple[int, Any]:
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 4, None
    root = span.root
    verb = _verb_of(root.head if root.head.i != root.i else root)
    trigger_verb = _verb_of(trigger)
    if root.head.i == trigger.i or verb.i == trigger_verb.i:
        return 0, verb
    if verb.i in {a.i for a in trigger_verb.ancestors}:
        # "accused the rebels on Wednesday after villagers were killed": the day of the act the
        # event led to, not the event's
        return (EXCLUDED_TIER if crosses_marked_clause(trigger_verb, verb) else 1), verb
    if trigger_verb.i in {a.i for a in verb.ancestors}:
        other_time = crosses_time_marker(verb, trigger_verb, written_at=span.start) or crosses_object_relative(verb, trigger_verb)
        return (EXCLUDED_TIER if other_time else 2), verb
    return 3, verb


def dates_a_reporting_verb(document: Document, expression: TimeExpression) -> bool:
    """Whether an expression is attached to a verb of saying ("police said on Monday"): the day
    of a statement, not of the story. ("As reported on 5 March" is kept: in a note it is the
    coders' date of the event.)"""
    if _reported_by_words(document.text, expression):
        return False
    verb = _attached_verb(document, expression)
    return verb is not None and is_statement(verb)


def dates_a_toll_update(document: Document, expression: TimeExpression) -> bool:
    """Whether an expression is attached to a count of the dead rising or standing ("the death
    toll rose to 14 on Tuesday"): the day of the count, not of the event counted."""
    verb = _attached_verb(document, expression)
    if verb is None:
        return False
    words = data_file("dating.json")["toll_updates"]
    subjects = (child.lemma_.lower() for child in verb.children if child.dep_ in ("nsubj", "nsubjpass"))
    return verb.lemma_.lower() in words["verbs"] and any(lemma in words["subjects"] for lemma in subjects)


def _attached_verb(document: Document, expression: TimeExpression) -> Any:
    """The verb of the clause an expression is attached to (None without a parse)."""
    doc = document.spacy_doc
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) == 0:
        return None
    root = span.root
    return _verb_of(root.head if root.head.i != root.i else root)


def is_statement(verb: Any) -> bool:
    """A verb of saying with someone saying it ("police said"). A passive one ("clashes were
    reported on 10 October") reports the event itself on that day."""
    if verb.lemma_.lower() not in cues()["reporting_verbs"]:
        return False
    return not any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def _reported_by_words(text: str, expression: TimeExpression) -> bool:
    """ "as reported on 5 March", "around 30 April (as reported)": the words say it is a report date."""
    before = text[max(0, expression.start - 30) : expression.start]
    after = text[expression.end : expression.end + 20]
    return bool(cue("reported_before").search(before) or cue("reported_after").search(after))


def _anchor_offset(event: Event) -> tuple[int, int] | None:
    if event.trigger is not None:
        return event.trigger.start, event.trigger.end
    if event.evidence:
        return event.evidence[0].start, event.evidence[0].end
    return None


def _trigger_token(document: Document, event: Event, offsets: tuple[int, int]) -> Any:
    doc = document.spacy_doc
    if doc is None or event.trigger is None:
        return None
    span = doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _verb_of(token: Any) -> Any:
    """The verb of the clause a token belongs to (the token itself when it is one)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _path_up(token: Any, stop: Any):
    """The tokens from ``token`` up the parse to ``stop`` (excluded), or to the root."""
    while token.i != stop.i:
        yield token
        if token.head.i == token.i:
            return
        token = token.head


def crosses_time_marker(token: Any, stop: Any, written_at: int | None = None) -> bool:
    """Whether the path from ``token`` up to ``stop`` passes a clause introduced by "after",
    "before", "since"...: that clause has a time of its own. A clause begins at its marker: a
    date whose first token (``written_at``) comes before the marker ("On 8 April, after X was
    blamed on Y, youths beat ...") is not inside it, whatever the parser hung it on."""
    markers = cues()["time_markers"]

    def marks(child) -> bool:
        return child.lower_ in markers and (written_at is None or child.i < written_at)

    return any(
        (node.lower_ in markers and (written_at is None or node.i < written_at))
        or any(child.dep_ in ("mark", "prep", "advmod") and marks(child) for child in node.children)
        for node in _path_up(token, stop)
    )


def crosses_marked_clause(token: Any, stop: Any) -> bool:
    """Whether the path from ``token`` up to ``stop`` leaves a clause that "after", "before",
    "since"... introduce ("accused the rebels on Wednesday after villagers were killed"); a
    phrase such as "after an exchange of fire" is part of the act it follows and does not count."""
    markers = cues()["time_markers"]
    return any(node.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ in markers for child in node.children)
               for node in _path_up(token, stop))


def crosses_object_relative(token: Any, stop: Any) -> bool:
    """Whether the path from ``token`` up to ``stop`` passes a relative clause whose subject is
    someone else ("retook the town, which rebels seized last week"): it tells another actor's
    earlier deed. One whose subject is the relative pronoun ("a bomb that exploded on Sunday
    killed eight") tells of the event's own thing, at the event's own time."""
    return any(
        _relative_clause(node) and any(
            child.dep_ in ("nsubj", "nsubjpass") and child.tag_ not in ("WDT", "WP", "WP$") for child in node.children)
        for node in _path_up(token, stop)
    )


def _relative_clause(node: Any) -> bool:
    """A relative clause, or one the parser took for an adverbial clause marked by "that" ("a
    village that troops had entered the week before")."""
    return node.dep_ == "relcl" or (node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children))


def _distance(expression: TimeExpression, start: int, end: int) -> int:
    if expression.end <= start:
        return start - expression.end
    if expression.start >= end:
        return expression.start - end
    return 0


# ---------------------------------------------------------------------------------------------
# Does a clause without a date of its own continue the narrative?
# ---------------------------------------------------------------------------------------------


def continues_narrative(document: Document, event: Event, sentence_text: str) -> bool:
    """Whether an event whose sentence states no date happened at the running time of the
    narrative. It does not when its sentence signals a shift: background words ("previously",
    "years ago"), a past perfect or future/modal verb, or a clause introduced by "after",
    "before", "since"... that sets it at another time."""
    if cues()["shift_words"].search(sentence_text):
        return False
    offsets = _anchor_offset(event)
    trigger = _trigger_token(document, event, offsets) if offsets else None
    if trigger is None or trigger.pos_ in ("NOUN", "PROPN"):
        return True  # "the raid may be linked to ...": a noun names the event the story is about
    verb = _verb_of(trigger)
    return not (_is_shifted_verb(verb) or crosses_time_marker(verb, verb.sent.root))


def _is_shifted_verb(verb: Any) -> bool:
    """A future or modal ("will march", "could attack"), or a past perfect ("had seized") that
    is not just reported speech shifted back ("police said gunmen had killed five")."""
    for token in (verb, *verb.ancestors):
        auxiliaries = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & cues()["future_auxiliaries"]:
            return True
        if "had" in auxiliaries and not _reported_speech(token):
            return True
        if token.dep_ not in ("conj", "xcomp") or token.head.i == token.i:
            break
    return False


def _reported_speech(token: Any) -> bool:
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in cues()["reporting_verbs"]
