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

from eventatlas.events.qualify import qualify_name
from eventatlas.events.resources import actor_index, lexicon

_UNIDENTIFIED = re.compile(r"\b(?:unidentified|unknown|unnamed|suspected|masked)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedActor:
    name: str
    inter: str
    country_code: str = ""
    generic: bool = False  # a role noun, not a named group

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
        actor = index.by_alias[match.group(0).lower()]
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
    return ResolvedActor(actor.name, actor.inter, actor.country_code)


def country_of(text: str) -> tuple[str, str] | None:
    """(country name, code) from a demonym or country name in ``text`` ("Turkish" -> Turkey)."""
    index = actor_index()
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
    text = "".join(t.text_with_ws for t in tokens).strip()  # keeps "Al-Shabaab" in one piece
    named = known_actor(text)
    if named and not named.name.startswith("Unidentified"):
        return named
    country = country_of(" ".join(t.text for t in tokens if t.ent_type_ in ("NORP", "GPE") or t.dep_ == "poss"))
    if named:  # an unidentified group or force
        return named
    head = _head_noun(tokens)
    lexicon_titles = lexicon().military_titles
    lowered = text.lower()
    if any(re.search(rf"(?<!\w){re.escape(title)}(?!\w)", lowered) for title in lexicon_titles):
        return ResolvedActor(qualify_name("Military Forces", country and country[0]), "State forces",
                             country[1] if country else "", generic=country is None)
    if head is None:
        return None
    generic = actor_index().generic
    entry = generic.get(head.lower_) or generic.get(head.lemma_.lower())
    if entry is None:
        if role in ("protest", "riot") and head.like_num or head.lower_ in ("dozens", "hundreds", "thousands", "crowd", "crowds"):
            entry = ("Rioters", "Rioters", "riot") if role == "riot" else ("Protesters", "Protesters", "protest")
        else:
            return None
    name, inter, kind = entry
    if kind == "civilian" and role == "protest":
        name, inter = "Protesters", "Protesters"
    elif kind == "civilian" and role == "riot" or kind == "protest" and role == "riot":
        name, inter = "Rioters", "Rioters"
    if kind == "force" and (_UNIDENTIFIED.search(text) or (country is None and head.lower_ in lexicon().aircraft_heads)):
        # "a drone struck the market": whose drone the text does not say, so not the local army's
        return ResolvedActor("Unidentified Military Forces", "State forces", generic=False)
    return ResolvedActor(qualify_name(name, country and country[0]), inter, country[1] if country else "",
                         generic=country is None)


def _head_noun(tokens):
    # The phrase's syntactic head: the token whose head lies outside the phrase.
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    for token in heads + tokens:
        if token.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            # "residents of Kabul": the head is residents; "the militants of the group": militants
            return token
    return None
