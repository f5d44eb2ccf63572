"""The snippet classifier: a CASE 2021 label (25 ACLED sub-event types + 5 non-event classes)
for a piece of news text.

Two models share one interface (``classify_proba(texts, model=...)``):

- ``linear`` (default; what the pipeline's extractor uses): a logistic regression over word and
  character n-grams plus trigger-lexicon counts. No parse, no extra packages, thousands of
  snippets per second; the extractor uses it to refine the type a trigger suggests.
- ``combined``: the linear model's probabilities multiplied (equal-weight geometric mean) with
  those of a logistic regression over all-MiniLM-L6-v2 sentence embeddings
  (``eventatlas.events.embeddings``; the optional ``embeddings`` extra). More accurate on
  paraphrases, much slower (a transformer per snippet).

Both artefacts (``data/case_classifier.joblib``, ``data/case_classifier_embeddings.joblib``) are
built by ``eventatlas events train``: from the written sentences in
``data/training_templates.json`` and, when given, labelled CASE 2021 rows (``--extra``).
"""

from __future__ import annotations

import hashlib
import time
import warnings
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import joblib
import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from eventatlas.errors import EventAtlasError
from eventatlas.events.resources import data_path, lexicon
from eventatlas.events.training import expand_templates

MODEL_FILE = "case_classifier.joblib"
HEAD_FILLS_PER_TEMPLATE = 4
# How many written sentences one real labelled snippet (``--extra``) counts as: real snippets
# are few (hundreds against thousands of written ones) but closer to what the model will read.
# Chosen by 5-fold cross-validation on the CASE 2021 dev file among 3, 10 and 30.
EXTRA_WEIGHT = 10.0


class LexiconCounts(BaseEstimator, TransformerMixin):
    """One feature per class: log(1 + number of trigger-lexicon matches) in the text.

    The lexicon carries what the templates cannot enumerate (every way to say "shelled"), so
    the model generalises past the training sentences' wording.
    """

    def fit(self, texts, y=None):
        self.labels_ = list(lexicon().all_patterns)
        self.conjunctions_ = [tuple(c) for c in lexicon().feature_conjunctions]
        return self

    def transform(self, texts):
        lex = lexicon()
        patterns = lex.all_patterns
        width = len(self.labels_) + len(self.conjunctions_)
        rows = np.zeros((len(texts), width), dtype=np.float32)
        for i, text in enumerate(texts):
            for j, label in enumerate(self.labels_):
                hits = len(patterns[label].findall(text))
                if hits:
                    rows[i, j] = np.log1p(hits)
            # Conjunctions a linear model cannot form itself: "army" AND "captured" is a
            # government gain, "militants" AND "captured" a non-state one.
            present = {name for name, cue in lex.feature_cues.items() if cue.search(text)}
            for k, names in enumerate(self.conjunctions_):
                if all(name in present for name in names):
                    rows[i, len(self.labels_) + k] = 1.0
        return sparse.csr_matrix(rows)


def build_pipeline(c: float = 20.0) -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
            ("lexicon", LexiconCounts()),
        ]
    )
    # Balanced class weights: the written data has about as many sentences per class, but the
    # rare classes (OTHER, MOB_VIOL) need the push when real snippets are added.
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


def training_rows(extra: Sequence[tuple[str, str]] = ()) -> tuple[list[str], list[str]]:
    rows = expand_templates() + list(extra)
    return [text for text, _ in rows], [label for _, label in rows]


def train(extra: Sequence[tuple[str, str]] = (), sources: Sequence[dict] = (), output: Path | None = None,
          embeddings: bool | None = None, extra_weight: float = EXTRA_WEIGHT, int8: bool = False) -> dict:
    """Fit the classifier on the written training sentences (plus ``extra`` labelled rows, each
    counting ``extra_weight`` written sentences) and save it. With ``embeddings`` (default: when
    the extra is installed) also fit and save the sentence-embedding head. Returns metadata."""
    texts, labels = training_rows(extra)
    weights = np.r_[np.ones(len(texts) - len(extra)), np.full(len(extra), extra_weight)]
    started = time.perf_counter()
    pipeline = build_pipeline().fit(texts, labels, model__sample_weight=weights)
    bundle = {
        "pipeline": pipeline,
        "labels": list(pipeline.classes_),
        "meta": {
            "rows": len(texts),
            "templates_sha256": _sha256(data_path("training_templates.json")),
            "triggers_sha256": _sha256(data_path("triggers.json")),
            "extra_sources": list(sources),
            "extra_weight": extra_weight,
            "fit_seconds": round(time.perf_counter() - started, 1),
        },
    }
    output = output or data_path(MODEL_FILE)
    joblib.dump(bundle, output, compress=3)
    load_bundle.cache_clear()
    meta = dict(bundle["meta"])

    from eventatlas.events import embeddings as emb

    if embeddings is None:
        embeddings = emb.embeddings_installed()
    if embeddings:
        # Fewer fillings per template than the linear model: the encoder already generalises
        # over names and numbers, and encoding is the slow part.
        head_rows = expand_templates(per_template=HEAD_FILLS_PER_TEMPLATE) + list(extra)
        ratio = (len(head_rows) - len(extra)) / max(len(texts) - len(extra), 1)
        head_weights = np.r_[np.ones(len(head_rows) - len(extra)), np.full(len(extra), extra_weight * ratio)]
        head_output = output.with_name(emb.HEAD_FILE)
        meta["embeddings"] = emb.train_head(
            [t for t, _ in head_rows], [label for _, label in head_rows], head_weights, output=head_output,
            meta={"templates_sha256": meta["templates_sha256"], "extra_sources": list(sources),
                  "extra_weight": extra_weight},
            int8=int8,
        )
        meta["embeddings"]["path"] = str(head_output)
    return meta


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def load_bundle(path: str | None = None) -> dict:
    model_path = Path(path) if path else data_path(MODEL_FILE)
    if not model_path.is_file():
        raise EventAtlasError(f"{model_path}: event classifier missing; build it with `eventatlas events train`")
    bundle = joblib.load(model_path)
    # The lexicon features are read from triggers.json at run time: a model trained with
    # another version of the lexicon still works, but should be rebuilt.
    if bundle["meta"].get("triggers_sha256") not in (None, _sha256(data_path("triggers.json"))):
        warnings.warn("triggers.json changed since the event classifier was trained; "
                      "rebuild it with `eventatlas events train`", stacklevel=2)
    return bundle


