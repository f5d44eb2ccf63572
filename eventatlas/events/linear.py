"""Fitted text classifiers (tf-idf n-grams + logistic regression) run with numpy alone.

Models are trained with scikit-learn (the ``train`` extra), then exported by
:func:`export_pipeline` into one compressed ``.npz``: the vocabularies, idf weights and analyzer
settings of each ``TfidfVectorizer``, the coefficients, intercepts and classes of the
``LogisticRegression``, and a JSON spec. At run time :class:`LinearModel` reproduces
``Pipeline.predict_proba`` (the same analyzers, counts, sublinear tf, idf and norm, the same
softmax or logistic link), so the default install needs neither scikit-learn, SciPy nor joblib.

A feature block that is not a ``TfidfVectorizer`` (the event classifier's lexicon counts) is
exported by the block itself (``export_spec()``) and rebuilt at load time by a factory the
caller names by its ``kind``.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

FORMAT = "eventatlas-linear/1"
SPEC_KEY = "spec"
# scikit-learn's TfidfVectorizer collapses runs of white space before character n-grams
WHITE_SPACES = re.compile(r"\s\s+")


class FeatureBlock(Protocol):
    """One block of columns: ``width`` columns, and the non-zero (column, value) pairs of a text."""

    width: int

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]: ...


def strip_accents_unicode(text: str) -> str:
    """As scikit-learn: decompose (NFKD) and drop combining marks; ASCII text is returned as is."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def strip_accents_ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ASCII", "ignore").decode("ASCII")


ACCENT_STRIPPERS: dict[str | None, Callable[[str], str] | None] = {
    None: None, "unicode": strip_accents_unicode, "ascii": strip_accents_ascii}


@dataclass
class TfidfBlock:
    """A fitted ``TfidfVectorizer``: the same analyzer, vocabulary and weighting."""

    analyzer: str  # "word", "char" or "char_wb"
    ngram_range: tuple[int, int]
    lowercase: bool
    strip_accents: str | None
    token_pattern: str
    stop_words: frozenset[str] | None
    binary: bool
    sublinear_tf: bool
    norm: str | None
    vocabulary: dict[str, int]
    idf: np.ndarray | None

    def __post_init__(self) -> None:
        if self.analyzer not in ("word", "char", "char_wb"):
            raise ValueError(f"unsupported analyzer {self.analyzer!r}")
        self.width = len(self.vocabulary)
        self._tokens = re.compile(self.token_pattern).findall
        self._strip = ACCENT_STRIPPERS[self.strip_accents]

    def analyze(self, text: str) -> list[str]:
        """The terms scikit-learn's analyzer yields for ``text``, in its order."""
        if self.lowercase:
            text = text.lower()
        if self._strip is not None:
            text = self._strip(text)
        if self.analyzer == "word":
            return self._word_ngrams(self._tokens(text))
        text = WHITE_SPACES.sub(" ", text)
        return self._char_wb_ngrams(text) if self.analyzer == "char_wb" else self._char_ngrams(text)

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(j for j in map(self.vocabulary.get, self.analyze(text)) if j is not None)
        columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        values = np.ones(len(counts)) if self.binary else np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear_tf:
            values = np.log(values) + 1.0
        if self.idf is not None:
            values = values * self.idf[columns]
        return columns, _normalised(values, self.norm)

    def _word_ngrams(self, tokens: list[str]) -> list[str]:
        if self.stop_words is not None:
            tokens = [t for t in tokens if t not in self.stop_words]
        low, high = self.ngram_range
        terms = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            terms += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return terms

    def _char_ngrams(self, text: str) -> list[str]:
        low, high = self.ngram_range
        return [text[i:i + n] for n in range(low, min(high, len(text)) + 1) for i in range(len(text) - n + 1)]

    def _char_wb_ngrams(self, text: str) -> list[str]:
        low, high = self.ngram_range
        terms: list[str] = []
        for word in text.split():
            word = f" {word} "
            for n in range(low, high + 1):
                if len(word) <= n:  # a short word counts once, padded whole
                    terms.append(word)
                    break
                terms += [word[i:i + n] for i in range(len(word) - n + 1)]
        return terms


def _normalised(values: np.ndarray, norm: str | None) -> np.ndarray:
    if norm is None or not values.size:
        return values
    total = np.sqrt(values @ values) if norm == "l2" else np.abs(values).sum()
    return values / total if total > 0 else values


