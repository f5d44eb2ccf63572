"""How likely two reports tell the same incident: agreement on place, date, type, actors,
fatalities and the words of their evidence, each 0..1, weighted as ``data/linking.json`` says.

Text similarity is TF-IDF cosine with document frequencies counted over the reports linked so
far (``TermStats``), so it needs no fitted model and adapts to whatever news is ingested.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Optional, Protocol

from spacy.lang.en.stop_words import (
    STOP_WORDS as ENGLISH_STOP_WORDS,  # spaCy's list; no scikit-learn at run time
)

from eventatlas.incidents.block import (
    allowed_distance,
    allowed_gap,
    day_gap,
    distance_km,
    within_reach,
)
from eventatlas.incidents.report import Report
from eventatlas.incidents.settings import LinkingSettings

Vector = dict[str, float]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_GENERIC_ACTOR = re.compile(r"^(unidentified|civilians|police|protesters|rioters)\b", re.IGNORECASE)


class TermStats(Protocol):
    """Document frequencies of terms over the reports seen so far (kept by the index)."""

    def count_terms(self, terms: set[str]) -> None: ...

    def frequencies(self, terms: list[str]) -> tuple[int, list[int]]: ...


def terms_of(text: str) -> Counter[str]:
    """The content words of a text, lowercased, with how often each occurs."""
    words = (w.lower() for w in _TOKEN.findall(text))
    return Counter(w for w in words if len(w) > 1 and w not in ENGLISH_STOP_WORDS)


def tfidf_vector(counts: Counter[str], stats: TermStats) -> Vector:
    """A unit-length TF-IDF vector (sublinear tf, smoothed idf)."""
    total, frequencies = stats.frequencies(list(counts))
    return weigh_terms(counts, total, frequencies)


def weigh_terms(counts: Counter[str], total: int, frequencies: list[int]) -> Vector:
    """``tfidf_vector`` from known document frequencies (in the order of ``counts``)."""
    weights = {
        term: (1.0 + math.log(counts[term])) * (math.log((total + 1) / (df + 1)) + 1.0)
        for term, df in zip(counts, frequencies)
    }
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def names_of(text: str) -> set[str]:
    """The terms written capitalised somewhere in the text (names of people, streets, places),
    lowercased as ``terms_of`` gives them."""
    return {word.lower() for word in _TOKEN.findall(text) if word[0].isupper()}


def rare_terms(
    vector: Vector, frequencies: list[int], settings: LinkingSettings, names: Optional[set[str]] = None
) -> list[str]:
    """The report's words for blocking, heaviest first: terms few reports hold (at most
    ``name_max_reports``), and of those only ``names`` when given (capitalised words: a
    surname, a street). Common words never, so each name key stays small."""
    rare = [
        term
        for term, df in zip(vector, frequencies)
        if df <= settings.name_max_reports and (names is None or term in names)
    ]
    rare.sort(key=lambda term: (-vector[term], term))
    return rare[: max(settings.name_terms, settings.name_lookup_terms)]


def cosine(first: Vector, second: Vector) -> float:
    return sum(first[term] * second[term] for term in first.keys() & second.keys())


def place_agreement(first: Report, second: Report, settings: LinkingSettings) -> float:
    if first.geonameid and first.geonameid == second.geonameid:
        return 1.0
    distance = distance_km(first, second)
    if distance is None:
        same_region = first.admin1 and first.admin1 == second.admin1
        return settings.unknown if same_region or not (first.admin1 and second.admin1) else 0.0
    if distance <= settings.same_place_km:
        return 1.0
    return max(0.0, 1.0 - distance / allowed_distance(first, second, settings))


def date_agreement(gap: Optional[int], first: Report, second: Report, settings: LinkingSettings) -> float:
    """How well two reports' dates agree, from their day gap (None: a date unknown)."""
    if gap is None:
        return settings.unknown
    return max(0.0, 1.0 - gap / (allowed_gap(first, second, settings) + 1))


def type_agreement(first: Report, second: Report) -> float:
    if first.sub_event_type == second.sub_event_type:
        return 1.0
    return 0.5 if first.event_type == second.event_type else 0.0


def actor_agreement(first: Report, second: Report, settings: LinkingSettings) -> float:
    """Shared named actors; generic ones ("Unidentified armed group", "Civilians") say little."""
    a = {name.lower() for name in first.actors if not _GENERIC_ACTOR.match(name)}
    b = {name.lower() for name in second.actors if not _GENERIC_ACTOR.match(name)}
    if not a or not b:
        return settings.unknown
    return len(a & b) / len(a | b)


def fatality_agreement(first: Report, second: Report, settings: LinkingSettings) -> float:
    """Equal tolls agree; tolls rise as news comes in, so unequal ones only disagree mildly; a
    report silent on deaths (0) says nothing either way."""
    a, b = first.fatalities, second.fatalities
    if not a or not b:
        return settings.unknown
    return 1.0 if a == b else min(a, b) / max(a, b) * settings.unknown


def pair_score(
    first: Report, first_vector: Vector, second: Report, second_vector: Vector, settings: LinkingSettings
) -> Optional[float]:
    """The weighted agreement of two reports, or None when they cannot be one incident."""
    if not settings.types_compatible(first.event_type, second.event_type):
        return None
    text = cosine(first_vector, second_vector)
    if text < settings.min_similarity:
        return None
    # Texts that agree this well outweigh a misread country, place or date (within_reach), but
    # not a gap beyond the window of rare-word blocking.
    if text < settings.override_similarity and not within_reach(first, second, settings):
        return None
    gap = day_gap(first, second)
    if gap is not None and gap > settings.name_window_days:
        return None
    parts = {
        "place": place_agreement(first, second, settings),
        "date": date_agreement(gap, first, second, settings),
        "type": type_agreement(first, second),
        "actors": actor_agreement(first, second, settings),
        "fatalities": fatality_agreement(first, second, settings),
        "text": text,
    }
    weights = settings.weights
    return sum(weights[name] * value for name, value in parts.items()) / sum(weights.values())
