"""The ingest command: options, standard input, the summary table, --errors, --follow."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from eventatlas.ingest import run as run_module
from eventatlas.ingest.cli import ingest_command, parse_duration
from eventatlas.ingest.run import ingest

from .conftest import article_html, feed_xml


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer()
    application.command()(ingest_command)
    return application


def test_parse_duration():
    assert parse_duration("15m") == 900
    assert parse_duration("30s") == parse_duration("30") == 30
    assert parse_duration("2h") == 7200
    with pytest.raises(typer.BadParameter):
        parse_duration("soon")


def test_ingest_command_reads_stdin_and_prints_a_summary(pipeline, app, tmp_path):
    db = tmp_path / "events.db"
    errors = tmp_path / "errors.jsonl"
    text = "Riot police fired rubber bullets at stone-throwing youths in the old city on Friday, medics said."
    result = CliRunner().invoke(
        app,
        ["-", str(tmp_path / "missing.html"), "--db", str(db), "--errors", str(errors), "--no-progress"],
        input=text,
    )
    assert result.exit_code == 0, result.output
    assert "documents added" in result.output and "1" in result.output
    assert [json.loads(line)["reason"] for line in errors.read_text().splitlines()] == [
        "no such file or folder"
    ]
    again = CliRunner().invoke(app, ["-", "--db", str(db), "--no-progress"], input=text)
    assert again.exit_code == 0
    assert "already stored (skipped)" in again.output


def test_ingest_command_fails_cleanly(app, tmp_path):
    result = CliRunner().invoke(
        app, [str(tmp_path / "nothing.txt"), "--db", str(tmp_path / "e.db"), "--no-progress"]
    )
    assert result.exit_code == 2 and "no such file or folder" in result.output
    assert not (tmp_path / "e.db").exists()  # no database is made for a mistyped command
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01" * 100)
    result = CliRunner().invoke(
        app, [str(tmp_path / "binary.txt"), "--db", str(tmp_path / "e.db"), "--no-progress"]
    )
    assert result.exit_code == 2  # every input failed: the code `extract` uses for an unusable input
    result = CliRunner().invoke(app, [str(tmp_path), "--follow", "often"])
    assert result.exit_code == 2 and "duration" in result.output


def test_follow_polls_again_until_interrupted(pipeline, site, tmp_path, monkeypatch):
    site.add(
        "/a",
        article_html("Story A", "Police detained ten protesters at the square in the capital on Monday."),
    )
    feed = site.add("/rss", feed_xml(site.base, ["/a"]), "application/rss+xml")
    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 1:  # a new article appears before the second poll
            site.add(
                "/b",
                article_html(
                    "Story B", "Gunmen attacked a police checkpoint overnight, killing two officers."
                ),
            )
            site.add("/rss", feed_xml(site.base, ["/a", "/b"]), "application/rss+xml")
        else:
            raise KeyboardInterrupt  # the user presses Ctrl-C during the third wait

    monkeypatch.setattr(run_module.time, "sleep", nap)
    summary = ingest([feed], db=str(tmp_path / "events.db"), follow=900, allow_private=True)
    assert naps == [900, 900]
    assert (summary.added, summary.failed) == (2, 0)
    assert site.hits["/rss"] == 2 and site.hits["/a"] == 1


def test_progress_line_and_summary_table_show_the_counts(tmp_path):
    import io

    from rich.console import Console

    from eventatlas.ingest.progress import IngestSummary, Reporter, summary_table

    screen = io.StringIO()
    summary = IngestSummary(run_id=7)
    reporter = Reporter(
        summary,
        show_progress=True,
        errors_path=tmp_path / "errors.jsonl",
        console=Console(file=screen, force_terminal=True, width=150),
    )
    reporter.add("a.html", "added", events=3)
    reporter.add("b.html", "skipped")
    reporter.add("c.html", "failed", reason="binary data, not text or HTML")
    reporter.close()
    shown = screen.getvalue()
    assert "3 documents" in shown and "docs/s" in shown and "3 events" in shown and "1 failed" in shown
    assert (summary.added, summary.skipped, summary.failed, summary.events) == (1, 1, 1, 3)
    assert json.loads((tmp_path / "errors.jsonl").read_text())["input"] == "c.html"
    table = io.StringIO()
    Console(file=table, width=100).print(summary_table(summary, "sqlite:///events.db"))
    assert "Ingest summary (run 7)" in table.getvalue() and "already stored (skipped)" in table.getvalue()
