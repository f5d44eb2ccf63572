"""The TimeML reader and the `eval timeml` scoring."""

from pathlib import Path

from eventatlas.eval.timeml import (
    evaluate_timeml,
    granularity_of,
    print_results,
    read_timeml,
    write_predictions,
)

TINY = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TINY1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-14" temporalFunction="false" functionInDocument="CREATION_TIME">19980114</TIMEX3></DCT>
<TEXT>
Prices <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> &amp; rose <TIMEX3 tid="t1" type="DATE" value="1998-01-13">yesterday</TIMEX3>
after a <TIMEX3 tid="t2" type="DURATION" value="P1W">week</TIMEX3> of calm. <TIMEX3 tid="t3" type="DATE">Friday</TIMEX3>
was quiet; <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3> it is not.
</TEXT>
</TimeML>
"""


def test_read_inline_timeml(tmp_path: Path):
    path = tmp_path / "tiny.tml"
    path.write_text(TINY, encoding="utf-8")
    doc = read_timeml(path)
    assert str(doc.dct) == "1998-01-14"
    assert "&amp;" not in doc.text and "Prices fell & rose yesterday" in doc.text
    by_tid = {t.tid: t for t in doc.timexes}
    assert set(by_tid) == {"t1", "t2", "t4"}  # t3 has no value: skipped and reported
    assert any("t3" in note for note in doc.skipped)
    assert doc.text[by_tid["t1"].start : by_tid["t1"].end] == "yesterday"
    assert by_tid["t4"].text == "now" and by_tid["t2"].type == "DURATION"


def test_score_inline(tmp_path: Path, nlp):
    (tmp_path / "tiny.tml").write_text(TINY, encoding="utf-8")
    results = evaluate_timeml(tmp_path, nlp=nlp)
    assert results.documents == 1
    assert sum(results.norm_total.values()) == 2  # yesterday, now (DURATION left out)
    assert results.accuracy == 1.0
    write_predictions(results, tmp_path / "out.tsv")
    lines = (tmp_path / "out.tsv").read_text().splitlines()
    assert lines == ["tiny.tml\tt1\t1998-01-13", "tiny.tml\tt4\tPRESENT_REF"]


def test_granularity_names():
    assert granularity_of("1998-01-14") == "day"
    assert granularity_of("1998-W03") == "week"
    assert granularity_of("1998-Q1") == "quarter"
    assert granularity_of("PAST_REF") == "reference"
    assert granularity_of("XXXX-XX-XX") == "underspecified"


def test_timebank_sample(shared_dir: Path, nlp, capsys):
    directory = shared_dir / "eval" / "time" / "timebank"
    results = evaluate_timeml(directory, limit=12, nlp=nlp)
    print_results(results)
    output = capsys.readouterr().out
    with capsys.disabled():
        print(
            f"\nTimeBank sample (12 docs): DATE normalization {100 * results.accuracy_of(('DATE',)):.1f}%, "
            f"end-to-end value F1 {100 * results.value_scores()[2]:.1f}"
        )
    assert "Normalization" in output and "value" in output
    assert results.documents == 12
    # a sanity floor well below the measured figures (see the closing report), not a target
    assert results.accuracy > 0.6 and results.value_scores()[2] > 0.6


def test_command_prints_tables_and_writes_predictions(tmp_path: Path):
    import typer
    from typer.testing import CliRunner

    from eventatlas.eval.timeml import timeml_command

    (tmp_path / "tiny.tml").write_text(TINY, encoding="utf-8")
    app = typer.Typer()
    app.command()(timeml_command)
    out = tmp_path / "pred.tsv"
    result = CliRunner().invoke(app, [str(tmp_path), "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    assert "Normalization" in result.output and "value" in result.output
    assert out.read_text().count("\n") == 2


def test_command_rejects_missing_directory(tmp_path: Path):
    import pytest

    from eventatlas.errors import InputError

    with pytest.raises(InputError):
        evaluate_timeml(tmp_path / "absent")
    with pytest.raises(InputError):
        evaluate_timeml(tmp_path)  # exists but holds no .tml files


def test_reader_survives_odd_files(tmp_path: Path, nlp):
    odd = TINY.replace("Prices", "Caf\u00e9 prices").replace(
        '<TIMEX3 tid="t4"', '<TIMEX3 tid="t9" type="DATE" value="1998"'
    )
    path = tmp_path / "odd.tml"
    path.write_bytes(odd.encode("cp1252"))  # not UTF-8
    doc = read_timeml(path)
    assert "Caf\u00e9 prices" in doc.text
    no_dct = tmp_path / "nodct.tml"
    no_dct.write_text(
        "<TimeML><TEXT>Nothing <TIMEX3 tid='t1' type='DATE' value='1998'>1998</TIMEX3></TEXT></TimeML>"
    )
    doc = read_timeml(no_dct)
    assert doc.dct is None and any("creation time" in note for note in doc.skipped)
    results = evaluate_timeml(tmp_path, nlp=nlp)
    assert results.documents == 1  # the file without a creation time is skipped and reported
    assert any("nodct.tml" in note for note in results.skipped)


def test_parts_of_the_fixed_split(tmp_path: Path):
    import pytest

    from eventatlas.errors import InputError
    from eventatlas.eval.split import part_of
    from eventatlas.eval.timeml import timeml_files

    names = [f"doc{i}.tml" for i in range(8)]
    for name in names:
        (tmp_path / name).write_text(TINY, encoding="utf-8")
    tune = [p.name for p in timeml_files(tmp_path, "tune")]
    test = [p.name for p in timeml_files(tmp_path, "test")]
    assert sorted(tune + test) == sorted(names) and not set(tune) & set(test)
    assert all(part_of(name, "timebank") == "tune" for name in tune)
    assert [p.name for p in timeml_files(tmp_path, "all", limit=3)] == sorted(names)[:3]
    with pytest.raises(InputError):
        timeml_files(tmp_path, "bogus")
