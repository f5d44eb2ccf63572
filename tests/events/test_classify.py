"""The snippet classifier: both experts in the default install, the cascade, the encoder."""

import numpy as np
import pytest

from eventatlas.errors import EventAtlasError
from eventatlas.events import classify, embeddings
from eventatlas.events.classify import (
    classify_proba,
    classify_texts,
    combine,
    product_of_experts,
    resolve_model,
)

CLEAR = {
    "Police fired tear gas and detained dozens of demonstrators at a rally in Tolvane.": "PROTEST_WITH_INTER",
    "Soldiers opened fire on unarmed protesters in Varnholt, killing six.": "FORCE_AGAINST_PROTEST",
    "A suicide bomber blew himself up at a checkpoint in Eskerin, killing four soldiers.": "SUIC_BOMB",
    "A magnitude 6.1 earthquake struck the region, destroying hundreds of homes.": "NATURAL_DISASTER",
}


def test_default_model_labels_clear_snippets():
    assert classify_texts(list(CLEAR)) == list(CLEAR.values())
    assert classify_texts(list(CLEAR), model="linear") == list(CLEAR.values())


def test_paraphrases_the_written_sentences_never_used():
    # no trigger word of the lexicon: the sentence-embedding expert carries these
    assert classify_texts(["Thousands filled the main square, chanting against the new tax law."]) == [
        "PEACE_PROTEST"
    ]


def test_probabilities_are_rows_over_all_30_labels():
    labels, proba = classify_proba(list(CLEAR))
    assert len(labels) == 30 and proba.shape == (len(CLEAR), 30)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert classify_proba([])[1].shape == (0, 30)


def test_product_of_experts_favours_the_label_both_support():
    first = np.array([[0.5, 0.4, 0.1]])
    second = np.array([[0.1, 0.6, 0.3]])
    combined = product_of_experts(first, second, 0.5)
    assert combined.argmax() == 1 and combined.sum() == pytest.approx(1.0)
    # the cascade keeps a confident first expert's row as it is
    sure = np.array([[0.99, 0.005, 0.005]])
    assert np.array_equal(combine(sure, second, 0.5, threshold=0.95), sure)


def test_model_choice(monkeypatch):
    with pytest.raises(EventAtlasError, match="unknown event classifier model"):
        resolve_model("bert")
    assert resolve_model("linear") == "linear"
    assert resolve_model("auto") == "combined"  # the encoder is a default dependency
    monkeypatch.setattr(embeddings, "encoder_available", lambda: False)
    assert resolve_model("auto") == "linear"


def test_combined_model_sends_only_unsure_snippets_to_the_encoder(monkeypatch):
    texts = list(CLEAR) + ["The two sides met in the capital on Tuesday."]
    labels, linear = classify_proba(texts, model="linear")
    sent: list[str] = []

    def fake_head(bundle, batch):  # stands in for the embedding expert
        sent.extend(batch)
        return np.full((len(batch), len(labels)), 1 / len(labels))

    monkeypatch.setattr(classify, "head_proba", fake_head)
    _, combined = classify_proba(texts, model="combined")
    threshold = classify.load_bundle()["meta"]["settings"]["cascade_threshold"]
    unsure = [t for t, row in zip(texts, linear) if row.max() < threshold]
    assert sent == unsure
    for text, before, after in zip(texts, linear, combined):
        if text not in unsure:
            assert np.allclose(before, after)


def test_encoder_gives_unit_vectors_in_input_order_whatever_the_batch():
    texts = ["Rebels shelled the town.", "A long sentence about the weather " * 20, "", "Talks resumed."]
    vectors = embeddings.encode(texts)
    assert vectors.shape == (4, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    alone = embeddings.encode([texts[0]])[0]
    assert float(alone @ vectors[0]) > 0.999
    assert float(vectors[0] @ embeddings.encode(["Insurgents fired artillery at the city."])[0]) > \
        float(vectors[0] @ vectors[3])
    assert embeddings.encode([]).shape == (0, 384)


def test_a_bundle_with_a_fine_tuned_graph_sends_unsure_snippets_to_it(monkeypatch, tmp_path):
    bundle = dict(classify.load_bundle(), finetuned={"file": "tuned.onnx"}, folder=tmp_path)
    seen: list[tuple] = []

    def fake_logits(path, texts):  # stands in for the int8 graph: sure of label 3
        seen.append((path, list(texts)))
        logits = np.zeros((len(texts), 30), dtype=np.float32)
        logits[:, 3] = 10.0
        return logits

    monkeypatch.setattr(embeddings, "classifier_logits", fake_logits)
    proba = classify.head_proba(bundle, ["Talks resumed.", "Rebels shelled the town."])
    assert seen == [(tmp_path / "tuned.onnx", ["Talks resumed.", "Rebels shelled the town."])]
    assert proba.shape == (2, 30) and (proba.argmax(axis=1) == 3).all()


def test_a_missing_fine_tuned_graph_is_a_one_line_error(tmp_path):
    with pytest.raises(EventAtlasError, match="fine-tuned event classifier missing"):
        embeddings.classifier_logits(tmp_path / "none.onnx", ["Talks resumed."])
