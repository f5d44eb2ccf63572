"""How likely two reports tell the same incident: agreement on place, date, type, actors,
fatalities and the words of their evidence, each 0..1, weighted as ``data/linking.json`` says.

Text similarity is TF-IDF cosine with document frequencies counted over the reports linked so
far (``TermStats``), so it needs no fitted model and adapts to whatever news is ingested.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Optional, Protocol, Sequence

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


def tokens_of(text: str) -> list[str]:
    """The words of a text as written: what ``content_terms`` and ``capitalised`` read."""
    return _TOKEN.findall(text)


def content_terms(tokens: list[str]) -> Counter[str]:
    """The content words among ``tokens``, lowercased, with how often each occurs (in the order
    they first occur)."""
    return Counter([w for w in map(str.lower, tokens) if len(w) > 1 and w not in ENGLISH_STOP_WORDS])


def terms_of(text: str) -> Counter[str]:
    """The content words of a text, lowercased, with how often each occurs."""
    return content_terms(tokens_of(text))


def tfidf_vector(counts: Counter[str], stats: TermStats) -> Vector:
    """A unit-length TF-IDF vector (sublinear tf, smoothed idf)."""
    total, frequencies = stats.frequencies(list(counts))
    return weigh_terms(counts, total, frequencies)


def weigh_terms(counts: Counter[str], total: int, frequencies: list[int]) -> Vector:
    """``tfidf_vector`` from known document frequencies (in the order of ``counts``)."""
    log, reports = math.log, total + 1
    weights = {
        term: (1.0 + log(count)) * (log(reports / (df + 1)) + 1.0)
        for (term, count), df in zip(counts.items(), frequencies)
    }
    norm = math.sqrt(sum([w * w for w in weights.values()])) or 1.0
    return {term: w / norm for term, w in weights.items()}


def names_of(text: str) -> set[str]:
    """The terms written capitalised somewhere in the text (names of people, streets, places),
    lowercased as ``terms_of`` gives them."""
    return capitalised(tokens_of(text))


def capitalised(tokens: list[str]) -> set[str]:
    """``names_of`` from the text's ``tokens_of``."""
    return {word.lower() for word in tokens if word[0].isupper()}


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
    return sum([first[term] * second[term] for term in first.keys() & second.keys()])


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
    return ReportScorer(first, first_vector, settings).score(second, second_vector)


class Scored(Protocol):
    """A report with its vector (a stored report)."""

    report: Report
    vector: Vector


_BOUND_MARGIN = 1e-9  # far above the rounding of a sum of some twenty products of weights <= 1


class IncidentSummary:
    """What an incident's reports hold, for ruling the incident out before scoring its reports
    one by one: their event types, and each term's highest weight among their vectors (above 0;
    TF-IDF weights always are). A report whose weights are >= 0 has a cosine with any of them
    of at most its sum over these highest weights (``ReportScorer.may_score``). Kept by the
    index, folded forward as reports join."""

    __slots__ = ("event_types", "top")

    def __init__(self) -> None:
        self.event_types: set[str] = set()
        self.top: Vector = {}

    @classmethod
    def of(cls, members: Iterable[Scored]) -> "IncidentSummary":
        summary = cls()
        for stored in members:
            summary.add(stored.report, stored.vector)
        return summary

    def add(self, report: Report, vector: Vector) -> None:
        self.event_types.add(report.event_type)
        top = self.top
        for term, weight in vector.items():
            if weight > top.get(term, 0.0):  # a weight <= 0 never adds to a cosine with one >= 0
                top[term] = weight


class ReportScorer:
    """``pair_score`` of one report against many: what depends on the report alone (its type's
    compatibilities) is worked out once. Most pairs fail on type or text, so those two checks
    come first and cost little; the rest is ``agreement``."""

    def __init__(self, report: Report, vector: Vector, settings: LinkingSettings):
        self.report, self.vector, self.settings = report, vector, settings
        self._compatible: dict[str, bool] = {}  # by the other report's event type
        # the text bound of ``may_score`` holds only for weights >= 0 (TF-IDF weights are)
        self._bounded = all(weight >= 0 for weight in vector.values())

    def score(self, other: Report, other_vector: Vector) -> Optional[float]:
        if not self._types_compatible(other.event_type):
            return None
        text = cosine(self.vector, other_vector)
        if text < self.settings.min_similarity:
            return None
        return agreement(self.report, other, text, self.settings)

    def may_score(self, summary: IncidentSummary) -> bool:
        """False when no report of the incident can score: none of a compatible type, or text
        that cannot reach ``min_similarity`` with any of them (cosine <= the sum over each term's
        highest weight, checked with a margin far above rounding). True is no promise."""
        for event_type in summary.event_types:
            if self._types_compatible(event_type):
                break
        else:
            return False
        if not self._bounded:
            return True
        vector, top = self.vector, summary.top
        bound = 0.0
        for term in vector.keys() & top.keys():
            bound += vector[term] * top[term]
        return bound >= self.settings.min_similarity - _BOUND_MARGIN

    def incident_score(self, members: Sequence[Scored]) -> Optional[float]:
        """The best ``score`` against the last ``max_reports_compared`` of an incident's reports
        (``members``, in linking order); None when none scores, or when the incident already
        holds a report of the same document (one article's events are distinct events)."""
        document_id, compared = self.report.document_id, self.settings.max_reports_compared
        best: Optional[float] = None
        for position, stored in enumerate(reversed(members)):
            if stored.report.document_id == document_id:
                return None
            if position >= compared:
                continue  # still checked for the same document, no longer scored
            score = self.score(stored.report, stored.vector)
            if score is not None and (best is None or score > best):
                best = score
        return best

    def _types_compatible(self, event_type: str) -> bool:
        compatible = self._compatible.get(event_type)
        if compatible is None:
            compatible = self._compatible[event_type] = self.settings.types_compatible(
                self.report.event_type, event_type
            )
        return compatible


def agreement(first: Report, second: Report, text: float, settings: LinkingSettings) -> Optional[float]:
    """The weighted agreement of two reports of compatible types whose texts agree ``text``
    (at least ``min_similarity``), or None when place, date or country rule them out."""
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
