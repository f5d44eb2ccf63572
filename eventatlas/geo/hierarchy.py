"""Place hierarchies written out in the text, the strongest clue a report gives:

* parenthesised: ``Kouande (Atacora)``, ``Dalla (Hombori, Mopti)``,
  ``Leepa sector area (Hattian district, AJK)``;
* chained by commas or "of"/"in" up to a division named with its type word:
  ``X village, Y district, Z province``, ``El Valle, Libertador, Merida state``,
  ``Nam Kham village of Kutkai township``;
* chained by commas up to a country's name: ``Pan Ajok, Twic East, South Sudan`` (the
  country closes the chain; the levels are the names between).

Each hierarchy is a name and the levels that contain it, most specific first. The resolver
reads the levels as containers of the name (each level constrains the one before it); the event
locator falls back to the most specific known level when the name itself is unknown (ACLED's
geo_precision 2, the written name kept as the location).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventatlas.geo.cues import cue_words

_CAP_WORD = r"[A-Z][\w'’.\-]*"
_JOINER = "(?:" + "|".join(cue_words()["name_particles"]) + ")"  # Arabic articles too ("Deir ez-Zor")
_NAME = rf"{_CAP_WORD}(?:[ \-](?:{_JOINER}[ \-])?{_CAP_WORD}){{0,4}}"
_UNDOTTED_NAME = rf"[A-Z][\w'’\-]*(?:[ \-](?:{_JOINER}[ \-])?[A-Z][\w'’\-]*){{0,4}}"  # it may end the sentence
# lower-case words that may follow a name inside the phrase ("Leepa sector area")
_TRAILING = {"area", "areas", "sector", "camp", "market", "locality", "quarter", "site", "outskirts", "junction",
             "crossroads", "checkpoint", "base", "hill", "forest", "border", "union", "ward", "community", "colony",
             "airbase", "airfield", "airport", "mine", "prison", "station", "bridge", "port", "center", "centre"}


@dataclass(frozen=True)
class Hierarchy:
    name: tuple[int, int]  # the place the phrase is about, with its type words
    levels: tuple[tuple[int, int], ...]  # the places that contain it, most specific first


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset[str], re.Pattern]:
    types = sorted({*cue_words()["after"], *_TRAILING}, key=len, reverse=True)
    type_words = "|".join(re.escape(t) for t in types)
    level = rf"{_NAME}(?:\s+(?i:{type_words}))?"
    named = rf"(?P<name>{_NAME}(?:\s+(?i:{type_words})){{0,2}})"
    parenthesised = re.compile(rf"{named}\s*\((?P<levels>{level}(?:\s*,\s*{level}){{0,3}})\)")
    admin_types = [t for t, kind in cue_words()["after"].items() if kind in ("ADM1", "ADM2")]
    admin_words = "|".join(re.escape(t) for t in sorted(admin_types, key=len, reverse=True))
    separator = r"(?:\s*,\s*|\s+of\s+|\s+in\s+)"
    chained = re.compile(
        # "X village, Y district, Z province": up to a division named with its type word, or up
        # to a parenthesis that goes on ("Lalpur village of Bhagabanpur area (District, State)")
        rf"{named}(?P<levels>(?:{separator}{level}){{0,3}}{separator}"
        rf"(?:{_NAME}\s+(?i:{admin_words})\b|{level}(?=\s*\()))"
    )
    # "X, Raqqa, Syria": comma levels up to a country's name (checked after the match)
    country_ended = re.compile(rf"{named}(?P<levels>(?:\s*,\s*{level}){{1,2}})\s*,\s*(?P<country>{_UNDOTTED_NAME})")
    # "the Golbasi district of Adiyaman": a division of a larger one
    division_of = re.compile(rf"(?P<name>{_NAME}\s+(?:{admin_words}))\s+of\s+(?P<levels>{_NAME})")
    return parenthesised, chained, division_of, frozenset(types), country_ended


# what may follow a name that heads a hierarchy: type words, then "(", ",", "of" or "in"
_GOES_ON = re.compile(r"(?:[ \t]+[A-Za-z\-]+){0,2}\s*(?:\(|,|\s+of\s|\s+in\s)")
_LEVEL_SPLIT = re.compile(r"\s*,\s*|\s+of\s+|\s+in\s+")


_COMMA = re.compile(r"\s*,\s*")
_POSSESSIVE = re.compile(r"(?:'s|’s)\s+")


def _level_spans(text: str, start: int, end: int, separators: re.Pattern = _LEVEL_SPLIT) -> list[tuple[int, int]]:
    """The levels written in text[start:end], most specific first: "Beirut's Hamra district"
    is two levels, "Hamra district" inside "Beirut"."""
    spans, offset = [], start
    for part in separators.split(text[start:end]):
        begin = text.find(part, offset, end)
        if part.strip() and begin >= 0:
            spans.extend(_possessed(begin, begin + len(part), text))
            offset = begin + len(part)
    return spans


def _possessed(start: int, end: int, text: str) -> list[tuple[int, int]]:
    match = _POSSESSIVE.search(text, start, end)
    if match is None:
        return [(start, end)]
    return [(match.end(), end), (start, match.start())]


def find_hierarchies(text: str) -> list[Hierarchy]:
    """The written hierarchies of a text, in text order (a chain and the parenthesis after it
    form one hierarchy)."""
    parenthesised, chained, division_of, _, country_ended = _patterns()
    found: dict[tuple[int, int], list[tuple[int, int]]] = {}
    pending: set[tuple[int, int]] = set()  # chains that only stand if the parenthesis after them does
    for match in chained.finditer(text):
        if not _chain_head(text, match):
            continue  # "the army base in Kolo (District, Province)": the levels belong to Kolo
        found[match.span("name")] = _level_spans(text, *match.span("levels"))
        if text[match.end():].lstrip().startswith("("):
            pending.add(match.span("name"))
    for match in country_ended.finditer(text):
        # "Pan Ajok, Twic East, South Sudan": a country closes the chain as a typed division
        # does, so the first name lies inside the next level even when no type word says so
        levels = _level_spans(text, *match.span("levels"), separators=_COMMA)
        if _ends_in_country(match) and not _LIST_GOES_ON.match(text, match.end()) \
                and not any(_names_a_country(text[a:b]) for a, b in [match.span("name"), *levels]) \
                and not any(a <= match.start("name") < b for a, b in found):
            # the country only closes the chain: the levels are the divisions before it
            # (a list of countries, "Japan, Brazil, USA", is no chain)
            found[match.span("name")] = levels
    for match in division_of.finditer(text):
        if not any(a <= match.start("name") < b for a, b in found):
            found[match.span("name")] = [match.span("levels")]
    for match in _prefixed().finditer(text):
        # "Barangay X, Town, Province": a unit typed before its name, then its containers
        if not any(a <= match.start("name") < b for a, b in found) and not _LIST_GOES_ON.match(text, match.end()):
            found[match.span("name")] = _level_spans(text, *match.span("levels"), separators=_COMMA)
    for match in parenthesised.finditer(text):
        # inside brackets only commas separate levels ("(City of Cape Town, Western Cape)")
        levels = _level_spans(text, *match.span("levels"), separators=_COMMA)
        if len(levels) == 1 and text[levels[0][0] : levels[0][1]].replace(".", "").isupper():
            continue  # "Lebanon, Ohio (AP)", "the General Directorate (DGCIM)": an acronym, not a level
        name = match.span("name")
        # "X village of Y township (Y district, Z state)": the parenthesis continues the chain
        for chain_name, chain_levels in found.items():
            if chain_levels and chain_levels[-1] == name:
                chain_levels.extend(levels)
                pending.discard(chain_name)
                break
        else:
            found.setdefault(name, []).extend(levels)
    for name in pending:
        if not _typed(text, found[name][-1]):
            del found[name]  # "the Directorate of Intelligence (DGI)": no hierarchy after all
    level_spans = {level for levels in found.values() for level in levels}
    # "Muse district (..)" inside "X village of Muse district (..)" is already a level
    return [Hierarchy(name, tuple(levels)) for name, levels in sorted(found.items()) if levels and name not in level_spans]


def levels_after(text: str, start: int, end: int, window: int = 160) -> tuple[str, ...]:
    """The levels written after the name at ``text[start:end]`` ("Dalla" in "Dalla (Hombori,
    Mopti)" -> ("Hombori", "Mopti")); empty when none. The name may carry type words the
    span leaves out ("Ak-Tash" in "Ak-Tash village of Sokuluk district")."""
    prefix = _prefix_before().search(text, max(0, start - 24), start)
    if prefix is not None:
        # "Barangay X, Town, Province": the type word stands before the name
        for hierarchy in find_hierarchies(text[prefix.start() : end + window]):
            if hierarchy.name[0] + prefix.start() == start:
                return tuple(text[a + prefix.start() : b + prefix.start()] for a, b in hierarchy.levels)
    shared = _SHARED_LEVELS.match(text, end)
    if shared and _plural_type(shared.group("type")):
        # "between A and B villages (District, Province)": the levels after B hold A too
        return levels_after(text, shared.start("name"), shared.end("name"), window)
    if not _GOES_ON.match(text, end):
        return ()  # the usual case, decided without the full patterns (speed)
    segment = text[start : end + window]
    if "(" not in segment and not _admin_word().search(segment, end - start) \
            and not _ends_in_country(_patterns()[4].match(segment)):
        return ()
    for hierarchy in find_hierarchies(segment):
        name_start, name_end = hierarchy.name
        if name_start == 0 and name_end >= end - start and _only_type_words(segment[end - start : name_end]):
            return tuple(segment[a:b] for a, b in hierarchy.levels)
        if name_start > 0:
            break
    return ()


_LIST_GOES_ON = re.compile(r",?\s+(?:and|or|&)\s+[A-Z]")


@lru_cache(maxsize=1)
def _prefix_words() -> str:
    words = sorted(cue_words().get("type_before", ()), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) or "(?!)"


@lru_cache(maxsize=1)
def _prefixed() -> re.Pattern:
    """A unit typed before its name ("Barangay X", "Kampung X") and two or more comma levels."""
    name = _UNDOTTED_NAME
    return re.compile(rf"(?<![\w])(?i:{_prefix_words()})\s+(?P<name>{name})(?P<levels>(?:\s*,\s*{name}){{2,3}})")


@lru_cache(maxsize=1)
def _prefix_before() -> re.Pattern:
    """A unit type word right before a name (searched with the name's start as end)."""
    return re.compile(rf"(?<![\w])(?i:{_prefix_words()})\s+$")


_SHARED_LEVELS = re.compile(r"\s+(?:and|&)\s+(?P<name>[A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*){0,2})\s+(?P<type>[a-z\-]+s)\b")


def _plural_type(word: str) -> bool:
    """Whether a word is the plural of a place type word ("villages", "districts")."""
    return word.lower() in cue_words()["after"]


_LINKED_BY_WORD = re.compile(r"\s+(?:of|in)\s+")
# trailing words that name an area (a part of the land), unlike a facility ("base", "market")
AREAL_WORDS = frozenset({"area", "areas", "sector", "locality", "quarter", "outskirts", "ward", "community", "colony", "union"})


def _chain_head(text: str, match: re.Match) -> bool:
    """Whether a chain's first name heads it. "X, Y district", "X of Y district" and a name typed
    as a place ("X village of Y township (..)", "X area of Y district (..)") do; an untyped name or
    a facility joined by "of"/"in" to a name with brackets does not: in "the army base in Kolo
    (District, Province)", "the Provincial Government in Kolo (..)" the brackets are Kolo's."""
    if not _LINKED_BY_WORD.match(text, match.end("name")) or not text[match.end():].lstrip().startswith("("):
        return True
    words = text[match.start("name") : match.end("name")].split()
    last = words[-1].lower()
    return len(words) > 1 and (last in cue_words()["after"] or last in AREAL_WORDS)


def _ends_in_country(match: re.Match | None) -> bool:
    return match is not None and _names_a_country(match.group("country"))


def _names_a_country(name: str) -> bool:
    """Whether a name is a country's name or alias (not its ISO code: "Ky." is Kentucky's
    abbreviation, not the Cayman Islands; a demonym is no level either)."""
    from eventatlas.reference import find_country

    country = find_country(name)
    names = {country.name, country.acled_name, *country.aliases} if country else set()
    return name.casefold() in {n.casefold() for n in names if n}


def _typed(text: str, span: tuple[int, int]) -> bool:
    """Whether a level ends with an administrative type word ("Muse township")."""
    words = text[span[0] : span[1]].split()
    return len(words) > 1 and cue_words()["after"].get(words[-1].lower()) in ("ADM1", "ADM2")


@lru_cache(maxsize=1)
def _admin_word() -> re.Pattern:
    words = [t for t, kind in cue_words()["after"].items() if kind in ("ADM1", "ADM2")]
    return re.compile(r"\b(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


def _only_type_words(words: str) -> bool:
    types = _patterns()[3]
    return all(word.lower() in types for word in words.split())


__all__ = ["Hierarchy", "find_hierarchies", "levels_after"]
