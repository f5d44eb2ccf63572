"""Geoparsing: every toponym of a document, recognized and resolved together."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from eventatlas.geo.actors import home_countries
from eventatlas.geo.cues import read_cues
from eventatlas.geo.demonyms import demonym_before
from eventatlas.geo.gazetteer import Candidate, Gazetteer
from eventatlas.geo.recognize import country_of_source, recognize
from eventatlas.geo.resolve import Resolution, Resolver, ToponymQuery
from eventatlas.geo.sites import place_sites_at_towns, site_kind
from eventatlas.models import Document, Place, Span

_resolvers: dict[int, Resolver] = {}


def resolver(gazetteer: Gazetteer | None = None) -> Resolver:
    gazetteer = gazetteer or Gazetteer.default()
    key = id(gazetteer)
    if key not in _resolvers:
        _resolvers[key] = Resolver(gazetteer)
    return _resolvers[key]


def place_from(candidate: Candidate | None, name: str, mention: Span | None = None, score: float = 0.0,
               gazetteer: Gazetteer | None = None) -> Place:
    """A Place model from a gazetteer candidate (or an unresolved Place with just the name)."""
    if candidate is None:
        return Place(name=name, mention=mention, score=0.0)
    country = None
    if candidate.country_code and gazetteer is not None:
        entry = gazetteer.country(candidate.country_code)
        country = entry.name if entry else None
    admin1 = candidate.admin1 or None  # for a division itself too: the English form of its name
    return Place(
        name=candidate.name,
        latitude=round(candidate.latitude, 5),
        longitude=round(candidate.longitude, 5),
        geonameid=candidate.geonameid,
        feature_class=candidate.feature_class or None,
        feature_code=candidate.feature_code or None,
        country=country,
        country_code=candidate.country_code or None,
        admin1=admin1,
        admin2=candidate.admin2 or None,
        population=candidate.population or None,
        mention=mention,
        score=round(score, 4),
    )


@lru_cache(maxsize=16)
def parse_title(title: str, gazetteer: Gazetteer) -> tuple[Any, list]:
    """A title kept apart from the text, parsed once, and its toponyms (the places of a document
    and the place its title names both read them)."""
    from eventatlas.nlp import load_model

    title_doc = load_model()(title)
    toponyms, _ = recognize(title_doc, gazetteer)
    return title_doc, toponyms


def title_queries(title: str, gazetteer: Gazetteer) -> list[ToponymQuery]:
    """The toponyms of a title kept apart from the text, as context for the text's: a headline's
    "Lebanon's Tripoli" says which Tripoli the body's "the northern city of Tripoli" is."""
    _, toponyms = parse_title(title, gazetteer)
    return [ToponymQuery(text=title[t.start:t.end], cues=read_cues(title, t.start, t.end),
                         country_hint=demonym_before(title, t.start)) for t in toponyms]


def resolve_spans(document: Document, spans: Sequence[tuple[int, int]], gazetteer: Gazetteer | None = None,
                  extra_context: Sequence[tuple[int, int]] = (), approximate_unknown: bool = False,
                  explain: list | None = None, home_countries: frozenset[str] = frozenset(),
                  read_sites_at_towns: bool = False, title: str | None = None) -> list[Place]:
    """Resolve given toponym spans of ``document.text`` (e.g. gold spans) together, one Place per
    span, in order. ``extra_context`` spans are resolved alongside for context only. Names the
    gazetteer lacks come back with null coordinates, or, with ``approximate_unknown``, at the
    town named with them when they are streets, buildings or other sites (``eventatlas.geo.sites``,
    marked ``is_town_point``), else at the document's focus, marked (``is_approximate``).
    ``explain`` collects the ranker's features (see ``Resolver.resolve``). ``home_countries``: the countries of the rebel groups and
    militias the document names (``actors.home_countries``); a small place far from them needs
    support from the other places. ``read_sites_at_towns``: a site read through a town inside its
    name ("Forsyth Park" as Forsyth) is moved to a town far from that one named with it ("in
    Savannah"), as ``approximate_unknown`` does, leaving names the gazetteer lacks unresolved.
    ``title``: a title kept apart from the text, whose toponyms are read as context only."""
    gazetteer = gazetteer or Gazetteer.default()
    text = document.text
    all_spans = list(spans) + list(extra_context)
    sentence_of = _sentence_finder(document)
    list_of = _coordinated_lists(text, all_spans)
    queries = [
        ToponymQuery(text=text[s:e], cues=read_cues(text, s, e), country_hint=demonym_before(text, s), sentence=sentence_of(s),
                     coordinated=list_of[i])
        for i, (s, e) in enumerate(all_spans)
    ]
    queries += title_queries(title, gazetteer) if title else []  # context only, after every span's
    source_cc = country_of_source(document.url) or country_of_source(document.source)
    resolutions: list[Resolution] = resolver(gazetteer).resolve(queries, source_country=source_cc, explain=explain,
                                                                home_countries=home_countries)
    places = []
    for (s, e), res in zip(spans, resolutions):
        places.append(place_from(res.candidate, text[s:e], document.span(s, e), res.score, gazetteer))
    if approximate_unknown or read_sites_at_towns:
        # a site's name is no town, even when read through a town named inside it
        towns = [(s, res.candidate, place_from(res.candidate, text[s:e], score=res.score, gazetteer=gazetteer))
                 for (s, e), res in zip(all_spans, resolutions)
                 if res.candidate is not None and site_kind(text[s:e]) is None]
        candidates = [res.candidate for res in resolutions[: len(spans)]]
    if approximate_unknown:
        # streets and buildings at the town named with them (else the focus), the rest at the focus
        focus = _document_focus(resolutions[: len(spans)])
        focus_place = place_from(focus, focus.name, gazetteer=gazetteer) if focus else None
        place_sites_at_towns(text, spans, places, candidates, towns, sentence_of, focus=focus_place)
        _approximate_unknown(places, focus)
    elif read_sites_at_towns:
        read = [i for i, candidate in enumerate(candidates) if candidate is not None]
        place_sites_at_towns(text, [spans[i] for i in read], [places[i] for i in read], [candidates[i] for i in read],
                             towns, sentence_of)
    return places


