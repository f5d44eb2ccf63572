"""Load the events stage's data files (taxonomy, label mappings, lexicons, actor lists) once.

Everything the stage knows about the world lives in ``eventatlas/events/data/``; this module
only reads and indexes it, so adding an actor or a trigger is a data change, not a code change.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

from eventatlas.reference.countries import countries, plural

DATA_DIR = Path(str(importlib_resources.files("eventatlas.events") / "data"))


def data_path(name: str) -> Path:
    return DATA_DIR / name


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(data_path(name), encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle, delimiter="\t")]


def read_data_json(name: str) -> dict:
    """One of the events stage's JSON data files (``events/data/NAME``), parsed."""
    with open(data_path(name), encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class Label:
    """A CASE 2021 label and, for ACLED classes, the ACLED type it stands for."""

    code: str
    kind: str  # "acled" or "non_event"
    event_type: str = ""
    sub_event_type: str = ""
    plover: str = ""


@dataclass
class Taxonomy:
    labels: dict[str, Label]
    by_sub_event_type: dict[str, Label]
    hierarchy: list[str]  # sub-event types, highest precedence first
    definitions: dict[str, str]
    event_type_of: dict[str, str] = field(default_factory=dict)

    @property
    def acled_codes(self) -> list[str]:
        return [code for code, label in self.labels.items() if label.kind == "acled"]

    @property
    def non_event_codes(self) -> list[str]:
        return [code for code, label in self.labels.items() if label.kind == "non_event"]

    def rank(self, sub_event_type: str) -> int:
        """Hierarchy rank: lower is higher precedence."""
        try:
            return self.hierarchy.index(sub_event_type)
        except ValueError:
            return len(self.hierarchy)


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    raw = read_data_json("taxonomy.json")
    event_type_of: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for event_type in raw["event_types"]:
        for sub in event_type["sub_event_types"]:
            event_type_of[sub["name"]] = event_type["name"]
            definitions[sub["name"]] = sub["definition"]
    plover = {row["sub_event_type"]: row["plover"] for row in _read_tsv("plover.tsv")}
    labels: dict[str, Label] = {}
    for row in _read_tsv("case_labels.tsv"):
        sub = row.get("sub_event_type") or ""
        labels[row["case_label"]] = Label(
            code=row["case_label"],
            kind=row["kind"],
            event_type=row.get("event_type") or "",
            sub_event_type=sub,
            plover=plover.get(sub, ""),
        )
    by_sub = {label.sub_event_type: label for label in labels.values() if label.kind == "acled"}
    return Taxonomy(labels, by_sub, list(raw["hierarchy"]), definitions, event_type_of)


@dataclass
class Lexicon:
    """Compiled trigger patterns and cue lists (triggers.json)."""

    event_patterns: dict[str, re.Pattern]  # CASE label -> one alternation regex (document triggers)
    non_event_patterns: dict[str, re.Pattern]
    feature_patterns: dict[str, re.Pattern]  # the classifier's lexicon features
    suppressor_lemmas: frozenset[str]
    adjunct_prepositions: frozenset[str]
    certainty: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    background: re.Pattern
    past_modifiers: frozenset[str]
    individual_movers: frozenset[str]
    operation_forces: frozenset[str]
    arrival_verbs: frozenset[str]
    effort_verbs: frozenset[str]
    response_verbs: frozenset[str]
    identification_verbs: frozenset[str]
    statement_verbs: frozenset[str]
    military_titles: tuple[str, ...]
    weak: re.Pattern  # trigger words too vague to establish an event without the classifier's support
    location_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    modal_auxiliaries: frozenset[str]
    leader_titles: tuple[str, ...]
    feature_cues: dict[str, re.Pattern]
    feature_conjunctions: list[list[str]]
    super_families: list[list[str]]
    protest_cause_prepositions: frozenset[str]
    self_report_verbs: frozenset[str]
    aircraft_heads: frozenset[str]
    weapon_heads: frozenset[str]  # ground weapons: whose they are the text must say
    name_entity_labels: frozenset[str] = frozenset()  # entities a trigger word may be part of ("Battle Creek")
    max_title_share: float = 0.6  # above this share of capitalised words a sentence is a headline
    equipment_heads: frozenset[str] = frozenset()  # nouns a trigger word only describes ("riot police", "riot gear")
    pit_mines: frozenset[str] = frozenset()  # words that make a "mine" a pit ("gold mines"), not an explosive

    def super_family(self, event_type: str) -> set[str]:
        for group in self.super_families:
            if event_type in group:
                return set(group)
        return {event_type}

    @property
    def all_patterns(self) -> dict[str, re.Pattern]:
        return {**self.feature_patterns, **self.non_event_patterns}


def _alternation(patterns: list[str]) -> re.Pattern:
    # Longest alternatives first so "suicide car bomb" wins over "car bomb".
    ordered = sorted(patterns, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(ordered) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = read_data_json("triggers.json")
    extraction_only = {k: v for k, v in raw.get("extraction_only_triggers", {}).items() if k != "about"}
    return Lexicon(
        event_patterns={label: _alternation(p + extraction_only.get(label, [])) for label, p in raw["event_triggers"].items()},
        feature_patterns={label: _alternation(p) for label, p in raw["event_triggers"].items()},
        non_event_patterns={label: _alternation(p) for label, p in raw["non_event_triggers"].items()},
        suppressor_lemmas=frozenset(raw["suppressors"]["lemmas"]),
        adjunct_prepositions=frozenset(raw["adjunct_prepositions"]),
        certainty={key: frozenset(values) for key, values in raw["certainty"].items()},
        light_verbs=frozenset(raw["light_verbs"]),
        background=re.compile(r"\b(?:" + "|".join(raw["background_cues"]) + r")\b", re.IGNORECASE),
        past_modifiers=frozenset(raw["past_modifiers"]),
        individual_movers=frozenset(raw["individual_movers"]),
        operation_forces=frozenset(raw["operation_forces"]),
        arrival_verbs=frozenset(raw["arrival_verbs"]),
        effort_verbs=frozenset(raw.get("effort_verbs", ())),
        response_verbs=frozenset(raw.get("response_verbs", ())),
        identification_verbs=frozenset(raw.get("identification_verbs", ())),
        statement_verbs=frozenset(raw.get("statement_verbs", ())),
        military_titles=tuple(t.lower() for t in raw["military_titles"]),
        weak=re.compile(r"(?:" + "|".join(raw["weak_triggers"]) + r")", re.IGNORECASE),
        location_prepositions=frozenset(raw["location_prepositions"]),
        place_nouns=frozenset(raw["place_nouns"]),
        modal_auxiliaries=frozenset(raw["modal_auxiliaries"]),
        leader_titles=tuple(t.lower() for t in raw["leader_titles"]),
        feature_cues={name: _alternation(cues) for name, cues in raw["feature_cues"].items() if name != "about"},
        feature_conjunctions=raw["feature_conjunctions"],
        super_families=raw["super_families"]["groups"],
        protest_cause_prepositions=frozenset(raw["protest_cause_prepositions"]),
        self_report_verbs=frozenset(raw["self_report_verbs"]),
        aircraft_heads=frozenset(raw["aircraft_heads"]),
        weapon_heads=frozenset(raw["weapon_heads"]),
        name_entity_labels=frozenset(raw["name_parts"]["entity_labels"]),
        max_title_share=float(raw["name_parts"]["max_title_share"]),
        equipment_heads=frozenset(raw["trigger_as_modifier"]["heads"]),
        pit_mines=frozenset(raw.get("pit_mines", ())),
    )


@dataclass(frozen=True)
class KnownActor:
    name: str
    inter: str
    country_code: str
    kind: str = ""


@dataclass
class ActorIndex:
    """Named actors (actors.tsv), generic heads (generic_actors.tsv) and countries."""

    alias_pattern: re.Pattern
    by_alias: dict[str, KnownActor]  # lower-cased alias -> actor (case-sensitive aliases in cased)
    cased_aliases: dict[str, KnownActor]  # short all-caps aliases that must match case (IS, AA, NRF)
    generic: dict[str, tuple[str, str, str]]  # head lemma/text -> (name, inter, role)
    country_by_demonym: dict[str, tuple[str, str]]  # lower demonym or name -> (country, code)
    country_names: dict[str, str]  # code -> country name
    cased_countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # "US", "UK": exact case only
    # one-word names written with a capital ("Platform", "Wagner", "Hezbollah"): only a capitalised
    # word in the text names them ("the platform collapsed" names no armed group)
    capitalised: frozenset[str] = frozenset()

    def actor_of(self, matched: str) -> KnownActor | None:
        """The actor an ``alias_pattern`` match names, if its capitalisation allows."""
        key = matched.lower()
        if key in self.capitalised and not matched[:1].isupper():
            return None
        return self.by_alias.get(key)


def literal_alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (literal strings), the longest that fits
    first, written as a trie ("car bomb(?:s)?" rather than "car bombs|car bomb"): with some
    1,600 actor aliases it finds the same matches as the plain alternation thirty times faster,
    since the engine no longer tries every alias at every position."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word may end here: the longer words are tried first (greedy), then the end
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=1)
def actor_index() -> ActorIndex:
    by_alias: dict[str, KnownActor] = {}
    cased: dict[str, KnownActor] = {}
    capitalised: set[str] = set()
    for row in _read_tsv("actors.tsv"):
        actor = KnownActor(row["name"], row["inter"], row.get("country_code") or "", row.get("kind") or "")
        for alias in [row["name"], *row["aliases"].split("|")]:
            alias = alias.strip()
            if not alias:
                continue
            # Short acronyms (IS, AA, UN) are only trusted in their exact capitalisation.
            if len(alias) <= 4 and any(c.isupper() for c in alias):
                cased.setdefault(alias, actor)
            else:
                by_alias.setdefault(alias.lower(), actor)
                if " " not in alias and alias[:1].isupper():
                    capitalised.add(alias.lower())
    alias_pattern = re.compile(r"(?<![\w-])(?:" + literal_alternation(by_alias) + r")(?![\w-])", re.IGNORECASE)
    generic = {row["head"]: (row["name"], row["inter"], row["role"]) for row in _read_tsv("generic_actors.tsv")}
    country_by_demonym: dict[str, tuple[str, str]] = {}
    cased_countries: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    # Countries come from the project's one country table (eventatlas.reference), by ACLED's name.
    for item in sorted(countries(), key=lambda c: -c.population):
        names[item.code] = item.acled_name
        plurals = [plural(d) for d in item.demonyms]
        for key in [*item.names, *item.demonyms, *(p for p in plurals if p)]:
            if len(key) > 2:  # "US", "UK" lower-cased would be words
                country_by_demonym.setdefault(key.lower(), (item.acled_name, item.code))
            elif key.isupper():
                cased_countries.setdefault(key, (item.acled_name, item.code))
    return ActorIndex(alias_pattern, by_alias, cased, generic, country_by_demonym, names, cased_countries,
                      frozenset(capitalised))


@lru_cache(maxsize=1)
def training_templates() -> dict:
    return read_data_json("training_templates.json")
