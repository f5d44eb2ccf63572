"""Event location: the place where each event happened, with ACLED's geo_precision.

For an event we look at the toponyms of its sentence and read, from the dependency parse, the
role each plays:

* a locative ("in/at/near/across X", "the capital X", "X's Y district", "northern X province"),
  attached to the event's trigger or its clause: a place of the event;
* the object or subject of the event's verb ("overran X"): a weaker place of the event;
* an origin, target of words, or possessor ("from X", "slogans against X", "X's spy chief"),
  a news dateline ("KYIV (AP) —"), a place inside an organisation's name: not a place of the
  event.

A written hierarchy ("in Dalla (Hombori, Mopti)") only qualifies its name: its levels are
containers, never event places, unless the name itself is unknown; then the most specific known
level stands for it (ACLED's geo_precision 2) and ``location`` keeps the name as written; so does
a province after an unknown name and a comma ("in Kalynivka, Sumy"). A
country-level event sits at the country's capital with precision 3 (ACLED's convention), its
``location`` still the country. Coordinated places of occurrence ("rallied in A and B") give
one event per place (ACLED codes one event per location). Anaphora ("the province", "the city", "the area") resolve to the most recent
place of that type. A coder's "(coded as X)" names the place outright.

Names recognition leaves unknown get a second reading: a name in a small place's slot ("the
village of X", "X ward", "the X neighbourhood of Y": X, and Y only contains it) is looked up among
the places of the text's countries and their neighbours; an unknown name where the event happened
("in Kirinyagga"), or a level of a written hierarchy ("Nampawng township" for the town "Nam Pawng", inside
the division the next level names), may be a spelling variant of a known place. A place found so
lies near the text's other places, or it is another place of that name.

An event with no place in its sentence takes the nearest preceding context: as precise as there
within the same paragraph, one level coarser across a paragraph break; else
a place the next sentences of the paragraph name ("..., in X district"), a separate title, or the
one country the text's demonyms name ("Iraqi forces defused ...") or whose forces or militias it
names ("Houthi forces arrested ..."), or the one country its unit type words imply ("X LGA"). Where
a place is named but cannot be found, only forces that act at home ("Kenyan police") say the
country. A "from X" place counts only when the sentence names no other; a "taken to X" place only
when nothing else is known. When nothing is known the fields stay null.

geo_precision: 1 a named town; 2 near a town, or part of a region (district, valley, "outskirts
of X"); 3 a large region, province or country (its centroid/capital point).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache

from unidecode import unidecode

from eventatlas.geo.actors import actor_mentions
from eventatlas.geo.cues import CODED, cue_words, place_slots, read_cues, suffix_feature, unit_type_countries
from eventatlas.geo.gazetteer import Gazetteer
from eventatlas.geo.geoparse import parse_title, place_from, resolve_spans
from eventatlas.geo.normalize import normalize
from eventatlas.geo.recognize import recognize
from eventatlas.geo.resolve import haversine_km
from eventatlas.geo.sites import site_kind
from eventatlas.models import Document, Event, Place
from eventatlas.nlp.syntax import stranded_subject
from eventatlas.reference import find_country, neighbours, place_kind

LOCATIVE_PREPS = {"in", "at", "near", "across", "throughout", "inside", "outside", "into", "on", "around", "within",
                  "over", "along", "between", "onto", "upon", "nearby", "amid", "beyond", "towards", "toward", "to", "of"}
STRONG_PREPS = {"in", "at", "near", "across", "throughout", "inside", "outside", "around", "within", "along", "between", "on"}
ROUTE_PREPS = {"between"}  # its conjoined objects are the ends of one stretch (a road, a front line)
NOT_EVENT_PREPS = {"against", "from", "with", "by", "for", "than", "like", "about", "versus", "vs", "including", "without",
                   "via", "per", "unlike", "toward", "towards"}
THROUGH_DEPS = {"compound", "appos", "amod", "nmod", "nummod", "flat", "punct", "det", "case", "npadvmod"}
ANAPHORA = re.compile(r"\b(?:the|this|that)\s+(province|city|town|village|district|area|region|country|capital|valley|state|county|governorate)\b(?!\s+of\s+[A-Z])", re.IGNORECASE)  # "the village of X" names X: no anaphor
ANAPHOR_KIND = {"province": "admin1", "state": "admin1", "governorate": "admin1", "region": "region", "city": "place",
                "town": "place", "village": "place", "capital": "place", "district": "admin2", "county": "admin2",
                "area": "any", "valley": "any", "country": "country"}
MAX_FALLBACK_SENTENCES = 4
REGION_CODES = frozenset({"RGN", "RGNE", "AREA"})  # GeoNames' regions: areas that hold towns
FORWARD_SENTENCES = 2
SHORT_PARAGRAPH = 5  # sentences: a paragraph this short reports one incident, its place anywhere in it
# "KYIV, Ukraine (AP) —", "KABUL (Reuters) -": a news dateline at the start of a line (its dash
# may have been lost to a decoding error upstream, leaving U+FFFD)
DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z.'\- ]{2,40}(?:,[ \t]*[A-Z][\w.' ]{1,40}){0,2}[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*(?:—|–|--|-|\ufffd)[ \t]", re.MULTILINE)
# nouns that, possessed by a place, name a part of it ("Kabul's outskirts", "X's Y district")
PART_NOUNS = {"district", "province", "outskirts", "suburb", "suburbs", "area", "border", "borders", "region",
              "neighbourhood", "neighborhood", "north", "south", "east", "west", "centre", "center", "countryside",
              "capital", "city", "town", "village", "valley", "part", "parts", "edge", "heart", "streets"}


@dataclass
class _Located:
    place: Place
    start: int
    end: int
    sentence: int
    near: bool
    part: bool
    score: float = 0.0
    role: str = ""  # "locative", "argument", "other"
    attach: int | None = None  # token index the place's phrase attaches to
    group: int | None = None  # token index of the first conjunct (coordinated places share it)
    cue: str | None = None  # the feature type the words around it imply (cues.json)
    stands_for: str | None = None  # a level standing for an unknown place it contains ("Dalla")
    province: bool = False  # read as a province (maybe coded at its same-named town)
    coded: bool = False  # named in a coder's "coded as X": where the event is coded
    clause: tuple[int, int] | None = None  # tokens of the relative clause it sits in ("the bus, which was going to X")


# roles of a toponym that never make it a place of occurrence (a destination, an origin: only as a last resort)
NOT_OCCURRENCE = ("excluded", "possessor", "dateline", "container", "origin", "destination")
SLOT_INSIDE_KM = 50.0  # "the X neighbourhood of Y": X this close to Y lies inside it
COARSE_KINDS = ("country", "admin1", "admin2")  # places a later sentence of an event's evidence may refine
DISTRICT_REACH_KM = 60.0  # a town this close to a district's point may lie in it
REGION_REACH_KM = 300.0  # ... and this close to a region's point ("the Kurdistan region")
MIN_NAME_CHARS = 4  # shorter proper-noun runs ("US", "UN") are not looked for later
DESCRIBED_LATER_SENTENCES = 4  # how far after an event an unknown name of its sentence may be described
DESCRIPTION_REACH_CHARS = 60  # "X, near the town of Y": how soon after the name the town is written
SLOT_NEAR_KM = 300.0  # a small place found by name lies this close to the report's other places
VARIANT_MIN_LETTERS = 6  # a shorter unknown name has too many spelling neighbours (only spaces may differ)
VARIANT_MIN_SPACELESS = 4  # ...and a name shorter than this is not looked up as a variant at all
VARIANT_MIN_RATIO = 87  # rapidfuzz ratio of a spelling variant to the known name
BROAD_SLOTS = {"area", "sector", CODED}  # "the X area" may name a district or province too
CODED_BONUS = 8.0  # "(coded as X)": the coder's own statement of the place outweighs every other cue
CARE_PLACE_REACH = 40  # characters before a name read for a hospital or morgue (cues.json 'care_places')
ANOTHER_CLAUSE_PENALTY = 1.5  # a place of another clause ranks below even a country named in the event's own
_DOMESTIC_AFTER = re.compile(r"\s+([a-z]+)(?:\s+([a-z]+))?")  # "Kenyan police", "a Malian police officer"


def _domestic_demonyms(text: str, demonyms) -> set[str]:
    """Countries of demonyms that qualify a force that acts at home ("Kenyan police")."""
    nouns = cue_words()["domestic_nouns"]
    found = set()
    for demonym in demonyms:
        match = _DOMESTIC_AFTER.match(text, demonym.end)
        if demonym.country_code and match and nouns & {match.group(1), match.group(2)}:
            found.add(demonym.country_code)
    return found


def _dateline_countries(dateline: str | None, gazetteer: Gazetteer) -> set[str]:
    """The country of a wire dateline's place ("NAIROBI, Kenya": the country it writes; "BAMAKO":
    that of the most populous town of the name): where the reporter filed from, which is where
    the report's small places are most likely to lie."""
    if not dateline:
        return set()
    parts = [part.strip() for part in dateline.split(",") if part.strip()]
    written = {country.code for country in map(find_country, parts[1:]) if country is not None}
    if written:
        return written
    towns = [c for c in gazetteer.lookup(parts[0].title(), fuzzy=False) if place_kind(c.feature_code, c.feature_class) == "place"
             and not c.alternate and c.country_code]
    return {max(towns, key=lambda c: c.population).country_code} if towns else set()


