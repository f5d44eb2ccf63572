"""The time stage's data files (``data/*.json``: word lists, patterns, dating cues), loaded once."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def data_file(name: str) -> dict[str, Any]:
    """One JSON file of the time stage's ``data/`` folder, loaded once."""
    with resources.files("eventatlas.time").joinpath(f"data/{name}").open(encoding="utf-8") as handle:
        return json.load(handle)


def lexicon() -> dict[str, Any]:
    return data_file("lexicon.json")


def alternation(words, escape: bool = True) -> str:
    """A regex alternation of ``words``, longest first so "sept" wins over "sep" (then in
    alphabetical order, so the pattern is the same on every run); spaces match any run of
    whitespace (a phrase may wrap across lines)."""

    ordered = sorted({w for w in words if not w.startswith("_")}, key=lambda w: (-len(w), w))
    parts = []
    for word in ordered:
        part = re.escape(word) if escape else word
        parts.append(part.replace(r"\ ", r"\s+").replace(" ", r"\s+"))
    return "(?:" + "|".join(parts) + ")"
