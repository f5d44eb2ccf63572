"""Read the words around a place name: what kind of place it is, whether only part of it or
its surroundings are meant, and which larger place contains it ("Springfield, Ill.").

Works on the raw text and character offsets, so it serves both recognized mentions and the gold
spans of an evaluation corpus.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventatlas.reference import find_country

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*|,|\.")
_ANCHOR = re.compile(
    # "X, a town about 25 km south of the city of Bogura": the appositive may say what X is
    r",?\s+(?:an?\s+(?:[a-z]+\s+)?(?:town|village|city|district|settlement|camp|area|market\s+town)\s+)?"
    r"(?:about\s+|some\s+|around\s+)?(?:(?P<distance>\d+)\s*(?P<unit>km|kilometres|kilometers|miles|mi)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+(?:city|town|village|capital)\s+of\s+)?"
    r"(?P<anchor>(?:[A-Z][\w'\-]+)(?:\s[A-Z][\w'\-]+)?)"
)
_CONTAINED = re.compile(r"([A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,2}),\s+$")
# "Colombia's Catatumbo region", "Nigeria's northwestern Zamfara state": the possessor holds the place
# (only adjectives may come between: "Russia's embassy in London" is no possessive of London)
_POSSESSOR = re.compile(r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})(?:'s|’s)\s+"
                        r"(?:(?!(?:in|at|of|on|near|from|to|for|with|by|and|or)\b)[a-z\-]+\s+){0,2}$")
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or|&)\s+[A-Z]")
_ARTICLE = re.compile(r"(?:^|\s)[Tt]he\s+(?:[a-z]+\s+)?$")
_WITHIN = re.compile(
    r",?\s+in\s+(?:the\s+)?(?:[a-z]+\s+)?((?:[A-Z][\w'\-]+)(?:\s[A-Z][\w'\-]+)?)\s+"
    r"(?i:province|department|state|region|governorate|district|county|oblast|prefecture)\b"
)
_SMALL_PLACE = r"(?:village|hamlet|neighbou?rhood|ward|quarter)s?"
_VILLAGE = re.compile(rf"\b{_SMALL_PLACE}\s+(?:of\s+)?$", re.IGNORECASE)
# "Bate village", "X and Y villages", "the X neighbourhood": the type word after the name (or
# the name's own last word)
_VILLAGE_AFTER = re.compile(rf"(?:\s+(?:and|&)\s+[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*)?)?\s+(?i:{_SMALL_PLACE})\b")
_VILLAGE_NAME = re.compile(rf"\s{_SMALL_PLACE}$", re.IGNORECASE)
_SHARED_TYPE = re.compile(r"(?:,\s*[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*)?)*,?\s+(?:and|&)\s+[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*)?\s+([A-Za-z]+)")
_LISTED_BEFORE = re.compile(r"(?:,|\band|\bor|&)\s*$")  # "Dodge City, Great Bend, ...": an item after another
_LIST_ITEM_AFTER = re.compile(r"\s*,\s*[A-Z]")  # "Cleveland, Columbus, Dayton": a third item after the second
_CONTAINER = re.compile(r",\s+((?:[A-Z][A-Za-z\.\-']*)(?:\s+[A-Z][A-Za-z\.\-']*){0,2})")


@dataclass
class Cues:
    feature: str | None = None  # ADM1, ADM2, P, T, H, L: the kind of place the words imply
    part: bool = False  # "northern X", "parts of X": a part of the place
    near: bool = False  # "near X", "outskirts of X": close to, not in, the place
    capital: bool = False  # "the capital X", "the Afghan capital X"
    containers: tuple[str, ...] = ()  # "X, Y": texts that may name the containing place, longest first
    anchor: str | None = None  # "X, 20 km northeast of Y": Y, a place X must be close to
    anchor_km: float | None = None  # the distance written with the anchor ("20 km"), when given
    contained: str | None = None  # "Tacoma, Washington": for "Washington", the place it contains
    article: bool = False  # "the Atlantic", "the eastern Pacific": seas, regions and ranges take "the"
    within: bool = False  # "X in Cauca department": the container is stated with its type word
    village: bool = False  # "the village of X", "X ward": a small place, inside whatever region the sentence names
    levels: tuple[str, ...] = ()  # "X (District, Province)", "X, Y district": the written hierarchy above X
    listed: bool = False  # "A, X, B": X and the name after its comma may be items of a list


@lru_cache(maxsize=1)
def cue_words() -> dict:
    text = resources.files("eventatlas.geo").joinpath("data", "cues.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["direction"] = set(data["direction"])
    data["near"] = set(data["near"])
    data["person_titles"] = set(data["person_titles"])
    data["locative_prepositions"] = set(data["locative_prepositions"])
    data["place_verbs"] = set(data.get("place_verbs", ()))
    data["actor_nouns"] = set(data.get("actor_nouns", ()))
    data["facility_nouns"] = set(data.get("facility_nouns", ()))
    data["outlying_site_nouns"] = set(data.get("outlying_site_nouns", ()))
    data["topic_nouns"] = set(data.get("topic_nouns", ()))
    data["purpose_verbs"] = set(data.get("purpose_verbs", ()))
    data["thoroughfare_nouns"] = set(data.get("thoroughfare_nouns", ()))
    data["organisation_words"] = set(data.get("organisation_words", ()))
    data["thing_nouns"] = set(data.get("thing_nouns", ()))
    data["speech_verbs"] = set(data.get("speech_verbs", ()))
    data["between_nouns"] = set(data.get("between_nouns", ()))
    data["slot_types"] = set(data.get("slot_types", ()))
    data["domestic_nouns"] = set(data.get("domestic_nouns", ()))
    data["coded_before"] = tuple(data.get("coded_before", ()))
    data["destination_verbs"] = set(data.get("destination_verbs", ()))
    data["happening_verbs"] = set(data.get("happening_verbs", ()))
    data["address_verbs"] = set(data.get("address_verbs", ()))
    data["unit_type_countries"] = {word: frozenset(codes) for word, codes in data.get("unit_type_countries", {}).items()}
    return data


def suffix_feature(name: str) -> tuple[str, str | None]:
    """Split a trailing type word off a name: "Kunar province" -> ("Kunar", "ADM1")."""
    words = name.split()
    if len(words) > 1:
        feature = cue_words()["after"].get(words[-1].lower())
        if feature:
            return " ".join(words[:-1]), feature
    return name, None


def without_possessive(name: str) -> str:
    """"Lebanon's" -> "Lebanon"."""
    return name.removesuffix("'s").removesuffix("’s")


def read_cues(text: str, start: int, end: int) -> Cues:
    """The cues around ``text[start:end]``."""
    words = cue_words()
    cues = Cues()
    name = text[start:end]
    _, cues.feature = suffix_feature(name)

    after = text[end : end + 60]
    match = re.match(r"\s+([A-Za-z]+)", after)
    shared = _SHARED_TYPE.match(after)
    if shared and cues.feature is None and words["after"].get(shared.group(1).lower()) and shared.group(1).lower().endswith("s"):
        # "Homs and Aleppo Governorates": the plural type word after the last name types them all
        cues.feature = words["after"][shared.group(1).lower()]
    if match and cues.feature is None:
        cues.feature = words["after"].get(match.group(1).lower())
        if cues.feature and match.group(1).lower() == "capital":
            cues.feature, cues.capital = None, False  # "Kabul capital" is rare; "X capital region" etc.

    before = [w.lower() for w in _WORD.findall(text[max(0, start - 60) : start])][-5:]
    for size in (3, 2, 1):
        if len(before) < size:
            continue
        phrase = " ".join(before[-size:])
        if phrase in words["before"] and cues.feature is None:
            cues.feature = words["before"][phrase]
        if phrase in words["near"]:
            cues.near = True
        if phrase in words["direction"]:
            cues.part = True
    # "the Afghan capital Kabul", "the capital, Kabul"
    tail = [w for w in before if w != ","][-3:]
    if "capital" in tail:
        cues.capital = True
        cues.feature = cues.feature or "P"
    # "in northern X" / "the northern X" (one word gap allowed for an article)
    if any(w in words["direction"] for w in before[-2:]):
        cues.part = True

    if _VILLAGE.search(text[max(0, start - 30) : start]) or _VILLAGE_NAME.search(name) or _VILLAGE_AFTER.match(text, end):
        cues.village = True
    if _ARTICLE.search(text[max(0, start - 25) : start]):
        cues.article = True
    # "Tacoma, Washington" names the state that contains Tacoma, unless it is a list
    # ("stops in Washington, New York and Boston")
    contained = _CONTAINED.search(text[max(0, start - 60) : start])
    if contained and not _LIST_GOES_ON.match(text, end) and not re.search(r"(?:,|\band|\bor)\s+$", text[max(0, start - 60) : contained.start() + max(0, start - 60)]):
        cues.contained = contained.group(1)
    possessor = _POSSESSOR.search(text[max(0, start - 60) : start])
    if possessor and len(possessor.group(1)) > 3 and find_country(possessor.group(1)) is not None \
            and find_country(name) is None:
        # the country it belongs to, as clear as "in": a namesake abroad is wrong
        cues.containers, cues.within = (possessor.group(1),), True
    from eventatlas.geo.hierarchy import levels_after  # (hierarchy reads this module's word lists)

    cues.levels = levels_after(text, start, end)
    if cues.levels:
        cues.within = True
    anchor = _ANCHOR.match(text, end)
    if anchor:
        cues.anchor = anchor.group("anchor")
        if anchor.group("distance"):
            miles = anchor.group("unit").startswith("mi")
            cues.anchor_km = float(anchor.group("distance")) * (1.609 if miles else 1.0)
        return cues
    within = _WITHIN.match(text, end)
    if within:
        cues.containers, cues.within = (within.group(1),), True
        return cues
    match = _CONTAINER.match(text, end)
    if match and not _LIST_GOES_ON.match(text, match.end()):  # "Washington, New York and Boston": a list
        parts = match.group(1).split()
        # "Tripoli, Lebanon's second-largest city": the possessive names the container too
        cues.containers = tuple(without_possessive(" ".join(parts[:n]).rstrip(",")) for n in range(len(parts), 0, -1))
        # "(Kibera, Nairobi)": inside a written hierarchy each level lies in the next
        cues.within = cues.within or _inside_brackets(text, start, end)
        cues.listed = bool(_LISTED_BEFORE.search(text, max(0, start - 6), start) or _LIST_ITEM_AFTER.match(text, match.end()))
    return cues


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one pair of round brackets."""
    opened = text.rfind("(", max(0, start - 80), start)
    if opened < 0 or ")" in text[opened:start]:
        return False
    closed = text.find(")", end, end + 120)
    return closed >= 0 and "(" not in text[end:closed]


