"""``eventatlas serve`` refuses a database it cannot use with one line and exit code 2, before
it starts listening (no traceback, no empty database created)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eventatlas.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "url, words",
    [
        ("postgresq://localhost/events", "unusable database"),  # a mistyped scheme
        ("postgresql://postgres@127.0.0.1:1/events", "unusable database"),  # nothing listens there
    ],
)
def test_an_unusable_database_is_one_line_and_exit_2(url, words):
    result = runner.invoke(app, ["serve", "--db", url, "--port", "1"])
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output


def test_a_missing_sqlite_file_is_not_created(tmp_path):
    path = tmp_path / "typo.db"
    result = runner.invoke(app, ["serve", "--db", f"sqlite:///{path}", "--port", "1"])
    assert result.exit_code == 2 and "no such database file" in result.output
    assert not path.exists()
