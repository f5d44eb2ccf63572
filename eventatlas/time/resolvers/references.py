"""Vague references (TIMEX3 PAST_REF, PRESENT_REF, FUTURE_REF): "recently", "now", "soon"."""

from __future__ import annotations

import re

from eventatlas.time.context import Context
from eventatlas.time.lexicon import lexicon
from eventatlas.time.patterns import cue
from eventatlas.time.values import (
    TimeValue,
    reference_value,
)
from eventatlas.time.words import (
    plain,
)


def span_only_reference(expression: str) -> TimeValue | None:
    """The vague reference a given time expression denotes, for words the finder does not tag on
    sight ("already", "previously", "future")."""
    phrase = plain(expression)
    for kind, phrases in lexicon()["span_only_references"].items():
        if not kind.startswith("_") and phrase in {plain(p) for p in phrases}:
            return reference_value(kind)
    return None


def r_reference(m: re.Match, ctx: Context) -> TimeValue | None:
    phrase = plain(m.group(0))
    for kind, phrases in lexicon()["reference_phrases"].items():
        if kind.startswith("_"):
            continue
        if phrase in {plain(p) for p in phrases}:
            if ctx.given_span:
                return reference_value(kind)
            if phrase in ("the past", "in the past") and cue("duration_after").match(ctx.after):
                return None  # "the past two months": a duration
            if phrase == "the future" and cue("of_after").match(ctx.after):
                return None  # "the future of the alliance": its prospects, not a time
            if phrase == "soon" and cue("conjunction_after").match(ctx.after):
                return None  # "as soon as", "soon after": a conjunction, not a time
            if phrase == "previously" and not (
                m.group(0)[0].isupper() and cue("sentence_start_before").search(ctx.before)
            ):
                return None  # "the previously announced plan": only "Previously, ..." is a time
            if phrase == "earlier" and not cue("standalone_before").search(ctx.before):
                return (
                    None  # "earlier" as a reference only stands alone ("..., earlier, ...", "said earlier")
                )
            return reference_value(kind)
    return None


def r_adjective_reference(m: re.Match, ctx: Context) -> TimeValue | None:
    kind = lexicon()["adjective_references"].get(m.group("adj").lower())
    return reference_value(kind) if kind else None