# -- names in a small place's slot --------------------------------------------------------------

_SLOT_NAME = r"[A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*){0,2}"
# month and weekday names, and with their abbreviations, as the calendar module spells them in English
CALENDAR_NAMES = frozenset(name.lower() for name in (*calendar.month_name, *calendar.day_name) if name)
CALENDAR_WORDS = CALENDAR_NAMES | {name.lower() for name in (*calendar.month_abbr, *calendar.day_abbr) if name}
# capitalised words that start a sentence or a date, never a place's name
_NOT_A_NAME = frozenset({"the", "a", "an", "on", "in", "at", "this", "that", "these", "those", "its", "their", "his", "her",
                         "our", "around", "near", "some", "several", "one", "two", "three", "many", "each", "every", "local",
                         *CALENDAR_NAMES})


CODED = "coded"  # the type of a slot a coder's "coded as X" opens


@dataclass(frozen=True)
class Slot:
    start: int
    end: int
    type_word: str  # "village", "ward", "neighbourhood"...
    of_after: int | None = None  # "the X neighbourhood of Y": where Y starts (X lies inside Y)


@lru_cache(maxsize=1)
def _slot_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    types = "|".join(re.escape(t) for t in sorted(cue_words()["slot_types"], key=len, reverse=True))
    before = re.compile(rf"\b(?P<type>(?i:{types}))\s+of\s+(?P<name>{_SLOT_NAME})")
    # "of Y", "of west Y": Y's start, past a compass word
    directions = "|".join(re.escape(d) for d in sorted(cue_words()["direction"], key=len, reverse=True))
    after = re.compile(rf"(?P<name>{_SLOT_NAME})\s+(?P<type>(?i:{types}))\b(?P<of>\s+of\s+(?:the\s+)?(?:(?i:{directions})\s+)?(?=[A-Z]))?")
    coded_words = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in cue_words()["coded_before"]) or "(?!)"
    coded = re.compile(rf"\b(?i:{coded_words})\s+(?P<name>{_SLOT_NAME})")
    return before, after, coded


