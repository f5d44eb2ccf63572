"""The temporal grammar's regular expressions, read from ``data/patterns.json``.

The file holds named fragments (``{MONTH}``, ``{YEAR}``...), the rules (a name, a pattern built
from fragments, and the name of the resolver that computes a value from a match) and the context
cues the resolvers test ("each Thursday", "the 7th of", "$1989"). ``{words:KEY}`` inserts the
words of ``data/lexicon.json``'s KEY as an alternation, so a new month abbreviation or reference
phrase is a data change only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from eventatlas.time.lexicon import alternation, data_file, lexicon

_PLACEHOLDER = re.compile(r"\{(words:[a-z_]+|[A-Z_]+)\}")


def _words(key: str) -> list[str]:
    """The words of one lexicon entry: a list, the keys of a mapping (those with a value), or
    the phrases of a mapping of lists."""
    entry = lexicon()[key]
    if isinstance(entry, list):
        return entry
    words: list[str] = []
    for word, value in entry.items():
        if word.startswith("_") or value is None:
            continue
        words.extend(value if isinstance(value, list) else [word])
    return words


def expand(pattern: str, fragments: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    """``pattern`` with every ``{NAME}`` and ``{words:KEY}`` replaced, recursively."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name.startswith("words:"):
            return alternation(_words(name[len("words:") :]))
        if name in seen:
            raise ValueError(f"patterns.json: fragment {name} refers to itself")
        if name not in fragments:
            raise ValueError(f"patterns.json: unknown fragment {{{name}}}")
        return expand(fragments[name], fragments, (*seen, name))

    return _PLACEHOLDER.sub(replace, pattern)


@lru_cache(maxsize=1)
def fragments() -> dict[str, str]:
    """Every fragment, expanded (``fragments()["MONTH"]`` is a ready regex)."""
    raw = {k: v for k, v in data_file("patterns.json")["fragments"].items() if not k.startswith("_")}
    return {name: expand(pattern, raw) for name, pattern in raw.items()}


def rule_specs() -> list[dict[str, Any]]:
    """The rules in file order: ``name``, expanded ``pattern``, ``resolver`` name."""
    raw = {k: v for k, v in data_file("patterns.json")["fragments"].items() if not k.startswith("_")}
    return [
        {"name": rule["name"], "resolver": rule["resolver"], "pattern": expand(rule["pattern"], raw)}
        for rule in data_file("patterns.json")["rules"]
    ]


@lru_cache(maxsize=None)
def cue(name: str) -> re.Pattern:
    """One context cue, compiled (case-insensitive unless the file says otherwise)."""
    spec = data_file("patterns.json")["cues"][name]
    if isinstance(spec, str):
        spec = {"pattern": spec}
    raw = {k: v for k, v in data_file("patterns.json")["fragments"].items() if not k.startswith("_")}
    flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
    return re.compile(expand(spec["pattern"], raw), flags)
