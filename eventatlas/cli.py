"""The ``eventatlas`` command: a thin typer layer over the Python API.

Each command lives next to the stage it drives (``geo/cli.py``, ``ingest/cli.py``, ...); this
module only wires them together. Errors meant for the user print one line and exit 2.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from eventatlas import __version__
from eventatlas.errors import EventAtlasError, InputError

app = typer.Typer(
    name="eventatlas",
    help="Turn news articles into a geocoded, sourced database of conflict and protest events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Evaluation commands: score EventAtlas against public benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


def _fail(message: str) -> None:
    typer.echo(f"eventatlas: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventatlas {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """EventAtlas command line."""


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Text or HTML files to code; - reads standard input."),
    published: Optional[str] = typer.Option(
        None, "--published", "-p", help="Publication date (e.g. 2021-09-07); relative dates resolve against it."
    ),
    output_format: Optional[OutputFormat] = typer.Option(
        None, "--format", "-f", help="json (indented; default for one input) or jsonl (one object per line)."
    ),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline name or path (default: en_core_web_sm)."),
) -> None:
    """Extract coded events from articles: one JSON object per document."""
    from eventatlas.clean import clean
    from eventatlas.ingest.read import read_input
    from eventatlas.pipeline import default_pipeline

    fmt = output_format or (OutputFormat.json if len(inputs) == 1 else OutputFormat.jsonl)
    failed = 0
    try:
        pipeline = default_pipeline(model)
    except EventAtlasError as error:
        _fail(str(error))
        raise typer.Exit(1)
    for source in inputs:
        try:
            result = pipeline.process(clean(read_input(source), published=published))
        except InputError as error:
            _fail(f"{source}: {error.reason}")  # name the input as the user typed it
            failed += 1
            continue
        data = result.to_dict()
        if fmt is OutputFormat.json:
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            typer.echo(json.dumps(data, ensure_ascii=False))
    if failed:
        raise typer.Exit(2)


@eval_app.command("seed")
def eval_seed(
    article: Optional[Path] = typer.Option(None, help="Article to code (default: ../shared/seed/article.txt)."),
    gold: Optional[Path] = typer.Option(None, help="Reference coding (default: gold.json beside the article)."),
) -> None:
    """Score extraction of one article against an ACLED-style reference coding (gold.json)."""
    from eventatlas.eval.reference import default_seed_dir, print_report, score_article

    seed_dir = default_seed_dir()
    article = article or seed_dir / "article.txt"
    gold = gold or article.with_name("gold.json")
    for path in (article, gold):
        if not path.is_file():
            _fail(f"{path}: no such file (pass --article/--gold or set EVENTATLAS_SHARED)")
            raise typer.Exit(2)
    report = score_article(article, gold)
    print_report(report)
    if report.missing_required:
        raise typer.Exit(1)


def _register_stage_commands() -> None:
    """Commands live beside the stage they drive; this only wires them in. Their modules keep
    heavy imports (spaCy, SQLAlchemy engines, FastAPI apps) inside the command functions."""
    from eventatlas.api.cli import serve_command
    from eventatlas.eval.articles import articles_command
    from eventatlas.eval.case2021 import case2021_command
    from eventatlas.eval.geoparse import geoparse_command
    from eventatlas.eval.notes import notes_command
    from eventatlas.eval.timeml import timeml_command
    from eventatlas.events.cli import events_app
    from eventatlas.export.cli import export_command
    from eventatlas.geo.cli import gazetteer_app
    from eventatlas.ingest.cli import db_app, ingest_command

    app.command("ingest")(ingest_command)
    app.command("serve")(serve_command)
    app.command("export")(export_command)
    app.add_typer(db_app, name="db")
    app.add_typer(gazetteer_app, name="gazetteer")
    app.add_typer(events_app, name="events")
    eval_app.command("geoparse")(geoparse_command)
    eval_app.command("case2021")(case2021_command)
    eval_app.command("timeml")(timeml_command)
    eval_app.command("notes")(notes_command)
    eval_app.command("articles")(articles_command)


_register_stage_commands()


def run() -> None:  # pragma: no cover - console entry point used by `python -m eventatlas`
    try:
        app()
    except EventAtlasError as error:
        _fail(str(error))
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run()
