"""Resolve toponym mentions to gazetteer entries, using the whole document as context.

Each candidate of a name gets a score from:

* how the name matched (main name, alternate name/alias, or only the consonant skeleton);
* a prior from population (log scale) and feature type (countries and first-level divisions
  are what a bare famous name usually means);
* the cue words around the mention ("X province", "the city of X", "X, Country");
* document context: how much of the other mentions' probability lies in the candidate's
  country, its neighbours and its first-level division; whether another mention may name its
  county or state (a town and its county support each other); the source's country when known;
  closeness to the other confidently resolved places; how many of the other names have any
  reading, however small, in a town's first-level division (a cluster of small namesakes in one
  state is evidence that the population-weighted context misses).

Scoring runs once without context, to estimate what the other mentions mean, then a few rounds
with that context. The same name in one document resolves the same way (one sense per
discourse). A division named like a big town inside it (Kabul province, Los Angeles County)
yields to the town unless a cue says "province"/"county". A name the gazetteer lacks may still
resolve to a place named inside it ("Manila Cathedral" -> Manila) when that place fits the rest
of the document. A town read more than 1,000 km from every other place of a document clearly
about one country yields to a reading in that country, or stays unresolved when its match is
weak (no event lies that far from the places its report names; small namesakes outside that
country do not vouch for each other). A name written with its
containers ("X (District, Province)", "X, Province") keeps only its readings inside them when it
has one there; in "X (X)" the container is the province. A small town or an administrative unit
in a country the rest of the document hardly names, while it names others (a force called by
its country counts), stays unresolved. Each written level narrows the one after it ("X (Town,
Province)": X near the town); a quarter written with its city ("X, Bogota") is not a namesake
town elsewhere; a village far from every division its sentence names, or a small place outside
the countries (and neighbours) of the rebel groups a report names, is a namesake; so is a small
town read inside a site's or feature's name ("Knox Park", "Canaan Valley") far from every place
the rest of the document names. A name counts as context by its likely reading, not the sum of
its many namesakes, and the items of a list ("Ohio, Texas and Washington") lean to one kind of
place. When a learned ranker is shipped
(``ranker.py``, ``eventatlas gazetteer train-ranker``), it re-ranks each name's candidates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from eventatlas.geo.cues import Cues, cue_words, suffix_feature, without_possessive
from eventatlas.geo.demonyms import demonym_country, demonym_division
from eventatlas.geo.gazetteer import Candidate, Gazetteer
from eventatlas.geo.hierarchy import AREAL_WORDS
from eventatlas.geo.normalize import normalize, without_compass_part
from eventatlas.geo.ranker import CandidateFacts, Ranker, load_ranker
from eventatlas.geo.ranker import features as ranker_features
from eventatlas.reference import countries, place_kind

# compass parts that name the pieces of a split division ("X del Norte", "X del Sur")
SPLIT_PARTS = ("del Norte", "del Sur", "Norte", "Sur", "North", "South", "Oriental", "Occidental")

# Weights of the score terms (log-linear; hand-set on general grounds, checked on the dev corpora)
W_POPULATION = 0.45  # per decade of population
W_ALTERNATE = -1.0
W_FUZZY = -1.5
KIND_PRIOR = {"country": 3.0, "continent": 3.0, "admin1": 1.2, "admin2": -0.3, "place": 0.0, "feature": 1.0}
NAMED_FOR_TOWN_SHARE = 0.2  # a town this share of its division's population may own their shared name
NAMED_AFTER_TOWN_SHARE = 0.05  # ...or this share when the division's name holds the town's ("Regierungsbezirk Köln")
NAMED_FOR_TOWN_BY_ALIAS_SHARE = 0.25  # ...when the town has the name only as an alias ("New York" City)
W_NAMED_FOR_ITS_CITY = -2.5  # a division sharing its name with a town inside it: the bare name means the town
W_CUE_MATCH = 2.5
W_CUE_MISMATCH = -1.5
W_CONTAINER_MATCH = 5.0
W_CONTAINER_MISMATCH = -3.0
W_CONTEXT_COUNTRY = 3.0
W_CONTEXT_ADMIN1 = 3.0
W_CONTEXT_NEAR = 1.0
W_CONTEXT_NEIGHBOUR = 1.0  # share of the other mentions in neighbouring countries
EMBEDDED_MIN_SHARE = 0.3
REMOTE_MAX_POPULATION = 50_000
REMOTE_MAX_SHARE = 0.05
REMOTE_EXACT_MAX_POPULATION = 20_000
CITY_CONTAINER_POPULATION = 100_000  # a city this size may be named as the container of a quarter or suburb
CITY_RADIUS_KM = 40.0
LEVEL_TOWN_KM = 120.0  # "X (Town, District, Province)": a level known by a point (a district's seat or centre) holds X within this
UNIT_DIVISION_KM = 100.0  # a boundary-layer unit (its division only its nearest town's) counts inside a division this close
CITY_OVER_LEVELS = 100_000  # a city this size keeps its reading when its written levels fit no candidate  # the same for a town's own name: only hamlets and small towns
W_HIERARCHY = 2.0  # a town and its county both named in the document
W_HIERARCHY_STATE = 1.0  # a town or county whose first-level division another mention may name
W_SOURCE_COUNTRY = 1.0
W_HINT_COUNTRY = 3.0
W_CAPITAL = 2.5  # "the capital X" and X is a national capital
W_NATIONAL_CAPITAL = 2.0  # national capitals are named far more often than their namesakes
CONTEXT_ROUNDS = 3
CONTEXT_SHARPNESS = 2.0  # a name's probabilities, raised to this power, are its weight as context
METROPOLIS = 1_000_000  # a city this size is named from anywhere: weak evidence of the state a text is about
METROPOLIS_ADMIN1_WEIGHT = 0.25
METROPOLIS_COUNTRY_WEIGHT = 0.5  # ...and of the country (a story about Oxford may name Ottawa)
W_LIST_KIND = 1.0  # per share of the other items of a list that are places of the candidate's kind
W_SENTENCE_NEAR = 1.5  # a town close to (or inside) a place named in the same sentence
W_NAMES_IN_ADMIN1 = 1.0  # per share of the other names with some reading in a town's first-level division
SPREAD_POWER = 0.5  # a name with readings in k divisions gives each 1/k**this of a name's support
MIN_SUPPORT = 1.0  # ...and a division needs at least one whole name's worth ("Oxford to Ottawa": Ottawa, Ohio is no evidence)
SENTENCE_NEAR_KM = 150.0
SENTENCE_PEER_MIN_PROB = 0.4  # a peer reading this likely already locates the sentence
SENTENCE_DIVISION_MIN_PROB = 0.7  # a division read this surely bounds the small towns of its sentence
DOMINATED_RATIO = 100  # a hamlet whose namesake in the same country is this many times larger...
DOMINATED_CONTEXT = 0.5  # ...gets only this share of the first-level-division context
NEAR_KM = 100.0
ANCHOR_KM = 250.0  # "X, northeast of Y": X within this distance of Y
ANCHOR_MARGIN_KM = 15.0  # "X, 25 km south of Y": within 1.5 times the distance and this margin
W_CONTAINS = 2.5  # "Tacoma, Washington": the reading of "Washington" that contains a Tacoma
W_ARTICLE_FEATURE = 1.5  # "the Atlantic": a sea, range or region rather than a town of that name
W_ACRONYM_SMALL_PLACE = -2.0  # "SA", "WA": an all-capitals abbreviation is rarely a small town
ACRONYM_MAX_LETTERS = 3
ACRONYM_SMALL_POPULATION = 100_000
FAR_KM = 1000.0  # a town this far from every other place of the document is suspect
FAR_KEEP_POPULATION = 1_000_000
FOCUS_MIN_SHARE = 0.6  # share of the other names' probability that makes a country the document's focus
FOCUS_ELSEWHERE_SHARE = 0.5  # share of the other names' probability outside a small place's country that makes it remote
FOCUS_PART_MIN_SHARE = 0.2  # ...counting only countries with this share each
NAMED_SURELY_MIN_PROB = 0.7  # a name read this surely (by its own spelling) names its country as a focus
PART_NEAR_KM = 250.0  # a town read inside a longer name ("Knox Park") lies this close to the document's places
PART_KEEP_POPULATION = 500_000  # ...unless it is a city this size ("Manila Cathedral", "Delhi High Court")

# how ``Resolver.find`` read a name: the name itself, a town inside a site's name, inside another name
FULL_NAME, SITE, INSIDE = "", "site", "inside"
NATURAL_TYPES = ("T", "H", "L", "V", "S", "R")  # a type word of these feature classes: "X Valley", "X River"


@dataclass
class ToponymQuery:
    """What the resolver needs about one mention."""

    text: str
    cues: Cues = field(default_factory=Cues)
    country_hint: str | None = None  # a demonym next to the name ("the Afghan capital X")
    sentence: int = -1  # which sentence the mention is in (-1: unknown)
    coordinated: int = -1  # the coordinated list ("Ohio, Texas and Washington") it is an item of (-1: none)


@dataclass
class Resolution:
    candidate: Candidate | None
    score: float = 0.0  # probability of the chosen candidate among this name's candidates
    ambiguity: int = 0  # number of candidates considered


def kind_of(candidate: Candidate) -> str:
    return place_kind(candidate.feature_code, candidate.feature_class)


def _cue_fits(cue: str, candidate: Candidate) -> bool:
    kind = kind_of(candidate)
    if cue == "ADM1":
        return kind in ("admin1", "country")
    if cue == "ADM2":
        return kind in ("admin2", "admin1")
    if cue == "P":
        return kind == "place"
    if cue in ("T", "H", "L"):
        return kind == "feature" and candidate.feature_class in (cue, "L", "T")
    return True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _neighbours() -> dict[str, set[str]]:
    """Land neighbours of each country."""
    return {c.code: set(c.neighbours) for c in countries()}


def _continents() -> dict[str, str]:
    """The continent of each country (GeoNames codes)."""
    return {c.code: c.continent for c in countries()}


class Resolver:
    def __init__(self, gazetteer: Gazetteer | None = None, ranker: Ranker | None | bool = True):
        self.gazetteer = gazetteer or Gazetteer.default()
        self.neighbours = _neighbours()
        self.continents = _continents()
        # True: the shipped learned ranker when there is one; None/False: the hand score alone
        self.ranker = load_ranker() if ranker is True else (ranker or None)

    # -- candidates -------------------------------------------------------------------------
    def candidates(self, text: str) -> list[Candidate]:
        """Candidates for the words of a mention (see ``find``)."""
        return self.find(text)[0]

    def find(self, text: str) -> tuple[list[Candidate], bool]:
        """Candidates for the words of a mention, trying simpler forms when the full one fails:
        without a trailing type word ("X province"), without a possessive, title-cased, then the
        consonant skeleton, then a place named inside the words. The flag says the last."""
        found, how = self.find_reading(text)
        return found, how == INSIDE

    def find_reading(self, text: str) -> tuple[list[Candidate], str]:
        """``find``'s candidates, and how they were read: FULL_NAME (the words name the place),
        SITE (a town in a site's or a feature's name: "Kumasi Central Market", "Canaan Valley"),
        INSIDE (a place inside any other longer name the gazetteer lacks)."""
        gaz = self.gazetteer
        forms = [text]
        stripped = without_possessive(text.strip()).strip()
        forms.append(stripped)
        base, typed = suffix_feature(stripped)
        forms.append(base)
        words = base.split()
        if len(words) > 1 and words[-1].lower() in AREAL_WORDS:
            forms.append(" ".join(words[:-1]))  # "the Kaura Namoda area": the town's surroundings
        forms.append(without_compass_part(base))
        forms.append(_ARABIC_ARTICLE.sub("", base))  # "Ar Ramadi": GeoNames may spell it "Ar Ramādī", "Ramadi"
        if stripped.isupper() and len(stripped) > 3:
            forms.append(stripped.title())
        division = demonym_division(stripped)
        if division:  # "English" names England, "Welsh" Wales
            found = [c for c in gaz.lookup(division[1], fuzzy=False) if kind_of(c) == "admin1" and c.country_code == division[0]]
            if found:
                return found[:1], FULL_NAME
        code = demonym_country(stripped)
        if code == "":  # "Arab", "Kurdish": a people of no single country is no town named like it
            return [], FULL_NAME
        if code:  # "Egyptians" names Egypt, "European" Europe (as context or metonymy)
            if code.startswith("@"):
                found = [c for c in gaz.lookup(code[1:], fuzzy=False) if c.feature_code == "CONT"]
                if found:
                    return found[:1], FULL_NAME
            country = gaz.country(code)
            if country is not None:
                return [country], FULL_NAME
        seen = set()
        for fuzzy in (False, True):
            for form in forms:
                if (form, fuzzy) in seen:
                    continue
                seen.add((form, fuzzy))
                found = gaz.lookup(form, fuzzy=fuzzy)
                if found:
                    # "Canaan Valley" read as the town of Canaan: the valley is only named after it
                    feature_of_town = typed in NATURAL_TYPES and form != stripped and form == base
                    return found, SITE if feature_of_town else FULL_NAME
        found = self.split_division(base)
        if found:
            return found, FULL_NAME
        found, rest = self._embedded(base)
        if found and kind_of(found[0]) == "place" and _names_a_site(rest):
            # "Kaduna Central Market", "the University of Tamale": a site in the town, as sure as
            # the town's own name (a state's or country's university stays context-backed)
            towns = [c for c in found if kind_of(c) == "place"]
            return [replace(c, fuzzy=False, alternate=True) for c in towns], SITE
        found = found or self.named_for_a_country(base)
        return found, INSIDE if found else FULL_NAME

    def split_division(self, text: str) -> list[Candidate]:
        """A province known by its old name after a split ("Maguindanao" for "Maguindanao del
        Norte" and "del Sur"): the divisions named after it with a compass part, as alternates."""
        if not text[:1].isupper():
            return []
        found: list[Candidate] = []
        for part in SPLIT_PARTS:
            found.extend(c for c in self.gazetteer.lookup(f"{text} {part}", fuzzy=False)
                         if kind_of(c) in ("admin1", "admin2") and not c.alternate)
        return [replace(c, alternate=True) for c in sorted(found, key=lambda c: -c.population)]

    def named_for_a_country(self, text: str) -> list[Candidate]:
        """"Mexican Senate", "European Commission", "US Federal Reserve": an organisation named
        after its country or continent by an adjective or abbreviation in front."""
        words = text.split()
        if len(words) < 2:
            return []
        code = demonym_country(words[0])
        if code and code.startswith("@"):
            return [replace(c, fuzzy=True) for c in self.gazetteer.lookup(code[1:], fuzzy=False) if c.feature_code == "CONT"][:1]
        if code:
            country = self.gazetteer.country(code)
            return [replace(country, fuzzy=True)] if country is not None else []
        if words[0].isupper():
            return [replace(c, fuzzy=True) for c in self.gazetteer.lookup(words[0], fuzzy=False) if kind_of(c) == "country"][:1]
        return []

    def embedded_candidates(self, text: str) -> list[Candidate]:
        """For a name the gazetteer lacks, the place it is part of or named after: "South Los
        Angeles" -> Los Angeles, "Manila Cathedral" -> Manila, "Colorado State University" ->
        Colorado (longest run of words that is a place's main name)."""
        return self._embedded(text)[0]

    def _embedded(self, text: str) -> tuple[list[Candidate], list[str]]:
        """(the candidates ``embedded_candidates`` finds, the name's other words)."""
        words = text.split()
        if len(words) < 2:
            return [], []
        generic = set(cue_words()["generic_heads"])
        for size in range(len(words) - 1, 0, -1):
            options = []
            for begin in range(len(words) - size + 1):
                chunk = words[begin : begin + size]
                part = " ".join(chunk)
                if (len(part) < 4 and not (part.isupper() and len(part) >= 2)) or not part[:1].isupper() \
                        or all(normalize(w) in generic for w in chunk):
                    continue
                found = [c for c in self.gazetteer.lookup(part, fuzzy=False) if not c.alternate or kind_of(c) in ("country", "admin1")]
                if len(part) < 4:
                    found = [c for c in found if kind_of(c) == "country"]  # "US", "UK"; not any acronym
                if found:
                    options.append((found, words[:begin] + words[begin + size :]))
            if options:
                # "Bank of Mexico": the country or state rather than a hamlet called "Bank"
                best, rest = max(options, key=lambda o: (kind_of(o[0][0]) in ("country", "admin1"), o[0][0].population))
                return [replace(c, fuzzy=True) for c in best], rest
        return [], []

    def container_places(self, cues: Cues, name: str = "") -> list[Candidate]:
        """Countries/divisions named after a comma ("Springfield, Ill."), if any; with a written
        hierarchy ("X (District, Province)"), those of every level."""
        texts = [suffix_feature(level.strip())[0] for level in cues.levels] if cues.levels else list(cues.containers)
        found: list[Candidate] = []
        for text in texts:
            candidates = self.gazetteer.lookup(text, fuzzy=False) or self.gazetteer.lookup(without_compass_part(text), fuzzy=False)
            divisions = [c for c in candidates if kind_of(c) in ("country", "admin1", "admin2")]
            if cues.levels and normalize(text) == normalize(suffix_feature(name.strip())[0]):
                # "X (X)": a town written with the province named like it; the province comes
                # first (a namesake district or town elsewhere is no container of it)
                divisions = [c for c in divisions if kind_of(c) in ("country", "admin1") and not c.alternate] or divisions
            # "San Cristobal, Bogota", "X (City of Johannesburg, Gauteng)": a city holds its quarters
            cities = [c for c in candidates if kind_of(c) == "place" and c.population >= CITY_CONTAINER_POPULATION and not c.alternate]
            found.extend(divisions or cities)
            if found and not cues.levels:
                break  # alternatives of one text after a comma, longest first
        return found

    def near_anchor(self, found: list[Candidate], anchor: str, distance_km: float | None = None) -> list[Candidate]:
        """"X, 20 km northeast of Y": only the readings of X near a reading of Y (none when the
        gazetteer has no X there: better unresolved than a namesake in another country); with a
        written distance, near that distance (half as far again, and a margin for a division's centre)."""
        anchors = [c for c in self.gazetteer.lookup(anchor, fuzzy=False) if c.population >= 1000 or kind_of(c) != "place"][:10]
        if not anchors:
            return found
        reach = min(ANCHOR_KM, 1.5 * distance_km + ANCHOR_MARGIN_KM) if distance_km else ANCHOR_KM
        near = [
            c for c in found
            if any(haversine_km(c.latitude, c.longitude, a.latitude, a.longitude) <= reach for a in anchors)
        ]
        if distance_km and not near:
            # a written distance far off every reading: keep the readings the plain reach keeps
            return self.near_anchor(found, anchor)
        return near

    # -- scoring ----------------------------------------------------------------------------
    def _named_for_its_town(self, division: Candidate, found: list[Candidate], query: ToponymQuery,
                            inner: list[Candidate]) -> bool:
        """A division named like a big town inside it (Kabul province, Los Angeles County, New
        York and New York City): the bare name means the town, unless a cue word says
        "province"/"county" or the name follows a town it contains ("Albany, New York"; a name
        the gazetteer lacks, "Tin Can Island, Lagos", may as well be a quarter of the city)."""
        kind = kind_of(division)
        if kind not in ("admin1", "admin2") or query.cues.feature in ("ADM1", "ADM2") \
                or (query.cues.contained and self.contains_named(division, inner)):
            return False
        said = normalize(suffix_feature(query.text.strip())[0])
        for town in found:
            if kind_of(town) != "place":
                continue
            named_after = _named_after(division, town)
            share = NAMED_AFTER_TOWN_SHARE if named_after else NAMED_FOR_TOWN_SHARE
            if town.population < share * division.population:
                continue
            if town.alternate and not named_after and (not normalize(town.name).startswith(said + " ")
                                   or town.population < NAMED_FOR_TOWN_BY_ALIAS_SHARE * division.population):
                continue  # "New York" for New York City, not "Oklahoma" for Oklahoma City
            if kind == "admin1" and town.admin1_index == division.index:
                return True
            if kind == "admin2" and town.admin1_index == division.admin1_index and town.admin2 == division.name:
                return True
        return False

    def _prior(self, candidate: Candidate, query: ToponymQuery, containers: list[Candidate]) -> float:
        kind = kind_of(candidate)
        score = W_POPULATION * math.log10(candidate.population + 10) + KIND_PRIOR[kind]
        if candidate.fuzzy:
            score += W_FUZZY
        elif candidate.alternate:
            score += W_ALTERNATE
        if candidate.feature_code == "PPLC":
            score += W_NATIONAL_CAPITAL
        cues = query.cues
        if cues.feature:
            score += W_CUE_MATCH if _cue_fits(cues.feature, candidate) else W_CUE_MISMATCH
        if cues.capital:
            score += W_CAPITAL if candidate.feature_code == "PPLC" else 0.0
        if containers:
            score += W_CONTAINER_MATCH if self._inside(candidate, containers) else W_CONTAINER_MISMATCH
        if query.country_hint:
            score += W_HINT_COUNTRY if candidate.country_code == query.country_hint else 0.0
        if cues.article and kind in ("feature", "continent"):
            score += W_ARTICLE_FEATURE
        if kind == "place" and candidate.population < ACRONYM_SMALL_POPULATION and _is_acronym(query.text):
            score += W_ACRONYM_SMALL_PLACE
        return score

    @staticmethod
    def _inside(candidate: Candidate, containers: list[Candidate]) -> bool:
        return any(
            (kind_of(box) == "place" and candidate.index != box.index and candidate.country_code == box.country_code
             and haversine_km(candidate.latitude, candidate.longitude, box.latitude, box.longitude) <= CITY_RADIUS_KM)
            or (kind_of(box) == "country" and candidate.country_code == box.country_code and candidate.index != box.index)
            or (kind_of(box) == "admin1" and candidate.admin1_index == box.index)
            or (kind_of(box) == "admin1" and _boundary_unit(candidate) and candidate.country_code == box.country_code
                and haversine_km(candidate.latitude, candidate.longitude, box.latitude, box.longitude) <= UNIT_DIVISION_KM)
            or (kind_of(box) == "admin2" and candidate.admin2 == box.admin2 and candidate.country_code == box.country_code and candidate.index != box.index)
            for box in containers
        )

    def contains_named(self, candidate: Candidate, inner: list[Candidate]) -> bool:
        """Whether a division or country contains one of the readings of the name before it."""
        kind = kind_of(candidate)
        if kind == "country":
            return any(c.country_code == candidate.country_code and c.index != candidate.index for c in inner)
        if kind == "admin1":
            return any(c.admin1_index == candidate.index for c in inner)
        if kind == "admin2":
            return any(c.admin1_index == candidate.admin1_index and c.admin2 == candidate.admin2 and c.index != candidate.index
                       and kind_of(c) == "place" for c in inner)
        return False

    @staticmethod
    def _not_credible(chosen: Candidate, group: int, embedded: bool, other_share, country_mass: dict[str, float],
                      supported: frozenset[str] = frozenset()) -> bool:
        """Readings to leave unresolved rather than return:

        * a small town, district or commune in a country the rest of the document hardly
          mentions while it is clearly about another one;
        * a place found inside a longer unknown name ("Carnegie" in "Carnegie Library") outside
          the country the rest of the document is about."""
        small = REMOTE_MAX_POPULATION if (chosen.alternate or chosen.fuzzy) else REMOTE_EXACT_MAX_POPULATION
        if kind_of(chosen) == "place" and chosen.population < small and chosen.fuzzy \
                and other_share(chosen.country_code, group) < REMOTE_MAX_SHARE:
            return True  # a small town matched only by its consonants, that nothing else in the text supports
        if kind_of(chosen) in ("place", "admin2") and chosen.population < small:
            # a small town, or a district or commune (whose population is often unknown: 0), far
            # from the document's focus needs evidence of its own
            # (the rest may lie in two countries: a border clash names both sides' forces; mass
            # spread thin over many countries, as a vague name's readings are, is no focus)
            shares = [other_share(cc, group) for cc in country_mass if cc and cc != chosen.country_code]
            elsewhere = sum(share for share in shares if share >= FOCUS_PART_MIN_SHARE)
            if other_share(chosen.country_code, group) < REMOTE_MAX_SHARE and elsewhere >= FOCUS_ELSEWHERE_SHARE:
                return True
            # a division known by its name alone (no population: a boundary unit) is the weakest
            # reading there is: it needs a place of its country read with confidence, not the
            # faint share that other names' own namesakes give it ("Al-Rawda" in Taiz is no Syrian
            # unit because a hospital's name has a Syrian namesake too)
            faint = other_share(chosen.country_code, group) < FOCUS_PART_MIN_SHARE or chosen.country_code not in supported
            if kind_of(chosen) == "admin2" and not chosen.population and faint and elsewhere >= FOCUS_ELSEWHERE_SHARE:
                return True
        if embedded and (kind_of(chosen) in ("country", "continent", "admin1") or chosen.population >= FAR_KEEP_POPULATION):
            return False  # "Bank of Mexico", "University of Alberta", "Dubai World Trade Centre": that place itself
        return embedded and other_share(chosen.country_code, group) < EMBEDDED_MIN_SHARE

    @staticmethod
    def _within_reach(found: list[Candidate], scores: list[float], best: int, group: int, name: str,
                      context: _Context) -> int | None:
        """A town read more than FAR_KM from every other confident place of a document clearly
        about one country is a namesake (no event lies 1,000 km from the places its report names):
        take the best reading in that country, or leave a weak match (alternate name, skeleton, a
        small town) unresolved. Countries, first-level divisions and big cities keep their reading.
        Demonyms alone never make the focus here: foreign forces are often named ("Russian forces"
        in a Syrian town)."""
        chosen = found[best]
        if kind_of(chosen) not in ("place", "admin2") or chosen.population >= FAR_KEEP_POPULATION:
            return best
        # only places read by their spelling (not by a consonant skeleton) anchor the focus
        others = [c for g, c in context.confident.items() if g != group and c.country_code and not c.fuzzy]
        focus = context.focus_country(name)
        if focus is None or chosen.country_code == focus or not any(c.country_code == focus for c in others):
            return best
        # a place near it vouches for it, unless that place is itself a small namesake outside the
        # focus ("Rockingham" and "Yorkshire" read as two small US towns in a story about England)
        vouching = [c for c in others if c.country_code == focus or not _small_local(c)]
        if any(haversine_km(chosen.latitude, chosen.longitude, c.latitude, c.longitude) <= FAR_KM for c in vouching):
            return best
        in_focus = [j for j, c in enumerate(found) if c.country_code == focus]
        if in_focus:
            return max(in_focus, key=scores.__getitem__)
        # a national capital ("Saipan") is what its name means when the focus has no namesake
        weak = chosen.alternate or chosen.fuzzy or (chosen.population < REMOTE_MAX_POPULATION and chosen.feature_code != "PPLC")
        return None if weak else best

    def _on_focus_continent(self, found: list[Candidate], scores: list[float], best: int, group: int, name: str,
                            context: _Context, other_share, named: set[str]) -> int | None:
        """A town matched only by an alternate name or its consonants, on another continent than
        the country the other names of the document are about (``focus_country``), with no
        other name in its own country, is a namesake of chance ("near X" in a story about Mali
        read as a German city through one of its many alternate spellings): take the best
        reading in the focus, or leave it unresolved. The focus must be ``named``: the country of
        another name read surely by its own spelling (a demonym alone is no focus: "Russian forces"
        in a Syrian town; nor is a name read only through a part of it). (``_within_reach`` needs
        a confident town in the focus; a document naming only its country has none.)"""
        chosen = found[best]
        if not (chosen.alternate or chosen.fuzzy) or kind_of(chosen) not in ("place", "admin2") \
                or (chosen.population >= FAR_KEEP_POPULATION and not chosen.fuzzy):
            return best  # (a big city matched only by its consonants is no surer: "Phubala" is not Puebla)
        focus = context.focus_country(name)
        if focus is None or focus not in named or chosen.country_code == focus \
                or other_share(chosen.country_code, group) >= REMOTE_MAX_SHARE:
            return best
        if self.continents.get(chosen.country_code) == self.continents.get(focus):
            return best
        in_focus = [j for j, c in enumerate(found) if c.country_code == focus]
        return max(in_focus, key=scores.__getitem__) if in_focus else None

    @staticmethod
    def _near_its_sentence(found: list[Candidate], scores: list[float], best: int, group: int, groups: _Groups,
                           context: _Context) -> int | None:
        """A village or neighbourhood read more than FAR_KM from every division its own sentence
        names ("at the X neighborhood" in a sentence about one province) is a namesake: take its
        best reading near them, or leave a weak match unresolved. (A town may be named with a
        distant state: "victims from Montana had Laurel ties"; a village is local.)"""
        chosen = found[best]
        if kind_of(chosen) not in ("place", "admin2") or chosen.population >= FAR_KEEP_POPULATION or groups.inside[group][best]:
            return best
        divisions = []
        for g in {g for sentence in groups.group_sentences[group] for g in groups.sentence_groups[sentence]} - {group}:
            probs = context.probs[g]
            j = max(range(len(probs)), key=probs.__getitem__) if probs else None
            if j is not None and probs[j] >= SENTENCE_DIVISION_MIN_PROB and kind_of(groups.candidates[g][j]) in ("admin1", "admin2"):
                divisions.append(groups.candidates[g][j])
        if not divisions or any(_rough_km(chosen, d) <= FAR_KM for d in divisions):
            return best
        near = [j for j, c in enumerate(found) if any(_rough_km(c, d) <= FAR_KM for d in divisions)]
        if near:
            return max(near, key=scores.__getitem__)
        weak = chosen.alternate or chosen.fuzzy or chosen.population < REMOTE_MAX_POPULATION
        return None if weak else best

    @staticmethod
    def _outside_stated_region(chosen: Candidate, query: ToponymQuery, group: int, group_sentences, sentence_groups,
                               confident: dict[int, Candidate], group_keys) -> bool:
        """"In Russia's Belgorod region, ... the village of X": a village the sentence places in a
        region, whose only readings lie elsewhere, is a namesake; better unresolved (the event
        then falls back to the region) than a village of that name across the country."""
        if kind_of(chosen) != "place" or not query.cues.village:
            return False
        regions = [confident[g] for sentence in group_sentences[group] for g in sentence_groups[sentence]
                   if g != group and g in confident and group_keys[g][1] == "ADM1" and kind_of(confident[g]) == "admin1"]
        return bool(regions) and not any(_close_or_inside(chosen, region) for region in regions)

    @staticmethod
    def _hierarchy_support(candidates: list[list[Candidate]], priors: list[list[float]]) -> None:
        """Add to the priors of towns whose county or state another mention may name, and of
        those counties ("Paris" and "Henry County": both in Tennessee), whatever the population."""
        county_groups: dict[tuple[int, str], set[int]] = {}
        town_groups: dict[tuple[int, str], set[int]] = {}
        for group, found in enumerate(candidates):
            for c in found:
                kind = kind_of(c)
                if kind == "admin2" and c.admin1_index >= 0:
                    county_groups.setdefault((c.admin1_index, normalize(c.name)), set()).add(group)
                elif kind == "place" and c.admin2 and c.admin1_index >= 0:
                    town_groups.setdefault((c.admin1_index, normalize(c.admin2)), set()).add(group)
        state_groups: dict[int, set[int]] = {}
        for group, found in enumerate(candidates):
            for c in found:
                if kind_of(c) == "admin1":
                    state_groups.setdefault(c.index, set()).add(group)
        if state_groups:
            for group, found in enumerate(candidates):
                for j, c in enumerate(found):
                    if kind_of(c) in ("place", "admin2") and state_groups.get(c.admin1_index, set()) - {group}:
                        priors[group][j] += W_HIERARCHY_STATE
        if county_groups and town_groups:
            for group, found in enumerate(candidates):
                for j, c in enumerate(found):
                    kind = kind_of(c)
                    if kind == "admin2":
                        support = town_groups.get((c.admin1_index, normalize(c.name)), set())
                    elif kind == "place" and c.admin2:
                        support = county_groups.get((c.admin1_index, normalize(c.admin2)), set())
                    else:
                        continue
                    if support - {group}:
                        priors[group][j] += W_HIERARCHY

    def resolve(self, queries: Sequence[ToponymQuery], source_country: str | None = None,
                explain: list | None = None, home_countries: frozenset[str] = frozenset()) -> list[Resolution]:
        """Resolve every mention of a document together: gather each name's candidates and
        priors, let the other mentions' readings act as context for a few rounds, then keep
        each name's best reading (re-ranked by the learned ranker when there is one) unless it
        is not credible. ``explain``, when given, receives (mention indices, candidates,
        ranker feature vectors) per name, to train the ranker. ``home_countries``: those of the
        rebel groups and militias the document names (``actors.home_countries``)."""
        groups = self._gather(queries, source_country)
        self._hierarchy_support(groups.candidates, groups.priors)
        _coherence_support(groups)
        groups.describe(queries)
        context = self._context_rounds(groups)
        return self._readings(queries, groups, context, explain, self._home_region(home_countries))

    def _home_region(self, home: frozenset[str]) -> frozenset[str]:
        """The actors' countries and their neighbours: where the groups a report names fight."""
        return frozenset(home).union(*(self.neighbours.get(cc, set()) for cc in home))

    # -- the steps of resolve ----------------------------------------------------------------
    def _gather(self, queries: Sequence[ToponymQuery], source_country: str | None) -> _Groups:
        """Mentions grouped by name and cues (a name means one thing per document), with each
        group's candidates and their priors."""
        members: dict[tuple, list[int]] = {}
        # a name written once with its country ("Lebanon's Tripoli", "Tripoli in northern
        # Lebanon") is that place wherever else the document names it bare
        pinned = {normalize(q.text): _group_key(q) for q in reversed(queries) if q.cues.within and q.cues.containers}
        for i, query in enumerate(queries):
            # a name with its written levels ("Formosa (Formosa)") is not read like the bare level
            key = _group_key(query)
            if _bare(query) and normalize(query.text) in pinned:
                key = pinned[normalize(query.text)]
            members.setdefault(key, []).append(i)
        for key, indices in members.items():
            # the group reads its candidates with the cues of its first member: the written one
            indices.sort(key=lambda i: not (queries[i].cues.within and queries[i].cues.containers))
        groups = _Groups(keys=list(members), members=members)
        for key in groups.keys:
            query = queries[members[key][0]]
            found, how = self.find_reading(query.text)
            if how == INSIDE:
                groups.embedded.add(len(groups.candidates))
            if how:
                groups.partial.add(len(groups.candidates))
            found, containers = self._constrained(found, query)
            inner = self.gazetteer.lookup(query.cues.contained, fuzzy=False) if query.cues.contained and found else []
            groups.candidates.append(found)
            groups.inside.append([self._inside(c, containers) if containers else None for c in found])
            groups.containers.append(containers)
            yields = [self._named_for_its_town(c, found, query, inner) for c in found]
            groups.yields.append(yields)
            groups.priors.append([
                (W_NAMED_FOR_ITS_CITY if yielding else 0.0)
                + self._prior(c, query, containers)
                + (W_SOURCE_COUNTRY if source_country and c.country_code == source_country else 0.0)
                + (W_CONTAINS if inner and self.contains_named(c, inner) else 0.0)
                for c, yielding in zip(found, yields)
            ])
        return groups

    def _constrained(self, found: list[Candidate], query: ToponymQuery) -> tuple[list[Candidate], list[Candidate]]:
        """(candidates left by the written containers and anchors, the containers found)."""
        containers = self.container_places(query.cues, query.text) if (query.cues.containers or query.cues.levels) and found else []
        # a container written with its type word ("Kadugli district, Kordofan state") is as clear as "in"
        typed = any(suffix_feature(text)[1] in ("ADM1", "ADM2") for text in query.cues.containers[:1])
        if (query.cues.within or typed) and containers and not any(self._inside(c, containers) for c in found):
            # "El Plateado in Cauca department" and no El Plateado there: a namesake in another
            # country is wrong; unresolved, the event falls back to the department. A city keeps
            # its reading when no level is typed as a division ("Panama City (Bella Vista)": a
            # level may be a quarter of it).
            untyped = query.cues.levels and not any(suffix_feature(level)[1] for level in query.cues.levels)
            found = [c for c in found if untyped and kind_of(c) == "place" and not c.alternate
                     and c.population >= CITY_OVER_LEVELS]
        elif containers and not query.cues.listed and _named_container(query.cues) \
                and not any(self._inside(c, containers) for c in found) \
                and any((kind_of(box) in ("admin1", "country") or (kind_of(box) == "place" and query.cues.feature not in ("ADM1", "ADM2")))
                        and not box.alternate for box in containers):
            # "Lipky, Kyiv" and no Lipky in Kyiv: a town of that name in another region is a
            # namesake; unresolved, the event falls back to the region. "San Cristobal, Bogota"
            # and no San Cristobal in Bogota: a quarter of the city the gazetteer lacks, not a
            # namesake town elsewhere. A city known far and wide keeps its reading (a list: "Kabul, Herat")
            towns_only = all(kind_of(box) == "place" for box in containers)  # only a quarter lies in a city, no division
            found = [c for c in found if (kind_of(c) not in ("place", "admin2") and not towns_only)
                     or (kind_of(c) == "place" and c.population >= FAR_KEEP_POPULATION and not c.alternate)]
        elif containers and not query.cues.listed and any(self._inside(c, containers) for c in found):
            # "Sido (Kabo, Ouham)": with a reading inside the written container, a town or unit of
            # that name in another province or country is a namesake, however big or near the focus
            found = [c for c in found if kind_of(c) not in ("place", "admin2") or self._inside(c, containers)]
        if query.cues.levels and containers:
            # "Stuttgart (Stuttgart, Baden-Wurttemberg)": the name lies below its written levels;
            # the district named like it is one of those levels, not the place
            named_levels = [box for box in containers if kind_of(box) in ("admin1", "admin2") and any(c.index == box.index for c in found)]
            below = [c for c in found if all(c.index != box.index for box in named_levels)]
            # of the towns below, those in the district named like them, by their own name (a
            # province named like a town may be read in another country: "Tripoli (Tripoli, North)")
            districts = [box for box in named_levels if kind_of(box) == "admin2"]
            inside = [c for c in below if districts and self._inside(c, districts)]
            found = [c for c in inside if not c.alternate] or inside or below or found
        if len(query.cues.levels) > 1 and found:
            found = self._in_most_specific_level(found, query.cues.levels)
        if query.cues.anchor and found:
            found = self.near_anchor(found, query.cues.anchor, query.cues.anchor_km)
        return found, containers

    def _in_most_specific_level(self, found: list[Candidate], levels: tuple[str, ...]) -> list[Candidate]:
        """"Alafiarou (Nikki, Borgou)": each level narrows the one after it. A town or unit of
        the name outside (or far from the seat of) the most specific level the gazetteer knows is
        a namesake elsewhere in the province; unresolved, the event falls back to that level."""
        countries = {c.country_code for c in found}
        for level in levels:
            # a level known only in other countries ("Saku" in Japan) says nothing here
            boxes = [b for b in self._level_boxes(level) if b.country_code in countries]
            if boxes:
                return [c for c in found if kind_of(c) not in ("place", "admin2") or self._in_level(c, boxes)]
        return found

    def _level_boxes(self, level: str) -> list[Candidate]:
        """The divisions and towns (by their own name) a written level may be."""
        text = suffix_feature(level.strip())[0]
        return [c for c in self.gazetteer.lookup(text, fuzzy=False)
                if kind_of(c) in ("admin1", "admin2") or (kind_of(c) == "place" and not c.alternate)]

    def _in_level(self, candidate: Candidate, boxes: list[Candidate]) -> bool:
        """Inside a division the level names, or near a town or district point it names (a
        district's limits are known only by its point; a unit's division only by its nearest town)."""
        if self._inside(candidate, [b for b in boxes if kind_of(b) == "admin1"]):
            return True
        return any(kind_of(b) in ("place", "admin2") and b.country_code == candidate.country_code
                   and (haversine_km(candidate.latitude, candidate.longitude, b.latitude, b.longitude) <= LEVEL_TOWN_KM
                        or (kind_of(b) == "admin2" and self._inside(candidate, [b])))
                   for b in boxes)

    def _context_rounds(self, groups: _Groups) -> _Context:
        """Pass 1 scores without context; then, a few times, the other mentions' current
        probabilities become context (a cluster of consistent readings reinforces itself)."""
        context = _Context(scores=groups.priors, probs=[_softmax(p) for p in groups.priors])
        for _ in range(CONTEXT_ROUNDS):
            context = self._context_round(groups, context.probs)
        return context

    def _context_round(self, groups: _Groups, probs: list[list[float]]) -> _Context:
        context = _Context(scores=[], probs=[], probs_before=probs)
        context.add_masses(groups, [_sharpen(p) for p in probs])
        neighbour_mass: dict[str, float] = {}  # mass in each candidate country's neighbours
        for found in groups.candidates:
            for c in found:
                if c.country_code and c.country_code not in neighbour_mass:
                    near = self.neighbours.get(c.country_code, ())
                    neighbour_mass[c.country_code] = sum(context.country_mass.get(n, 0.0) for n in near)
        anchors, confident = _confident_readings(groups, probs)
        context.confident = confident
        for group in range(len(groups.candidates)):
            context.scores.append(self._scores_in_context(groups, context, group, neighbour_mass, anchors, confident))
        context.probs = [_softmax(sc) for sc in context.scores]
        return context

    def _scores_in_context(self, groups: _Groups, context: _Context, group: int, neighbour_mass: dict[str, float],
                           anchors: list[Candidate], confident: dict[int, Candidate]) -> list[float]:
        """Each candidate's prior plus what the other mentions say: its country, its first-level
        division, neighbouring countries, a place of the same sentence close by, a confident town
        nearby."""
        name = groups.keys[group][0]
        others = context.total - context.name_weight.get(name, 0.0)
        if others <= 0:
            return list(groups.priors[group])
        peers = [confident[g] for sentence in groups.group_sentences[group] for g in groups.sentence_groups[sentence]
                 if g != group and g in confident] if groups.town_named[group] else []
        kinds = _list_kinds(groups, context.probs_before, group)
        return [
            self._score_in_context(context, name, others, c, prior, a1, is_local, a1_share, neighbour_mass, anchors, peers)
            + W_LIST_KIND * kinds.get(kind_of(c), 0.0)
            for c, prior, a1, is_local, a1_share in zip(groups.candidates[group], groups.priors[group], groups.admin1_of[group],
                                                         groups.local[group], groups.admin1_context[group])
        ]

    def _score_in_context(self, context: _Context, name: str, others: float, c: Candidate, score: float, a1: int,
                          is_local: bool, a1_share: float, neighbour_mass: dict[str, float], anchors: list[Candidate],
                          peers: list[Candidate]) -> float:
        own_country, own_admin1 = context.name_country[name], context.name_admin1[name]
        share_c = (context.country_mass.get(c.country_code, 0.0) - own_country.get(c.country_code, 0.0)) / (others + 1.0)
        share_a = (context.admin1_mass.get(a1, 0.0) - own_admin1.get(a1, 0.0)) / (others + 1.0) if a1 >= 0 else 0.0
        score += W_CONTEXT_COUNTRY * max(share_c, 0.0) + W_CONTEXT_ADMIN1 * a1_share * max(share_a, 0.0)
        near_mass = neighbour_mass.get(c.country_code)
        if near_mass:
            near = self.neighbours[c.country_code]
            own = sum(p for cc, p in own_country.items() if cc in near)
            score += W_CONTEXT_NEIGHBOUR * min(max((near_mass - own) / (others + 1.0), 0.0), 1.0)
        if is_local and peers and any(_close_or_inside(c, peer) for peer in peers):
            score += W_SENTENCE_NEAR
        if is_local and anchors:
            for a in anchors:
                if a.index != c.index and abs(a.latitude - c.latitude) < 1.0 and abs(a.longitude - c.longitude) < 1.5 \
                        and haversine_km(a.latitude, a.longitude, c.latitude, c.longitude) < NEAR_KM:
                    score += W_CONTEXT_NEAR
                    break
        return score

    def _readings(self, queries: Sequence[ToponymQuery], groups: _Groups, context: _Context,
                  explain: list | None = None, home_region: frozenset[str] = frozenset()) -> list[Resolution]:
        """Each name's best reading, for every mention of it, unless it is not credible."""

        def other_share(cc: str, group: int) -> float:
            """Share of the other mentions' probability in country ``cc``."""
            name = groups.keys[group][0]
            others = context.total - context.name_weight.get(name, 0.0)
            if others <= 0:
                return 0.0
            return (context.country_mass.get(cc, 0.0) - context.name_country[name].get(cc, 0.0)) / (others + 1.0)

        results: list[Resolution] = [Resolution(None) for _ in queries]
        support = _NameSupport(groups) if self.ranker is not None or explain is not None else None
        sure = _countries_named_surely(queries, groups, context)
        for group, key in enumerate(groups.keys):
            found = groups.candidates[group]
            if not found:
                continue
            scores, prob = context.scores[group], context.probs[group]
            best = max(range(len(found)), key=lambda j: scores[j])
            if self.ranker is not None or explain is not None:
                vectors = _ranker_vectors(found, scores, prob, group, key, queries[groups.members[key][0]], groups, context,
                                          support)
                if explain is not None:
                    explain.append((groups.members[key], found, vectors))
                if self.ranker is not None:
                    best = max(range(len(found)), key=lambda j: self.ranker.score(vectors[j]))
            best = self._within_reach(found, scores, best, group, key[0], context)
            if best is not None:
                best = self._on_focus_continent(found, scores, best, group, key[0], context, other_share,
                                                {cc for g, cc in sure.items() if g != group})
            if best is not None and queries[groups.members[key][0]].cues.village:
                best = self._near_its_sentence(found, scores, best, group, groups, context)
            if best is not None and home_region and not groups.inside[group][best]:
                best = _near_its_actors(found, scores, best, home_region, other_share(found[best].country_code, group))
            if best is None:
                continue
            chosen = found[best]
            if group in groups.partial and _part_far_from_document(chosen, group, groups, context, other_share):
                continue
            supported = frozenset(c.country_code for g, c in context.confident.items() if g != group)
            if self._not_credible(chosen, group, group in groups.embedded, other_share, context.country_mass, supported):
                continue
            if self._outside_stated_region(chosen, queries[groups.members[key][0]], group, groups.group_sentences,
                                           groups.sentence_groups, context.confident, groups.keys):
                continue
            chosen = _in_written_division(chosen, groups.containers[group])
            for i in groups.members[key]:
                results[i] = Resolution(chosen, prob[best], len(found))
        return results


@dataclass
class _Groups:
    """The mentions of a document grouped by name, with what scoring needs per candidate."""

    keys: list[tuple]
    members: dict[tuple, list[int]]
    candidates: list[list[Candidate]] = field(default_factory=list)
    priors: list[list[float]] = field(default_factory=list)
    embedded: set[int] = field(default_factory=set)  # groups found inside a longer unknown name
    partial: set[int] = field(default_factory=set)  # ...or inside a site's name ("Carnegie Library")
    inside: list[list[bool | None]] = field(default_factory=list)  # per candidate: inside the written containers
    containers: list[list[Candidate]] = field(default_factory=list)  # per group: the places its written levels name
    yields: list[list[bool]] = field(default_factory=list)  # per candidate: a division that yields its name to its town
    weights: list[int] = field(default_factory=list)
    group_sentences: list[set[int]] = field(default_factory=list)
    sentence_groups: dict[int, set[int]] = field(default_factory=dict)
    list_peers: list[set[int]] = field(default_factory=list)  # per group: the groups listed with it
    admin1_of: list[list[int]] = field(default_factory=list)  # per candidate: its first-level division row
    local: list[list[bool]] = field(default_factory=list)  # per candidate: a town or county
    town_named: list[bool] = field(default_factory=list)
    admin1_context: list[list[float]] = field(default_factory=list)
    admin1_weight: list[list[float]] = field(default_factory=list)

    def describe(self, queries: Sequence[ToponymQuery]) -> None:
        """Derive the per-group and per-candidate facts the context rounds read."""
        self.weights = [min(len(self.members[k]), 3) for k in self.keys]
        self.group_sentences = [{queries[i].sentence for i in self.members[k] if queries[i].sentence >= 0} for k in self.keys]
        list_groups: dict[int, set[int]] = {}
        for group, key in enumerate(self.keys):
            for i in self.members[key]:
                if queries[i].coordinated >= 0:
                    list_groups.setdefault(queries[i].coordinated, set()).add(group)
        self.list_peers = [set() for _ in self.keys]
        for items in list_groups.values():
            for group in items:
                self.list_peers[group] |= items - {group}
        for group, sentences in enumerate(self.group_sentences):
            for sentence in sentences:
                self.sentence_groups.setdefault(sentence, set()).add(group)
        self.admin1_of = [[c.index if kind_of(c) == "admin1" else c.admin1_index for c in found] for found in self.candidates]
        self.local = [[kind_of(c) in ("place", "admin2") for c in found] for found in self.candidates]
        # the sentence's other places only choose among namesake towns: a name that mostly means a
        # state or country ("England and Wales") keeps that reading
        self.town_named = [bool(found) and self.local[g][max(range(len(found)), key=self.priors[g].__getitem__)]
                           for g, found in enumerate(self.candidates)]
        # "Nikopol" in a text about Kharkiv region: the city of 100,000 elsewhere in the country, not
        # the hamlet of 600 in that region (the region's context is not enough to outweigh it)
        self.admin1_context, self.admin1_weight = [], []
        for found in self.candidates:
            top: dict[str, int] = {}
            for c in found:
                if kind_of(c) == "place" and c.population > top.get(c.country_code, 0):
                    top[c.country_code] = c.population
            self.admin1_context.append([DOMINATED_CONTEXT if kind_of(c) == "place" and top.get(c.country_code, 0) >= DOMINATED_RATIO * (c.population + 10)
                                        else 1.0 for c in found])
            self.admin1_weight.append([METROPOLIS_ADMIN1_WEIGHT if kind_of(c) == "place" and c.population >= METROPOLIS else 1.0 for c in found])

    @property
    def total(self) -> float:
        return sum(w for w, found in zip(self.weights, self.candidates) if found)


@dataclass
class _Context:
    """One round's scores and probabilities, and the probability mass the mentions put on each
    country and first-level division (overall and per name)."""

    scores: list[list[float]]
    probs: list[list[float]]
    total: float = 0.0
    country_mass: dict[str, float] = field(default_factory=dict)
    admin1_mass: dict[int, float] = field(default_factory=dict)
    name_country: dict[str, dict[str, float]] = field(default_factory=dict)
    name_admin1: dict[str, dict[int, float]] = field(default_factory=dict)
    name_weight: dict[str, float] = field(default_factory=dict)
    confident: dict[int, Candidate] = field(default_factory=dict)  # group -> its reading, when it is clear
    probs_before: list[list[float]] = field(default_factory=list)  # the previous round's probabilities

    def focus_country(self, name: str) -> str | None:
        """The country holding most (FOCUS_MIN_SHARE) of the other names' probability, if any."""
        shares = self._other_shares(name)
        top = max(shares, key=shares.__getitem__, default=None)
        return top if top is not None and shares[top] >= FOCUS_MIN_SHARE else None

    def _other_shares(self, name: str) -> dict[str, float]:
        own = self.name_country.get(name, {})
        others = self.total - self.name_weight.get(name, 0.0)
        if others <= 0:
            return {}
        return {cc: (mass - own.get(cc, 0.0)) / others for cc, mass in self.country_mass.items()}

    def add_masses(self, groups: _Groups, probs: list[list[float]]) -> None:
        # a name's mentions (whatever their cues) are one piece of evidence: they never count as
        # context for each other ("Dublin" ten times does not make Ireland the context)
        self.total = groups.total
        for group, (found, prob) in enumerate(zip(groups.candidates, probs)):
            by_country: dict[str, float] = {}
            by_admin1: dict[int, float] = {}
            for c, a1, p, aw in zip(found, groups.admin1_of[group], prob, groups.admin1_weight[group]):
                if c.country_code:
                    cw = METROPOLIS_COUNTRY_WEIGHT if aw < 1.0 else 1.0
                    by_country[c.country_code] = by_country.get(c.country_code, 0.0) + p * cw
                if a1 >= 0:
                    by_admin1[a1] = by_admin1.get(a1, 0.0) + p * aw
            name, w = groups.keys[group][0], groups.weights[group]
            if found:
                self.name_weight[name] = self.name_weight.get(name, 0.0) + w
            bucket_c = self.name_country.setdefault(name, {})
            bucket_a = self.name_admin1.setdefault(name, {})
            for cc, p in by_country.items():
                self.country_mass[cc] = self.country_mass.get(cc, 0.0) + w * p
                bucket_c[cc] = bucket_c.get(cc, 0.0) + w * p
            for a1, p in by_admin1.items():
                self.admin1_mass[a1] = self.admin1_mass.get(a1, 0.0) + w * p
                bucket_a[a1] = bucket_a.get(a1, 0.0) + w * p


def _group_key(query: ToponymQuery) -> tuple:
    return (normalize(query.text), query.cues.feature, query.cues.containers[:1], query.country_hint, query.cues.contained,
            query.cues.levels)


def _bare(query: ToponymQuery) -> bool:
    """A mention with no written container, level, anchor or country of its own."""
    cues = query.cues
    return not (cues.containers or cues.levels or cues.anchor or cues.contained or query.country_hint)


def _countries_named_surely(queries: Sequence[ToponymQuery], groups: _Groups, context: _Context) -> dict[int, str]:
    """Each group's country when its name (no demonym) is read surely, by its own spelling."""
    named = {}
    for group, key in enumerate(groups.keys):
        found, probs = groups.candidates[group], context.probs[group]
        if not found or demonym_country(queries[groups.members[key][0]].text.strip()) is not None \
                or group in groups.partial or group in groups.embedded:
            continue
        j = max(range(len(found)), key=probs.__getitem__)
        if probs[j] >= NAMED_SURELY_MIN_PROB and not (found[j].alternate or found[j].fuzzy) and found[j].country_code:
            named[group] = found[j].country_code
    return named


def _confident_readings(groups: _Groups, probs: list[list[float]]) -> tuple[list[Candidate], dict[int, Candidate]]:
    """(towns/counties read with confidence: a candidate near one is more likely; each group's
    reading when it is clear)."""
    anchors: list[Candidate] = []
    confident: dict[int, Candidate] = {}
    for group, (found, prob) in enumerate(zip(groups.candidates, probs)):
        if found:
            j = max(range(len(found)), key=prob.__getitem__)
            if prob[j] > 0.7 and groups.local[group][j]:
                anchors.append(found[j])
            if prob[j] > SENTENCE_PEER_MIN_PROB and kind_of(found[j]) in ("place", "admin1", "admin2"):
                confident[group] = found[j]
    return anchors, confident


def _coherence_support(groups: _Groups) -> None:
    """A town or county in a first-level division where the document's other names could lie,
    whatever their population ("New London" with "Mount Pleasant" and "Winfield": the New London
    of the state that has a Mount Pleasant and a Winfield too): its prior rises with how many of
    the other names have a reading in its division. The probability-weighted context alone misses
    this when every name is a small namesake, each outweighed by a bigger one elsewhere. A name
    with readings in many divisions ("Ottawa") says little for each of them: its support is
    spread over them."""
    named = sum(1 for found in groups.candidates if found)
    if named < 2:
        return
    own: list[dict[int, float]] = []
    evidence: dict[int, float] = {}
    for found in groups.candidates:
        divisions = {c.index if kind_of(c) == "admin1" else c.admin1_index for c in found} - {-1}
        share = {a1: 1.0 / len(divisions) ** SPREAD_POWER for a1 in divisions}
        own.append(share)
        for a1, value in share.items():
            evidence[a1] = evidence.get(a1, 0.0) + value
    weight = W_NAMES_IN_ADMIN1 / (named - 1)
    for group, found in enumerate(groups.candidates):
        for j, c in enumerate(found):
            a1 = c.admin1_index
            if a1 >= 0 and kind_of(c) in ("place", "admin2"):
                support = evidence.get(a1, 0.0) - own[group].get(a1, 0.0)
                if support >= MIN_SUPPORT:
                    groups.priors[group][j] += weight * support


class _NameSupport:
    """Which of a document's names have some reading near a point, in a first-level division, in
    a country: the coherence of one candidate with every reading of the other names, not only
    their likely ones ("Albany" with "Brandon" and "Douglas County": the Albany whose
    surroundings also hold a Brandon and a Douglas County). Points are bucketed in cells of
    ``SUPPORT_CELL_DEGREES`` so that a candidate looks at the nine cells around its own."""

    def __init__(self, groups: _Groups):
        self.cells: dict[tuple[int, int], set[int]] = {}
        self.admin1s: dict[int, set[int]] = {}
        self.countries: dict[str, set[int]] = {}
        self.named = sum(1 for found in groups.candidates if found)
        for group, found in enumerate(groups.candidates):
            for c in found:
                kind = kind_of(c)
                if c.country_code:
                    self.countries.setdefault(c.country_code, set()).add(group)
                admin1 = c.index if kind == "admin1" else c.admin1_index
                if admin1 >= 0:
                    self.admin1s.setdefault(admin1, set()).add(group)
                if kind in ("place", "admin2", "feature"):
                    self.cells.setdefault(_cell(c), set()).add(group)

    def shares(self, c: Candidate, group: int) -> tuple[float, float, float]:
        """(nearby, same first-level division, same country): shares of the other names."""
        others = self.named - 1
        if others <= 0:
            return 0.0, 0.0, 0.0
        near: set[int] = set()
        if self.cells:
            row, col = _cell(c)
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    near |= self.cells.get((row + dr, col + dc), set())
        admin1 = c.index if kind_of(c) == "admin1" else c.admin1_index
        in_admin1 = self.admin1s.get(admin1, set()) if admin1 >= 0 else set()
        in_country = self.countries.get(c.country_code, set())
        return tuple(len(found - {group}) / others for found in (near, in_admin1, in_country))


SUPPORT_CELL_DEGREES = 1.0  # about 110 km: the nine cells around a point reach 100-300 km


def _cell(c: Candidate) -> tuple[int, int]:
    return int(math.floor(c.latitude / SUPPORT_CELL_DEGREES)), int(math.floor(c.longitude / SUPPORT_CELL_DEGREES))


def _ranker_vectors(found: list[Candidate], scores: list[float], prob: list[float], group: int, key: tuple,
                    query: ToponymQuery, groups: _Groups, context: _Context,
                    support: _NameSupport | None = None) -> list[list[float]]:
    """The learned ranker's feature vector of each candidate of a name (see ``ranker``)."""
    support = support or _NameSupport(groups)
    focus = context.focus_country(key[0])
    others = [c for g, c in context.confident.items() if g != group]
    top_score = max(scores)
    top_population = max(c.population for c in found)
    vectors = []
    for j, c in enumerate(found):
        facts = CandidateFacts(
            score=scores[j], top_score=top_score, probability=prob[j], population=c.population, alternate=c.alternate,
            fuzzy=c.fuzzy, feature_class=c.feature_class, feature_code=c.feature_code,
            in_focus=focus is not None and c.country_code == focus, focus_known=focus is not None,
            km_to_others=min((_rough_km(c, o) for o in others if o.index != c.index), default=None),
            cue_fits=_cue_fits(query.cues.feature, c) if query.cues.feature else None,
            yields_to_town=groups.yields[group][j], article_feature=query.cues.article and kind_of(c) == "feature",
            inside_containers=groups.inside[group][j], n_candidates=len(found), most_populous=c.population == top_population,
        )
        facts.names_nearby, facts.names_in_admin1, facts.names_in_country = support.shares(c, group)
        vectors.append(ranker_features(facts))
    return vectors


def _part_far_from_document(chosen: Candidate, group: int, groups: _Groups, context: _Context, other_share) -> bool:
    """"Carnegie Library", "Knox Park", "Pearl Harbor": a town read inside a longer name is only a
    guess at where the site lies; a small one far from every place the rest of the document
    names (read by their own names) is a namesake of the site's name-giver, better unresolved
    (the site then falls back to the document's focus). With no such place, the town's country
    must carry the rest of the document."""
    if kind_of(chosen) not in ("place", "admin2") or chosen.population >= PART_KEEP_POPULATION:
        return False
    others = [c for g, c in context.confident.items() if g != group and g not in groups.partial and c.index != chosen.index]
    local = [c for c in others if kind_of(c) in ("place", "admin2")]
    divisions = [c for c in others if kind_of(c) == "admin1"]
    if local or divisions:
        return not (any(_rough_km(chosen, c) <= PART_NEAR_KM for c in local)
                    or any(chosen.admin1_index == d.index for d in divisions))
    if context.total - groups.weights[group] <= 0:
        return False  # nothing else to judge it by
    return other_share(chosen.country_code, group) < EMBEDDED_MIN_SHARE


def _list_kinds(groups: _Groups, probs: list[list[float]], group: int) -> dict[str, float]:
    """"Ohio, Texas and Washington", "Paris, Lyon and Nice": the items of a list are places of one
    kind; the share of the other items' probability on each kind of place."""
    peers = [g for g in groups.list_peers[group] if groups.candidates[g]]
    shares: dict[str, float] = {}
    for g in peers:
        for c, p in zip(groups.candidates[g], probs[g]):
            shares[kind_of(c)] = shares.get(kind_of(c), 0.0) + p / len(peers)
    return shares


def _near_its_actors(found: list[Candidate], scores: list[float], best: int, home_region: frozenset[str],
                     own_share: float) -> int | None:
    """"ISGS militants executed the imam in X": a small place outside the countries (and their
    neighbours) of the rebel groups and militias a report names, and that no other place of the
    report supports, is a namesake: take its best reading in that region, or none. A city there
    gives way only to a sizeable town of that name in the region."""
    chosen = found[best]
    if kind_of(chosen) not in ("place", "admin2") or chosen.country_code in home_region or own_share >= REMOTE_MAX_SHARE:
        return best
    inside = [j for j, c in enumerate(found) if c.country_code in home_region]
    if chosen.population >= REMOTE_MAX_POPULATION:
        # "NPA guerrillas ambushed a patrol in San Jose": a city's namesake that is a sizeable
        # town itself, where the groups fight, is the one meant (a metropolis keeps its reading)
        sizeable = [j for j in inside if kind_of(found[j]) == "place" and found[j].population >= REMOTE_MAX_POPULATION]
        if chosen.population >= FAR_KEEP_POPULATION or not sizeable:
            return best
        return max(sizeable, key=scores.__getitem__)
    return max(inside, key=scores.__getitem__) if inside else None


def _in_written_division(chosen: Candidate, containers: list[Candidate]) -> Candidate:
    """A boundary-layer unit takes its first-level division from its nearest town, which may lie
    across the border of its province; the province the text writes for it ("Teotepeque (La
    Libertad)") is its division when the unit lies near it."""
    if not _boundary_unit(chosen):
        return chosen
    for box in containers:
        if kind_of(box) == "admin1" and box.index != chosen.admin1_index and box.country_code == chosen.country_code \
                and haversine_km(chosen.latitude, chosen.longitude, box.latitude, box.longitude) <= UNIT_DIVISION_KM:
            return replace(chosen, admin1=box.admin1 or box.name, admin1_index=box.index)
    return chosen


def _small_local(candidate: Candidate) -> bool:
    """A town or county small enough to be one of many namesakes."""
    return kind_of(candidate) in ("place", "admin2") and candidate.population < REMOTE_MAX_POPULATION


def _boundary_unit(candidate: Candidate) -> bool:
    """A unit of the boundary layer: its first-level division is only its nearest town's."""
    return candidate.feature_code == "ADMD" and not candidate.population


def _rough_km(a: Candidate, b: Candidate) -> float:
    """Equirectangular distance: close enough for a feature, and cheap."""
    x = math.radians(b.longitude - a.longitude) * math.cos(math.radians((a.latitude + b.latitude) / 2))
    y = math.radians(b.latitude - a.latitude)
    return 6371.0 * math.hypot(x, y)


def _close_or_inside(candidate: Candidate, peer: Candidate) -> bool:
    """"X in Cauca department", "X, a town near Y": the candidate lies in the peer division or
    close to the peer's point."""
    if candidate.index == peer.index:
        return False
    if kind_of(peer) == "admin1" and candidate.admin1_index == peer.index:
        return True
    if abs(candidate.latitude - peer.latitude) > 2.0:
        return False
    return haversine_km(candidate.latitude, candidate.longitude, peer.latitude, peer.longitude) <= SENTENCE_NEAR_KM


_ARABIC_ARTICLE = re.compile(r"^(?:al|ar|as|ad|an|ash|at|az|el|ath|adh)[\s\-]+(?=\w)", re.IGNORECASE)


def _named_container(cues: Cues) -> bool:
    """Whether the words after a comma are a proper name, not a generic word ("X, North")."""
    words = cue_words()
    generic = set(words["generic_heads"]) | words["direction"]
    return bool(cues.containers) and all(normalize(w) not in generic for w in cues.containers[0].split())


def _named_after(division: Candidate, town: Candidate) -> bool:
    """"Regierungsbezirk Köln", "Kabul Province": a division whose own name holds the name of a
    town big enough to be named from afar."""
    if town.population < REMOTE_MAX_POPULATION:
        return False
    return re.search(r"\b" + re.escape(normalize(town.name)) + r"\b", normalize(division.name)) is not None


def _names_a_site(rest: list[str]) -> bool:
    """Whether the words around a town's name make a site's name: a facility noun and, besides,
    only generic words ("Central Market", "University of"); "North", "State" alone do not."""
    words = cue_words()
    rest = [word.lower().strip(",.") for word in rest]
    generic = set(words["generic_heads"]) | {"-", "–", "of", "the", "de", "du", "des"}
    return any(w in words["facility_nouns"] for w in rest) and all(w in words["facility_nouns"] or w in generic for w in rest)


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 2 <= len(letters) <= ACRONYM_MAX_LETTERS and all(ch.isupper() for ch in letters)


def _sharpen(probs: list[float]) -> list[float]:
    """A name's readings as context: its likely reading counts more than the sum of its many
    unlikely namesakes ("Ottawa" speaks for Canada, not for the US towns called Ottawa)."""
    powered = [p ** CONTEXT_SHARPNESS for p in probs]
    total = sum(powered)
    return [p / total for p in powered] if total > 0 else probs


def _softmax(scores: list[float]) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
