"""The CLI contract: output shape, formats, stdin, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from eventatlas.cli import app

runner = CliRunner()

ARTICLE = (
    "Clashes in the north\n\n"
    "Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, witnesses said. "
    "The demonstrators were demanding lower fuel prices.\n\nShare this\nLeave a reply\n"
)

DOCUMENT_KEYS = {"id", "title", "url", "published", "source", "text", "language"}
EVENT_KEYS = {
    "event_id", "event_type", "sub_event_type", "event_date", "time_precision", "date_text", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "location", "admin1", "admin2", "country",
    "country_code", "latitude", "longitude", "geonameid", "geo_precision", "fatalities", "crowd_size_text",
    "crowd_size", "certainty", "claimed_by", "evidence", "confidence", "notes",
}


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_json_contract(article):
    result = runner.invoke(app, ["extract", str(article), "--published", "2022-07-14"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"document", "events"}
    assert DOCUMENT_KEYS <= set(data["document"])
    assert data["document"]["published"] == "2022-07-14"
    assert data["document"]["title"] == "Clashes in the north"
    assert "Leave a reply" not in data["document"]["text"]
    for event in data["events"]:
        assert EVENT_KEYS <= set(event)
        for span in event["evidence"]:
            assert data["document"]["text"][span["start"] : span["end"]] == span["text"]


def test_extract_jsonl_from_stdin():
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and json.loads(lines[0])["document"]["source"] == "<stdin>"


def test_extract_several_inputs_default_to_jsonl(article, tmp_path):
    other = tmp_path / "b.txt"
    other.write_text("Soldiers clashed with rebels near Goma on Sunday, the army said.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), str(other)])
    assert result.exit_code == 0
    assert len([json.loads(line) for line in result.stdout.splitlines() if line.strip()]) == 2


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "empty input"), (b"\x00\x01\x02binary\x00", "binary"), (b"Share this\nLeave a reply\n", "empty after cleaning")],
)
def test_unusable_input_exits_2_with_one_line(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "eventatlas", "extract", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0]


@pytest.mark.parametrize("url", ["postgresq://x", "postgresql://nobody@127.0.0.1:1/none"])
def test_unreadable_database_url_exits_2_with_one_line(tmp_path, url):
    result = subprocess.run(
        [sys.executable, "-m", "eventatlas", "export", "--db", url, "-o", str(tmp_path / "out.csv")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "database" in lines[0] and "Traceback" not in result.stderr


def test_missing_and_directory_inputs(tmp_path):
    for target, reason in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a directory")):
        result = runner.invoke(app, ["extract", str(target)])
        assert result.exit_code == 2
        assert reason in result.stderr and str(target) in result.stderr


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("eventatlas ")


def test_stage_commands_load_lazily_and_list_their_own_help():
    """`eventatlas --help` lists stage commands without importing them; each listed line is the
    command's own first help line, so the two cannot drift apart."""
    import subprocess
    import sys

    from eventatlas.cli import EVAL_COMMANDS, STAGE_COMMANDS, load_command

    for table in (STAGE_COMMANDS, EVAL_COMMANDS):
        for name, (target, help_line) in table.items():
            command = load_command(name, target)
            assert (command.help or "").strip().splitlines()[0] == help_line, name
    code = ("import sys, eventatlas.cli as c; from typer.testing import CliRunner; "
            "r = CliRunner().invoke(c.app, ['--help']); assert r.exit_code == 0, r.output; "
            "heavy = [m for m in ('sklearn', 'sqlalchemy', 'spacy', 'fastapi') if m in sys.modules]; "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)
