"""The relevance gate: can a document report an ACLED event at all?

Most news is not about political violence or protest. Before the full parse, a small linear
model reads the title and the first paragraphs and scores how likely the document is to report
a conflict or demonstration event; documents below the threshold are stored without events,
with a note saying why, and skip the costly parse. The threshold is the balanced model's own
decision boundary: dropping a conflict article loses its events for good, but letting an
ordinary one through is not free either, since the sentence coder finds a "shooting", an
"arrest" or a "vigil" in a good share of crime, court and community stories
(``eventatlas eval ordinary`` measures how often).

The model is trained (with scikit-learn, a training-only dependency) by ``eventatlas document
train`` on text written for the project
(``data/relevance_corpus.json``) and the event classifier's training sentences. A document the
model rules out is still coded when its title alone reads as conflict news to the model and,
parsed on its own (a few words), surely reports an event (``Pipeline`` asks
``headline.headline_overrules_gate``): a title states the main event even when the lede opens
with its background. The fitted pipeline is saved as plain arrays (``data/relevance.npz``) and
run with numpy alone (``eventatlas.events.linear``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventatlas import extras
from eventatlas.document.resources import data_path, settings
from eventatlas.events import linear
from eventatlas.models import Document

MODEL_FILE = "relevance.npz"


@dataclass(frozen=True)
class Relevance:
    score: float  # the model's probability that the document reports an ACLED event
    relevant: bool
    reason: str


def gate_text(title: str | None, text: str) -> str:
    """What the gate reads: the title and the start of the body (the lede states the news)."""
    lead = text[: settings()["relevance"]["lead_chars"]]
    return f"{title or ''}\n{lead}".strip()


def judge_relevance(document: Document) -> Relevance:
    """Score one (unparsed) document and decide whether the pipeline should code it."""
    config = settings()["relevance"]
    model = load_relevance_model()
    if model is None:
        return Relevance(1.0, True, "no relevance model installed: every document is coded")
    score = float(model.predict_proba([gate_text(document.title, document.text)])[0, 1])
    if score >= config["threshold"]:
        return Relevance(score, True, f"relevance {score:.2f} >= {config['threshold']}")
    return Relevance(score, False, f"relevance gate: {score:.2f} < {config['threshold']}, "
                                   "title and lede read as ordinary news")


def title_relevant(title: str | None) -> bool:
    """Does the title alone read as a conflict report to the gate (trained on headlines too)?"""
    model = load_relevance_model()
    if model is None or not (title or "").strip():
        return model is None
    return float(model.predict_proba([title.strip()])[0, 1]) >= settings()["relevance"]["threshold"]


@lru_cache(maxsize=1)
def load_relevance_model() -> linear.LinearModel | None:
    """The gate (``predict_proba`` over texts, columns: ordinary, conflict), or None if not built."""
    path = data_path(MODEL_FILE)
    if not path.exists():
        return None
    model, _ = linear.load(path)
    return model


def build_model():
    """A tf-idf (words and word pairs) + logistic regression pipeline: fast, small, and it needs no
    downloaded weights."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, strip_accents="unicode"),
        LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000),
    )


def train_relevance(output: Path | None = None, seed: int = 13) -> dict:
    """Train the gate on the written corpus and save it; returns counts and the training
    set's cross-validated accuracy, recorded in the model file."""
    extras.require("training the relevance gate", "sklearn")
    from sklearn.model_selection import cross_val_score

    from eventatlas.document.training import relevance_examples

    texts, labels = relevance_examples(seed=seed)
    model = build_model()
    folds = cross_val_score(build_model(), texts, labels, cv=5, scoring="recall")
    model.fit(texts, labels)
    meta = {"examples": len(texts), "conflict": int(sum(labels)), "ordinary": len(labels) - int(sum(labels)),
            "cv_recall": round(float(folds.mean()), 4), "seed": seed}
    path = output or data_path(MODEL_FILE)
    linear.save(path, *linear.export_pipeline(model, meta=meta))
    load_relevance_model.cache_clear()
    return meta
