"""Find the toponyms of a parsed document.

Sources, strongest first (a token one step reads is not read again):

0. written hierarchies ("Dalla (Hombori, Mopti)", "X village, Y district"), whatever the
   model labelled them, and multi-word gazetteer names that the model cut into
   pieces ("Port" + "Spain city" -> "Port of Spain");
1. spaCy's GPE, LOC and FAC entities, widened over hyphenated continuations the tokenizer split
   ("Sar" + "-e-Pul"), split at commas ("Springfield, Ill." -> two names), trimmed of a
   leading article and a possessive.
2. Gazetteer-driven matching of proper-noun runs the model missed or mislabeled: the longest
   sub-run whose normalized form is a gazetteer name. Runs inside PERSON/ORG entities are only
   taken when a locative preposition precedes them ("in Alexandria", "of Rapides Parish").
   An acronym ("FAMa") or a name before a force noun ("Wagner forces") is not a small town.
3. One name, one sense: a well-known place the model labelled a place, or named in a place frame
   ("in DeKalb"), is the place again where the model called it a person or an organisation
   ("DeKalb Police": the place the organisation is named after, "org"), unless it speaks.

A one-word name that the document writes as a person's surname ("Jim Ripley ... Ripley") is not a
place outside a place frame; two places joined by a hyphen ("Fargo-Moorhead") are two names; a
span without a capital letter is no name.

Demonyms ("Afghan", "Pakistanis") are returned separately: they are document context, not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventatlas.geo.actors import actor_mentions
from eventatlas.geo.cues import CALENDAR_WORDS, cue_words, suffix_feature
from eventatlas.geo.demonyms import demonym_country
from eventatlas.geo.gazetteer import Gazetteer
from eventatlas.geo.hierarchy import find_hierarchies
from eventatlas.geo.normalize import normalize, without_compass_part
from eventatlas.geo.sites import building_word

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# division words that make a road the division's own ("X County Road 12"), so inside it
THOROUGHFARE_OWNERS = {"county", "parish", "district", "province", "state", "township"}
BLOCKING_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"}
MAX_RUN = 5
TIME_LABELS = {"DATE", "TIME"}
STRAY_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}  # labels the small model misplaces on names
LIST_JOINERS = {"and", "or", ","}  # the words between the names of a list ("in Goma, Bukavu and Uvira")
MIN_POPULATION_UNLABELED = 1000  # a proper noun no model called a place needs a real town behind it
MAJOR_POPULATION = 100_000  # a city that size is a likely reading of its name even where the model said ORG


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    source: str  # "ner", "gazetteer", "org" (a place inside an organisation's name), "site" (a small
    #              place inside a site's name: "near Tamale University"), "hierarchy" (the name a
    #              written hierarchy is about), "level" (a level of one), "thoroughfare" (a street or
    #              square named with a place: "Plaza Bolivar"; never an event place) or "qualifier" (a
    #              place before a hyphenated word: "a Yemen-based group"; never an event place)
    qualifies: str | None = None  # for a hierarchy's name and levels: the name, as written ("Dalla")


@dataclass
class DemonymMention:
    start: int
    end: int
    text: str
    country_code: str


# what ends a dateline's place, on its line: "CLINTON —", "TBILISI, Georgia —", "COLUMBUS, Ohio (AP)", "NEWARK  Wess"
_DATELINE_END = re.compile(r"(?:[^\n.]{0,30}?(?:[—–]|--|\(AP\))|\s\s|,\s*[A-Z][a-z]*\.)")
_LIST_NAME = r"[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*)?"
# "Clarke, Madison, Oconee and Oglethorpe counties": two or more names, then a plural type word
_LISTED_NAMES = re.compile(rf"(?P<names>{_LIST_NAME}(?:,\s*{_LIST_NAME})*,?\s+(?:and|or|&)\s+{_LIST_NAME})\s+(?P<type>[a-z]+s)\b")
_QUARTER_AFTER = re.compile(r"\s+[-–]\s+.*$")  # "Kumasi - Adum": the quarter after a spaced hyphen
_HYPHEN_TAIL = re.compile(r"(?:-[A-Za-z\u00C0-\u024F]+)+")
_LEADING = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s*([A-Za-z]+)", text[end : end + 40])
    return match.group(1).lower() if match else ""


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim an article, possessive, punctuation; extend over a hyphenated tail."""
    tail = _HYPHEN_TAIL.match(text, end)
    if tail:
        end = tail.end()
    span = text[start:end]
    lead = _LEADING.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    poss = _POSSESSIVE.search(span)
    if poss:
        end -= len(poss.group(0))
    while end > start and text[end - 1] in " ,;:-":
        end -= 1
    return start, end


def recognize(spacy_doc, gazetteer: Gazetteer, actors: list | None = None) -> tuple[list[Toponym], list[DemonymMention]]:
    """The toponyms and the demonyms of a parsed document, in text order. The steps run from the
    strongest evidence to the weakest; a token taken by one step is not read again. ``actors``:
    the document's ``actor_mentions`` when the caller has them (found here otherwise)."""
    steps = _Recognition(spacy_doc, gazetteer, actors)
    steps.written_hierarchies()
    steps.listed_divisions()
    steps.longest_names()
    steps.entities()
    steps.unlabelled_demonyms()
    steps.proper_noun_runs()
    steps.repeated_names()
    return steps.result()


# words that join the parts of one name ("Rio de Janeiro", "Mocimboa da Praia", "Deir ez-Zor")
JOINERS = {"-", *(particle for particle in cue_words()["name_particles"] if " " not in particle)}
WRITTEN_SOURCES = ("hierarchy", "level")


