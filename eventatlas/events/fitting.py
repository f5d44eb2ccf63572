"""Fitting the snippet classifier's two experts with scikit-learn (training only: the ``train``
and ``dev`` extras). The fitted n-gram pipeline is exported to plain arrays
(``eventatlas.events.linear``) and run without scikit-learn; see ``classify`` for the settings."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from eventatlas.events.lexicon_features import LexiconBlock, current_conjunctions, current_labels, lexicon_row


class LexiconCounts(BaseEstimator, TransformerMixin):
    """The lexicon features (``lexicon_features``) as a scikit-learn transformer."""

    def fit(self, texts, y=None):
        self.labels_ = current_labels()
        self.conjunctions_ = current_conjunctions()
        return self

    def transform(self, texts):
        rows = [lexicon_row(text, self.labels_, self.conjunctions_) for text in texts]
        width = len(self.labels_) + len(self.conjunctions_)
        return sparse.csr_matrix(np.vstack(rows) if rows else np.zeros((0, width), dtype=np.float32))

    def export_spec(self) -> dict:
        """What ``linear.export_pipeline`` stores to rebuild this block at run time."""
        return LexiconBlock(self.labels_, self.conjunctions_).spec()


def build_pipeline(c: float) -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
            ("lexicon", LexiconCounts()),
        ]
    )
    # Balanced class weights: classes have unequal numbers of written and real snippets.
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


def build_head(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def fit_experts(base: Sequence[tuple[str, str]], extra: Sequence[tuple[str, str]], extra_weight: float,
                base_vectors: np.ndarray, extra_vectors: np.ndarray,
                linear_c: float, head_c: float) -> tuple[Pipeline, LogisticRegression]:
    """Both experts on the written rows plus ``extra`` real rows (each worth ``extra_weight``);
    the vectors are the rows' sentence embeddings (base, then extra)."""
    texts = [t for t, _ in base] + [t for t, _ in extra]
    labels = [label for _, label in base] + [label for _, label in extra]
    weights = np.r_[np.ones(len(base)), np.full(len(extra), extra_weight)]
    linear = build_pipeline(linear_c).fit(texts, labels, model__sample_weight=weights)
    head = build_head(head_c).fit(np.r_[base_vectors, extra_vectors], labels, sample_weight=weights)
    return linear, head
