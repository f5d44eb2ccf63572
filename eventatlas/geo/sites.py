"""Streets, buildings and facilities, placed at the town the text names with them.

GeoNames holds towns, divisions and natural features, not a town's streets and buildings; a news
story names many ("Royal Street", "the City Hall", "Mercy Hospital"). A mature geoparser places
such a site at its town rather than nowhere:

* a name the gazetteer cannot resolve goes to the town named nearest it in its sentence (towns
  before counties; only towns resolved with some confidence, ``TOWN_MIN_SCORE``);
* with no such town, a name whose head word says it is a street or building
  (``data/site_kinds.tsv``) goes to the town the document is about (its focus); other unknown
  names are left to the caller (``geoparse`` puts them at the focus, marked approximate);
* a site's name the gazetteer resolved through a place named inside it moves to the sentence's
  town when that place lies far from it ("Washington Square" in a New York story is not in
  Washington; "Kumasi Central Market" in a Kumasi story stays at Kumasi). A street's inner name
  honours a person or points to a destination (``elsewhere`` in the data file), so a street
  never keeps it then.

An unknown name written just before its town with a comma ("Bustan al-Qasr, Aleppo") is a
quarter of it (GeoNames' PPLX). The Place keeps the site's own name and kind (a GeoNames feature
class and code from ``data/site_kinds.tsv``; none for a name of no known kind), gets the town's
point, country and divisions, no geonameid, a low score and ``placed_at="town"``:
``is_town_point`` tells it apart from a gazetteer entry's own point and from the document-focus
guess (``is_approximate``). In ACLED's terms such a place has the precision of its town, not of
the street.

A same-paragraph town was tried as a second scope and placed more names wrongly than the focus:
a paragraph names many places, and the odd street or person named like a town among them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eventatlas.geo.gazetteer import Candidate, data_lines
from eventatlas.geo.normalize import normalize
from eventatlas.models import Place

TOWN_POINT_SCORE = 0.02  # the confidence of a Place at the point of the town that holds it
SITE_NEAR_TOWN_KM = 50.0  # a site whose inner place is this close to the text's town is in that place
# a town read with less confidence is too often a street or a person named like one ("Lafayette",
# "Franklin" in a story of New Orleans streets): the document's focus is then the safer town
TOWN_MIN_SCORE = 0.5
_WORD = re.compile(r"[A-Za-z]+")
_QUARTER_GAP = re.compile(r"\s*,\s*")  # what stands between a quarter and its town: "X, Town"


@dataclass(frozen=True)
class SiteKind:
    feature_class: str
    feature_code: str
    named_for_elsewhere: bool = False  # a place named inside the site's name is not where it is


QUARTER = SiteKind("P", "PPLX")  # GeoNames' section of a populated place


@lru_cache(maxsize=1)
def _site_words() -> dict[tuple[str, str], SiteKind]:
    """(word, "head" | "lead") -> the site kind it marks (``data/site_kinds.tsv``)."""
    return {(cols[0], cols[1]): SiteKind(cols[2], cols[3], cols[4:5] == ["elsewhere"])
            for cols in data_lines("site_kinds.tsv")}


def site_kind(name: str) -> SiteKind | None:
    """The kind of site a name's head word (its last word: "Royal Street") or lead word (its
    first: "Rue Royale") says it is, or None."""
    words = _WORD.findall(name.lower())
    if len(words) < 2:  # "Street" alone, or one name word: not a site's name
        return None
    table = _site_words()
    return table.get((words[-1], "head")) or table.get((words[0], "lead"))


def building_word(word: str) -> SiteKind | None:
    """The kind of site a head word ("building", "street", "hospital") marks, or None."""
    return _site_words().get((word, "head"))


def is_town_point(place: Place) -> bool:
    """Whether a Place is a site placed at its town's point (see the module's doc)."""
    return place.placed_at == "town"


@dataclass(frozen=True)
class _Town:
    start: int
    candidate: Candidate
    place: Place  # the town as a Place (its country's name and divisions filled in; its score)


def _is_town(candidate: Candidate | None) -> bool:
    return candidate is not None and (candidate.feature_class == "P" or candidate.feature_code in ("ADM2", "ADM3"))


def place_sites_at_towns(text: str, spans: Sequence[tuple[int, int]], places: list[Place],
                         candidates: Sequence[Candidate | None], towns: Sequence[tuple[int, Candidate, Place]],
                         sentence_of: Callable[[int], int], focus: Place | None = None) -> None:
    """Move the sites among ``places`` (one per span, with the gazetteer candidate it was resolved
    from) to the town the text names with them; ``towns``: (offset, candidate, Place with its
    resolution score) of the document's resolved names; ``focus``: the town the document is
    about, where a street or building with no town in its sentence goes."""
    found = [_Town(start, c, p) for start, c, p in towns if _is_town(c) and (p.score or 0.0) >= TOWN_MIN_SCORE]
    for (start, end), place, candidate in zip(spans, places, candidates):
        name = text[start:end]
        kind = site_kind(name)
        if not _wants_town(name, place, candidate, kind):
            continue
        town = _town_in_sentence(start, found, sentence_of)
        if candidate is not None:  # a site read through an inner place: moved only to a town far from it
            if town is not None and _inner_place_is_elsewhere(place, kind, town.place):
                _put_at_town(place, name, town.place, kind)
        elif town is not None or (kind is not None and focus is not None):
            if kind is None and town is not None and _QUARTER_GAP.fullmatch(text[end : town.start]):
                kind = QUARTER  # "Bustan al-Qasr, Aleppo": a written hierarchy, a quarter of the town
            _put_at_town(place, name, town.place if town else focus, kind)


def _wants_town(name: str, place: Place, candidate: Candidate | None, kind: SiteKind | None) -> bool:
    """A name the gazetteer could not resolve, or a site's name it resolved through a place
    named inside it (the candidate's name is not the whole name)."""
    if candidate is None:
        return place.latitude is None
    return kind is not None and normalize(candidate.name) != normalize(name)


def _inner_place_is_elsewhere(place: Place, kind: SiteKind | None, town: Place) -> bool:
    from eventatlas.geo.resolve import haversine_km

    if kind is not None and kind.named_for_elsewhere:
        return True  # "Kabul Road" runs towards Kabul
    return haversine_km(place.latitude, place.longitude, town.latitude, town.longitude) > SITE_NEAR_TOWN_KM


def _town_in_sentence(offset: int, towns: list[_Town], sentence_of) -> _Town | None:
    """The town named nearest the site in its sentence (towns before counties)."""
    sentence = sentence_of(offset)
    in_sentence = [town for town in towns if sentence_of(town.start) == sentence]
    if not in_sentence:
        return None
    return min(in_sentence, key=lambda town: (town.candidate.feature_class != "P", abs(town.start - offset)))


def _put_at_town(place: Place, name: str, town: Place, kind: SiteKind | None) -> None:
    place.name = name  # the site's, not the inner place's it was first read as
    place.latitude, place.longitude = town.latitude, town.longitude
    place.country, place.country_code = town.country, town.country_code
    place.admin1, place.admin2 = town.admin1, town.admin2
    place.feature_class = kind.feature_class if kind else None
    place.feature_code = kind.feature_code if kind else None
    place.geonameid, place.population = None, None
    place.score, place.placed_at = TOWN_POINT_SCORE, "town"
