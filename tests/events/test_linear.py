"""events.linear: fitted tf-idf + logistic regression pipelines run with numpy alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from eventatlas.events import linear

TRAIN = [
    ("Riot police fired tear gas at students marching on the parliament.", "protest"),
    ("Thousands of teachers rallied outside the ministry demanding higher pay.", "protest"),
    ("Farmers blocked the highway with tractors to protest the new fuel levy.", "protest"),
    ("Nurses staged a sit-in at the regional hospital over unpaid wages.", "protest"),
    ("Demonstrators in São Tomé chanted slogans against the électoral commission.", "protest"),
    ("Artillery shells hit a market in the northern district, killing five civilians.", "violence"),
    ("Gunmen ambushed a police patrol near the border crossing overnight.", "violence"),
    ("Rebels and government troops fought for control of the river port.", "violence"),
    ("A roadside bomb struck a military convoy outside the provincial capital.", "violence"),
    ("Militants torched the village school and abducted two teachers in Zaïre province.", "violence"),
    ("The central bank kept interest rates unchanged for a third month.", "other"),
    ("The foreign minister met her counterpart to discuss a new trade deal.", "other"),
    ("Heavy rain delayed the harvest across the southern plains.", "other"),
    ("The city council approved a budget for three new libraries.", "other"),
    ("A café in Montréal won the national award for the best croissant.", "other"),
]
UNSEEN = [
    "Students marched on the ministry and police fired tear gas.",
    "Troops shelled the river port at dawn.",
    "The council discussed the library budget.",
    "Crème brûlée, naïve façades   and\tweird \n\n white   space",
    "",
    "!!! ???",
    "a",
    "ÉMEUTES À KINSHASA: LA POLICE TIRE",
]

VECTORIZER_SETTINGS = [
    {"ngram_range": (1, 2), "sublinear_tf": True},
    {"analyzer": "char_wb", "ngram_range": (3, 5), "sublinear_tf": True, "min_df": 2},
    {"analyzer": "char", "ngram_range": (1, 3), "lowercase": False},
    {"ngram_range": (1, 3), "stop_words": "english", "strip_accents": "unicode", "norm": "l1"},
    {"ngram_range": (2, 2), "strip_accents": "ascii", "binary": True, "use_idf": False, "max_features": 40},
    {"token_pattern": r"(?u)\b\w+\b", "sublinear_tf": False, "norm": None, "smooth_idf": False},
]


def _round_trip(pipeline, tmp_path) -> linear.LinearModel:
    spec, arrays = linear.export_pipeline(pipeline, meta={"note": "test"})
    linear.save(tmp_path / "model.npz", spec, arrays)
    model, extra = linear.load(tmp_path / "model.npz")
    assert extra == {} and model.meta == {"note": "test"}
    return model


@pytest.mark.parametrize("settings", VECTORIZER_SETTINGS)
def test_the_numpy_runtime_gives_scikit_learns_probabilities(settings, tmp_path):
    pytest.importorskip("sklearn", reason="scikit-learn (the train/dev extras) fits the reference model")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts, labels = [t for t, _ in TRAIN], [label for _, label in TRAIN]
    pipeline = make_pipeline(TfidfVectorizer(**settings), LogisticRegression(C=5.0, max_iter=1000)).fit(texts, labels)
    model = _round_trip(pipeline, tmp_path)
    assert model.classes_ == list(pipeline.classes_)
    for batch in (UNSEEN, texts):
        assert np.allclose(model.predict_proba(batch), pipeline.predict_proba(batch), atol=1e-12)


def test_a_feature_union_with_weights_and_a_binary_model(tmp_path):
    pytest.importorskip("sklearn", reason="scikit-learn (the train/dev extras) fits the reference model")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    texts = [t for t, _ in TRAIN]
    labels = [int(label != "other") for _, label in TRAIN]
    union = FeatureUnion([("words", TfidfVectorizer(ngram_range=(1, 2))),
                          ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)))],
                         transformer_weights={"words": 2.0, "chars": 0.5})
    pipeline = Pipeline([("features", union), ("model", LogisticRegression(class_weight="balanced"))])
    pipeline.fit(texts, labels)
    model = _round_trip(pipeline, tmp_path)
    assert model.coef.shape[0] == 1 and model.classes_ == [0, 1]
    assert np.allclose(model.predict_proba(UNSEEN), pipeline.predict_proba(UNSEEN), atol=1e-12)
    assert model.predict(UNSEEN) == list(pipeline.predict(UNSEEN))


def test_the_analyzers_yield_scikit_learns_terms(tmp_path):
    pytest.importorskip("sklearn", reason="scikit-learn (the train/dev extras) is the reference")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts, labels = [t for t, _ in TRAIN], [label for _, label in TRAIN]
    for settings in VECTORIZER_SETTINGS:
        vectorizer = TfidfVectorizer(**settings)
        model = _round_trip(make_pipeline(vectorizer, LogisticRegression()).fit(texts, labels), tmp_path)
        block = model.blocks[0][1]
        reference = vectorizer.build_analyzer()
        for text in UNSEEN + texts:
            assert block.analyze(text) == reference(text), (settings, text)


def test_a_file_that_is_not_a_model_is_a_clear_error(tmp_path):
    (tmp_path / "model.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a saved linear model"):
        linear.load(tmp_path / "model.npz")
    linear.save(tmp_path / "other.npz", {"format": "something-else/9"}, {})
    with pytest.raises(ValueError, match="unknown model format"):
        linear.load(tmp_path / "other.npz")


NO_TRAINING_LIBRARIES = textwrap.dedent("""
    import sys
    from eventatlas.document.relevance import judge_relevance, title_relevant
    from eventatlas.events.classify import classify_texts
    from eventatlas.models import Document
    import eventatlas.incidents.score

    assert classify_texts(["Rebels shelled the town, killing four."], model="linear")
    assert classify_texts(["Thousands filled the main square, chanting against the new tax law."],
                          model="combined")
    judge_relevance(Document(title="Army retakes town", text="Troops recaptured the town on Monday."))
    title_relevant("Riot police fire tear gas at miners")
    loaded = sorted({name.split(".")[0] for name in sys.modules} & {"sklearn", "scipy", "joblib"})
    print("loaded:", loaded)
    sys.exit(1 if loaded else 0)
""")


def test_classifier_and_gate_run_without_scikit_learn_scipy_or_joblib():
    result = subprocess.run([sys.executable, "-c", NO_TRAINING_LIBRARIES], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
