"""Turn a noun phrase from the parse into an ACLED-style actor (name and inter category).

Order of evidence: a named group or force from the curated list (actors.tsv, with aliases);
then a generic role noun (police, troops, protesters, civilians: generic_actors.tsv), named
with its country when a demonym or possessive says whose ("Turkish troops" -> "Military
Forces of Turkey", "Afghan protesters" -> "Protesters (Afghanistan)"). Generic actors whose
country the text does not give stay bare ("Police Forces"); the pipeline adds the country of
the event's place afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventatlas.events.qualify import qualify_name
from eventatlas.events.resources import actor_index, lexicon, read_data_json

_STATE_WORDS = {"military", "army", "air", "naval", "government", "regime"}
_UNKNOWN_PEOPLE = re.compile(r"\b(?:unidentified|unknown|unnamed|masked)\b", re.IGNORECASE)
_UNIDENTIFIED = re.compile(r"\b(?:unidentified|unknown|unnamed|suspected|masked)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedActor:
    name: str
    inter: str
    country_code: str = ""
    generic: bool = False  # a role noun, not a named group
    kind: str = ""  # what the actor is (force, civilian, party, jihadist, pmc...): codebook conditions read it

    @property
    def unidentified(self) -> bool:
        return self.name.startswith("Unidentified")


def known_actor(text: str) -> ResolvedActor | None:
    """The longest curated actor alias in ``text`` (case-insensitive; short acronyms exact)."""
    index = actor_index()
    best = None
    # A named group beats a role word ("Taliban militants" is the Taliban, not unidentified
    # militants); among names, the longest alias wins.
    for match in index.alias_pattern.finditer(text):
        actor = index.actor_of(match.group(0))
        if actor is None:
            continue
        rank = (not actor.name.startswith("Unidentified"), len(match.group(0)))
        if best is None or rank > best[0]:
            best = (rank, actor)
    for alias, actor in index.cased_aliases.items():
        rank = (not actor.name.startswith("Unidentified"), len(alias))
        if re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text) and (best is None or rank > best[0]):
            best = (rank, actor)
    if best is None:
        return None
    actor = best[1]
    return ResolvedActor(actor.name, actor.inter, actor.country_code, kind=actor.kind)


def country_of(text: str) -> tuple[str, str] | None:
    """(country name, code) from a demonym or country name in ``text`` ("Turkish" -> Turkey)."""
    index = actor_index()
    for word in re.findall(r"\b[A-Z]{2}\b", text):
        if word in index.cased_countries:  # "US forces", "UK troops"
            return index.cased_countries[word]
    words = re.findall(r"[A-Za-zÀ-ÿ.'-]+(?:\s+[A-Z][A-Za-z.'-]+)*", text)
    for word in words:
        key = word.lower().rstrip(".").removesuffix("'s").removesuffix("’s")
        if key in index.country_by_demonym:
            return index.country_by_demonym[key]
        for part in key.split():
            if part in index.country_by_demonym and part[:1].isalpha():
                return index.country_by_demonym[part]
    return None


def resolve_phrase(tokens, role: str = "") -> ResolvedActor | None:
    """Resolve the actor a noun phrase (a spaCy Span or list of tokens) refers to.

    ``role`` ("protest", "riot") lets a crowd noun count as protesters or rioters.
    """
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower_ == "they":
        return _antecedent(tokens[0], role)
    text = "".join(t.text_with_ws for t in tokens).strip()  # keeps "Al-Shabaab" in one piece
    named = known_actor(text)
    if named and not named.name.startswith("Unidentified"):
        return named
    prefixed = _with_cut_acronym(tokens, text)
    if prefixed is not None:
        return prefixed
    country = country_of(" ".join(t.text for t in tokens if t.ent_type_ in ("NORP", "GPE") or t.dep_ == "poss"))
    if country and all(t.ent_type_ in ("NORP", "GPE") or t.lower_ in _STATE_WORDS for t in tokens):
        # "Israeli" on its own (from "Israeli airstrikes"), "Iraqi military": that state's forces
        return ResolvedActor(qualify_name("Military Forces", country[0]), "State forces", country[1], kind="force")
    militia = _named_identity_militia(text) or (None if role in ("protest", "riot") else _people_militia(tokens))
    if militia is not None:
        return militia
    if named:  # an unidentified group or force
        return named
    head = _head_noun(tokens)
    if head is not None and country and head.lower_ in lexicon().weapon_heads | lexicon().aircraft_heads and all(
            t.i == head.i or t.ent_type_ in ("NORP", "GPE") or t.pos_ in ("DET", "ADJ", "PUNCT") for t in tokens):
        # "Israeli tanks", "Russian warplanes": that state's forces
        return ResolvedActor(qualify_name("Military Forces", country[0]), "State forces", country[1], kind="force")
    if head is not None and head.lower_ in lexicon().weapon_heads | lexicon().aircraft_heads:
        origin = _fired_from(head)
        if origin is not None:
            # "artillery shells fired from Pakistan": the state the fire came from fired them
            return ResolvedActor(qualify_name("Military Forces", origin[0]), "State forces", origin[1], kind="force")
    if head is not None and _former_member(tokens, head):
        # "a former army officer": a civilian now, whatever force he served in
        return ResolvedActor(qualify_name("Civilians", country and country[0]), "Civilians",
                             country[1] if country else "", generic=country is None, kind="civilian")
    lexicon_titles = lexicon().military_titles
    lowered = text.lower()
    if any(re.search(rf"(?<!\w){re.escape(title)}(?!\w)", lowered) for title in lexicon_titles):
        return ResolvedActor(qualify_name("Military Forces", country and country[0]), "State forces",
                             country[1] if country else "", generic=country is None, kind="force")
    if head is None:
        return None
    generic = actor_index().generic
    # "a junta fighter jet": a weapon the lists do not name alone takes its owner's name
    entry = generic.get(head.lower_) or generic.get(head.lemma_.lower()) or _force_modifier(tokens, head) \
        or _weapon_owner(tokens, head)
    if entry is None and head.lower_ in _QUANTITY_HEADS and country is not None \
            and any(t.lower_ in _role_cues()["combat_units"] for t in head.children if t.i < head.i):
        # "Russian assault groups", "Ukrainian sabotage units": a country's fighting formation
        return ResolvedActor(qualify_name("Military Forces", country[0]), "State forces", country[1], kind="force")
    if entry is None and head.lower_ in _QUANTITY_HEADS:
        # "a vigilante group", "militia members", "a rebel unit": the word before the group noun
        # names who they are
        for modifier in sorted((t for t in head.children if t.dep_ in ("compound", "amod") and t.i < head.i),
                               key=lambda t: -t.i):  # the word nearest the noun first
            if any(c.dep_ == "compound" for c in modifier.children):
                continue  # "self-defence group": a kind of group, not the army's defences
            named_by = known_actor(modifier.text) or known_actor(modifier.text + "s")
            if named_by is not None and named_by.inter not in ("Civilians", "Protesters", "Rioters"):
                return named_by
            armed = generic.get(modifier.lower_) or generic.get(modifier.lower_ + "s")
            if armed is not None and armed[2] == "force":
                entry = armed
                break
    if entry is None:
        if role in ("protest", "riot") and head.like_num or head.lower_ in ("dozens", "hundreds", "thousands", "crowd", "crowds"):
            entry = ("Rioters", "Rioters", "riot") if role == "riot" else ("Protesters", "Protesters", "protest")
        elif head.lower_ in ("crowd", "crowds"):
            entry = ("Rioters", "Rioters", "crowd")
        else:
            return None
    name, inter, kind = entry
    if name == "Military Forces" and re.search(r"\bpolice\b", text, re.IGNORECASE):
        name = "Police Forces"  # "police commandos", "police special forces"
    if kind == "civilian" and role == "protest":
        name, inter = "Protesters", "Protesters"
    elif kind == "civilian" and role == "riot" or kind == "protest" and role == "riot":
        name, inter = "Rioters", "Rioters"
    if kind == "civilian" and _UNKNOWN_PEOPLE.search(text) and role not in ("protest", "riot"):
        # "unknown people", "unidentified individuals": assailants nobody identified
        return ResolvedActor("Unidentified Armed Group", "Political militia", kind="militia")
    # "regime artillery", "army drones": the word before a weapon names whose weapon it is
    owner = _weapon_owner(tokens, head) if kind == "force" and country is None else None
    if owner is not None:
        name, inter, kind = owner
    elif kind == "force" and country is None and head.lower_ in lexicon().weapon_heads:
        return None  # "heavy artillery shelled the town": a weapon names nobody; ACLED's default applies
    if kind == "force" and (_UNIDENTIFIED.search(text) or (country is None and owner is None and head.lower_ in lexicon().aircraft_heads)):
        # "a drone struck the market": whose drone the text does not say, so not the local army's
        return ResolvedActor("Unidentified Military Forces", "State forces", generic=False, kind="force")
    return ResolvedActor(qualify_name(name, country and country[0]), inter, country[1] if country else "",
                         generic=country is None, kind=kind)


def _former_member(tokens, head) -> bool:
    """Is the role noun qualified as past ("former", "retired", "ex-" before it)?"""
    words = _role_cues()["former_members"]
    return any(t.i < head.i and (t.lower_ in words or t.lower_.startswith("ex-")) for t in tokens)


def _fired_from(head) -> tuple[str, str] | None:
    """The country a weapon was "fired" or "launched" "from" (a participle on the weapon noun)."""
    for verb in (c for c in head.children if c.dep_ == "acl"):
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"):
            for place in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"):
                found = country_of(place.text)
                if found is not None:
                    return found
    return None


def _weapon_owner(tokens, head) -> tuple[str, str, str] | None:
    """The force a modifier of a weapon or aircraft names ("regime artillery", "army drones")."""
    weapons = lexicon().weapon_heads | lexicon().aircraft_heads
    if head.lower_ not in weapons:
        return None
    generic = actor_index().generic
    for token in tokens:
        entry = generic.get(token.lower_)
        if (token.i < head.i and entry is not None and entry[2] == "force" and token.lower_ not in weapons
                and token.dep_ in ("compound", "amod", "nmod")):
            # "government warplanes": the state's weapons are its forces'
            return entry if entry[0] in ("Military Forces", "Police Forces") else ("Military Forces", "State forces", "force")
    return None


def _antecedent(pronoun, role: str) -> ResolvedActor | None:
    """'They' as a subject: the nearest plural subject before it, in its own sentence or the
    one before ("Militants crossed the border. They looted a shop.")."""
    sentence = pronoun.sent
    start = sentence.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    for j in range(pronoun.i - 1, start - 1, -1):
        token = pronoun.doc[j]
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("NNS", "NNPS"):
            phrase = [t for t in token.subtree if t.i <= token.i]  # the head and what precedes it
            return resolve_phrase(phrase, role)
    return None


def _with_cut_acronym(tokens, text: str) -> ResolvedActor | None:
    """A named group whose acronym the parser left out of the phrase: "IS" read as the verb
    "is" leaves "Sahel militants" as the subject of "IS Sahel militants ambushed"."""
    first = tokens[0]
    if first.i == 0:
        return None
    before = first.doc[first.i - 1]
    if not (before.text.isupper() and before.is_alpha and 2 <= len(before.text) <= 5):
        return None
    named = known_actor(f"{before.text} {text}")
    return named if named and not named.name.startswith("Unidentified") else None


def _force_modifier(tokens, head):
    """'police SNR', 'army GIGN': a unit's proper name or acronym the lists lack, modified by a
    force noun, is that force; so are the force's people and teams ('army engineers'). Other
    common nouns stay out: 'the police station' is no actor."""
    personnel = head.lower_ in _role_cues()["force_personnel"]
    if head.pos_ != "PROPN" and not head.text.isupper() and not personnel:
        return None
    generic = actor_index().generic
    ground_or_air = lexicon().weapon_heads | lexicon().aircraft_heads
    for token in tokens:
        if token.i != head.i and token.dep_ in ("compound", "amod", "nmod"):
            entry = generic.get(token.lower_)
            if entry is not None and entry[2] == "force" and token.lower_ not in ground_or_air:
                return entry
    return None


_IDENTITY_MILITIA = re.compile(
    r"\b(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+(?P<kind>(?i:ethnic|communal|clan|tribal))\s+(?i:militia(?:s|men)?)\b"
)


def _named_identity_militia(text: str) -> ResolvedActor | None:
    """'an Ajuran ethnic militia' -> 'Ajuran Ethnic Militia' (ACLED adds the country later)."""
    for match in _IDENTITY_MILITIA.finditer(text):
        words = match.group("name").split()
        while words and words[0].lower() in ("an", "the", "a", "armed", "local", "unidentified", "unknown"):
            words = words[1:]  # "An Ajuran ethnic militia" at the start of a sentence
        if not words:
            continue
        name = " ".join(words)
        return ResolvedActor(f"{name} {match.group('kind').title()} Militia", "Identity militia", kind="communal")
    return None


@lru_cache(maxsize=1)
def _role_cues() -> dict[str, frozenset[str]]:
    """The role-noun lists of generic_actors.json: a people's militia, a force's personnel."""
    raw = read_data_json("generic_actors.json")
    cues = {key: frozenset(raw["ethnic_militia"][key]) for key in ("heads", "armed_heads", "not_peoples")}
    cues["force_personnel"] = frozenset(raw["force_personnel"]["heads"])
    cues["combat_units"] = frozenset(raw["combat_units"]["words"])
    cues["former_members"] = frozenset(raw["former_members"]["words"])
    return cues


def _people_militia(tokens) -> ResolvedActor | None:
    """'Dogon militiamen', 'Nuer armed youth' -> 'Dogon Ethnic Militia': a people's name (no
    country's demonym, creed or side) before an armed role noun (generic_actors.json)."""
    cues = _role_cues()
    head = _head_noun(tokens)
    if head is None:
        return None
    armed = any(t.lower_ == "armed" for t in tokens if t.i < head.i)
    if head.lower_ not in cues["heads"] and not (armed and head.lower_ in cues["armed_heads"]):
        return None
    for token in tokens:
        if token.i >= head.i or token.head.i != head.i or token.dep_ not in ("compound", "amod", "nmod"):
            continue
        if (not token.text[:1].isupper() or token.is_upper or token.is_sent_start
                or token.lower_ in cues["not_peoples"] or country_of(token.text)):
            continue  # "NSAG fighters", "Several gunmen", "Malian militiamen" name no people
        if token.ent_type_ not in ("", "NORP", "ORG", "GPE"):
            continue
        named = _name_ending_at(token)
        if named is not None:
            return named  # "Pyu Saw Htee militiamen" cut to "Htee militiamen" by the parse: the named group
        # a people's militia is an ethnic one, a place's is communal ("Ketou Communal Militia")
        kind = "Communal" if token.ent_type_ == "GPE" else "Ethnic"
        return ResolvedActor(f"{token.text} {kind} Militia", "Identity militia", kind="communal")
    return None


