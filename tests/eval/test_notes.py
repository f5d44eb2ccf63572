"""``eventatlas eval notes``: reading ACLED-style exports and scoring the pipeline on them.

The rows here are written for the test (invented events), never copied from ACLED data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventatlas.cli import app
from eventatlas.errors import InputError
from eventatlas.eval.notes import (
    NoteRow,
    actor_exact,
    actor_head,
    article_text,
    inter_text,
    parse_date,
    read_notes,
    score_row,
)

HEADER = ["EVENT_DATE", "EVENT_TYPE", "SUB_EVENT_TYPE", "ACTOR1", "INTER1", "COUNTRY", "COUNTRY_CODE", "ADMIN1",
          "LATITUDE", "LONGITUDE", "FATALITIES", "NOTES"]


def _write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_reader_accepts_export_variants(tmp_path):
    path = _write(tmp_path / "export.csv", [
        ["9-May-20", "Protests", "Peaceful protest", "Protesters (Kenya)", "6", "Kenya", "KE", "Nairobi",
         "-1.2833", "36.8167", "nan", "On 9 May 2020, traders marched through Nairobi against new market fees."],
        ["2020-05-10", "Riots", "Mob violence", "Rioters (Kenya)", "Rioters", "Kenya", "KE", "Nakuru",
         "-0.28", "36.07", "1", "x"],  # notes too short: skipped with a reason
    ])
    rows, skipped = read_notes(path)
    assert len(rows) == 1 and len(skipped) == 1 and "no notes" in skipped[0]
    row = rows[0]
    assert row.event_date == "2020-05-09"
    assert row.fields["inter1"] == "Protesters"
    assert row.fields["fatalities"] == 0
    assert row.fields["latitude"] == pytest.approx(-1.2833)


def test_small_helpers():
    assert parse_date("09 May 2020") == "2020-05-09"
    assert parse_date("nan") is None
    assert inter_text("1.0") == "State forces" and inter_text("Rebel group") == "Rebel group"
    assert actor_exact("Military Forces of Mali (2021-)") == "military forces of mali"
    assert actor_head("JNIM: Group for Support of Islam and Muslims") == "jnim"
    assert actor_head("Protesters (Kenya)") == "protesters"
    assert article_text("Looting: On 3 May, gunmen looted a shop.") == "On 3 May, gunmen looted a shop."
    assert article_text("On 3 May: gunmen looted a shop.") == "On 3 May: gunmen looted a shop."


def test_bad_inputs_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_notes(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="no column"):
        read_notes(_write(tmp_path / "other.csv", [["a", "b"]], header=["x", "y"]))
    result = CliRunner().invoke(app, ["eval", "notes", str(tmp_path / "missing.csv")])
    assert result.exit_code != 0


def test_best_event_is_scored_and_missing_events_count_as_wrong():
    row = NoteRow(id="r1", notes="...", event_date="2020-05-09", fields={
        "event_type": "Protests", "sub_event_type": "Peaceful protest", "country_code": "KE", "admin1": "Nairobi",
        "latitude": -1.2833, "longitude": 36.8167, "inter1": "Protesters", "actor1": "Protesters (Kenya)",
        "fatalities": 0})
    wrong = {"event_type": "Riots", "sub_event_type": "Violent demonstration", "latitude": 40.0, "longitude": -3.0}
    right = {"event_type": "Protests", "sub_event_type": "Peaceful protest", "country_code": "KE",
             "admin1": "Nairobi", "latitude": -1.29, "longitude": 36.82, "event_date": "2020-05-09",
             "inter1": "Protesters", "actor1": "Protesters (Kenya)", "fatalities": 0}
    score = score_row(row, [wrong, right])
    assert score.best is right and all(score.checks.values())
    assert score.blunders == 1  # the Madrid point is thousands of km from Nairobi
    missed = score_row(row, [])
    assert not any(missed.checks.values())


def test_command_scores_rows_end_to_end(tmp_path, pipeline):
    path = _write(tmp_path / "notes.csv", [
        ["2021-03-02", "Protests", "Peaceful protest", "Protesters (Kenya)", "Protesters", "Kenya", "KE",
         "Nairobi", "-1.2833", "36.8167", "0",
         "On 2 March 2021, hundreds of teachers held a peaceful protest in Nairobi over unpaid salaries."],
    ])
    result = CliRunner().invoke(app, ["eval", "notes", str(path), "--predictions", str(tmp_path / "p.jsonl")])
    assert result.exit_code == 0, result.output
    assert "detected" in result.output and "within 161 km" in result.output
    assert (tmp_path / "p.jsonl").read_text().count("\n") == 1
