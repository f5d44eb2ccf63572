"""The temporal grammar as data: data/patterns.json and its loader."""

import re

import pytest

from eventatlas.time import patterns
from eventatlas.time.grammar import rules
from eventatlas.time.resolvers import RESOLVERS


def test_every_rule_names_a_resolver_and_compiles():
    specs = patterns.rule_specs()
    assert len(specs) == len(rules()) > 20
    for spec in specs:
        assert spec["resolver"] in RESOLVERS, spec["name"]
        assert not re.search(r"\{(?:words:[a-z_]+|[A-Z_]+)\}", spec["pattern"]), spec["name"]


def test_fragments_expand_lexicon_words():
    month = re.compile(patterns.fragments()["MONTH"], re.IGNORECASE)
    assert month.fullmatch("Sept.") and month.fullmatch("december") and not month.fullmatch("decem")


def test_unknown_or_circular_fragments_are_reported():
    with pytest.raises(ValueError, match="unknown fragment"):
        patterns.expand("{NOPE}", {})
    with pytest.raises(ValueError, match="refers to itself"):
        patterns.expand("{A}", {"A": "x{A}"})


def test_cues_compile_with_their_case_rule():
    assert patterns.cue("each_before").search("held EVERY ")
    assert patterns.cue("standalone_before").search("officials said ")
    assert not patterns.cue("standalone_before").search("officials SAID ")  # case-sensitive cue