@dataclass
class LinearModel:
    """Feature blocks side by side (each scaled by its weight), then a logistic regression."""

    blocks: list[tuple[str, FeatureBlock, float]]  # (name, block, weight)
    coef: np.ndarray  # (n_classes, n_features); one row for two classes
    intercept: np.ndarray
    classes: list
    meta: dict

    def __post_init__(self) -> None:
        self._coef_t = np.ascontiguousarray(self.coef.T)
        self._offsets = np.cumsum([0] + [block.width for _, block, _ in self.blocks])
        if self._offsets[-1] != self.coef.shape[1]:
            raise ValueError(f"features ({self._offsets[-1]}) and coefficients ({self.coef.shape[1]}) disagree")

    @property
    def classes_(self) -> list:
        return self.classes

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        scores = np.zeros((len(texts), self.coef.shape[0]), dtype=np.float64)
        for i, text in enumerate(texts):
            columns, values = self._features(text)
            if columns.size:
                scores[i] = np.asarray(values) @ self._coef_t[columns]
        return scores + self.intercept

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """As ``LogisticRegression.predict_proba``: softmax over classes, or the logistic function
        for a binary model (columns: not, is)."""
        scores = self.decision_function(list(texts))
        if scores.shape[1] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        return softmax(scores)

    def predict(self, texts: Sequence[str]) -> list:
        proba = self.predict_proba(texts)
        return [self.classes[i] for i in proba.argmax(axis=1)]

    def vocabulary(self, name: str) -> dict[str, int]:
        return next(block.vocabulary for block_name, block, _ in self.blocks if block_name == name)

    def _features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        columns, values = [], []
        for (_, block, weight), offset in zip(self.blocks, self._offsets):
            block_columns, block_values = block.row(text)
            columns.append(block_columns + offset)
            values.append(block_values * weight if weight != 1.0 else block_values)
        return np.concatenate(columns), np.concatenate(values)


def softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


# --- export (at train time, from a fitted scikit-learn pipeline) --------------------------------


def export_pipeline(pipeline, meta: Mapping | None = None,
                    arrays: Mapping[str, np.ndarray] | None = None) -> tuple[dict, dict[str, np.ndarray]]:
    """The spec and arrays of a fitted ``Pipeline([features, LogisticRegression])`` whose features
    are a ``TfidfVectorizer`` or a ``FeatureUnion`` of them and of blocks with ``export_spec()``.
    ``arrays`` are stored alongside (e.g. a second expert's weights)."""
    *feature_steps, (_, model) = pipeline.steps
    if len(feature_steps) != 1:
        raise ValueError("expected one feature step before the classifier")
    features = feature_steps[0][1]
    if hasattr(features, "transformer_list"):
        weights = features.transformer_weights or {}
        parts = [(name, step, weights.get(name, 1.0)) for name, step in features.transformer_list]
    else:
        parts = [(feature_steps[0][0], features, 1.0)]
    spec_blocks, stored = [], dict(arrays or {})
    for name, step, weight in parts:
        block_spec, block_arrays = _export_block(name, step)
        spec_blocks.append({"name": name, "weight": float(weight), **block_spec})
        stored.update({f"{name}.{key}": value for key, value in block_arrays.items()})
    stored["coef"] = np.asarray(model.coef_)
    stored["intercept"] = np.asarray(model.intercept_, dtype=np.float64)
    spec = {"format": FORMAT, "classes": [_plain(c) for c in model.classes_], "blocks": spec_blocks,
            "meta": dict(meta or {})}
    return spec, stored


def _export_block(name: str, step) -> tuple[dict, dict[str, np.ndarray]]:
    if hasattr(step, "export_spec"):
        return step.export_spec(), {}
    if not hasattr(step, "vocabulary_"):
        raise ValueError(f"{name}: cannot export {type(step).__name__}")
    params = step.get_params()
    for unsupported in ("tokenizer", "preprocessor"):
        if params[unsupported] is not None:
            raise ValueError(f"{name}: a custom {unsupported} cannot be exported")
    if callable(params["analyzer"]) or callable(params["strip_accents"]) or params["input"] != "content":
        raise ValueError(f"{name}: only built-in analyzers on text content can be exported")
    stop_words = step.get_stop_words() if params["analyzer"] == "word" else None
    terms = sorted(step.vocabulary_, key=step.vocabulary_.get)
    spec = {"kind": "tfidf", "analyzer": params["analyzer"], "ngram_range": list(params["ngram_range"]),
            "lowercase": bool(params["lowercase"]), "strip_accents": params["strip_accents"] or None,
            "token_pattern": params["token_pattern"], "binary": bool(params["binary"]),
            "stop_words": sorted(stop_words) if stop_words is not None else None,
            "sublinear_tf": bool(params["sublinear_tf"]), "norm": params["norm"],
            "use_idf": bool(params["use_idf"])}
    arrays = {"terms": _pack_terms(terms)}
    if params["use_idf"]:
        arrays["idf"] = np.asarray(step.idf_, dtype=np.float64)
    return spec, arrays


