"""Repairs of parses that later stages share: readings of a spaCy tree that the small English
model gets wrong often enough for the events and geo stages to correct in the same way."""

from __future__ import annotations

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})


def stranded_subject(verb):
    """"... killed three in the West Bank and Israeli settlers set fire to cars": the parser may
    join the second clause's subject to the first clause's last noun, leaving the verb without
    one. The noun right before the verb, a conjunct after "and", is its subject (None when the
    verb has a subject or the words are not so arranged)."""
    if verb.dep_ != "conj" or verb.tag_ not in FINITE or verb.i == 0 \
            or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    if verb.head.tag_ not in FINITE:
        return None  # "farmers equipped with rifles and machetes clashed": the participle was no clause
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ != "conj" or before.head.i == verb.i:
        return None
    joined = any(c.dep_ == "cc" and c.i < before.i for c in before.head.children)
    return before if joined else None