MAJOR_POPULATION = 50_000  # without a country, a spelling variant may only be of a division or a town this large


@lru_cache(maxsize=32)
def _country_names(gazetteer: Gazetteer, countries: frozenset[str]) -> dict[int, str]:
    """gazetteer row -> spaceless key of its main name, for every place of some countries."""
    names: dict[int, str] = {}
    for code in sorted(countries):
        names.update(_names_of_country(gazetteer, code))
    return names


@lru_cache(maxsize=256)
def _names_of_country(gazetteer: Gazetteer, code: str) -> dict[int, str]:
    # one read per country (a table scan, about 0.1 s), kept: a news stream returns to its countries
    return {row: _spaceless(name) for row, name in gazetteer.index.names_in_country(code) if name}


@lru_cache(maxsize=4)
def _major_names(gazetteer: Gazetteer) -> dict[int, str]:
    """gazetteer row -> normalized main name, for divisions and large towns of every country."""
    return {row: _spaceless(name) for row, name in gazetteer.index.names_of_divisions_and_towns(MAJOR_POPULATION) if name}


def _spaceless(name: str) -> str:
    """A name's key without spaces: "Nam Pawng" and "Nampawng" are one name."""
    return normalize(name).replace(" ", "")


def _fits_slot(candidate, broad: bool) -> bool:
    """Whether a candidate can be a small place's slot: a populated place or a local unit; a
    district or province too after "area"/"sector"; never a country or continent."""
    kind = place_kind(candidate.feature_code, candidate.feature_class)
    return kind in ("place", "admin2") or (broad and kind == "admin1")


def _kind(place: Place) -> str:
    return place_kind(place.feature_code, place.feature_class)


def _precision(place: Place, near: bool, part: bool, inferred: bool, cue: str | None = None) -> int:
    kind = _kind(place)
    if kind == "place":
        # "a village in X township/district": somewhere in the district named after the town;
        # "in X province" read as its town (the gazetteer's province has another name): the
        # province, coded at its capital (ACLED's precision 3)
        precision = 3 if cue == "ADM1" else 2 if near or cue == "ADM2" else 1
    elif kind in ("admin2", "feature"):
        precision = 2
    else:
        precision = 3
    if inferred:
        precision = min(3, precision + 1)
    return precision


def _role(doc, start: int, end: int) -> tuple[str, int | None, int | None, bool]:
    """(role, token the phrase attaches to, first-conjunct token, only part of the place) for a
    toponym span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "other", None, None, False
    token = span.root
    group = token.i
    part = False
    for _ in range(12):
        if token.dep_ == "poss" and (token.head.lower_ in PART_NOUNS or token.head.lemma_.lower() in PART_NOUNS):
            # "X's Y district", "X's outskirts": X contains the place of the event
            token = token.head
            part = True
            continue
        if token.dep_ == "poss" and _names_a_site(token.head):
            # "marched on Nairobi's City Hall", "at Kano's central market": the site's town
            token = token.head
            continue
        if token.dep_ == "conj":
            token = token.head
            group = token.i
            continue
        if token.dep_ in THROUGH_DEPS and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            # "the city of X", "the outskirts of X", "residents of X": follow to the noun
            token = token.head.head
            continue
        break
    if token.dep_ == "poss":
        return "possessor", None, group, part
    if token.dep_ == "pobj":
        prep = token.head.lower_
        if prep in ROUTE_PREPS:
            # "blocked the highway between X and Y": the two ends of one stretch of road, not
            # two places of occurrence; each is its own group, so one of them is chosen
            group = span.root.i
        if prep == "from":
            return "origin", token.head.head.i, group, part  # "abducted civilians from X": X if nothing else
        if prep == "to" and token.head.head.lemma_.lower() in cue_words()["destination_verbs"]:
            return "destination", token.head.head.i, group, part  # "were taken to X": where they ended up
        if prep in NOT_EVENT_PREPS:
            return "excluded", None, group, part
        if prep in LOCATIVE_PREPS:
            return ("locative" if prep in STRONG_PREPS else "weak-locative"), token.head.head.i, group, part
        return "other", token.head.head.i, group, part
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd"):
        return "argument", token.head.i, group, part
    return "other", token.head.i if token.head.i != token.i else None, group, part


def _names_a_site(noun) -> bool:
    """Whether a noun with its modifiers (not its possessor) names a site: "City Hall", "the
    central market", "the parliament building"."""
    words = [t.text for t in noun.subtree if t.dep_ in ("compound", "amod") and t.head.i == noun.i] + [noun.text]
    return site_kind(" ".join(words)) is not None


