"""Named armed groups and forces in a text, with the country each belongs to.

A short report often names no country: "JNIM militants attacked the gendarmerie in X". Its
actors still say which part of the world it is about. The actor list is the events stage's
(``events/data/actors.tsv``, through its public index); this module only finds its names in a
text. Rebel groups and militias fight at home or next door; state and foreign forces
("Turkish forces", "Wagner") often act abroad, so only the former bound where a small place
may lie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# ACLED actor categories of groups that act in their own country or a neighbouring one
LOCAL_INTERS = frozenset({"Rebel group", "Political militia", "Identity militia"})
# ...and of those that, named without any place, act in their own country (rebel groups cross borders)
NATIONAL_INTERS = frozenset({"State forces", "Political militia", "Identity militia"})


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    country_code: str
    local: bool  # a rebel group or militia (see LOCAL_INTERS)
    national: bool = False  # a state's own forces or a militia: named without a place, it acts at home


@lru_cache(maxsize=1)
def _cased_pattern() -> re.Pattern | None:
    """Short acronyms (ISGS, AA, ADF) match only in their exact capitalisation."""
    from eventatlas.events.resources import (  # the list lives with the events stage
        actor_index,
        literal_alternation,
    )

    aliases = actor_index().cased_aliases
    if not aliases:
        return None
    return re.compile(r"(?<![\w-])(?:" + literal_alternation(aliases) + r")(?![\w-])")


def actor_mentions(text: str) -> list[ActorMention]:
    """The named actors of ``text`` that belong to a country, in text order."""
    from eventatlas.events.resources import actor_index

    index = actor_index()
    found: list[ActorMention] = []
    for match in index.alias_pattern.finditer(text):
        actor = index.actor_of(match.group(0))
        if actor is not None and actor.country_code:
            found.append(_mention(match, actor))
    cased = _cased_pattern()
    if cased is not None:
        for match in cased.finditer(text):
            actor = index.cased_aliases.get(match.group(0))
            if actor is not None and actor.country_code:
                found.append(_mention(match, actor))
    return sorted(found, key=lambda m: m.start)


def _mention(match: re.Match, actor) -> ActorMention:
    return ActorMention(match.start(), match.end(), actor.country_code, actor.inter in LOCAL_INTERS, actor.inter in NATIONAL_INTERS)


def home_countries(text: str) -> frozenset[str]:
    """The countries of the rebel groups and militias ``text`` names."""
    return frozenset(m.country_code for m in actor_mentions(text) if m.local)


__all__ = ["LOCAL_INTERS", "NATIONAL_INTERS", "ActorMention", "actor_mentions", "home_countries"]
