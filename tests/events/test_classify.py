"""The snippet classifier: the linear model (always) and the optional sentence-embedding head."""

import numpy as np
import pytest

from eventatlas.errors import EventAtlasError
from eventatlas.events import embeddings
from eventatlas.events.classify import _product, classify_proba, classify_texts, resolve_model

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


def test_product_of_experts_favours_the_label_both_support():
    first = np.array([[0.5, 0.4, 0.1]])
    second = np.array([[0.1, 0.6, 0.3]])
    combined = _product(first, second, 0.5)
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