class _Recognition:
    """The state the steps of ``recognize`` share: what was found, and which tokens are taken
    (read as a place or demonym) or blocked (inside a PERSON/ORG/... entity)."""

    def __init__(self, spacy_doc, gazetteer: Gazetteer, actors: list | None = None):
        self.doc = spacy_doc
        self.gazetteer = gazetteer
        self.text = spacy_doc.text
        # capitals mark acronyms only where the text is otherwise written in lower case
        self.mixed_case = sum(ch.islower() for ch in self.text) > sum(ch.isupper() for ch in self.text)
        self.words = cue_words()
        self.particles = set(self.words["name_particles"])
        self.generic = set(self.words["generic_heads"]) | {"states", "centre", "center"}
        self.toponyms: list[Toponym] = []
        self.demonyms: list[DemonymMention] = []
        self.taken = [False] * len(spacy_doc)
        self.blocked: list[str | None] = [None] * len(spacy_doc)
        self.ent_of: list = [None] * len(spacy_doc)
        for ent in spacy_doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.surnames = _surnames(spacy_doc)
        # "Islamic State Sahel Province": a place inside a named armed group's name is where the
        # group is from, not a place of events
        self.actor_spans = [(m.start, m.end) for m in (actor_mentions(self.text) if actors is None else actors)]

    # -- shared helpers ----------------------------------------------------------------------
    def add(self, start: int, end: int, source: str, qualifies: str | None = None) -> None:
        start, end = _clean(self.text, start, end)
        parts = [(start, end)] if source in WRITTEN_SOURCES else self._hyphen_parts(start, end)
        if len(parts) == 2 and _next_word(self.text, end) in self.words["between_nouns"]:
            source = "thoroughfare"  # "the Isiolo-Garissa border": between the two, in neither
        elif parts and parts[0][1] < end and len(parts) == 1:
            source = "qualifier"  # "the Yemen-based movement": where an actor is from, not an event's place
        for start, end in parts:
            if source not in WRITTEN_SOURCES and any(a <= start and end <= b and end - start < b - a for a, b in self.actor_spans):
                source = "qualifier"
            # a place name has a capital somewhere ("al-Bab" too); "meth", "n’t", "metro" have none
            if end > start and any(ch.isupper() for ch in self.text[start:end]):
                self.toponyms.append(Toponym(start, end, self.text[start:end], source, qualifies))

    def _hyphen_parts(self, start: int, end: int) -> list[tuple[int, int]]:
        """A hyphenated name the gazetteer lacks as a whole: two places joined ("Fargo-Moorhead",
        "Athens-Clarke County") are two names; a word after the name ("Columbia-based") is not
        part of it. "Sar-e-Pul", "Wilkes-Barre" stay whole."""
        text = self.text[start:end]
        if "-" not in text or self.gazetteer.codes(text, fuzzy=False)[0]:
            return [(start, end)]
        pieces, offset = [], start
        for piece in text.split("-"):
            pieces.append((offset, offset + len(piece)))
            offset += len(piece) + 1
        if len(pieces) == 2 and self.text[pieces[1][0] : pieces[1][1]].islower():
            return [pieces[0]]  # "Columbia-based", "Kent-born": see ``add``
        names = [self.text[a:b] for a, b in pieces]
        if any(name.lower() in self.particles for name in names):
            return [(start, end)]  # "Al-Rawda", "Deir ez-Zor": an article is part of the name, never a place
        if len(pieces) == 2 and all(n[:1].isupper() and self.gazetteer.codes(n, fuzzy=False)[0] for n in names):
            return pieces
        return [(start, end)]

    def take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True

    def starts_place_name(self, i: int) -> bool:
        """"Hindu Kush", "South Sudan": a demonym-like word that begins a longer place name."""
        for size in (3, 2):
            if i + size <= len(self.doc) and self.gazetteer.codes(self.doc[i : i + size].text, fuzzy=False)[0]:
                return True
        return False

    def is_name_token(self, token) -> bool:
        return (
            not self.taken[token.i]
            and token.text[:1].isupper()
            and (token.pos_ == "PROPN" or (not token.is_sent_start and not token.is_stop))
        )

    # -- steps -------------------------------------------------------------------------------
    def written_hierarchies(self) -> None:
        """"Dalla (Hombori, Mopti)": the name and its levels, whatever the model labelled them."""
        spans = _hierarchy_spans(self.text, self.gazetteer)
        # "on Saturday in X in Y state": a day or month is not a place, so its "levels" are only
        # places of their own, which the entity pass reads
        dates = {q for start, end, source, q in spans if source == "hierarchy" and self._a_date(start, end)}
        for start, end, source, qualifies in spans:
            if qualifies in dates:
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not any(self.taken[t.i] for t in span):
                self.add(start, end, source, qualifies)
                self.take(span.start, span.end)

    def _a_date(self, start: int, end: int) -> bool:
        """Whether a span is a calendar word or lies in a date or time the model found."""
        if self.text[start:end].strip().lower() in CALENDAR_WORDS:
            return True
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.ent_type_ in TIME_LABELS for t in span)

    def listed_divisions(self) -> None:
        """"Clarke, Madison, Oconee and Oglethorpe counties": names listed before a plural type
        word are divisions of that type, whatever the model labelled them (a person's name, an
        organisation), when the gazetteer has a division of that name."""
        for match in _LISTED_NAMES.finditer(self.text):
            feature = self.words["after"].get(match.group("type").lower())
            if feature not in ("ADM1", "ADM2"):
                continue
            for name in re.finditer(_LIST_NAME, match.group("names")):
                start, end = match.start("names") + name.start(), match.start("names") + name.end()
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is None or any(self.taken[t.i] for t in span) or not self._a_division(name.group(0)):
                    continue
                self.add(start, end, "gazetteer")
                self.take(span.start, span.end)

    def _a_division(self, text: str) -> bool:
        codes, _ = self.gazetteer.codes(text, fuzzy=False)
        return any(self.gazetteer.fcodes[c >> 1] in ("ADM1", "ADM2") for c in codes)

    def longest_names(self) -> None:
        """The longest gazetteer name wins over the pieces the model cut it into ("Port of Spain")."""
        for start, end in _multiword_names(self.doc, self.gazetteer, self.ent_of, self.taken):
            self.add(self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text), "gazetteer")
            self.take(start, end)

    def entities(self) -> None:
        """The model's GPE/LOC/FAC entities (split at commas), NORP demonyms, divisions named with
        a type word that the model labelled otherwise; other entities block their tokens."""
        for ent in self.doc.ents:
            if any(self.taken[i] for i in range(ent.start, ent.end)):
                continue  # part of a written hierarchy or of a longer name
            if ent.label_ in PLACE_LABELS:
                self._place_entity(ent)
            elif ent.label_ == "NORP":
                code = demonym_country(ent.text)
                if code is not None and not self.starts_place_name(ent.start):
                    self.demonyms.append(DemonymMention(ent.start_char, ent.end_char, ent.text, code))
                    self.take(ent.start, ent.end)
            elif ent.label_ in BLOCKING_LABELS and _typed_division(ent, self.gazetteer, self.words):
                self.add(ent.start_char, ent.end_char, "ner")  # "Aleppo Governorates" read as a title
                self.take(ent.start, ent.end)
            elif ent.label_ in BLOCKING_LABELS:
                for i in range(ent.start, ent.end):
                    self.blocked[i] = ent.label_

    def _place_entity(self, ent) -> None:
        if self._unknown_single_word(ent):
            # "Danielle", "Yogananda", "Balqon" labelled places: a lone word no gazetteer knows,
            # outside a place frame, is a person's or a firm's name far more often than a village
            self.blocked[ent.start] = "PERSON"
            return
        if self._names_a_thoroughfare(ent):
            # "near Plaza Bolivar": a square of the town, named for Bolivar; a toponym, but the
            # town around it is where things happen there
            self.add(ent.start_char, ent.end_char, "thoroughfare")
            self.take(ent.start, ent.end)
            return
        if self._a_namesake_site(ent):
            # "the Hotel Hiiraan", "Punjab University": a building named after a province or a
            # country stands somewhere in it, not everywhere; the name is context, not a place
            self.add(ent.start_char, ent.end_char, "org")
            self.take(ent.start, ent.end)
            return
        # "Springfield, Ill." -> two names; "Kabul and Herat" stays as the model gave it;
        # "Kumasi - Adum": a city and its quarter, the city the place to find
        offset = ent.start_char
        for part in re.split(r",\s*", _QUARTER_AFTER.sub("", ent.text)):
            pstart = self.text.find(part, offset)
            if pstart >= 0 and part.strip():
                self.add(pstart, pstart + len(part), "ner")
                offset = pstart + len(part)
        self.take(ent.start, ent.end)

    def _a_namesake_site(self, ent) -> bool:
        """A facility named with a first-level division or a country: "Hotel Hiiraan", "Kenya
        National Hospital" (not "Tamale Teaching Hospital": a town's name says where it stands)."""
        words = [t for t in ent if t.lower_ not in ("the", "a")]
        facility = self.words["facility_nouns"]
        if len(words) < 2 or not (words[0].lower_ in facility or words[-1].lower_ in facility):
            return False
        name = " ".join(t.text for t in words if t.lower_ not in facility and t.text[:1].isupper())
        reading = self._reading(name, False) if name else None
        if reading is None or reading[1] not in ("ADM1", "PCLI"):
            return False
        codes, _ = self.gazetteer.codes(name, fuzzy=False)
        return not any(self.gazetteer.fclasses[code >> 1] == "P" for code in codes)  # "Kabul Dam": a town's

    def _unknown_single_word(self, ent) -> bool:
        token = ent[0]
        if len(ent) != 1 or not token.text[:1].isupper() or _after_locative(self.doc, ent.start, self.words):
            return False
        following = self.doc[ent.end].lower_ if ent.end < len(self.doc) else ""
        if following in self.words["after"] or demonym_country(token.text) is not None:
            return False
        return not self.gazetteer.codes(_POSSESSIVE.sub("", token.text), fuzzy=True)[0]

    def _names_a_thoroughfare(self, ent) -> bool:
        """A street or square named with a place: "Plaza X", "X Road", or the model's place
        entity right inside one ("Avenida [X]", "[X] Street")."""
        words = self.words["thoroughfare_nouns"]
        if any(t.lower_ in THOROUGHFARE_OWNERS for t in ent):
            return False  # "Otter Creek County Road 12": the county's road, in the county
        inside = len(ent) > 1 and (ent[0].lower_.rstrip(".") in words or ent[-1].lower_.rstrip(".") in words)
        before = ent.start > 0 and self.doc[ent.start - 1].text[:1].isupper() and self.doc[ent.start - 1].lower_ in words
        after = ent.end < len(self.doc) and self.doc[ent.end].text[:1].isupper() and self.doc[ent.end].lower_.rstrip(".") in words
        return inside or before or after

    def unlabelled_demonyms(self) -> None:
        for token in self.doc:
            if not self.taken[token.i] and token.text[:1].isupper():
                code = demonym_country(token.text)
                if code is not None and not self.starts_place_name(token.i):
                    self.demonyms.append(DemonymMention(token.idx, token.idx + len(token.text), token.text, code))
                    self.taken[token.i] = True

    def proper_noun_runs(self) -> None:
        """Runs of capitalised words the model missed or mislabelled: within each run, the
        longest sub-run that reads as a place, left to right."""
        doc, n, i = self.doc, len(self.doc), 0
        while i < n:
            if not self.is_name_token(doc[i]):
                i += 1
                continue
            j = i
            while j < n and (self.is_name_token(doc[j]) or (doc[j].text in JOINERS and j + 1 < n and self.is_name_token(doc[j + 1]))):
                j += 1
            k = i
            while k < j:
                k += self._match_at(k, j) or 1
            i = j if j > i else i + 1

    def _match_at(self, k: int, j: int) -> int:
        """The size of the longest place read at token k (within the run ending at j), 0 if none."""
        for size in range(min(MAX_RUN, j - k), 0, -1):
            source = self._read_span(k, size)
            if source:
                span = self.doc[k : k + size]
                self.add(span.start_char, span.end_char, source)
                self.take(k, k + size)
                return size
        return 0

    def _read_span(self, k: int, size: int) -> str | None:
        """"gazetteer" or "org" when doc[k:k+size] reads as a place (or a place inside an
        organisation's name), else None."""
        span = self.doc[k : k + size]
        first, last = span[0], span[-1]
        if first.text in JOINERS or last.text in JOINERS or first.lower_.rstrip(".") in self.words["person_titles"]:
            return None
        before = self.doc[k - 1] if k > 0 else None
        if before is not None and before.text[:1].isupper() and before.lower_.rstrip(".") in self.words["person_titles"]:
            return None  # "Queen Elizabeth (Hospital)", "President Kennedy": a person's name
        short = size == 1 and len(first.text) < 4 and not self._typed_after_locative(k)
        # after "in", "near", "the town of": the words are very likely a place, so an alternate
        # name, a transliteration variant or a hamlet will do
        locative = _after_locative(self.doc, k, self.words)
        if short and not first.text.isupper() and not locative:
            return None
        reading = self._reading(span.text, locative and not short)
        if reading is None:
            # "entered Koui", "the town of Koui": a commune or village only geoBoundaries knows,
            # where only a place can stand
            framed = locative and not short and all(self.blocked[t] in (None, "PERSON") for t in range(k, k + size))
            return "gazetteer" if framed and self.gazetteer.has_unit(span.text) and not self._a_surname(k, size) else None
        top, code, population, by_main_name = reading
        major = code in ("PCLI", "ADM1", "CONT") or population >= MAJOR_POPULATION
        # "US", "EU", "UK" yes; other short capitals are mostly acronyms ("in Ica city" is a
        # place); after "in" or "near", a short name that is a big city's main name is that city
        # ("in Gao", "near Aba"), even where the model took it for a surname
        if short and code not in ("PCLI", "CONT") and not (locative and major and by_main_name and not first.text.isupper()):
            return None
        if any(self.blocked[t] for t in range(k, k + size)):
            verdict = self._inside_entity(k, size, code, major, by_main_name, locative)
            if verdict != "whole":
                return verdict
        elif size == 1 and not major and code not in ("ADM2",) and self.gazetteer.fclasses[top] == "P" \
                and not self._at_dateline(k, size):
            return None  # a lone capitalized word ("Hope", "Wang") needs a well-known place behind it
        elif size == 1 and normalize(first.text) in self.generic:
            return None  # "Centre", "Southern", "States": words first, place names second
        if population < MIN_POPULATION_UNLABELED and not locative and code not in ("PCLI", "ADM1", "ADM2", "CONT") \
                and self.gazetteer.fclasses[top] == "P":
            return None
        if not major and _names_an_actor(self.doc, k, size, self.words) and not self._at_dateline(k, size):
            return None  # "FAMa", "Wagner forces": an acronym or an armed group, not a small town
        if size == 1 and code not in ("PCLI", "CONT") and not locative and self._an_acronym(k):
            return None  # "police SWAT team", "the NICE program": capitals in running text, not a city
        return "gazetteer"

    def _a_surname(self, k: int, size: int) -> bool:
        """Whether the words are a surname the document gives a person ("Mr Koui", "John Koui")."""
        return size == 1 and self.doc[k].lower_ in self.surnames

    def _an_acronym(self, k: int) -> bool:
        """A word in capitals in a text written in lower case, away from the start of a line (a
        dateline writes its town in capitals: "CLINTON — A couple ...")."""
        token = self.doc[k]
        letters = [ch for ch in token.text if ch.isalpha()]
        if len(letters) < 2 or not all(ch.isupper() for ch in letters) or not self.mixed_case:
            return False
        line_start = self.text.rfind("\n", 0, token.idx) + 1
        return bool(self.text[line_start : token.idx].strip()) and not self._at_dateline(k, 1)

    def _at_dateline(self, k: int, size: int) -> bool:
        """Whether doc[k:k+size], in capitals, opens a report: "TORRINGTON — The council ...",
        "TBILISI, Georgia —", "COLUMBUS, Ohio (AP)"."""
        span = self.doc[k : k + size]
        if not all(ch.isupper() for ch in span.text if ch.isalpha()):
            return False
        return bool(_DATELINE_END.match(self.text, span.end_char))

    def _typed_after_locative(self, k: int) -> bool:
        """"in Ica city", "in Ede town": a short name between a locative word and a place type word."""
        following = self.doc[k + 1].lower_ if k + 1 < len(self.doc) else ""
        return following in self.words["after"] and _after_locative(self.doc, k, self.words)

    def _reading(self, text: str, locative: bool) -> tuple[int, str, int, bool] | None:
        """(row, feature code, population, matched by its main name) of the best place a run of
        words names; None when it is only some place's alternate name and nothing says place."""
        gazetteer = self.gazetteer
        codes, _ = gazetteer.codes(text, fuzzy=locative)
        main = [c for c in codes if locative or not c & 1 or gazetteer.fcodes[c >> 1] in ("PCLI", "ADM1", "CONT")]
        if not main:
            return None
        top = main[0] >> 1
        return top, gazetteer.fcodes[top], gazetteer.populations[top], not main[0] & 1

    def _inside_entity(self, k: int, size: int, code: str, major: bool, by_main_name: bool, locative: bool) -> str | None:
        """A run inside a PERSON/ORG entity: "gazetteer" (a place the model glued to a name),
        "org" (the place an organisation is named after: context only), "whole" (the entity is
        the place: go on checking), or None."""
        doc = self.doc
        ent = next(self.ent_of[t] for t in range(k, k + size) if self.blocked[t])
        if ent.label_ in TIME_LABELS and any(doc[t].lower_ in CALENDAR_WORDS or doc[t].like_num for t in range(ent.start, ent.end)):
            return None  # "in June", "since August 2019": a time, whatever town shares its name
        if ent.label_ in STRAY_LABELS and locative and by_main_name:
            # "on the road between Macomia and Mucojo" labelled a work of art: after a locative,
            # a town's own name in a label news seldom has is the town
            return "gazetteer"
        ent_start = ent.start
        while ent_start < ent.end and doc[ent_start].lower_ in ("the", "a"):
            ent_start += 1
        if _glued_location(doc, ent, ent_start, k, size):
            return "gazetteer"  # "the High Court in Nairobi", "in Toluca, Mexico State" labelled ORG
        if _named_as_places(doc, ent_start):
            return "gazetteer"  # "the towns of Bint Jbeil and Aynata" labelled ORG as one name
        if ent.label_ == "PERSON" and k < ent_start and ent.end <= k + size and _after_locative(doc, k, self.words):
            return "gazetteer"  # "near Debre Markos" with only "Markos" a person: the model cut the name
        if locative and k > ent_start and all(self.taken[t] or doc[t].lower_ in LIST_JOINERS for t in range(ent_start, k)):
            return "gazetteer"  # "in Novi Sad and Kragujevac" labelled ORG as one name: a list of places
        if ent_start != k or ent.end != k + size:
            if ent.label_ == "ORG" and _site_in_place(doc, ent, ent_start, k, size, self.words, by_main_name):
                # "near Tamale University", "Kumasi - Adum (Adum)": a site in the place, which
                # locates events; a small place there is no toponym of its own for geoparsing
                return "gazetteer" if major else "site"
            # a piece of an organisation's name ("Bank of Canada", "Colorado State University"):
            # only a country, continent, first-level division or big city, by its own name
            if ent.label_ != "ORG" or not (code in ("PCLI", "CONT") or (by_main_name and major)):
                return None
            if k != ent_start and doc[k - 1].lower_ not in ("of", "for", "in", "de"):
                return None  # "National Unity Government": a word inside the name
            return "org"
        if ent.label_ == "ORG" and not major and _names_a_building(doc[ent.end - 1], ent.end):
            return None  # "near the Council building": an organisation's building, not a town
        back = k - 1
        while back >= 0 and doc[back].lower_ in ("the", "a"):
            back -= 1
        prev = doc[back].lower_ if back >= 0 else ""
        # "Kabul and Herat" labelled ORG: the next name of a list of places (not "the presidential
        # palace and Congress": a list of buildings)
        before_list = back - 1
        while before_list >= 0 and doc[before_list].lower_ in LIST_JOINERS:
            before_list -= 1
        listed = prev in LIST_JOINERS and before_list >= 0 and (
            self.taken[before_list] or (doc[before_list].pos_ == "PROPN" and doc[before_list].text[:1].isupper()))
        after_locative = prev in self.words["locative_prepositions"] or listed or (prev in LIST_JOINERS and locative)
        # after an attack verb ("shelled Sarmin" tagged ORG): a place by its own name
        by_verb = locative and by_main_name
        return "whole" if (after_locative or by_verb or (ent.label_ == "ORG" and major)) else None

    def repeated_names(self) -> None:
        """One name, one sense in a document: a place name the model labelled a place, or that
        stands in a place frame ("in DeKalb"), is the place again where the model called it a
        person or an organisation ("DeKalb Police", "a Gainesville restaurant") or said nothing,
        unless the document uses it as a person's surname. Inside an organisation's longer name it
        is the place the organisation is named after ("org")."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for name in {_name_tokens(t.text) for t in self.toponyms if self._anchors_its_name(t)}:
            if name:
                by_first.setdefault(name[0].lower(), []).append(name)
        for names in by_first.values():
            names.sort(key=len, reverse=True)  # "New London" before "New"
        for i in range(len(self.doc)):
            for name in by_first.get(self.doc[i].lower_, ()):
                size = len(name)
                if self._repeats_at(i, name):
                    source = self._repeated_source(i, size)
                    if source:
                        span = self.doc[i : i + size]
                        self.add(span.start_char, span.end_char, source)
                        self.take(i, i + size)
                        break

    def _anchors_its_name(self, toponym: Toponym) -> bool:
        """Whether a found toponym is sure enough to stand for its name elsewhere in the document:
        a well-known place's own name, seen as a place by the model or in a place frame."""
        if toponym.source not in REPEATABLE_SOURCES or toponym.text.lower() in self.surnames:
            return False
        if normalize(toponym.text) in self.generic or len(toponym.text) < 4:
            return False
        span = self.doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None:
            return False
        ent = self.ent_of[span.start]
        framed = toponym.source in WRITTEN_SOURCES or (ent is not None and ent.label_ in ("GPE", "LOC")) \
            or _in_a_place_frame(self.doc, span.start, self.words, self.gazetteer)
        if not framed:
            return False
        # (a geoBoundaries unit "in Mir Ali" too: a town the gazetteer knows only as its district)
        return self._well_known(toponym.text) or (
            _in_a_place_frame(self.doc, span.start, self.words, self.gazetteer) and self.gazetteer.has_unit(toponym.text))

    def _well_known(self, text: str) -> bool:
        """A place by its own name: a division or country, or a town of some size."""
        reading = self._reading(text, False)
        if reading is None:
            return False
        top, code, population, by_main_name = reading
        return by_main_name and (code in DIVISION_CODES or code == "CONT" or population >= MIN_POPULATION_UNLABELED)

    def _repeats_at(self, i: int, name: tuple[str, ...]) -> bool:
        size = len(name)
        if i + size > len(self.doc) or any(self.taken[t] for t in range(i, i + size)):
            return False
        return all(_same_word(self.doc[i + n].text, word) for n, word in enumerate(name))

    def _repeated_source(self, i: int, size: int) -> str | None:
        """"gazetteer" or "org" for a repeated name at tokens i..i+size, or None where it is part of
        a longer name (a person's, or an unlabelled run of capitalised words)."""
        ent = self.ent_of[i]
        if ent is not None and any(self.ent_of[t] is not ent for t in range(i, i + size)):
            return None  # the name straddles the model's entities
        if size == 1 and _speaks(self.doc, i, self.words):
            return None  # "Noma said", "said Wang": a person who shares the name
        if ent is None:
            before = self.doc[i - 1] if i > 0 else None
            after = self.doc[i + size] if i + size < len(self.doc) else None
            if (before is not None and self.is_name_token(before) and not before.is_sent_start) or \
                    (after is not None and self.is_name_token(after)):
                return None  # "New London" is not "London" again
            return "gazetteer"
        whole = ent.start == i and ent.end == i + size
        start = ent.start + (1 if ent[0].lower_ in ("the", "a") else 0)
        whole = whole or (start == i and ent.end == i + size)
        if whole:
            return "gazetteer"
        if self.doc[i + size].lower_.rstrip(".") in self.words["thoroughfare_nouns"]:
            return None  # "DeKalb Ave.": a street named for the place
        if ent.label_ == "PERSON":
            # "Avondale Mayor", "Huntsville Fire Chief": the place opens a title, not a name
            following = self.doc[i + size].lower_
            titled = following in self.words["person_titles"] or following in self.words["organisation_words"]
            return "org" if start == i and titled else None
        return "org"

    def is_a_surname(self, toponym: Toponym) -> bool:
        """A one-word name that the document also writes as a person's last name ("Deputy Jim
        Ripley ... Ripley said"): the person again, unless a place frame says otherwise ("in
        Ripley", "Ripley County", "Ripley, Miss.")."""
        if toponym.source in WRITTEN_SOURCES or toponym.text.lower() not in self.surnames:
            return False
        span = self.doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None or len(span) != 1:
            return False
        return not _in_a_place_frame(self.doc, span.start, self.words, self.gazetteer)

    def result(self) -> tuple[list[Toponym], list[DemonymMention]]:
        """Toponyms in text order without overlaps: a written hierarchy's names win, then the
        longer span. A one-word name that is a person's surname in the document is left out."""
        kept: list[Toponym] = []
        for t in sorted((t for t in self.toponyms if not self.is_a_surname(t)), key=lambda t: t.start):
            if kept and t.start < kept[-1].end:
                if kept[-1].source not in WRITTEN_SOURCES and (t.source in WRITTEN_SOURCES or (t.end - t.start) > (kept[-1].end - kept[-1].start)):
                    kept[-1] = t
                continue
            kept.append(t)
        return kept, self.demonyms