_JOINER = re.compile(r"\s*(?:,\s*)?(?:(?P<word>and|or|&)\s+)?$")  # what stands between two items of a list


def _coordinated_lists(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """For each span, the number of the coordinated list it is an item of ("Ohio, Texas and
    Washington"), or -1. Names joined by commas alone are no list ("Tacoma, Washington" is a
    town and its state): a list has an "and"/"or" between two of its items."""
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    found = [-1] * len(spans)
    chain: list[int] = [order[0]] if order else []
    has_word = False
    for previous, current in zip(order, order[1:]):
        gap = text[spans[previous][1] : spans[current][0]]
        joined = _JOINER.fullmatch(gap) if len(gap) <= 8 and gap.strip() else None
        if joined:
            chain.append(current)
            has_word = has_word or bool(joined.group("word"))
            continue
        _close_list(chain, has_word, found)
        chain, has_word = [current], False
    _close_list(chain, has_word, found)
    return found


def _close_list(chain: list[int], has_word: bool, found: list[int]) -> None:
    if has_word and len(chain) > 1:
        for i in chain:
            found[i] = chain[0]


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“'‘(])|\n\s*\n")


def _sentence_finder(document: Document):
    """offset -> sentence number: from the parsed sentences when there are some, else from
    sentence-final punctuation followed by a capital (enough to group names by sentence)."""
    if document.sentences:
        starts = [sentence.start for sentence in document.sentences]
    else:
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(document.text)]
    return lambda offset: bisect.bisect_right(starts, offset) - 1


APPROXIMATE_SCORE = 0.01  # the confidence of a Place put at the document's focus, not found in the gazetteer


def is_approximate(place: Place) -> bool:
    """Placed at the document's focus: not a gazetteer entry, not a site at its town."""
    return place.placed_at == "focus"


def _document_focus(resolutions: list[Resolution]) -> Candidate | None:
    """The town the document is about: the town or county whose first-level division gathers
    most of the confident resolutions of the document (its own mentions breaking ties)."""
    # each distinct place counts once: a name repeated ten times is one piece of evidence
    support: dict[int, float] = {}
    own: dict[int, float] = {}
    towns: dict[int, Candidate] = {}
    distinct: dict[int, tuple[Candidate, float]] = {}
    for res in resolutions:
        c = res.candidate
        if c is None:
            continue
        if c.index not in distinct or res.score > distinct[c.index][1]:
            distinct[c.index] = (c, res.score)
        if c.feature_class == "P" or c.feature_code.startswith("ADM2"):
            towns[c.index] = c
            own[c.index] = own.get(c.index, 0.0) + res.score
    if not towns:
        return None
    for index, town in towns.items():
        support[index] = sum(
            score for c, score in distinct.values()
            if town.admin1_index >= 0 and (c.admin1_index == town.admin1_index or c.index == town.admin1_index)
        )
    return towns[max(towns, key=lambda i: (support[i], own[i]))]


def _approximate_unknown(places: list[Place], focus: Candidate | None) -> None:
    """Names the gazetteer lacks in a document are mostly local: streets, buildings, quarters
    of the town the document is about. Those still unplaced go to the document's focus with a
    tiny score, no geonameid or feature code, and ``placed_at="focus"``, so callers can tell."""
    if focus is None:
        return
    for place in places:
        if place.latitude is None:
            place.latitude, place.longitude = round(focus.latitude, 5), round(focus.longitude, 5)
            place.country_code = focus.country_code or None
            place.admin1 = focus.admin1 or None
            place.score, place.placed_at = APPROXIMATE_SCORE, "focus"


def geoparse(document: Document, gazetteer: Gazetteer | None = None, approximate_unknown: bool = True,
             include_demonyms: bool = False) -> list[Place]:
    """Every toponym mention in ``document``, resolved, each Place with ``mention`` set.
    Parses the document with the project's spaCy model when it has not been parsed yet.
    Names the gazetteer does not know never stop the others from resolving; streets, buildings
    and other sites go to the town named with them (``is_town_point``), the rest to
    the document's focus, marked approximate (``placed_at="focus"``, no geonameid or feature code;
    see ``is_approximate``), or left with null coordinates with ``approximate_unknown=False``.
    With ``include_demonyms``, national adjectives and demonyms ("Russian forces", "Afghans")
    come back too, resolved to their country (as GeoWebNews and LGL annotate them)."""
    gazetteer = gazetteer or Gazetteer.default()
    if document.spacy_doc is None:
        from eventatlas.nlp import parse

        parse(document)
    toponyms, demonyms = recognize(document.spacy_doc, gazetteer)
    # a small place read inside a site's name ("near Tamale University") locates events, but
    # the name is the site's, not a mention of the place
    spans = [(t.start, t.end) for t in toponyms if t.source != "site"]
    demonym_spans = [(d.start, d.end) for d in demonyms if d.country_code]
    home = home_countries(document.text)
    if include_demonyms:
        return resolve_spans(document, sorted(spans + demonym_spans), gazetteer, approximate_unknown=approximate_unknown,
                             home_countries=home)
    # demonyms still inform the context ("Afghan officials said ... Kabul")
    return resolve_spans(document, spans, gazetteer, extra_context=demonym_spans, approximate_unknown=approximate_unknown,
                         home_countries=home)
