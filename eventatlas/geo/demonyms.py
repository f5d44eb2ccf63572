"""Demonyms and national adjectives ("Afghan", "Pakistanis"): they tell which country an
article is about, but they are not places where events happen."""

from __future__ import annotations

import re
from functools import lru_cache

from eventatlas.geo.gazetteer import data_lines
from eventatlas.reference.countries import countries, plural


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (as written, plurals included) -> ISO alpha-2 code, or "" when not one country.
    Countries' demonyms come from ``eventatlas.reference``; ``data/demonyms.tsv`` adds those of
    continents, divisions and peoples of no single country."""
    table: dict[str, str] = {}
    rows = [(word, item.code) for item in countries() for word in item.demonyms]
    rows += [(word, code.strip()) for word, code in data_lines("demonyms.tsv")]
    for word, code in rows:
        table[word] = code
        if plural(word):  # "Chinese", "British", "French", "Swiss": no plural in -s
            table[plural(word)] = code
    return table


def demonym_country(word: str) -> str | None:
    """The country code of a demonym ("Afghans" -> "AF"); "" for a demonym of no single
    country ("Arab"); None when the word is not a demonym."""
    code = demonyms().get(word.strip())
    return code.partition(":")[0] if code else code


def demonym_division(word: str) -> tuple[str, str] | None:
    """(country code, division name) for a demonym of a first-level division ("English" ->
    ("GB", "England")), else None."""
    code = demonyms().get(word.strip()) or ""
    country, _, division = code.partition(":")
    return (country, division) if division else None


_WORDS = re.compile(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?")
_PREPOSITION = re.compile(r"\b(?:in|at|near|from|into|to|by|with|against|for)\b")


def demonym_before(text: str, start: int, window: int = 30) -> str | None:
    """The country of a demonym in the few words before ``start`` ("the Afghan capital X")."""
    segment = text[max(0, start - window) : start]
    segment = re.split(r"[.;:!?\n]", segment)[-1]
    # "a Palestinian in the town of X": a person located there, not the country of the place
    segment = _PREPOSITION.split(segment)[-1]
    found = None
    for match in _WORDS.finditer(segment):
        for candidate in (match.group(0), match.group(0).split()[0]):
            code = demonym_country(candidate)
            if code:
                found = code
                break
    return found