def place_slots(text: str) -> list[Slot]:
    """Capitalised names written in a small place's slot ("the village of X", "X ward", "the X
    neighbourhood of Y"), in text order: where recognition finds no place, such a name still says
    that a place is named there, and which words name it."""
    before, after, coded = _slot_patterns()
    found: dict[tuple[int, int], Slot] = {}
    for match in coded.finditer(text):  # "(coded as X)": the place the coder put the event at
        found[match.span("name")] = Slot(*match.span("name"), CODED)
    typed_names: set[int] = set()  # type words that follow a name ("X village of Y": Y is X's container)
    for match in after.finditer(text):
        of_after = match.end("of") if match.group("of") else None
        found.setdefault(match.span("name"), Slot(*match.span("name"), match.group("type").lower(), of_after))
        typed_names.add(match.start("type"))
    for match in before.finditer(text):
        if match.start("type") not in typed_names:
            found.setdefault(match.span("name"), Slot(*match.span("name"), match.group("type").lower()))
    return [slot for span, slot in sorted(found.items()) if _is_a_name(text[span[0]:span[1]])]


def _is_a_name(name: str) -> bool:
    words = name.split()
    if words[0].lower() in _NOT_A_NAME or words[-1].lower() in _NOT_A_NAME:
        return False
    return not (len(name) > 1 and name.replace("-", "").isupper())  # an acronym ("AIT") names a group


@lru_cache(maxsize=1)
def _unit_type_pattern() -> re.Pattern:
    words = sorted(cue_words()["unit_type_countries"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE) if words \
        else re.compile(r"(?!)")


def unit_type_countries(text: str) -> list[frozenset[str]]:
    """For each unit type word of the text that only some countries use ("LGA", "upazila"), the
    countries that use it."""
    table = cue_words()["unit_type_countries"]
    return [table[match.group(0).lower()] for match in _unit_type_pattern().finditer(text)]
