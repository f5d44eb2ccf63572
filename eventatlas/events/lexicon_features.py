"""The event classifier's lexicon features: one column per trigger-lexicon class, log(1 + number
of matches) in the text, then one per conjunction of feature cues (all present: 1).

The lexicon carries what the written sentences cannot enumerate (every way to say "shelled"), so
the model generalises past their wording. One implementation serves training (``fitting``'s
scikit-learn wrapper) and the numpy runtime (:class:`LexiconBlock`, a ``linear`` feature block).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from eventatlas.events.resources import lexicon

KIND = "lexicon"


def lexicon_row(text: str, labels: Sequence[str], conjunctions: Sequence[tuple[str, ...]]) -> np.ndarray:
    """The float32 feature row of ``text`` (float32, as the model was trained on)."""
    lex = lexicon()
    patterns = lex.all_patterns
    row = np.zeros(len(labels) + len(conjunctions), dtype=np.float32)
    for j, label in enumerate(labels):
        pattern = patterns.get(label)
        hits = len(pattern.findall(text)) if pattern is not None else 0
        if hits:
            row[j] = np.log1p(hits)
    # Conjunctions a linear model cannot form itself: "army" AND "captured" is a government
    # gain, "militants" AND "captured" a non-state one.
    present = {name for name, cue in lex.feature_cues.items() if cue.search(text)}
    for k, names in enumerate(conjunctions):
        if all(name in present for name in names):
            row[len(labels) + k] = 1.0
    return row


def current_labels() -> list[str]:
    return list(lexicon().all_patterns)


def current_conjunctions() -> list[tuple[str, ...]]:
    return [tuple(c) for c in lexicon().feature_conjunctions]


@dataclass
class LexiconBlock:
    """The lexicon features as a ``linear`` feature block."""

    labels: list[str]
    conjunctions: list[tuple[str, ...]]

    def __post_init__(self) -> None:
        self.width = len(self.labels) + len(self.conjunctions)

    @classmethod
    def from_spec(cls, spec: dict) -> LexiconBlock:
        return cls(list(spec["labels"]), [tuple(c) for c in spec["conjunctions"]])

    def spec(self) -> dict:
        return {"kind": KIND, "labels": self.labels, "conjunctions": [list(c) for c in self.conjunctions]}

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        values = lexicon_row(text, self.labels, self.conjunctions)
        columns = np.flatnonzero(values)
        return columns, values[columns].astype(np.float64)