def _name_ending_at(token) -> ResolvedActor | None:
    """The listed group whose name ends with ``token`` in the sentence, when the phrase the parse
    gave holds only the name's last word."""
    start = max(token.sent.start, token.i - 4)
    for i in range(start, token.i):
        named = known_actor(token.doc[i: token.i + 1].text)
        if named is not None and not named.unidentified and named.kind != "force":
            return named
    return None


def _head_noun(tokens):
    # The phrase's syntactic head: the token whose head lies outside the phrase.
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    for token in heads + tokens:
        if token.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            # "residents of Kabul": the head is residents; "the militants of the group": militants
            return _counted(token, ids)
    generic = actor_index().generic
    # "the military" is sometimes tagged as an adjective standing alone
    return next((t for t in heads if t.lower_ in generic), None)


_QUANTITY_HEADS = {"group", "groups", "number", "dozens", "hundreds", "thousands", "scores", "band", "gang", "team",
                   "handful", "crowd", "mob", "some", "many", "several", "members", "elements", "unit", "units"}


def _counted(token, ids):
    """'a group of youths', 'a number of villagers', 'dozens of residents': the counted noun."""
    if token.lower_ not in _QUANTITY_HEADS:
        return token
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.i in ids and grandchild.pos_ in ("NOUN", "PROPN"):
                    return grandchild
    return token
