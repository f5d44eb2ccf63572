"""Find the toponyms of a parsed document.

Two sources, merged:

1. spaCy's GPE, LOC and FAC entities, widened over hyphenated continuations the tokenizer split
   ("Sar" + "-e-Pul"), split at commas ("Springfield, Ill." -> two names), trimmed of a
   leading article and a possessive.
2. Gazetteer-driven matching of proper-noun runs the model missed or mislabeled: the longest
   sub-run whose normalized form is a gazetteer name. Runs inside PERSON/ORG entities are only
   taken when a locative preposition precedes them ("in Alexandria", "of Rapides Parish").

Demonyms ("Afghan", "Pakistanis") are returned separately: they are document context, not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventatlas.geo.cues import cue_words
from eventatlas.geo.demonyms import demonym_country
from eventatlas.geo.gazetteer import Gazetteer
from eventatlas.geo.normalize import normalize

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"}
MAX_RUN = 5
MIN_POPULATION_UNLABELED = 1000  # a proper noun no model called a place needs a real town behind it
MAJOR_POPULATION = 100_000  # a city that size is a likely reading of its name even where the model said ORG


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    source: str  # "ner", "gazetteer", or "org" (a place inside an organisation's name)


@dataclass
class DemonymMention:
    start: int
    end: int
    text: str
    country_code: str


_HYPHEN_TAIL = re.compile(r"(?:-[A-Za-z\u00C0-\u024F]+)+")
_LEADING = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


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


def recognize(spacy_doc, gazetteer: Gazetteer) -> tuple[list[Toponym], list[DemonymMention]]:
    text = spacy_doc.text
    words = cue_words()
    generic = set(words["generic_heads"]) | {"states", "centre", "center"}
    toponyms: list[Toponym] = []
    demonym_mentions: list[DemonymMention] = []
    taken = [False] * len(spacy_doc)
    blocked = [None] * len(spacy_doc)
    ent_of = [None] * len(spacy_doc)
    for ent in spacy_doc.ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent

    def starts_place_name(i: int) -> bool:
        """"Hindu Kush", "South Sudan": a demonym-like word that begins a longer place name."""
        for size in (3, 2):
            if i + size <= len(spacy_doc) and gazetteer.codes(spacy_doc[i : i + size].text, fuzzy=False)[0]:
                return True
        return False

    def add(start: int, end: int, source: str) -> None:
        start, end = _clean(text, start, end)
        if end > start and any(ch.isalpha() for ch in text[start:end]):
            toponyms.append(Toponym(start, end, text[start:end], source))

    for ent in spacy_doc.ents:
        if ent.label_ in PLACE_LABELS:
            # "Springfield, Ill." -> two names; "Kabul and Herat" stays as the model gave it
            offset = ent.start_char
            for part in re.split(r",\s*", ent.text):
                pstart = text.find(part, offset)
                if pstart >= 0 and part.strip():
                    add(pstart, pstart + len(part), "ner")
                    offset = pstart + len(part)
            for i in range(ent.start, ent.end):
                taken[i] = True
        elif ent.label_ == "NORP":
            code = demonym_country(ent.text)
            if code is not None and not starts_place_name(ent.start):
                demonym_mentions.append(DemonymMention(ent.start_char, ent.end_char, ent.text, code))
                for i in range(ent.start, ent.end):
                    taken[i] = True
        elif ent.label_ in BLOCKING_LABELS:
            for i in range(ent.start, ent.end):
                blocked[i] = ent.label_

    # demonyms the model did not label
    for token in spacy_doc:
        if not taken[token.i] and token.text[:1].isupper():
            code = demonym_country(token.text)
            if code is not None and not starts_place_name(token.i):
                demonym_mentions.append(DemonymMention(token.idx, token.idx + len(token.text), token.text, code))
                taken[token.i] = True

    # proper-noun runs the model missed
    def is_name_token(token) -> bool:
        return (
            not taken[token.i]
            and token.text[:1].isupper()
            and (token.pos_ == "PROPN" or (not token.is_sent_start and not token.is_stop))
        )

    i = 0
    n = len(spacy_doc)
    while i < n:
        if not is_name_token(spacy_doc[i]):
            i += 1
            continue
        j = i
        while j < n and (is_name_token(spacy_doc[j]) or (spacy_doc[j].text in {"-", "of", "de", "al", "el"} and j + 1 < n and is_name_token(spacy_doc[j + 1]))):
            j += 1
        k = i
        while k < j:
            matched = False
            for size in range(min(MAX_RUN, j - k), 0, -1):
                span = spacy_doc[k : k + size]
                first, last = span[0], span[-1]
                if first.text in {"-", "of", "de", "al", "el"} or last.text in {"-", "of", "de", "al", "el"}:
                    continue
                if first.lower_.rstrip(".") in words["person_titles"]:
                    continue
                if size == 1 and len(first.text) < 4 and not first.text.isupper():
                    continue
                # after "in", "near", "the town of": the words are very likely a place, so an
                # alternate name, a transliteration variant or a hamlet will do
                locative = _after_locative(spacy_doc, k, words)
                codes, _ = gazetteer.codes(span.text, fuzzy=locative)
                main = [c for c in codes if locative or not c & 1 or gazetteer.fcodes[c >> 1] in ("PCLI", "ADM1", "CONT")]
                if not main:
                    continue  # an unlabeled word that is only some place's alternate name: too weak
                top = main[0] >> 1
                code = gazetteer.fcodes[top]
                population = gazetteer.populations[top]
                major = code in ("PCLI", "ADM1", "CONT") or population >= MAJOR_POPULATION
                if size == 1 and len(first.text) < 4 and code not in ("PCLI", "CONT"):
                    continue  # "US", "EU", "UK" yes; other short capitals are mostly acronyms
                if any(blocked[t] for t in range(k, k + size)):
                    # inside a PERSON/ORG entity: only the whole entity ("Canada" tagged ORG as a
                    # government), never a piece of a name ("National Resistance Front"); a
                    # PERSON only after a locative word ("arrested in Alexandria")
                    ent = next(ent_of[t] for t in range(k, k + size) if blocked[t])
                    ent_start = ent.start
                    while ent_start < ent.end and spacy_doc[ent_start].lower_ in ("the", "a"):
                        ent_start += 1
                    if ent_start != k or ent.end != k + size:
                        # a piece of an organisation's name ("Bank of Canada", "Colorado State
                        # University"): only a country, continent, first-level division or big
                        # city, by its own name; marked, so it never locates an event
                        if ent.label_ != "ORG" or not (code in ("PCLI", "CONT") or (not main[0] & 1 and major)):
                            continue
                        if k != ent_start and spacy_doc[k - 1].lower_ not in ("of", "for", "in", "de"):
                            # "National Unity Government": a word inside the name, not the place the
                            # organisation is named after ("Kenya Medical Association", "Bank of Canada")
                            continue
                        add(span.start_char, span.end_char, "org")  # a place in a name: context, not an event place
                        for t in range(k, k + size):
                            taken[t] = True
                        k += size
                        matched = True
                        break
                    back = k - 1
                    while back >= 0 and spacy_doc[back].lower_ in ("the", "a"):
                        back -= 1
                    prev = spacy_doc[back].lower_ if back >= 0 else ""
                    after_locative = prev in words["locative_prepositions"] or prev in (",", "and", "or")
                    # after an attack verb ("shelled Sarmin" tagged ORG): a place by its own name
                    by_verb = locative and not main[0] & 1
                    if not (after_locative or by_verb or (ent.label_ == "ORG" and major)):
                        continue
                elif size == 1 and not major and code not in ("ADM2",) and gazetteer.fclasses[top] == "P":
                    continue  # a lone capitalized word ("Hope", "Wang") needs a well-known place behind it
                elif size == 1 and normalize(first.text) in generic:
                    continue  # "Centre", "Southern", "States": words first, place names second
                if population < MIN_POPULATION_UNLABELED and not locative and code not in ("PCLI", "ADM1", "ADM2", "CONT") and gazetteer.fclasses[top] == "P":
                    continue
                add(span.start_char, span.end_char, "gazetteer")
                for t in range(k, k + size):
                    taken[t] = True
                k += size
                matched = True
                break
            if not matched:
                k += 1
        i = j if j > i else i + 1

    toponyms.sort(key=lambda t: t.start)
    # drop overlaps (keep the first, longer one)
    kept: list[Toponym] = []
    for t in toponyms:
        if kept and t.start < kept[-1].end:
            if (t.end - t.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = t
            continue
        kept.append(t)
    return kept, demonym_mentions


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
        return spacy_doc[back - 1].lower_ in PLACE_NOUNS
    return False


STRONG_LOCATIVES = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "towards", "toward"}
PLACE_NOUNS = {"town", "city", "village", "villages", "outskirts", "suburb", "suburbs", "district", "province", "region",
               "state", "county", "municipality", "township", "capital", "port", "streets", "centre", "center"}


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