MODELS = ("linear", "combined", "auto")
# Weight of the linear model's log-probabilities in the combined model (the embedding head gets
# the rest): an equal-weight product of the two experts, not tuned on evaluation data.
LINEAR_WEIGHT = 0.5
# The combined model is a cascade: snippets the linear model is this sure of keep its answer and
# skip the transformer. On cross-validated CASE 2021 dev predictions about a third of snippets
# fall below 0.95 and the cascade's F1 equals that of combining every snippet, at about three
# times the speed.
CASCADE_THRESHOLD = 0.95


def resolve_model(model: str) -> str:
    """``auto`` is ``combined`` where the embeddings extra and its trained head are present,
    else ``linear``."""
    if model not in MODELS:
        raise EventAtlasError(f"unknown event classifier model {model!r}; choose one of {', '.join(MODELS)}")
    if model == "auto":
        from eventatlas.events.embeddings import combined_available

        return "combined" if combined_available() else "linear"
    return model


def classify_proba(texts: Iterable[str], model: str = "linear") -> tuple[list[str], np.ndarray]:
    """Class labels and a (n_texts, n_labels) probability matrix.

    ``model``: ``linear`` (n-gram model; no extra packages, thousands of snippets/s; what the
    pipeline uses), ``combined`` (product of the linear model and the sentence-embedding head;
    needs the ``embeddings`` extra, more accurate, a few hundred snippets/s on two cores),
    ``auto`` (combined when available)."""
    bundle = load_bundle()
    texts = [t or "" for t in texts]
    if not texts:
        return bundle["labels"], np.zeros((0, len(bundle["labels"])))
    proba = _predict_proba(bundle, texts)
    if resolve_model(model) == "combined":
        from eventatlas.events.embeddings import head_proba

        unsure = np.flatnonzero(proba.max(axis=1) < CASCADE_THRESHOLD)
        if unsure.size:
            head_labels, head = head_proba([texts[i] for i in unsure])
            order = [head_labels.index(label) for label in bundle["labels"]]
            proba[unsure] = product_of_experts(proba[unsure], head[:, order], LINEAR_WEIGHT)
    return bundle["labels"], proba


def product_of_experts(first: np.ndarray, second: np.ndarray, weight: float) -> np.ndarray:
    """Weighted geometric mean of two probability matrices, renormalised."""
    scores = weight * np.log(first + 1e-9) + (1 - weight) * np.log(second + 1e-9)
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


def _predict_proba(bundle: dict, texts: list[str]) -> np.ndarray:
    # The same arithmetic as Pipeline.predict_proba for a multinomial logistic regression,
    # without scikit-learn's per-call validation, which costs more than the model on a
    # single sentence (the extractor classifies clause by clause).
    pipeline = bundle["pipeline"]
    union = pipeline.named_steps["features"]
    model = pipeline.named_steps["model"]
    weights = union.transformer_weights or {}
    blocks = [transformer.transform(texts) * weights.get(name, 1.0) for name, transformer in union.transformer_list]
    features = sparse.hstack(blocks, format="csr")
    if "coef_t" not in bundle:
        bundle["coef_t"] = np.ascontiguousarray(model.coef_.T)
    scores = np.asarray(features @ bundle["coef_t"]) + model.intercept_
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


def classify_texts(texts: Iterable[str], model: str = "linear") -> list[str]:
    """The CASE 2021 label of each snippet (``model`` as in :func:`classify_proba`)."""
    labels, proba = classify_proba(texts, model)
    return [labels[i] for i in proba.argmax(axis=1)]


def classify_text(text: str, model: str = "linear") -> str:
    return classify_texts([text], model)[0]