REPEATABLE_SOURCES = ("ner", "gazetteer", "hierarchy", "level")


def _name_tokens(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _speaks(spacy_doc, i: int, words: dict) -> bool:
    """Whether token i is the subject of a speech verb right after it, or follows one ("said X")."""
    after = spacy_doc[i + 1] if i + 1 < len(spacy_doc) else None
    back = i - 1
    while back >= 0 and spacy_doc[back].is_punct:
        back -= 1
    before = spacy_doc[back] if back >= 0 else None
    return any(t is not None and t.lemma_.lower() in words["speech_verbs"] for t in (after, before))


def _same_word(token_text: str, word: str) -> bool:
    """The same word, or the same word in capitals ("DEKALB" in a dateline)."""
    return token_text == word or (len(word) > 3 and token_text.isupper() and token_text.lower() == word.lower())


PERSON_NAME_SIZES = (2, 3)  # "Jim Ripley", "Mary Day Coker": longer PERSON entities are often titles


def _surnames(spacy_doc) -> frozenset[str]:
    """The last words (lower case) of the full personal names the model found in a document."""
    names = set()
    for ent in spacy_doc.ents:
        if ent.label_ == "PERSON" and len(ent) in PERSON_NAME_SIZES and all(t.text[:1].isupper() for t in ent):
            last = ent[-1]
            if last.is_alpha and len(last.text) > 2:
                names.add(last.lower_)
    return frozenset(names)


def _in_a_place_frame(spacy_doc, i: int, words: dict, gazetteer: Gazetteer) -> bool:
    """Whether token i stands where only a place would: after "in"/"near"/"the town of", before a
    place type word ("X County", "X city"), or before a comma and a state or country ("X, Ohio")."""
    if _after_locative(spacy_doc, i, words):
        return True
    following = spacy_doc[i + 1] if i + 1 < len(spacy_doc) else None
    if following is None:
        return False
    if following.lower_ in words["after"]:
        return True
    if following.text == "," and i + 2 < len(spacy_doc) and spacy_doc[i + 2].text[:1].isupper():
        codes, _ = gazetteer.codes(spacy_doc[i + 2].text, fuzzy=False)
        return any(gazetteer.fcodes[c >> 1] in ("ADM1", "PCLI") for c in codes[:5])
    return False


def _typed_division(ent, gazetteer: Gazetteer, words: dict) -> bool:
    """Whether an entity the model labelled otherwise is a division named with its type word
    ("Aleppo Governorates", "Kunar Province"): the words before it are a division's name."""
    if len(ent) < 2 or words["after"].get(ent[-1].lower_) not in ("ADM1", "ADM2"):
        return False
    name = ent[:-1].text
    codes, _ = gazetteer.codes(name, fuzzy=False)
    return name[:1].isupper() and any(gazetteer.fcodes[c >> 1] in DIVISION_CODES for c in codes)


def _glued_location(spacy_doc, ent, ent_start: int, k: int, size: int) -> bool:
    """Whether spacy_doc[k:k+size], inside a blocking entity, is a place the model glued to it:
    it follows "in"/"at"/"near" inside the entity ("Court of Justice in Sofia"), or the entity
    starts with it right after such a word and goes on with a comma ("in Toluca, Mexico State")."""
    before = spacy_doc[k - 1].lower_ if k > 0 else ""
    if k > ent_start and before in GLUE_PREPOSITIONS:
        return True
    after = spacy_doc[k + size].text if k + size < len(spacy_doc) else ""
    outside = spacy_doc[ent_start - 1].lower_ if ent_start > 0 else ""
    return k == ent_start and outside in GLUE_PREPOSITIONS and after == "," and ent.end > k + size


GLUE_PREPOSITIONS = {"in", "at", "near", "outside", "around"}
SITE_JOINERS = {"the", "of", "a", "'s", "’s"}


PLACE_TYPE_NOUNS = frozenset({"town", "towns", "village", "villages", "city", "cities", "district", "districts",
                              "province", "provinces", "region", "regions", "localities", "locality", "hamlet",
                              "hamlets", "settlement", "settlements", "municipality", "municipalities"})


def _named_as_places(doc, ent_start: int) -> bool:
    """Does "the towns of", "the village of" come right before the entity? Then its names are
    places whatever label the model gave them."""
    return ent_start >= 2 and doc[ent_start - 1].lower_ == "of" and doc[ent_start - 2].lower_ in PLACE_TYPE_NOUNS


def _names_a_building(last, entity_end: int) -> bool:
    """Does an entity's last word modify a building noun after it ("the Council building", "the
    Parliament offices")? (Not a division's type word: "Cerro de Pasco municipality".)"""
    if last.dep_ != "compound" or last.head.i < entity_end:
        return False
    kind = building_word(last.head.lower_)
    return kind is not None and kind.feature_class == "S"


def _site_in_place(spacy_doc, ent, ent_start: int, k: int, size: int, words: dict, by_main_name: bool) -> bool:
    """Whether an ORG entity holding the place spacy_doc[k:k+size] names a site in that place,
    not an organisation: a place and its quarter joined by a spaced hyphen ("Kumasi - Adum"); or,
    right after a locative preposition, a name whose other words are facility nouns ("near
    Tamale University", "at the University of Tamale") or that ends in one ("at Tamale Teaching
    Hospital"), or that starts with the place by its own name. "The Ghana Medical Association"
    stays an organisation; so does "Tamale Hospital said" (no locative: the institution)."""
    if any(t.lower_ in words["facility_nouns"] or t.lower_ in words["generic_heads"] for t in spacy_doc[k : k + size]):
        return False  # "University" in "the University of Tamale" is the site's word, not a hamlet
    after = k + size
    if k == ent_start and after < ent.end and spacy_doc[after].text in ("-", "–") and spacy_doc[after].whitespace_ \
            and spacy_doc[after - 1].whitespace_:
        return True
    before = ent_start - 1
    while before >= 0 and spacy_doc[before].lower_ in ("the", "a"):
        before -= 1  # "at the University of Tamale"
    if before < 0 or spacy_doc[before].lower_ not in GLUE_PREPOSITIONS:
        return False
    rest = [t for t in spacy_doc[ent_start : ent.end] if not (k <= t.i < k + size)
            and not t.is_punct and t.lower_ not in SITE_JOINERS]
    if any(t.lower_ in words["organisation_words"] for t in rest):
        return False
    facility = bool(rest) and (all(t.lower_ in words["facility_nouns"] for t in rest) or spacy_doc[ent.end - 1].lower_ in words["facility_nouns"])
    return facility or (by_main_name and k == ent_start)


def _multiword_names(spacy_doc, gazetteer: Gazetteer, ent_of: list, taken: list[bool]) -> list[tuple[int, int]]:
    """Token ranges of multi-word gazetteer names (a place's main name) that the model labelled
    as several pieces or as a part ("Port" + "Spain city"), never inside an organisation's or a
    person's name ("New York Times")."""
    found, n, i = [], len(spacy_doc), 0
    while i < n:
        token = spacy_doc[i]
        if taken[i] or not token.text[:1].isupper():
            i += 1
            continue
        for size in range(min(MAX_RUN, n - i), 1, -1):
            span = spacy_doc[i : i + size]
            if not span[-1].text[:1].isupper() or any(taken[t.i] for t in span) or "\n" in span.text:
                continue
            ents = {ent_of[t.i] for t in span}
            if None not in ents and len(ents) == 1:
                continue  # exactly one entity of the model: it has its say below
            if any(e is not None and (e.start < i or e.end > i + size) and (e.label_ not in PLACE_LABELS or size < 3)
                   for e in ents):
                continue  # never a piece of a name; a two-word name never cuts a place the model saw
            if not any(e is not None and e.label_ in PLACE_LABELS for e in ents):
                continue
            codes, _ = gazetteer.codes(span.text, fuzzy=False)
            if any(not c & 1 for c in codes):
                found.append((i, i + size))
                i += size - 1
                break
        i += 1
    return found


def _names_an_actor(spacy_doc, k: int, size: int, words: dict) -> bool:
    """Whether the words spacy_doc[k:k+size] read as an acronym ("FAMa", "JNIM") or the name of
    a force or group ("Wagner forces", "Wagner mercenaries")."""
    span_text = spacy_doc[k : k + size].text
    letters = [ch for ch in span_text if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    if size == 1 and capitals >= 2 and (capitals == len(letters) or not span_text[1:2].islower()):
        return True
    following = k + size
    while following < len(spacy_doc) and spacy_doc[following].text in ("'s", "’s"):
        following += 1
    return following < len(spacy_doc) and spacy_doc[following].lower_ in words["actor_nouns"]


def _hierarchy_spans(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str, str | None]]:
    """(start, end, source, name qualified) of the names and levels of the text's written
    hierarchies whose levels include a known division or country (so "General Directorate
    (Dgcim)" is not one)."""
    spans = []
    for hierarchy in find_hierarchies(text):
        levels = [text[start:end] for start, end in hierarchy.levels]
        typed = any(suffix_feature(level)[1] for level in levels)
        name = _strip_type_words(text, *hierarchy.name)
        if not (typed or len(levels) >= 2 or any(_is_division(level, gazetteer) or _is_town(level, gazetteer) for level in levels)
                or _share_a_country(name, levels[0], gazetteer)):
            continue  # "General Directorate (Dgcim)": an acronym in brackets, not a hierarchy
        spans.append((*hierarchy.name, "hierarchy", name))
        spans.extend((start, end, "level", name) for start, end in hierarchy.levels)
    return spans


def _is_division(level: str, gazetteer: Gazetteer) -> bool:
    base = suffix_feature(level.strip())[0]
    codes, _ = gazetteer.codes(base, fuzzy=False)
    codes = codes or gazetteer.codes(without_compass_part(base), fuzzy=False)[0]
    return any(gazetteer.fcodes[c >> 1] in DIVISION_CODES for c in codes)


def _share_a_country(name: str, level: str, gazetteer: Gazetteer) -> bool:
    """"Omdurman (Khartoum)": a name and its one level that both read as places of one country
    (by any of their names) are a place and its container, not a name and an acronym."""
    if level.replace(".", "").isupper():
        return False
    inner, _ = gazetteer.codes(name.strip(), fuzzy=False)
    outer, _ = gazetteer.codes(suffix_feature(level.strip())[0], fuzzy=False)
    if not inner or not outer:
        return False
    countries = {gazetteer.ccs[c >> 1] for c in inner[:20]}
    return any(gazetteer.ccs[c >> 1] in countries for c in outer[:20])


def _is_town(level: str, gazetteer: Gazetteer) -> bool:
    """"Tangier (Tangier)": a level that is a town by its own name (a district named for it)."""
    codes, _ = gazetteer.codes(level.strip(), fuzzy=False)
    return any(not c & 1 and gazetteer.fclasses[c >> 1] == "P" and gazetteer.populations[c >> 1] >= MIN_POPULATION_UNLABELED
               for c in codes)


def _strip_type_words(text: str, start: int, end: int) -> str:
    """The written name without trailing type words ("Nam Kham village" -> "Nam Kham")."""
    name = text[start:end]
    while True:
        base, feature = suffix_feature(name)
        if feature is None and base.split()[-1].lower() not in ("area", "sector", "camp"):
            return name
        if feature is None:
            base = " ".join(name.split()[:-1])
        if not base:
            return name
        name = base


DIVISION_CODES = frozenset({"PCLI", "PCLS", "PCLD", "PCLF", "PCL", "TERR", "ADM1", "ADM1H", "ADM2", "ADM2H", "ADM3"})


def _after_locative(spacy_doc, k: int, words: dict) -> bool:
    """Whether token k follows a locative preposition or a place-type phrase ("in", "near",
    "the town of", "the outskirts of"), skipping an article and direction words."""
    back = k - 1
    while back >= 0 and (spacy_doc[back].lower_ in ("the", "a") or spacy_doc[back].lower_ in words["direction"]):
        back -= 1
    if back < 0:
        return False
    prev = spacy_doc[back].lower_
    if prev in STRONG_LOCATIVES:
        return True
    if prev in words["place_verbs"] and spacy_doc[back].pos_ in ("VERB", "AUX"):
        return True  # "shelled Sarmin", "captured Kalay": the object of an attack is a place
    if prev == "of" and back >= 1:
        # "the town of X", and "south of X", "north-east of X"
        return spacy_doc[back - 1].lower_ in PLACE_NOUNS or spacy_doc[back - 1].lower_ in words["direction"]
    if back == k - 1 and prev in APPOSITION_PLACE_NOUNS and spacy_doc[back].pos_ == "NOUN":
        return True  # "the regional capital Bahir Dar", "the northern town Djibo": the name in apposition
    if back == k - 1 and prev in LIST_JOINERS:
        # "in Novi Sad and Nis", "in Goma, Bukavu and Uvira": the next name of a list the
        # locative opened is read as the first one is
        first = _name_start(spacy_doc, back - 1)
        return first is not None and _after_locative(spacy_doc, first, words)
    return False


def _name_start(spacy_doc, end: int) -> int | None:
    """The first token of the capitalised name that ends at token ``end`` (None if it is not one)."""
    if end < 0 or not spacy_doc[end].text[:1].isupper():
        return None
    start = end
    while start - 1 >= 0 and spacy_doc[start - 1].text[:1].isupper() and not spacy_doc[start - 1].is_sent_start:
        start -= 1
    return start


STRONG_LOCATIVES = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "towards", "toward",
                    "between"}
PLACE_NOUNS = {"town", "city", "village", "villages", "outskirts", "suburb", "suburbs", "district", "province", "region",
               "state", "county", "municipality", "township", "capital", "port", "streets", "centre", "center",
               "neighborhood", "neighbourhood", "area", "countryside", "vicinity", "environs", "quarter",
               "towns", "cities", "districts", "provinces", "regions", "localities", "hamlets", "townships"}
# a place type noun that a name can follow directly, in apposition
APPOSITION_PLACE_NOUNS = {"town", "city", "village", "capital", "port", "hamlet", "suburb", "township"}


def country_of_source(url: str | None) -> str | None:
    """A country from a news site's country-code domain (example.af -> AF), when it has one."""
    if not url:
        return None
    match = re.match(r"^(?:[a-z]+://)?([^/:]+)", url.strip().lower())
    if not match:
        return None
    tld = match.group(1).rsplit(".", 1)[-1]
    if len(tld) == 2 and tld.isalpha() and tld not in {"tv", "io", "co", "me", "fm", "ly", "ai", "cc", "ws"}:
        return "GB" if tld == "uk" else tld.upper()
    return None