def _side_clause(doc, start: int, end: int) -> tuple[int, int] | None:
    """The token range of the clause a place is written in when that clause tells of something
    else than the sentence's main act: a relative clause ("the bus, which was travelling from X to
    Y, struck a mine near Z": X and Y describe the bus, not the blast), a participle on a noun
    ("the hostages held in Gaza"), or a second coordinated or contrasted clause with its own
    subject ("an activist was shot dead in the south and a crowd burned ballot boxes in X",
    "police dispersed traders in A, while a march in B passed off peacefully")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(12):
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN")
                                     and token.lemma_.lower() not in cue_words()["location_participles"]) or (
                token.dep_ in ("conj", "advcl") and token.pos_ in ("VERB", "AUX")
                and (any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) or stranded_subject(token) is not None)
                and (token.dep_ == "conj" or any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in token.children))):
            return token.left_edge.i, token.right_edge.i
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _level_role(toponym, place: Place, unknown_roles: dict[str, tuple]) -> tuple[str, int | None, int | None, str | None]:
    """(role, attach, group, stands_for) of a level of a written hierarchy: only says where its
    name lies ("container"), unless the name is unknown and this is the most specific known
    level, which then stands for it, in the name's role (ACLED's geo_precision 2)."""
    written = toponym.qualifies
    if written is not None and written in unknown_roles and _kind(place) in ("place", "admin2", "admin1"):
        role, attach, group = unknown_roles.pop(written)
        return role, attach, group, toponym.qualifies
    return "container", None, None, None


def _outlying_site(name: str, place: Place) -> bool:
    """"the Mosul Dam", "the Rumaila oil field" read as the town they are named after: a dam, a
    field, a mine or a camp lies out of town, near it (cues.json's outlying_site_nouns)."""
    words = name.split()
    return (len(words) > 1 and words[-1].lower() in cue_words()["outlying_site_nouns"]
            and normalize(place.name or "") != normalize(name))


def _modifies_an_actor(doc, start: int, end: int) -> bool:
    """"US military forces", "Kenya police officers", "the US dollar": a place name that
    qualifies a force or group names whose it is, and one that qualifies a currency, an embassy
    or a passport names whose thing it is; neither is where the event happened."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    words = cue_words()
    actor_nouns = words["actor_nouns"] | words["thing_nouns"] | {"police", "military", "army", "navy"}
    for _ in range(3):
        if token.dep_ not in ("compound", "amod", "nmod", "poss") or token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ in actor_nouns:
            return True
    return False


_SOURCE_BEFORE = re.compile(
    r"\b(?:officers?|officials?|residents?|witness(?:es)?|spokes(?:man|woman|person)|sources?|commanders?|doctors?|"
    r"journalists?|reporters?|correspondents?|leaders?|chiefs?|activists?|medics?|nurses?|workers?|elders?|"
    r"administrators?)\s+(?:based\s+)?(?:in|at|from|of)\s+(?:the\s+)?$", re.IGNORECASE)
_SAID_AFTER = re.compile(r"\s*,?\s*(?:said|says|told|added|reported)\b")


def _where_a_speaker_is(doc, text: str, start: int, end: int) -> bool:
    """A place in a phrase on the subject of a verb of saying ("an army officer in Maiduguri
    said", "a resident of X told reporters") says where the source is."""
    if _SOURCE_BEFORE.search(text, max(0, start - 60), start) and _SAID_AFTER.match(text, end):
        return True  # the parse may miss it: ", an army officer in Maiduguri said."
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    while token.dep_ in ("compound", "conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in ("in", "at", "of", "from"):
        return False
    verb = token.head.head
    if verb.lemma_.lower() in cue_words()["speech_verbs"] and (
            token.head.lower_ == "from" or (token.head.lower_ in ("in", "at") and token.head.i > verb.i)):
        # "said by telephone from Goma", "speaking from Kidal", "a spokesman said in Freetown":
        # where the voice comes from ("In X region, the governor said ..." sets the scene instead)
        return True
    speaker = token.head.head
    return (speaker.dep_ == "nsubj" and speaker.pos_ in ("NOUN", "PROPN")
            and speaker.head.lemma_.lower() in cue_words()["speech_verbs"])


def _speaks_for_its_government(doc, start: int, end: int, place: Place) -> bool:
    """A national capital as the active subject of a verb stands for its government ("Moscow
    accused", "Addis Ababa moved to ..."), unless the verb says something happened there; so
    does one that is accused, urged or blamed ("accused Kinshasa of inventing massacres")."""
    if place.feature_code != "PPLC":
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.dep_ == "dobj" and root.head.lemma_.lower() in cue_words()["address_verbs"]:
        return True  # "accused Kinshasa of inventing massacres", "urged Moscow to withdraw"
    return (root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX")
            and root.head.lemma_.lower() not in cue_words()["happening_verbs"])


def _names_a_topic(doc, start: int, end: int) -> bool:
    """"rallied in support of X", "protested against the war in X": the place is what people act
    about (its phrase hangs from a topic noun), not where they act."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    if _in_a_purpose_clause(token, cue_words()["purpose_verbs"]):
        return True
    topics = cue_words()["topic_nouns"]
    for _ in range(6):
        if token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "pobj" and token.head.head.i != token.head.i:
            noun = token.head.head
            return noun.pos_ == "NOUN" and noun.lemma_.lower() in topics
        return False
    return False


def _in_a_purpose_clause(token, purpose_verbs: set[str]) -> bool:
    """"marched in Istanbul to protest the killings in Kosovo": the name hangs, within a few
    steps, from an infinitive of purpose ("to protest") attached to the act itself."""
    for _ in range(6):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ == "VERB" and token.dep_ in ("advcl", "xcomp") and token.lemma_.lower() in purpose_verbs \
                and any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children):
            return True
    return False


_COMMA_ONLY = re.compile(r"\s*,\s*$")


def _town_of_the_name(text: str, province: Place, gazetteer: Gazetteer) -> Place:
    """"attacked police in Kilifi": a province named like a town inside it, with no word saying
    "province", is coded at that town (as ACLED codes it); else the province."""
    towns = [c for c in gazetteer.lookup(text, fuzzy=False)
             if c.feature_class == "P" and not c.alternate and c.country_code == province.country_code
             and c.admin1 and c.admin1 == province.admin1]
    if not towns:
        return province
    town = max(towns, key=lambda c: c.population)
    return place_from(town, town.name, province.mention, province.score, gazetteer=gazetteer)


def _trigger_tokens(doc, event: Event) -> set[int]:
    """Token indices of the trigger and the heads it hangs from (its clause)."""
    tokens: set[int] = set()
    if event.trigger is None:
        return tokens
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return tokens
    for token in span:
        tokens.add(token.i)
    root = span.root
    tokens.add(root.head.i)
    # "fighting ongoing in X", "clashes erupted in X": the trigger's own modifiers and its verb's
    for child in root.children:
        if child.dep_ in ("amod", "acl", "relcl"):
            tokens.add(child.i)
    return tokens


class _DocumentPlaces:
    """The toponyms of one document, resolved once, with their roles."""

    def __init__(self, document: Document, gazetteer: Gazetteer):
        self.document = document
        self.gazetteer = gazetteer
        actors = actor_mentions(document.text)
        toponyms, demonyms = recognize(document.spacy_doc, gazetteer, actors)
        context = [(d.start, d.end) for d in demonyms if d.country_code]  # demonyms: context, never places
        self._read_countries(demonyms, actors)
        home = frozenset(a.country_code for a in actors if a.local)
        places = resolve_spans(document, [(t.start, t.end) for t in toponyms], gazetteer, extra_context=context,
                               home_countries=home, read_sites_at_towns=True, title=_separate_title(document))
        self.items: list[_Located] = []
        self.unknown: list[tuple[int, int]] = []  # names the gazetteer lacks (or that fit nowhere stated)
        variants = self._read_toponyms(toponyms, places)
        self._read_variants(document, variants, places)
        taken = [(t.start, t.end) for t in toponyms] + context + [(a.start, a.end) for a in actors]
        self._read_slots(document, taken, {normalize(t.text) for t in toponyms})

    def _read_countries(self, demonyms: list, actors: list) -> None:
        """The countries the text names other than by its places: the last resort of an event,
        and where to look up names the gazetteer does not find at once."""
        text = self.document.text
        # the countries the text's demonyms name ("Iraqi forces"), else its named actors
        # ("Houthi forces")
        self.demonym_countries = {d.country_code for d in demonyms if d.country_code and len(d.country_code) == 2}
        # (rebel groups fight across borders: only a state's own forces and militias name the country)
        self.actor_countries = {a.country_code for a in actors if a.national}
        # where a place is named but cannot be found, only forces that act at home say its country
        self.home_force_countries = {a.country_code for a in actors if a.national and a.local} | _domestic_demonyms(text, demonyms)
        # ...and rebel groups act at home or next door: with the rest, where to look a name up
        self.rebel_countries = {a.country_code for a in actors if a.local and not a.national}
        # "X LGA", "Y upazila": unit types only some countries use; the one country they all share
        typed = unit_type_countries(text)
        self.unit_countries = set().union(*typed) if typed else set()
        shared = frozenset.intersection(*typed) if typed else frozenset()
        self.unit_country = next(iter(shared)) if len(shared) == 1 else None
        # where the report was filed: context to look names up in, never an event's place
        self.dateline_countries = _dateline_countries(self.document.dateline, self.gazetteer)

    def _read_toponyms(self, toponyms: list, places: list[Place]) -> list:
        """Each recognised name with its reading and its role in the sentence (``items``), or,
        when the gazetteer has no reading, among the ``unknown``; returns the unknown names in a
        place's slot, which may be spelling variants of known places."""
        doc = self.document.spacy_doc
        datelines = [m.span() for m in DATELINE.finditer(self.document.text)]
        unknown_roles: dict[str, tuple] = {}  # an unknown hierarchy name -> its role in the sentence
        last_unknown: tuple | None = None  # (end, name, role, attach, group) of the last unknown name
        variants = []
        for toponym, place in zip(toponyms, places):
            role, attach, group, part = _role(doc, toponym.start, toponym.end)
            if place.latitude is None and toponym.source == "level":
                # "Nampawng township (.., Kachin state)" with the town known as "Nam Pawng"
                place = self._level_variant(toponym, toponyms, places) or place
            if place.latitude is None:
                if toponym.source in ("ner", "gazetteer") and role in ("locative", "argument"):
                    variants.append(toponym)
                self.unknown.append((toponym.start, toponym.end))
                if toponym.source == "hierarchy":
                    unknown_roles[toponym.qualifies or toponym.text] = (role, attach, group)
                last_unknown = (toponym.end, toponym.text, role, attach, group)
                continue  # unknown name: it cannot locate anything, and it never blocks the others
            self.items.append(self._known(toponym, place, (role, attach, group, part), datelines, unknown_roles,
                                          last_unknown))
        return variants

    def _known(self, toponym, place: Place, reading: tuple, datelines: list, unknown_roles: dict,
               last_unknown: tuple | None) -> _Located:
        """A name the gazetteer reads, with what the words around it say of its role: a dateline,
        a name that is no place of events, a level of a written hierarchy, a container, or a
        province standing for an unknown village written before it."""
        doc, text = self.document.spacy_doc, self.document.text
        role, attach, group, part = reading
        cues = read_cues(text, toponym.start, toponym.end)
        stands_for = None
        if any(start <= toponym.start < end for start, end in datelines):
            role = "dateline"  # where the report was filed, not where the event happened
        elif toponym.source in ("org", "thoroughfare", "qualifier") or _modifies_an_actor(doc, toponym.start, toponym.end):
            role = "excluded"  # "the Kenya Medical Association", "US forces": a name, not a place of events
        elif _water_after().match(text, toponym.end) and place.feature_class != "H":
            role = "excluded"  # "across the Dnipro river": the river, not the city that shares its name
        elif toponym.source == "level":
            role, attach, group, stands_for = _level_role(toponym, place, unknown_roles)
        elif _where_a_speaker_is(doc, text, toponym.start, toponym.end):  # (the text passed in: Doc.text joins every token)
            role = "excluded"  # "an army officer in Maiduguri said": where the source is, not the event
        elif _speaks_for_its_government(doc, toponym.start, toponym.end, place):
            role = "excluded"  # "Addis Ababa moved to fold ...": the government, not a place of events
        elif _kind(place) == "country" and _names_a_topic(doc, toponym.start, toponym.end):
            role = "excluded"  # "in support of X": a country people rally for, not where they rally
        elif cues.contained and last_unknown and _kind(place) in ("admin1", "admin2") \
                and _COMMA_ONLY.match(text, last_unknown[0], toponym.start):
            # "in Kalynivka, Sumy" and no Kalynivka known: the province stands for the village
            # in it (ACLED's precision 2), the village's name kept as written
            stands_for, role, attach, group = last_unknown[1:]
        elif cues.contained and self.items and self.items[-1].end <= toponym.start \
                and _COMMA_ONLY.match(text, self.items[-1].end, toponym.start) \
                and self.items[-1].place.country_code == place.country_code and _kind(place) != "country":
            role = "container"  # "in Melitopol, Zaporizhzhia": the second name says where the first is
        province = _kind(place) == "admin1"
        if province and cues.feature is None and role != "container" and stands_for is None:
            place = _town_of_the_name(toponym.text, place, self.gazetteer)
        item = self._item(place, toponym.start, toponym.end, (role, attach, group, part), cues,
                          stands_for=stands_for, province=province or cues.feature == "ADM1")
        item.near = item.near or _outlying_site(toponym.text, place)
        return item

    def _read_variants(self, document: Document, toponyms: list, resolved: list[Place]) -> None:
        """"In Kirinyagga": an unknown name where the event happened, with no written container
        it must fit, may be a spelling variant of a known place near the text's other places."""
        for toponym in toponyms:
            cues = read_cues(document.text, toponym.start, toponym.end)
            if cues.levels or cues.containers or cues.contained:
                continue  # the resolver found no such place in the stated container
            found = self._variant(toponym.text, None, resolved)
            if found is not None and self._near_the_others(found):
                self.unknown.remove((toponym.start, toponym.end))
                self.items.append(self._late_item(document, toponym.start, toponym.end, found))
        self.items.sort(key=lambda item: item.start)

    def _near_the_others(self, place: Place) -> bool:
        """Whether a place lies within SLOT_NEAR_KM of the text's other places below country
        level (true when there are none): the small places of one report lie close together."""
        points = [(i.place.latitude, i.place.longitude) for i in self.items
                  if i.place.latitude is not None and _kind(i.place) not in ("country", "continent")]
        return not points or any(haversine_km(place.latitude, place.longitude, *p) <= SLOT_NEAR_KM for p in points)

    def _read_slots(self, document: Document, taken: list[tuple[int, int]], named: set[str]) -> None:
        """Names in a small place's slot that recognition missed ("the village of X", "X ward"):
        found among the places of the text's countries, a place of the sentence; else an unknown
        name, which still says that the event has a place we cannot find. "The X neighbourhood
        of Y": X, when found, is where it happened, Y only contains it."""
        for slot in place_slots(document.text):
            name = document.text[slot.start:slot.end]
            item = next((i for i in self.items if i.start <= slot.start and slot.end <= i.end), None)
            if item is None and not any(slot.start < end and start < slot.end for start, end in taken) \
                    and (normalize(name) not in named or slot.type_word == CODED):  # (a name written twice is read as the first time)
                found = self._slot_place(name, slot.type_word)
                if found is not None and not self._near_the_others(found):
                    found = None  # "X village" in a report about a province far away: another X
                if found is not None and slot.of_after is not None and not self._inside_container(slot.of_after, found):
                    found = None  # "the X neighbourhood of Kabul": an X far from Kabul is another X
                if found is None:
                    self.unknown.append((slot.start, slot.end))
                    continue
                item = self._late_item(document, slot.start, slot.end, found)
                self.items.append(item)
            if item is None:
                continue
            if slot.of_after is not None and not self._inside_container(slot.of_after, item.place):
                # "the Villeneuve neighbourhood of Grenoble" read as a Villeneuve 150 km away:
                # another Villeneuve; the city that contains it is what the text gives
                self.items.remove(item)
                self.unknown.append((slot.start, slot.end))
                continue
            if slot.of_after is not None:
                self._contains(slot.of_after, item.place)
            if slot.type_word == CODED:
                item.coded, item.role, item.stands_for = True, "locative", None
        self.items.sort(key=lambda item: item.start)

    def _inside_container(self, start: int, place: Place) -> bool:
        """Whether ``place`` lies in the division written at ``start``, or within SLOT_INSIDE_KM
        of the place written there (true when nothing known is written there)."""
        containers = [i.place for i in self.items if i.start <= start < i.end and i.place.latitude is not None]
        return place.latitude is None or not containers or any(
            # a division holds the towns its codes (or its reach) put in it, however far from its
            # central point ("the Kaura Namoda area of Zamfara state")
            (_kind(c) in COARSE_KINDS and _lies_in(place, c))
            or haversine_km(c.latitude, c.longitude, place.latitude, place.longitude) <= SLOT_INSIDE_KM
            for c in containers)

    def _contains(self, start: int, place: Place) -> None:
        """"The X neighbourhood of Y": the place written at ``start`` (Y) only contains X."""
        for other in self.items:
            if other.start <= start < other.end and other.place is not place and other.place.latitude is not None and place.latitude is not None \
                    and haversine_km(other.place.latitude, other.place.longitude, place.latitude, place.longitude) <= SLOT_INSIDE_KM:
                other.role = "container"

    def _scope(self) -> set[str]:
        """The countries the text is about (of its places, demonyms and named actors) and their
        neighbours: where a small place it names may lie."""
        named = ({i.place.country_code for i in self.items if i.place.country_code} | self.demonym_countries
                 | self.actor_countries | self.home_force_countries | self.rebel_countries | self.unit_countries
                 | self.dateline_countries)
        return named.union(*(neighbours(code) for code in named))

    def _slot_place(self, name: str, type_word: str) -> Place | None:
        """The place a slot's name is: an exact name of the text's countries (or of one country
        only, by its main name, when the text names none), else a spelling variant."""
        broad = type_word in BROAD_SLOTS
        candidates = [c for c in self.gazetteer.lookup(name, fuzzy=False) if _fits_slot(c, broad)]
        scope = self._scope()
        if scope:
            candidates = [c for c in candidates if c.country_code in scope]
        else:  # nothing to choose a country by: only a main name, and in one country only
            candidates = [c for c in candidates if not c.alternate]
            if len({c.country_code for c in candidates}) > 1:
                candidates = []
        return self._nearest(candidates, name) if candidates else self._variant(name, type_word, None)

    def _level_variant(self, level, toponyms: list, resolved: list[Place]) -> Place | None:
        """A level of a written hierarchy the gazetteer spells differently ("Nampawng township"
        for the town "Nam Pawng"), inside the first-level division a coarser level of the same
        hierarchy names ("Kachin state"); never across a border."""
        outer = [place for toponym, place in zip(toponyms, resolved)
                 if toponym.source == "level" and toponym.qualifies == level.qualifies and toponym.start > level.start
                 and place.latitude is not None and place.country_code and place.admin1]
        if not outer:
            return None
        found = self._variant(level.text, None, outer)
        if found is None or not any((found.country_code, found.admin1) == (p.country_code, p.admin1) for p in outer):
            return None
        return found

    def _variant(self, name: str, type_word: str | None, resolved: list[Place] | None) -> Place | None:
        """A known place that ``name`` spells differently ("Kirinyagga"; "Nampawng" for "Nam Pawng"),
        close letter by letter (a short name: the same letters, spaces aside): any place of the
        text's countries; a division or a large town when it names none."""
        key = _spaceless(suffix_feature(name)[0] or name)
        if len(key) < VARIANT_MIN_SPACELESS:
            return None
        from rapidfuzz import fuzz, process

        scope = self._scope() | {p.country_code for p in resolved or () if p.country_code}
        names = _country_names(self.gazetteer, frozenset(scope)) if scope else _major_names(self.gazetteer)
        broad = type_word is None or type_word in BROAD_SLOTS
        cutoff = VARIANT_MIN_RATIO if len(key) >= VARIANT_MIN_LETTERS else 100
        matches = process.extract(key, names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
        candidates = [self.gazetteer.candidate(row, fuzzy=True) for _, _, row in matches]
        candidates = [c for c in candidates if _fits_slot(c, broad)]
        if not scope and len({c.country_code for c in candidates}) != 1:
            return None  # a variant of names in several countries, and nothing to choose by
        return self._nearest(candidates, name) if candidates else None

    def _nearest(self, candidates: list, name: str) -> Place:
        """A populated place before a division of its name ("coded as X": the town X), then the
        candidate closest to the text's other places, else the most populous."""
        points = [(i.place.latitude, i.place.longitude) for i in self.items if i.place.latitude is not None]

        def rank(c) -> tuple:
            town = place_kind(c.feature_code, c.feature_class) == "place"
            if points:
                return (not town, min(haversine_km(c.latitude, c.longitude, *p) for p in points))
            return (not town, -c.population)

        best = min(candidates, key=rank)
        return place_from(best, name, gazetteer=self.gazetteer)

    def _late_item(self, document: Document, start: int, end: int, place: Place) -> _Located:
        """An item for a place found after recognition (a slot's name, a spelling variant)."""
        return self._item(place, start, end, _role(document.spacy_doc, start, end), read_cues(document.text, start, end))

    def _item(self, place: Place, start: int, end: int, reading: tuple, cues, **extra) -> _Located:
        """The located item of a place written at start..end, with its role reading
        (role, attach, group, part) and the cue words around it."""
        role, attach, group, part = reading
        sentence = self.document.sentence_at(start)
        return _Located(place, start, end, sentence.index if sentence else 0, cues.near or part, cues.part or part,
                        role=role, attach=attach, group=group, cue=cues.feature,
                        clause=_side_clause(self.document.spacy_doc, start, end), **extra)

    def title_place(self) -> _Located | None:
        """The place a separate title names (when the title is not part of the text), resolved
        with the body as context; computed on first need."""
        if not hasattr(self, "_title"):
            self._title = None
            title = _separate_title(self.document)
            if title:
                title_doc, toponyms = parse_title(title, self.gazetteer)
                if toponyms:
                    combined = Document(text=title + "\n\n" + self.document.text, url=self.document.url, source=self.document.source)
                    offset = len(title) + 2
                    body = [(i.start + offset, i.end + offset) for i in self.items]
                    resolved = resolve_spans(combined, [(t.start, t.end) for t in toponyms], self.gazetteer, extra_context=body)
                    for toponym, place in zip(toponyms, resolved):
                        if _speaks_for_its_government(title_doc, toponym.start, toponym.end, place):
                            continue  # "...; Baku says it responded to provocation": the government
                        if place.latitude is not None and _kind(place) != "continent":
                            self._title = _Located(place, -1, -1, -1, False, False, role="title")
                            break
        return self._title

    def demonym_country(self) -> _Located | None:
        """"Iraqi forces defused a bomb", "Houthi forces arrested ..." and no place found: the
        one country the text's demonyms name (else the one whose forces or militias it names; else
        the one its unit type words imply, "X upazila"), coded as ACLED codes a national event
        (its capital, precision 3). Where the text names a place we cannot find, only forces that
        act at home count ("Kenyan police ... the village of X")."""
        if self.items:
            return None
        if self.unknown:
            # a place we cannot find is where it happened: only forces that act at home ("Kenyan
            # police", a local militia) say its country (an army, a rebel group or a perpetrator
            # may act across a border)
            countries = self.home_force_countries
        else:
            countries = self.demonym_countries or self.actor_countries
        if not countries and self.unit_country:
            countries = {self.unit_country}  # "in X upazila", X unknown: Bangladesh
        if len(countries) != 1:
            return None
        country = self.gazetteer.country(next(iter(countries)))
        if country is None:
            return None
        place = place_from(country, country.name, gazetteer=self.gazetteer)
        return _Located(place, -1, -1, -1, False, False, role="demonym")

    def unknown_within(self, span: tuple[int, int] | None) -> bool:
        return span is not None and any(span[0] <= start and end <= span[1] for start, end in self.unknown)

    def in_sentence(self, index: int) -> list[_Located]:
        return [item for item in self.items if item.sentence == index]

    def eligible(self, items: list[_Located]) -> list[_Located]:
        # a continent or a region spanning countries ("West Africa", "the Sahel") is never an
        # ACLED event location; a place needs a country
        return [i for i in items if i.role not in NOT_OCCURRENCE and i.place.country_code]

    def destination(self, index: int) -> _Located | None:
        """"... were taken to X": where the people of a sentence ended up, the last resort of its
        event."""
        return next((i for i in self.in_sentence(index) if i.role == "destination" and i.place.country_code), None)

    def with_written_containers(self, index: int) -> _Located | None:
        """A place of the sentence written with its containers in brackets ("the coordinator for
        Kolda (Kolda, Kolda)", "toward Saint-Louis (Saint-Louis, Saint-Louis)"): a coder's note
        writes them for the event's place, whatever role the words give it; the last resort."""
        text = self.document.text
        return next((i for i in self.in_sentence(index) if i.place.country_code and i.role not in ("dateline", "container")
                     and text[i.end : i.end + 3].lstrip().startswith("(")), None)

    def origins(self, index: int) -> list[_Located]:
        """"from X" places of a sentence: where people came from, or where they were taken from."""
        return [i for i in self.in_sentence(index) if i.role == "origin" and i.place.country_code]

    def before(self, offset: int, kind: str) -> _Located | None:
        for item in reversed(self.items):
            if item.start >= offset or item.role in NOT_OCCURRENCE:
                continue
            k = _kind(item.place)
            if kind == "any" and k != "country" or kind == k or (kind == "region" and k in ("admin1", "feature", "admin2")):
                return item
        return None


def _choose(items: list[_Located], trigger: set[int], hint: tuple[int, int] | None) -> list[_Located]:
    """The places of occurrence among a sentence's eligible toponyms (several when coordinated)."""
    if not items:
        return []
    for item in items:
        score = {"locative": 3.0, "weak-locative": 2.0, "argument": 1.5}.get(item.role, 0.5)
        if trigger and item.attach in trigger:
            score += 2.5
        if hint and item.start < hint[1] and hint[0] < item.end:
            # the events stage's locative phrase; a river or mountain in it is weaker evidence
            # ("shelled X, a town across the river")
            score += 1.0 if item.place.feature_class in ("H", "T") else 6.0
        if item.coded:
            score += CODED_BONUS
        kind = _kind(item.place)
        score += {"place": 0.3, "admin2": 0.2, "feature": 0.1, "admin1": 0.0, "country": -0.8}.get(kind, 0.0)
        if item.place.feature_class == "H":
            score -= 1.0  # "a town across the river": ACLED codes the town, not the water
        if _in_another_clause(item, trigger):
            score -= ANOTHER_CLAUSE_PENALTY  # a place that describes a participant, not the event's own clause
        item.score = score
    best = max(items, key=lambda i: i.score)
    # a region (class L: "the southern Gaza Strip", "the Sahel") holds towns as a division does
    region = best.place.feature_class == "L" and best.place.feature_code in REGION_CODES
    if _kind(best.place) in ("admin1", "country") or region:
        # "near Damboa in Borno state", "west of Khan Younis in the southern Gaza Strip": the
        # state or region only says where the town is
        inside = [
            i for i in items
            if _kind(i.place) in ("place", "admin2") and i.role in ("locative", "weak-locative", "argument")
            and (not _in_another_clause(i, trigger) or _in_another_clause(best, trigger))
            and i.place.country_code == best.place.country_code
            and (_kind(best.place) == "country" or region or i.place.admin1 == best.place.admin1)
        ]
        if inside:
            best = max(inside, key=lambda i: i.score)
    chosen = [i for i in items if i is best or (best.group is not None and i.group == best.group and i.score >= best.score - 1.0)]
    # "in X, Country": a country or province right after a chosen town only qualifies it
    towns = [i for i in chosen if _kind(i.place) in ("place", "admin2")]
    if towns:
        chosen = [i for i in chosen if i in towns or not any(t.place.country_code == i.place.country_code for t in towns)]
    seen, unique = set(), []
    for item in chosen:
        key = (item.place.geonameid, item.place.name)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _add_evidence(document: Document, event: Event, item: _Located) -> None:
    """The sentence of another that says where the event happened is evidence of it too."""
    said = document.sentence_at(item.start)
    if said is not None and all(span.start != said.start for span in event.evidence):
        event.evidence.append(document.span(said.start, said.end))


def _in_another_clause(item: _Located, trigger: set[int]) -> bool:
    """Whether a place is written in a clause of the sentence that does not hold the event's trigger."""
    return bool(item.clause and trigger and not any(item.clause[0] <= t <= item.clause[1] for t in trigger))


def _finer_in_evidence(document: Document, places: _DocumentPlaces, event: Event, coarse: _Located,
                       sentence_index: int) -> _Located | None:
    """An event told in several sentences ("Three soldiers were killed in an ambush in X province
    ... In the first attack, gunmen opened fire on a patrol in a village of Y town") happened at
    the most precise place they name inside the first one's: a town of the province, or of the
    country, that a later sentence of its evidence gives as where it happened."""
    for span in event.evidence[1:]:
        found = document.sentence_at(span.start)
        if found is None or found.index == sentence_index:
            continue
        inside = [item for item in _told_inside(places, found.index, coarse) if item.place.name != coarse.place.name]
        if inside:
            return _choose(inside, set(), None)[0]
    return _bound_for(document, places, event, coarse, sentence_index)


@lru_cache(maxsize=1)
def _water_after() -> re.Pattern:
    """A water noun right after a name ("the Dnipro river"): cues.json's 'water_nouns'."""
    return re.compile(r"\s+(?:" + "|".join(cue_words()["water_nouns"]) + r")\b", re.IGNORECASE)


def _told_inside(places: _DocumentPlaces, sentence_index: int, coarse: _Located) -> list[_Located]:
    """The places a sentence tells something happened at ("in", "near") inside a coarser one,
    less where the hurt were treated ("died at the provincial hospital in X town")."""
    return [item for item in places.eligible(places.in_sentence(sentence_index))
            if _refines(item.place, coarse.place) and item.role in ("locative", "weak-locative")
            and not _care_place_before(places.document.text, item.start)]


def _care_place_before(text: str, start: int) -> bool:
    """Do the words just before a name say the hurt were treated there ("hospital in X")?"""
    return _care_places().search(text[max(0, start - CARE_PLACE_REACH):start]) is not None


@lru_cache(maxsize=1)
def _care_places() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, cue_words()["care_places"])) + r")\b", re.IGNORECASE)


def _bound_inside(places: _DocumentPlaces, sentence_index: int, country: _Located) -> _Located | None:
    """The one town inside a country that a sentence's convoy or column was bound for."""
    bound = [item for item in places.in_sentence(sentence_index)
             if item.role == "destination" and item.place.country_code and _refines(item.place, country.place)]
    return bound[0] if len({item.place.name for item in bound}) == 1 else None


def _bound_for(document: Document, places: _DocumentPlaces, event: Event, coarse: _Located,
               sentence_index: int) -> _Located | None:
    """An event placed only in a country whose story names the one town a convoy or a column was
    bound for ("ambushed a convoy in northern Burkina Faso ... The convoy, escorting trucks to
    the besieged town of Djibo, was ambushed 25 km south of the town"): near that town."""
    if _kind(coarse.place) != "country":
        return None
    for span in event.evidence[1:]:
        found = document.sentence_at(span.start)
        if found is not None and found.index != sentence_index:
            bound = _bound_inside(places, found.index, coarse)
            if bound is not None:
                return bound
    return None


def _finer_next(places: _DocumentPlaces, coarse: _Located, sentence_index: int, told_at: set[int]) -> _Located | None:
    """A province or country the event's sentence names, refined by the next sentences when they
    tell no event of their own ("Shells hit homes in Kunar province on Thursday. The shells landed
    in several villages of Dangam district"): the district or town where it landed."""
    for forward in range(sentence_index + 1, sentence_index + 1 + FORWARD_SENTENCES):
        if forward in told_at:
            return None
        inside = _told_inside(places, forward, coarse)
        if inside:
            return _choose(inside, set(), None)[0]
    return None


def _described_later(document: Document, places: _DocumentPlaces, coarse: _Located, sentence_index: int) -> _Located | None:
    """A name the gazetteer lacks in the event's sentence ("struck the Khor Mor gas field in
    Iraq's Kurdistan region"), told later as lying in or near a known town ("Khor Mor, near the
    town of Chamchamal in Sulaymaniyah province"): the event is there, at that town's precision
    or, when only near it, one coarser."""
    sentence = document.sentences[sentence_index]
    names = {document.text[start:end] for start, end in places.unknown if sentence.start <= start and end <= sentence.end}
    names |= _unplaced_names(document, places, sentence_index)
    for later in range(sentence_index + 1, min(len(document.sentences), sentence_index + 1 + DESCRIBED_LATER_SENTENCES)):
        text = document.sentences[later].text
        offset = document.sentences[later].start
        for name in names:
            at = text.find(name)
            if at < 0:
                continue
            described = [i for i in places.in_sentence(later) if 0 < i.start - (offset + at + len(name)) <= DESCRIPTION_REACH_CHARS
                         and _refines(i.place, coarse.place)]
            if described:
                found = described[0]  # a copy: the same place may be another event's own, not near
                return replace(found, near=found.near or bool(re.search(r"\bnear\b", document.text[offset + at: found.start])))
    return None


def _refines(place: Place, area: Place) -> bool:
    """Whether a town or district is a finer place inside a coarser one."""
    return _kind(place) in ("place", "admin2") and _lies_in(place, area)


def _coarse(place: Place) -> bool:
    """A country, province, district or region (an area feature): what a finer place may refine."""
    return _kind(place) in COARSE_KINDS or place.feature_class == "L"


def _unplaced_names(document: Document, places: _DocumentPlaces, sentence_index: int) -> set[str]:
    """Runs of proper nouns in a sentence that are not read as places (a gas field's, a camp's,
    a village's name recognition left alone)."""
    sentence = document.sentences[sentence_index]
    span = document.spacy_doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return set()
    placed = [(i.start, i.end) for i in places.in_sentence(sentence_index)]
    names, run = set(), []
    for token in [*span, None]:
        if token is not None and token.pos_ == "PROPN" and not any(a <= token.idx < b for a, b in placed):
            run.append(token)
            continue
        if run and len("".join(t.text for t in run)) >= MIN_NAME_CHARS:
            names.add(document.text[run[0].idx : run[-1].idx + len(run[-1].text)])
        run = []
    return names


def _lies_in(place: Place, area: Place) -> bool:
    """Whether a town lies in a province or country (by its codes), or close to a district or
    region's point."""
    if place.country_code != area.country_code or place.latitude is None:
        return False
    kind = _kind(area)
    if kind == "country":
        return True
    if kind == "admin1":
        return bool(place.admin1) and place.admin1 == area.admin1
    reach = REGION_REACH_KM if area.feature_class == "L" else DISTRICT_REACH_KM
    return area.latitude is not None and haversine_km(place.latitude, place.longitude, area.latitude, area.longitude) <= reach


def _fill(event: Event, item: _Located, inferred: bool = False, gazetteer: Gazetteer | None = None) -> Event:
    place = item.place
    national = _kind(place) == "country"
    if national and gazetteer is not None:
        # a national event: ACLED codes the capital, at precision 3
        place = _capital(place, gazetteer) or place
    # a province is named the way news names it ("Homs", not "Ḩimş"); a town by its own name
    event.location = unidecode(place.admin1 if _kind(place) == "admin1" and place.admin1 else place.name)
    event.admin1 = unidecode(place.admin1) if place.admin1 else None
    event.admin2 = unidecode(place.admin2) if place.admin2 else None
    event.country = place.country
    event.country_code = place.country_code
    event.latitude = place.latitude
    event.longitude = place.longitude
    event.geonameid = place.geonameid
    event.geo_precision = 3 if national else _precision(place, item.near, item.part, inferred, item.cue)
    if national:
        event.location = item.place.name  # the country stays the place named (its capital is the point)
    if item.stands_for:
        # an unknown village coded at its district or province: ACLED's precision 2, the
        # village's name as written
        event.location = item.stands_for
        event.geo_precision = max(2, event.geo_precision if inferred else 2)
    return event


def _capital(country: Place, gazetteer: Gazetteer) -> Place | None:
    """The capital of a country, as a place (from the reference table and the gazetteer)."""
    found = find_country(country.country_code)
    if found is None or not found.capital:
        return None
    for candidate in gazetteer.lookup(found.capital, fuzzy=False):
        if candidate.country_code == found.code and candidate.feature_code == "PPLC":
            return place_from(candidate, candidate.name, gazetteer=gazetteer)
    return None


def _paragraph_end(document: Document, sentence_index: int) -> int:
    """The index after the last sentence of the paragraph that holds the sentence."""
    end = sentence_index + 1
    while end < len(document.sentences) and not document.paragraph_break_between(end - 1, end):
        end += 1
    return end


def _paragraph_start(document: Document, sentence_index: int) -> int:
    start = sentence_index
    while start > 0 and not document.paragraph_break_between(start - 1, start):
        start -= 1
    return start


def _following_place(places: _DocumentPlaces, document: Document, sentence_index: int) -> _Located | None:
    """A short report that names its place only after the event ("... This was the first
    strike since the agreement, in X district"): the first place of the next sentences (two,
    or the rest of a short paragraph: a summary of one incident)."""
    end = _paragraph_end(document, sentence_index)
    if end - _paragraph_start(document, sentence_index) > SHORT_PARAGRAPH:
        end = min(end, sentence_index + 1 + FORWARD_SENTENCES)
    # a one-sentence lede goes on in the next paragraph ("... The shelling hit homes in X")
    end = max(end, min(len(document.sentences), sentence_index + 1 + FORWARD_SENTENCES))
    for forward in range(sentence_index + 1, end):
        following = _choose(places.eligible(places.in_sentence(forward)), set(), None)
        if following:
            return following[0]
    return None


_RECENT = threading.local()  # the last document's places, per thread


def _separate_title(document: Document) -> str | None:
    """The document's title when it is not part of its text (a headline given apart), else None."""
    title = (document.title or "").strip()
    return title if title and title not in document.text[: len(title) + 200] else None


def _document_places(document: Document, gazetteer: Gazetteer) -> _DocumentPlaces:
    """The document's places, found once per parsed document: later stages locate one sentence
    at a time (``document.context`` probes each sentence that refers back to an event), and
    recognising the whole document again for each would make time grow with its square."""
    recent = getattr(_RECENT, "entry", None)
    if recent is not None and recent[0] is document.spacy_doc and recent[1] is gazetteer and recent[2] == document.text:
        return recent[3]
    places = _DocumentPlaces(document, gazetteer)
    _RECENT.entry = (document.spacy_doc, gazetteer, document.text, places)
    return places


def locate_events(document: Document, events: list[Event], gazetteer: Gazetteer | None = None) -> list[Event]:
    """Fill the location fields of each event; an event with several coordinated places of
    occurrence becomes one event per place (copies with the same evidence)."""
    if not events:
        return events
    gazetteer = gazetteer or Gazetteer.default()
    if document.spacy_doc is None:
        from eventatlas.nlp import parse

        parse(document)
    places = _document_places(document, gazetteer)
    doc = document.spacy_doc
    told_at = {event.sentence for event in events}  # the sentences that tell an event of their own
    located: list[Event] = []
    own_places: list[tuple[int, _Located]] = []  # (sentence, place) of events placed by their own sentence
    for event in events:
        sentence_index = event.sentence
        if event.evidence and not document.sentences[sentence_index:sentence_index + 1]:
            found = document.sentence_at(event.evidence[0].start)
            sentence_index = found.index if found else 0
        sentence = document.sentences[sentence_index] if sentence_index < len(document.sentences) else None
        hint = (event.location_hint.start, event.location_hint.end) if event.location_hint else None
        candidates = places.eligible(places.in_sentence(sentence_index))
        chosen = _choose(candidates, _trigger_tokens(doc, event), hint)
        if not chosen:
            # "abducted two civilians from X", "escorted civilians from X": the only place named
            chosen = _choose(places.origins(sentence_index), _trigger_tokens(doc, event), hint)[:1]

        # anaphora: "the province", "the city" (in the hint, or in a sentence with no place)
        anaphor_text = document.text[hint[0]:hint[1]] if hint else (sentence.text if sentence and not chosen else "")
        if anaphor_text and (not chosen or (hint and not any(c.start < hint[1] and hint[0] < c.end for c in chosen))):
            match = ANAPHORA.search(anaphor_text)
            if match:
                offset = (hint[0] if hint else sentence.start) + match.start()
                antecedent = places.before(offset, ANAPHOR_KIND[match.group(1).lower()])
                if antecedent is not None:
                    chosen = [antecedent]

        if len(chosen) == 1 and _coarse(chosen[0].place):
            finer = (_finer_in_evidence(document, places, event, chosen[0], sentence_index)
                     or _described_later(document, places, chosen[0], sentence_index)
                     or _finer_next(places, chosen[0], sentence_index, told_at))
            if finer is not None:
                _add_evidence(document, event, finer)
            chosen = [finer or chosen[0]]
        if chosen:
            if not event.background:
                own_places.append((sentence_index, chosen[0]))
            for i, item in enumerate(chosen):
                target = event if i == 0 else event.model_copy(deep=True)
                located.append(_fill(target, item, gazetteer=gazetteer))
                if len(chosen) == 1 and (_kind(item.place) == "admin1" or item.province) and places.unknown_within(hint or (sentence.start, sentence.end) if sentence else None):
                    # "In X region ... the village of Y" with Y not found: the region stands for a
                    # place inside it, part of the region (ACLED's precision 2)
                    target.geo_precision = 2
            continue

        # no place in the sentence: the nearest preceding sentence that has one, coarser
        fallback = None
        inferred = True
        for back in range(sentence_index - 1, max(-1, sentence_index - 1 - MAX_FALLBACK_SENTENCES), -1):
            previous = _choose(places.eligible(places.in_sentence(back)), set(), None)
            if previous:
                fallback = previous[0]
                # a sentence of the same paragraph continues its story: the place is as precise
                # as it was there; across a paragraph break it is a guess, one level coarser
                if sentence is not None:
                    inferred = document.paragraph_break_between(back, sentence_index)
                break
        earlier_event = next((item for index, item in reversed(own_places) if index < sentence_index), None)
        if fallback is not None and inferred and earlier_event is not None:
            # across a paragraph break the story goes on where its last event was, not where a
            # place was last named ("The M23, which seized Goma earlier this year, denied it. //
            # The same day, fighters clashed near a village ...": not Goma)
            fallback = earlier_event
        bound = _bound_inside(places, sentence_index, fallback) if fallback is not None and _kind(fallback.place) == "country" else None
        if bound is not None:
            # "The convoy, escorting trucks to the besieged town of Djibo, was ambushed 25 km
            # south of the town": near the town it was bound for, not anywhere in the country
            fallback, inferred = bound, True
        if fallback is None:
            fallback = _following_place(places, document, sentence_index)
            inferred = False  # the same short paragraph: as precise as it is there
            if fallback is not None:
                _add_evidence(document, event, fallback)
        if fallback is None:
            fallback = places.title_place()
            inferred = True
        if fallback is None:
            fallback = places.destination(sentence_index)
            inferred = True
        if fallback is None:
            fallback = places.with_written_containers(sentence_index)
            inferred = False
        if fallback is None:
            fallback = places.demonym_country()
        if fallback is not None:
            located.append(_fill(event, fallback, inferred=inferred, gazetteer=gazetteer))
        else:
            located.append(event)  # nothing known: leave the fields null rather than invent
    return located


__all__ = ["locate_events"]
