"""Demonyms and national adjectives ("Afghan", "Pakistanis"): they tell which country an
article is about, but they are not places where events happen."""

from __future__ import annotations

import re
from functools import lru_cache

from eventatlas.geo.gazetteer import data_lines
from eventatlas.reference.countries import countries, find_country, plural


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
# a country's name in the possessive, at most two words (adjectives) before the place name
_COUNTRY_POSSESSIVE = re.compile(r"(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*)['\u2019]s\s+(?:[a-z-]+\s+){0,2}$")
_PREPOSITION = re.compile(r"\b(?:in|at|near|from|into|to|by|with|against|for)\b")


def _country_named(name: str) -> str | None:
    """The code of the country a name (not a demonym) names."""
    country = find_country(name)
    names = {n.casefold() for n in (country.name, country.acled_name, *country.aliases)} if country else set()
    return country.code if name.casefold() in names else None


def demonym_before(text: str, start: int, window: int = 30) -> str | None:
    """The country of a demonym in the few words before ``start`` ("the Afghan capital X")."""
    segment = text[max(0, start - window) : start]
    segment = re.split(r"[.;:!?\n]", segment)[-1]
    # "a Palestinian in the town of X": a person located there, not the country of the place
    segment = _PREPOSITION.split(segment)[-1]
    owner = _COUNTRY_POSSESSIVE.search(segment)
    if owner:
        # "Iraq's Kurdistan region", "Nigeria's northeastern Borno state": the owner contains it
        code = _country_named(owner.group("name"))
        if code:
            return code
    found = None
    for match in _WORDS.finditer(segment):
        for candidate in (match.group(0), match.group(0).split()[0]):
            code = demonym_country(candidate)
            if code:
                found = code
                break
    return found
