"""The CASE 2021 Task 2 evaluation command, on the real dev file when ../shared is present."""

import csv

import pytest

from eventatlas.errors import InputError
from eventatlas.eval.case2021 import CORPUS, case2021_command, read_case2021, scores
from eventatlas.eval.split import select


def test_scores_restrict_each_label_set_to_its_gold_labels():
    gold = ["ARMED_CLASH", "PEACE_PROTEST", "DIPLO", "ORG_CRIME"]
    predicted = ["ARMED_CLASH", "PEACE_PROTEST", "ARMED_CLASH", "ORG_CRIME"]
    figures = scores(gold, predicted)
    assert [figures[name][2] for name in figures] == [2, 3, 4]  # snippets whose gold label is in each set
    assert figures["(a) 25 ACLED"][0] == pytest.approx(100.0)  # both ACLED snippets right
    assert figures["(c) all 30"][0] < 100.0  # DIPLO predicted as ARMED_CLASH counts in (c)


def test_bad_inputs_give_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_case2021(tmp_path / "missing.tsv")
    with pytest.raises(InputError, match="directory"):
        read_case2021(tmp_path)
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(InputError, match="EventSnippet"):
        read_case2021(wrong)


def test_eval_on_the_test_part_of_the_dev_file(shared_dir, tmp_path, capsys):
    source = shared_dir / "eval" / "events" / "case2021_task2_dev.tsv"
    if not source.is_file():
        pytest.skip(f"{source} is absent")
    output = tmp_path / "predictions.tsv"
    case2021_command(source, output, 0, model="combined", part="test")
    printed = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + printed)
    assert "snippets/s" in printed and "(c) all 30" in printed and "most often confused with" in printed
    assert "in-sample" not in printed  # the packaged model never saw the test part
    rows, _ = read_case2021(source)
    rows = select(rows, key=lambda r: r.id, part="test", corpus=CORPUS)
    with open(output, encoding="utf-8") as handle:
        predicted = list(csv.DictReader(handle, delimiter="\t"))
    assert [row["id"] for row in predicted] == [row.id for row in rows]
    # a working classifier, whatever its exact figure: far above the 1-in-30 chance level
    assert sum(p["SubType"] == r.label for p, r in zip(predicted, rows)) / len(rows) > 0.6


def test_eval_warns_on_rows_the_model_was_trained_on(shared_dir, capsys):
    source = shared_dir / "eval" / "events" / "case2021_task2_dev.tsv"
    if not source.is_file():
        pytest.skip(f"{source} is absent")
    case2021_command(source, None, 0, model="linear", part="tune")
    assert "warning: the model was trained on" in capsys.readouterr().out
    with pytest.raises(InputError, match="expected one of tune, test, all"):
        case2021_command(source, None, 0, part="dev")
