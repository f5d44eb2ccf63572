"""The snippet classifier: the linear model (always) and the optional sentence-embedding head."""

import numpy as np
import pytest

from eventatlas.errors import EventAtlasError
from eventatlas.events import embeddings
from eventatlas.events.classify import classify_proba, classify_texts, product_of_experts, resolve_model

CLEAR = {
    "Police fired tear gas and detained dozens of demonstrators at a rally in Tolvane.": "PROTEST_WITH_INTER",
    "Soldiers opened fire on unarmed protesters in Varnholt, killing six.": "FORCE_AGAINST_PROTEST",
    "A suicide bomber blew himself up at a checkpoint in Eskerin, killing four soldiers.": "SUIC_BOMB",
    "A magnitude 6.1 earthquake struck the region, destroying hundreds of homes.": "NATURAL_DISASTER",
}


def test_linear_model_labels_clear_snippets():
    assert classify_texts(list(CLEAR)) == list(CLEAR.values())


def test_probabilities_are_rows_over_all_30_labels():
    labels, proba = classify_proba(list(CLEAR))
    assert len(labels) == 30 and proba.shape == (len(CLEAR), 30)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert classify_proba([])[1].shape == (0, 30)


def testproduct_of_experts_of_experts_favours_the_label_both_support():
    first = np.array([[0.5, 0.4, 0.1]])
    second = np.array([[0.1, 0.6, 0.3]])
    combined = product_of_experts(first, second, 0.5)
    assert combined.argmax() == 1 and combined.sum() == pytest.approx(1.0)


def test_model_choice(monkeypatch):
    with pytest.raises(EventAtlasError, match="unknown event classifier model"):
        resolve_model("bert")
    assert resolve_model("linear") == "linear"
    # the default install (no torch): auto falls back to the linear model
    monkeypatch.setattr(embeddings, "embeddings_installed", lambda: False)
    assert resolve_model("auto") == "linear"


@pytest.mark.slow
def test_combined_model_when_the_embeddings_extra_is_installed():
    if not embeddings.combined_available():
        pytest.skip("the `embeddings` extra or its trained head is absent")
    labels, proba = classify_proba(list(CLEAR), model="combined")
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert [labels[i] for i in proba.argmax(axis=1)] == list(CLEAR.values())
    # the head on its own (the cascade skips it for snippets the linear model is sure of)
    head_labels, head = embeddings.head_proba(list(CLEAR))
    assert head.shape == (len(CLEAR), 30) and np.allclose(head.sum(axis=1), 1.0)
    hits = sum(head_labels[i] == gold for i, gold in zip(head.argmax(axis=1), CLEAR.values()))
    assert hits >= len(CLEAR) - 1


def test_combined_model_sends_only_unsure_snippets_to_the_encoder(monkeypatch):
    from eventatlas.events.classify import CASCADE_THRESHOLD

    texts = list(CLEAR) + ["The two sides met in the capital on Tuesday."]
    labels, linear = classify_proba(texts)
    sent: list[str] = []

    def fake_head(batch):  # stands in for the embedding head: no torch needed
        sent.extend(batch)
        return labels, np.full((len(batch), len(labels)), 1 / len(labels))

    monkeypatch.setattr(embeddings, "head_proba", fake_head)
    _, combined = classify_proba(texts, model="combined")
    unsure = [t for t, row in zip(texts, linear) if row.max() < CASCADE_THRESHOLD]
    assert sent == unsure
    for text, before, after in zip(texts, linear, combined):
        if text not in unsure:
            assert np.allclose(before, after)
