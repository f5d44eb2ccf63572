"""The time stage's word lists (``data/lexicon.json``), loaded once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    with resources.files("eventatlas.time").joinpath("data/lexicon.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def alternation(words, escape: bool = True) -> str:
    """A regex alternation of ``words``, longest first so "sept" wins over "sep"; spaces match any
    run of whitespace (a phrase may wrap across lines)."""
    import re

    ordered = sorted({w for w in words if not w.startswith("_")}, key=len, reverse=True)
    parts = []
    for word in ordered:
        part = re.escape(word) if escape else word
        parts.append(part.replace(r"\ ", r"\s+").replace(" ", r"\s+"))
    return "(?:" + "|".join(parts) + ")"
