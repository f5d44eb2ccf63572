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
place of that type. An event with no place in its sentence takes the nearest preceding context:
as precise as there within the same paragraph, one level coarser across a paragraph break; else
a place the next sentences of the paragraph name ("..., in X district"), a separate title, or the
one country the text's demonyms name ("Iraqi forces defused ...") or whose forces or militias it
names ("Houthi forces arrested ..."). A "from X" place counts only
when the sentence names no other. When nothing is known the fields stay null.

geo_precision: 1 a named town; 2 near a town, or part of a region (district, valley, "outskirts
of X"); 3 a large region, province or country (its centroid/capital point).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from unidecode import unidecode

from eventatlas.geo.actors import actor_mentions
from eventatlas.geo.cues import cue_words, read_cues
from eventatlas.geo.gazetteer import Gazetteer
from eventatlas.geo.geoparse import place_from, resolve_spans
from eventatlas.geo.recognize import recognize
from eventatlas.models import Document, Event, Place
from eventatlas.reference import find_country, place_kind

LOCATIVE_PREPS = {"in", "at", "near", "across", "throughout", "inside", "outside", "into", "on", "around", "within",
                  "over", "along", "between", "onto", "upon", "nearby", "amid", "beyond", "towards", "toward", "to", "of"}
STRONG_PREPS = {"in", "at", "near", "across", "throughout", "inside", "outside", "around", "within", "along", "between", "on"}
NOT_EVENT_PREPS = {"against", "from", "with", "by", "for", "than", "like", "about", "versus", "vs", "including", "without",
                   "via", "per", "unlike", "toward", "towards"}
THROUGH_DEPS = {"compound", "appos", "amod", "nmod", "nummod", "flat", "punct", "det", "case", "npadvmod"}
ANAPHORA = re.compile(r"\b(?:the|this|that)\s+(province|city|town|village|district|area|region|country|capital|valley|state|county|governorate)\b(?!\s+of\s+[A-Z])", re.IGNORECASE)  # "the village of X" names X: no anaphor
ANAPHOR_KIND = {"province": "admin1", "state": "admin1", "governorate": "admin1", "region": "region", "city": "place",
                "town": "place", "village": "place", "capital": "place", "district": "admin2", "county": "admin2",
                "area": "any", "valley": "any", "country": "country"}
MAX_FALLBACK_SENTENCES = 4
FORWARD_SENTENCES = 2
SHORT_PARAGRAPH = 5  # sentences: a paragraph this short reports one incident, its place anywhere in it
# "KYIV, Ukraine (AP) —", "KABUL (Reuters) -": a news dateline at the start of a line
DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z.'\- ]{2,40}(?:,[ \t]*[A-Z][\w.' ]{1,40}){0,2}[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*(?:—|–|--|-)[ \t]", re.MULTILINE)
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


def _kind(place: Place) -> str:
    return place_kind(place.feature_code, place.feature_class)


def _precision(place: Place, near: bool, part: bool, inferred: bool, cue: str | None = None) -> int:
    kind = _kind(place)
    if kind == "place":
        # "a village in X township/district": somewhere in the district named after the town
        precision = 2 if near or cue == "ADM2" else 1
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
        if prep == "from":
            return "origin", token.head.head.i, group, part  # "abducted civilians from X": X if nothing else
        if prep in NOT_EVENT_PREPS:
            return "excluded", None, group, part
        if prep in LOCATIVE_PREPS:
            return ("locative" if prep in STRONG_PREPS else "weak-locative"), token.head.head.i, group, part
        return "other", token.head.head.i, group, part
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd"):
        return "argument", token.head.i, group, part
    return "other", token.head.i if token.head.i != token.i else None, group, part


def _level_role(toponym, place: Place, unknown_roles: dict[str, tuple]) -> tuple[str, int | None, int | None, str | None]:
    """(role, attach, group, stands_for) of a level of a written hierarchy: only says where its
    name lies ("container"), unless the name is unknown and this is the most specific known
    level, which then stands for it, in the name's role (ACLED's geo_precision 2)."""
    written = toponym.qualifies
    if written is not None and written in unknown_roles and _kind(place) in ("place", "admin2", "admin1"):
        role, attach, group = unknown_roles.pop(written)
        return role, attach, group, toponym.qualifies
    return "container", None, None, None


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


def _names_a_topic(doc, start: int, end: int) -> bool:
    """"rallied in support of X", "protested against the war in X": the place is what people act
    about (its phrase hangs from a topic noun), not where they act."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
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
        doc = document.spacy_doc
        toponyms, demonyms = recognize(doc, gazetteer)
        datelines = [m.span() for m in DATELINE.finditer(document.text)]
        context = [(d.start, d.end) for d in demonyms if d.country_code]  # demonyms: context, never places
        # the countries the text's demonyms name ("Iraqi forces"), else its named actors
        # ("Houthi forces"): the last resort of an event
        self.demonym_countries = {d.country_code for d in demonyms if d.country_code and len(d.country_code) == 2}
        actors = actor_mentions(document.text)
        # (rebel groups fight across borders: only a state's own forces and militias name the country)
        self.actor_countries = {a.country_code for a in actors if a.national}
        home = frozenset(a.country_code for a in actors if a.local)
        places = resolve_spans(document, [(t.start, t.end) for t in toponyms], gazetteer, extra_context=context,
                               home_countries=home)
        self.items: list[_Located] = []
        self.unknown: list[tuple[int, int]] = []  # names the gazetteer lacks (or that fit nowhere stated)
        unknown_roles: dict[str, tuple] = {}  # an unknown hierarchy name -> its role in the sentence
        last_unknown: tuple | None = None  # (end, name, role, attach, group) of the last unknown name
        for toponym, place in zip(toponyms, places):
            role, attach, group, part = _role(doc, toponym.start, toponym.end)
            if place.latitude is None:
                self.unknown.append((toponym.start, toponym.end))
                if toponym.source == "hierarchy":
                    unknown_roles[toponym.qualifies or toponym.text] = (role, attach, group)
                last_unknown = (toponym.end, toponym.text, role, attach, group)
                continue  # unknown name: it cannot locate anything, and it never blocks the others
            cues = read_cues(document.text, toponym.start, toponym.end)
            sentence = document.sentence_at(toponym.start)
            stands_for = None
            if any(start <= toponym.start < end for start, end in datelines):
                role = "dateline"  # where the report was filed, not where the event happened
            elif toponym.source in ("org", "thoroughfare", "qualifier") or _modifies_an_actor(doc, toponym.start, toponym.end):
                role = "excluded"  # "the Kenya Medical Association", "US forces": a name, not a place of events
            elif toponym.source == "level":
                role, attach, group, stands_for = _level_role(toponym, place, unknown_roles)
            elif _kind(place) == "country" and _names_a_topic(doc, toponym.start, toponym.end):
                role = "excluded"  # "in support of X": a country people rally for, not where they rally
            elif cues.contained and last_unknown and _kind(place) in ("admin1", "admin2") \
                    and _COMMA_ONLY.match(document.text, last_unknown[0], toponym.start):
                # "in Kalynivka, Sumy" and no Kalynivka known: the province stands for the village
                # in it (ACLED's precision 2), the village's name kept as written
                stands_for, role, attach, group = last_unknown[1:]
            elif cues.contained and self.items and self.items[-1].end <= toponym.start \
                    and _COMMA_ONLY.match(document.text, self.items[-1].end, toponym.start) \
                    and self.items[-1].place.country_code == place.country_code and _kind(place) != "country":
                role = "container"  # "in Melitopol, Zaporizhzhia": the second name says where the first is
            province = _kind(place) == "admin1"
            if province and cues.feature is None and role != "container" and stands_for is None:
                place = _town_of_the_name(toponym.text, place, gazetteer)
            self.items.append(_Located(place, toponym.start, toponym.end, sentence.index if sentence else 0,
                                       cues.near or part, cues.part or part, role=role, attach=attach, group=group,
                                       cue=cues.feature, stands_for=stands_for, province=province))

    def title_place(self) -> _Located | None:
        """The place a separate title names (when the title is not part of the text), resolved
        with the body as context; computed on first need."""
        if not hasattr(self, "_title"):
            self._title = None
            title = (self.document.title or "").strip()
            if title and title not in self.document.text[: len(title) + 200]:
                from eventatlas.nlp import load_model

                title_doc = load_model()(title)
                toponyms, _ = recognize(title_doc, self.gazetteer)
                if toponyms:
                    combined = Document(text=title + "\n\n" + self.document.text, url=self.document.url, source=self.document.source)
                    offset = len(title) + 2
                    body = [(i.start + offset, i.end + offset) for i in self.items]
                    resolved = resolve_spans(combined, [(t.start, t.end) for t in toponyms], self.gazetteer, extra_context=body)
                    for toponym, place in zip(toponyms, resolved):
                        if place.latitude is not None and _kind(place) != "continent":
                            self._title = _Located(place, -1, -1, -1, False, False, role="title")
                            break
        return self._title

    def demonym_country(self) -> _Located | None:
        """"Iraqi forces defused a bomb", "Houthi forces arrested ..." and no place named: the
        one country the text's demonyms name (else the one whose forces or militias it names), coded as
        ACLED codes a national event (its capital, precision 3)."""
        countries = self.demonym_countries or self.actor_countries
        if len(countries) != 1 or self.items or self.unknown:
            return None  # a place we cannot find is where it happened; a demonym names an actor
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
        return [i for i in items if i.role not in ("excluded", "possessor", "dateline", "container", "origin") and i.place.country_code]

    def origins(self, index: int) -> list[_Located]:
        """"from X" places of a sentence: where people came from, or where they were taken from."""
        return [i for i in self.in_sentence(index) if i.role == "origin" and i.place.country_code]

    def before(self, offset: int, kind: str) -> _Located | None:
        for item in reversed(self.items):
            if item.start >= offset or item.role in ("excluded", "possessor", "dateline", "container", "origin"):
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
        kind = _kind(item.place)
        score += {"place": 0.3, "admin2": 0.2, "feature": 0.1, "admin1": 0.0, "country": -0.8}.get(kind, 0.0)
        if item.place.feature_class == "H":
            score -= 1.0  # "a town across the river": ACLED codes the town, not the water
        item.score = score
    best = max(items, key=lambda i: i.score)
    if _kind(best.place) in ("admin1", "country"):
        # "near Damboa in Borno state": the state only says where the town is
        inside = [
            i for i in items
            if _kind(i.place) in ("place", "admin2") and i.role in ("locative", "weak-locative", "argument")
            and i.place.country_code == best.place.country_code
            and (_kind(best.place) == "country" or i.place.admin1 == best.place.admin1)
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
    while end < len(document.sentences) and "\n\n" not in document.text[document.sentences[end - 1].end : document.sentences[end].start]:
        end += 1
    return end


def _paragraph_start(document: Document, sentence_index: int) -> int:
    start = sentence_index
    while start > 0 and "\n\n" not in document.text[document.sentences[start - 1].end : document.sentences[start].start]:
        start -= 1
    return start


def _following_place(places: _DocumentPlaces, document: Document, sentence_index: int) -> _Located | None:
    """A short report that names its place only after the event ("... This was the first
    strike since the agreement, in X district"): the first place of the next sentences of the
    same paragraph; in a short paragraph (a summary of one incident) of any of them."""
    end = _paragraph_end(document, sentence_index)
    if end - _paragraph_start(document, sentence_index) > SHORT_PARAGRAPH:
        end = min(end, sentence_index + 1 + FORWARD_SENTENCES)
    for forward in range(sentence_index + 1, end):
        following = _choose(places.eligible(places.in_sentence(forward)), set(), None)
        if following:
            return following[0]
    return None


_RECENT = threading.local()  # the last document's places, per thread


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
    located: list[Event] = []
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

        if chosen:
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
                    gap = document.text[document.sentences[back].end : sentence.start]
                    inferred = "\n\n" in gap or "\n \n" in gap
                break
        if fallback is None:
            fallback = _following_place(places, document, sentence_index)
            inferred = False  # the same short paragraph: as precise as it is there
        if fallback is None:
            fallback = places.title_place()
            inferred = True
        if fallback is None:
            fallback = places.demonym_country()
        if fallback is not None:
            located.append(_fill(event, fallback, inferred=inferred, gazetteer=gazetteer))
        else:
            located.append(event)  # nothing known: leave the fields null rather than invent
    return located


__all__ = ["locate_events"]
