"""A learned ranker over a name's candidates, on top of the hand-set plausibility score.

The resolver's score (population prior, cue words, written hierarchy, document context) ranks
the candidates of each name; this ranker re-ranks them with a logistic regression over features
of each candidate in its document (as Mordecai 3 learns its ranking): the hand score and its
softmax probability relative to the name's other candidates, log population, how the name
matched (main name, alternate, consonant skeleton), the kind of place, national capital, whether
it lies in the document's focus country, the distance to the other confident places of the
document, whether the cue words and the written containers fit it, how many candidates the name
has and whether it is the most populous one; which shares of the document's other names have
any reading near it, in its first-level division and in its country (coherence with every
namesake, not only the likely readings); whether it is a division that yields its name to its
town, or a feature written with "the". ``train(on_hand_score=True)`` keeps the hand score in
every logit with weight 1, so the learned weights are only corrections of it.

The weights live in ``data/ranker.json``, trained by ``eventatlas gazetteer train-ranker`` on the
``tune`` parts of LGL and GeoWebNews (toponyms with a gold GeoNames id among their candidates).
Without the file the resolver keeps its hand score alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventatlas.extras import require
from eventatlas.reference import place_kind

RANKER_PATH = Path(__file__).parent / "data" / "ranker.json"
KINDS = ("country", "continent", "admin1", "admin2", "place", "feature")
FEATURES = (
    "score_gap", "probability", "log_population", "alternate", "fuzzy", *(f"kind_{k}" for k in KINDS), "capital",
    "in_focus", "focus_known", "log_km_to_others", "no_others", "cue_fits", "cue_misfits", "inside_containers",
    "outside_containers", "log_candidates", "most_populous", "names_nearby", "names_in_admin1", "names_in_country",
    "yields_to_town", "article_feature",
)
NO_OTHERS_KM = 20_000.0


@dataclass
class CandidateFacts:
    """What the resolver knows about one candidate of a name, for the ranker."""

    score: float
    top_score: float
    probability: float
    population: int
    alternate: bool
    fuzzy: bool
    feature_class: str
    feature_code: str
    in_focus: bool
    focus_known: bool
    km_to_others: float | None
    cue_fits: bool | None
    inside_containers: bool | None
    n_candidates: int
    most_populous: bool
    # shares of the document's other names with any reading near this candidate, in its
    # first-level division, in its country: whether it fits them, whatever their population
    names_nearby: float = 0.0
    names_in_admin1: float = 0.0
    names_in_country: float = 0.0
    yields_to_town: bool = False  # a division named like a big town inside it ("New York" state)
    article_feature: bool = False  # "the Atlantic": a sea, range or region written with "the"


def features(facts: CandidateFacts) -> list[float]:
    """The feature vector of a candidate, in ``FEATURES`` order."""
    kind = place_kind(facts.feature_code, facts.feature_class)
    km = facts.km_to_others if facts.km_to_others is not None else NO_OTHERS_KM
    return [
        facts.score - facts.top_score,
        facts.probability,
        math.log10(facts.population + 10),
        float(facts.alternate),
        float(facts.fuzzy),
        *(float(kind == k) for k in KINDS),
        float(facts.feature_code == "PPLC"),
        float(facts.in_focus),
        float(facts.focus_known),
        math.log10(1.0 + km),
        float(facts.km_to_others is None),
        float(facts.cue_fits is True),
        float(facts.cue_fits is False),
        float(facts.inside_containers is True),
        float(facts.inside_containers is False),
        math.log10(facts.n_candidates),
        float(facts.most_populous),
        facts.names_nearby,
        facts.names_in_admin1,
        facts.names_in_country,
        float(facts.yields_to_town),
        float(facts.article_feature),
    ]


@dataclass(frozen=True)
class Ranker:
    """A linear model over ``FEATURES``: higher is more likely the place meant."""

    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    # the hand score's own weight, fixed at 1: the learned weights correct the hand score, and
    # with little evidence (strong regularization) the ranker falls back to it
    hand_weight: float = 0.0

    def score(self, vector: list[float]) -> float:
        learned = sum(w * (x - m) / s for w, x, m, s in zip(self.weights, vector, self.means, self.scales))
        return self.bias + self.hand_weight * vector[0] + learned

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "means": list(self.means), "scales": list(self.scales), "hand_weight": self.hand_weight}


@lru_cache(maxsize=2)
def load_ranker(path: Path = RANKER_PATH) -> Ranker | None:
    """The shipped ranker, or None when there is none (or it was trained on other features)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:
        return None
    return Ranker(tuple(data["weights"]), float(data["bias"]), tuple(data["means"]), tuple(data["scales"]),
                  float(data.get("hand_weight", 0.0)))


