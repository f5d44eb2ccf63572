"""ACLED's recoding rules, read from data/codebook.json and applied to one candidate event.

The extractor proposes a sub-type (from triggers and the classifier) and reads the actors from
the parse; the codebook then applies ACLED's rules about what that combination *is*: an attack
on a police post is a Battle, destruction by demonstrators a Violent demonstration, a brawl
between party supporters Mob violence. Each rule is a set of conditions over the candidate's
features and a set of actions; the rules live in the data file, this module only evaluates
them, so a new rule is a data change.

    >>> coding = Coding(label="ATTACK", actor2=ResolvedActor("Police Forces", "State forces", kind="force"))
    >>> apply_rules(coding, "candidate").label
    'ARMED_CLASH'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from eventatlas.events.actors import ResolvedActor
from eventatlas.events.resources import read_data_json


@dataclass
class Coding:
    """What the codebook reads and rewrites: the candidate's type, actors and words."""

    label: str  # CASE 2021 code of the sub-event type
    triggers: set[str] = field(default_factory=set)  # trigger classes found in the clause
    trigger_words: str = ""
    actor1: ResolvedActor | None = None
    actor2: ResolvedActor | None = None
    assoc1: ResolvedActor | None = None
    text: str = ""  # the clause's words
    context: str = ""  # the sentence and its neighbours ("Ukrainian forces retook X. No fighting was reported.")
    target: str = ""  # the words the action is done to (object, "on"/"against" phrase)
    arrival: str = ""  # who arrives: "military" (a commander), "forces" (troops, units), "diplomatic" or ""
    abroad1: bool = False
    abroad2: bool = False
    dropped: bool = False
    applied: list[str] = field(default_factory=list)  # names of the rules that fired, for notes


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str
    when: dict
    then: dict


@dataclass(frozen=True)
class Codebook:
    rules: tuple[Rule, ...]
    targets: dict[str, re.Pattern]
    target_actors: dict[str, dict[str, str]]


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    raw = read_data_json("codebook.json")
    rules = tuple(Rule(r["name"], r["stage"], r["when"], r["then"]) for r in raw["rules"])
    targets = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in raw["targets"].items()}
    return Codebook(rules, targets, raw.get("target_actors", {}))


def apply_rules(coding: Coding, stage: str) -> Coding:
    """Apply every rule of ``stage`` whose conditions hold, in the file's order."""
    book = codebook()
    for rule in book.rules:
        if rule.stage == stage and not coding.dropped and _holds(rule.when, coding, book):
            before = _state(coding)
            _act(rule.then, coding, book)
            if _state(coding) != before:  # notes name only the rules that changed something
                coding.applied.append(rule.name)
    return coding


def target_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in codebook().targets.items() if pattern.search(text)}


def _state(coding: Coding) -> tuple:
    return (coding.label, coding.actor1, coding.actor2, coding.assoc1, coding.dropped)


# -- conditions ---------------------------------------------------------------------------
def _inter(actor: ResolvedActor | None) -> str:
    return actor.inter if actor is not None else "none"


def _kind(actor: ResolvedActor | None) -> str:
    return actor.kind if actor is not None else "none"


