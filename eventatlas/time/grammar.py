"""The temporal grammar: rules that recognise English temporal expressions and compute their
TIMEX3 values.

The rules are data (``data/patterns.json``: regex fragments built from the word lists of
``data/lexicon.json``, each rule naming its resolver); the resolvers are code
(:mod:`eventatlas.time.resolvers`), and turn a match into a value given a :class:`Context`:
the anchor date (the publication date), the tense of the clause, and the values found earlier in
the document (for "a year earlier", "the year-ago quarter").

Rules are compiled once; matching a document is a handful of regex scans, so the stage stays
fast. ``dateparser`` is only a fallback in :func:`eventatlas.time.normalize` for phrasings no
rule covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventatlas.time.context import FUTURE, PAST, PRESENT, Context
from eventatlas.time.patterns import fragments, rule_specs
from eventatlas.time.resolvers import RESOLVERS, Resolver, span_only_reference

F = fragments()  # the expanded regex fragments ("MONTH", "WD", "YEAR"...), for other modules

__all__ = [
    "F",
    "FUTURE",
    "PAST",
    "PRESENT",
    "Candidate",
    "Context",
    "Rule",
    "candidates",
    "rules",
    "select_longest",
    "span_only_reference",
]


@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver


@lru_cache(maxsize=1)
def rules() -> list[Rule]:
    """The rules of ``data/patterns.json``, compiled, in file order."""
    compiled = []
    for spec in rule_specs():
        if spec["resolver"] not in RESOLVERS:
            raise ValueError(f"patterns.json: rule {spec['name']} names unknown resolver {spec['resolver']}")
        pattern = re.compile(spec["pattern"], re.IGNORECASE)
        compiled.append(Rule(spec["name"], pattern, RESOLVERS[spec["resolver"]]))
    return compiled


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