def _pack_terms(terms: list[str]) -> np.ndarray:
    """Terms as one UTF-8 byte array, newline-separated: analyzers split on white space, so no term
    holds a newline, and a byte array loads without pickle."""
    if any("\n" in term for term in terms):
        raise ValueError("a vocabulary term contains a newline")
    return np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)


def _unpack_terms(packed: np.ndarray) -> list[str]:
    return packed.tobytes().decode("utf-8").split("\n") if packed.size else [""]


def _plain(value):
    """numpy scalars (class labels) as JSON values."""
    return value.item() if hasattr(value, "item") else value


def save(path: Path, spec: dict, arrays: Mapping[str, np.ndarray]) -> None:
    """One compressed ``.npz``: the arrays and the JSON spec (as UTF-8 bytes)."""
    packed = np.frombuffer(json.dumps(spec, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    # written to memory first so that a failed save leaves no half-written model behind
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **{SPEC_KEY: packed}, **arrays)
    Path(path).write_bytes(buffer.getvalue())


def load_arrays(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """The spec and every array of a saved model (no pickle)."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {key: stored[key] for key in stored.files}
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise ValueError(f"{path}: not a saved linear model ({error})") from None
    spec = json.loads(arrays.pop(SPEC_KEY).tobytes().decode("utf-8"))
    if spec.get("format") != FORMAT:
        raise ValueError(f"{path}: unknown model format {spec.get('format')!r}")
    return spec, arrays


BlockFactory = Callable[[dict], FeatureBlock]


def load(path: Path, factories: Mapping[str, BlockFactory] | None = None) -> tuple[LinearModel, dict[str, np.ndarray]]:
    """The model saved at ``path``, and the arrays stored alongside it (``export_pipeline``'s
    ``arrays``). ``factories`` rebuild blocks of other kinds than ``tfidf`` from their spec."""
    spec, arrays = load_arrays(path)
    factories = {"tfidf": None, **(factories or {})}
    blocks = []
    for block_spec in spec["blocks"]:
        kind, name = block_spec["kind"], block_spec["name"]
        if kind not in factories:
            raise ValueError(f"{path}: no reader for feature block {name!r} of kind {kind!r}")
        block = _tfidf_block(block_spec, arrays, name) if kind == "tfidf" else factories[kind](block_spec)
        blocks.append((name, block, block_spec["weight"]))
    own = {"coef", "intercept"} | {key for key in arrays if key.split(".")[0] in {b[0] for b in blocks}}
    model = LinearModel(blocks, arrays["coef"], arrays["intercept"], spec["classes"], spec["meta"])
    return model, {key: value for key, value in arrays.items() if key not in own}


def _tfidf_block(spec: dict, arrays: Mapping[str, np.ndarray], name: str) -> TfidfBlock:
    terms = _unpack_terms(arrays[f"{name}.terms"])
    return TfidfBlock(
        analyzer=spec["analyzer"], ngram_range=tuple(spec["ngram_range"]), lowercase=spec["lowercase"],
        strip_accents=spec["strip_accents"], token_pattern=spec["token_pattern"],
        stop_words=frozenset(spec["stop_words"]) if spec["stop_words"] is not None else None,
        binary=spec["binary"], sublinear_tf=spec["sublinear_tf"], norm=spec["norm"],
        vocabulary=dict(zip(terms, range(len(terms)))), idf=arrays.get(f"{name}.idf") if spec["use_idf"] else None)


def vocabulary_terms(texts: Iterable[str], block: TfidfBlock) -> set[str]:
    """Every term ``block`` reads in ``texts`` that it knows (for tests and audits)."""
    return {term for text in texts for term in block.analyze(text) if term in block.vocabulary}