def train(groups: list[tuple[list[list[float]], int]], regularization: float = 0.01, on_hand_score: bool = False) -> Ranker:
    """Fit the ranker as a conditional logit: for each name, the softmax of the linear scores of
    its candidates should put its mass on the gold one (the objective of a ranking, not of
    pointwise classification); L2-regularized, on standardized features (SciPy's L-BFGS).
    ``on_hand_score``: the hand score (its gap to the name's best, ``score_gap``) enters every
    candidate's logit with weight 1, so the weights learn only corrections of it."""
    import numpy as np

    require("training the ranker", "scipy")
    from scipy.optimize import minimize

    stacked = np.asarray([v for vectors, _ in groups for v in vectors], dtype=float)
    means = stacked.mean(axis=0)
    scales = stacked.std(axis=0)
    scales[scales == 0] = 1.0
    hand = 1.0 if on_hand_score else 0.0
    blocks = [((np.asarray(vectors, dtype=float) - means) / scales, np.asarray(vectors, dtype=float)[:, 0] * hand, gold)
              for vectors, gold in groups]

    def loss(weights):
        total, gradient = regularization * weights @ weights, 2 * regularization * weights
        for x, offset, gold in blocks:
            scores = x @ weights + offset
            scores -= scores.max()
            probs = np.exp(scores)
            probs /= probs.sum()
            total -= np.log(probs[gold] + 1e-12) / len(blocks)
            gradient -= (x[gold] - probs @ x) / len(blocks)
        return total, gradient

    result = minimize(loss, np.zeros(stacked.shape[1]), jac=True, method="L-BFGS-B")
    return Ranker(tuple(float(w) for w in result.x), 0.0, tuple(float(m) for m in means), tuple(float(s) for s in scales), hand)


def training_examples(documents, resolve_document) -> list[tuple[list[list[float]], int]]:
    """(candidates' feature vectors, index of the gold one) for each name of the gold documents
    whose gold place is among two or more candidates (same GeoNames id, or within ``GOLD_KM``
    when the gold has only coordinates). ``resolve_document(document, gold toponyms)`` returns
    the resolver's ``explain`` list for the document's gold spans."""
    examples: list[tuple[list[list[float]], int]] = []
    for document in documents:
        gold = [t for t in document.toponyms if t.resolvable]
        for members, found, group_vectors in resolve_document(document, gold):
            if members[0] >= len(gold):
                continue  # a context span (a demonym), not a gold toponym
            target = gold[members[0]]
            positive = _gold_candidate(found, target)
            if positive is None or len(found) < 2:
                continue
            examples.append((group_vectors, positive))
    return examples


GOLD_KM = 25.0


def _gold_candidate(found, target) -> int | None:
    if target.geonameid is not None:
        for j, c in enumerate(found):
            if c.geonameid == target.geonameid:
                return j
    if target.latitude is None:
        return None
    from eventatlas.geo.resolve import haversine_km

    distances = [haversine_km(c.latitude, c.longitude, target.latitude, target.longitude) for c in found]
    j = min(range(len(found)), key=distances.__getitem__)
    return j if distances[j] <= GOLD_KM else None