def _holds(when: dict, coding: Coding, book: Codebook) -> bool:
    checks = {
        "label": lambda v: coding.label in v,
        "triggers_any": lambda v: bool(coding.triggers & set(v)),
        "triggers_none": lambda v: not coding.triggers & set(v),
        "label_triggered": lambda v: (coding.label in coding.triggers) == v,
        "actor1_inter": lambda v: _inter(coding.actor1) in v,
        "actor1_inter_not": lambda v: _inter(coding.actor1) not in v,
        "actor2_inter": lambda v: _inter(coding.actor2) in v,
        "actor2_inter_not": lambda v: _inter(coding.actor2) not in v,
        "actor1_unidentified": lambda v: (coding.actor1 is None or coding.actor1.unidentified) == v,
        "actor1_kind": lambda v: _kind(coding.actor1) in v,
        "actor1_kind_not": lambda v: _kind(coding.actor1) not in v,
        "actor2_kind": lambda v: _kind(coding.actor2) in v,
        "actor2_kind_not": lambda v: _kind(coding.actor2) not in v,
        "target": lambda v: any(book.targets[k].search(coding.target) for k in v if k in book.targets),
        "has_target": lambda v: bool(coding.target.strip()) == v,
        "target_not": lambda v: not any(book.targets[k].search(coding.target) for k in v if k in book.targets),
        "words": lambda v: re.search(v, coding.text, re.IGNORECASE) is not None,
        "words_not": lambda v: re.search(v, coding.text, re.IGNORECASE) is None,
        "context_words_not": lambda v: re.search(v, coding.context or coding.text, re.IGNORECASE) is None,
        "context_words": lambda v: re.search(v, coding.context or coding.text, re.IGNORECASE) is not None,
        "trigger_words": lambda v: re.search(v, coding.trigger_words, re.IGNORECASE) is not None,
        "trigger_words_not": lambda v: re.search(v, coding.trigger_words, re.IGNORECASE) is None,
        "arrival": lambda v: coding.arrival in v,
        "arrival_not": lambda v: coding.arrival not in v,
        "abroad1": lambda v: coding.abroad1 == v,
        "abroad2": lambda v: coding.abroad2 == v,
    }
    for key, value in when.items():
        if key not in checks:
            raise ValueError(f"codebook.json: unknown condition '{key}'")
        if not checks[key](value):
            return False
    return True


# -- actions ------------------------------------------------------------------------------
def _actor(spec: dict) -> ResolvedActor:
    return ResolvedActor(spec["name"], spec["inter"], generic=True, kind=spec.get("kind", ""))


def _act(then: dict, coding: Coding, book: Codebook) -> None:
    if then.get("drop"):
        coding.dropped = True
        return
    if then.get("assoc1_from_actor1") and _named(coding.actor1) and coding.assoc1 is None:
        coding.assoc1 = coding.actor1  # only a named group is worth keeping as an associate
    if then.get("actor2_from_actor1") and coding.actor1 is not None and coding.actor2 is None:
        coding.actor2 = coding.actor1
    if "actor1" in then:
        coding.actor1 = _actor(then["actor1"])
    if "actor2" in then:
        coding.actor2 = _actor(then["actor2"])
    if "actor1_if_none" in then and coding.actor1 is None:
        coding.actor1 = _actor(then["actor1_if_none"])
    if "actor2_if_none" in then and coding.actor2 is None:
        coding.actor2 = _actor(then["actor2_if_none"])
    if then.get("actor2_from_target") and coding.actor2 is None:
        coding.actor2 = _target_actor(coding.target, book)
    if then.get("swap_actors"):
        coding.actor1, coding.actor2 = coding.actor2, coding.actor1
    if "inter1" in then and coding.actor1 is not None:
        coding.actor1 = replace(coding.actor1, inter=then["inter1"])
    if "inter2" in then and coding.actor2 is not None:
        coding.actor2 = replace(coding.actor2, inter=then["inter2"])
    if "label" in then:
        coding.label = then["label"]


def _named(actor: ResolvedActor | None) -> bool:
    return actor is not None and not actor.generic and not actor.unidentified and actor.inter not in ("Civilians", "Protesters", "Rioters")


def _target_actor(target: str, book: Codebook) -> ResolvedActor | None:
    """The force a post belongs to: 'a police checkpoint' -> Police Forces."""
    for kind, names in book.target_actors.items():
        if kind in book.targets and book.targets[kind].search(target):
            lowered = target.lower()
            for cue, name in names.items():
                if cue in lowered:
                    return ResolvedActor(name, "State forces", generic=True, kind="force")
    return None
