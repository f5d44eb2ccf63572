"""The ``eventatlas`` command: a thin typer layer over the Python API.

Each command lives next to the stage it drives (``geo/cli.py``, ``ingest/cli.py``, ...); this
module only wires them together. Errors meant for the user print one line and exit 2.
"""

from __future__ import annotations

import importlib
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperGroup

from eventatlas import __version__
from eventatlas.errors import EventAtlasError, InputError

# Plain click help, not rich's boxes: rendering with rich imports ~0.2 s of modules, more than
# typer itself, and `eventatlas --help` should answer as fast as `import typer`.
app = typer.Typer(
    name="eventatlas",
    rich_markup_mode=None,
    help="Turn news articles into a geocoded, sourced database of conflict and protest events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Evaluation commands: score EventAtlas against public benchmarks.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(eval_app, name="eval")


def _hide_flag_types() -> None:
    """typer prints a value type beside every on/off flag (``--help <bool>``), though a flag
    takes no value: show types only for options that take one."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich

    def display_type_rich(self, ctx):
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich


_hide_flag_types()


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

    fmt = output_format or (OutputFormat.json if len(inputs) == 1 else OutputFormat.jsonl)
    # Every input is read and cleaned before the models load: a missing, binary or empty input
    # is reported at once, and an unusable run loads nothing.
    documents = []
    for source in inputs:
        try:
            documents.append(clean(read_input(source), published=published))
        except InputError as error:
            _fail(f"{source}: {error.reason}")  # name the input as the user typed it
    if not documents:
        raise typer.Exit(2)
    from eventatlas.pipeline import default_pipeline  # spaCy and the models: only for a usable run

    try:
        pipeline = default_pipeline(model)
    except EventAtlasError as error:
        _fail(str(error))
        raise typer.Exit(2)
    for document in documents:
        data = pipeline.process(document).to_dict()
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2 if fmt is OutputFormat.json else None))
    if len(documents) < len(inputs):
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


# Commands that live beside the stage they drive, imported only when run: `--help` and input
# errors never pay for scikit-learn, SQLAlchemy, FastAPI or spaCy. Each entry: the command's
# name, "module:attribute" (a command function or a typer app) and the line `--help` lists
# (tests check that it is the command's own first help line).
STAGE_COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("eventatlas.ingest.cli:ingest_command",
        "Extract events from news articles and store them in the database."),
    "serve": ("eventatlas.api.cli:serve_command",
        "Serve the REST API (/api, docs at /docs) and the dashboard (/)."),
    "export": ("eventatlas.export.cli:export_command",
        "Export the incidents (or reports) matching the filters. Rows are streamed, so any size works."),
    "incidents": ("eventatlas.incidents.cli:incidents_app",
        "Correct incidents: show one, split a wrong merge, merge two that are one."),
    "db": ("eventatlas.ingest.cli:db_app", "Manage the event database: schema migrations and statistics."),
    "gazetteer": ("eventatlas.geo.cli:gazetteer_app", "Build and query the local gazetteer (place names index)."),
    "events": ("eventatlas.events.cli:events_app", "The events stage: train the snippet classifier."),
    "document": ("eventatlas.document.cli:document_app", "The document stage: train the relevance gate."),
}
EVAL_COMMANDS: dict[str, tuple[str, str]] = {
    "geoparse": ("eventatlas.eval.geoparse:geoparse_command",
        "Score the geoparser on a gold corpus and print resolution and end-to-end tables."),
    "peer-geo": ("eventatlas.eval.peer_geo:peer_geo_command",
        "Score a peer geoparser's ported test asserts and print the pass rate."),
    "case2021": ("eventatlas.eval.case2021:case2021_command",
        "Score the event-type classifier on CASE 2021 Task 2 snippets (weighted/macro F1, per class, speed)."),
    "timeml": ("eventatlas.eval.timeml:timeml_command",
        "Score time normalization and tagging against TimeML gold (TIMEX3 DATE and TIME)."),
    "notes": ("eventatlas.eval.notes:notes_command",
        "Score the pipeline on ACLED-style coded events: detection, type, place, date, actors, fatalities."),
    "articles": ("eventatlas.eval.articles:articles_command",
        "Score whole-article extraction: recall of required and expected events, precision, empty articles."),
    "ordinary": ("eventatlas.eval.ordinary:ordinary_command",
        "Share of ordinary-news articles producing any event, with a sample of the events to judge."),
    "dedup": ("eventatlas.eval.dedup:dedup_command",
        "Score cross-article incident linking: B-cubed, CEAF-e and pairwise P/R/F1."),
}


def load_command(name: str, target: str) -> click.Command:
    """The click command behind one lazy entry (imports its module)."""
    module_name, attribute = target.split(":")
    obj = getattr(importlib.import_module(module_name), attribute)
    if isinstance(obj, typer.Typer):
        obj.rich_markup_mode = None  # every stage's help plain, as the top level's (see `app`)
        command = typer.main.get_group(obj)
    else:
        single = typer.Typer(pretty_exceptions_enable=False, add_completion=False, rich_markup_mode=None)
        single.command(name)(obj)
        command = typer.main.get_command(single)
    command.name = name
    return command


class LazyGroup(TyperGroup):
    """A typer group that lists its stage commands without importing them."""

    lazy: dict[str, tuple[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(super().list_commands(ctx)) + [name for name in self.lazy if name not in self.commands]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True  # the listing needs each command's help line, not the command
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        command = super().get_command(ctx, name)
        if command is not None or name not in self.lazy:
            return command
        target, help_line = self.lazy[name]
        if self._listing:
            return click.Command(name, help=help_line, short_help=help_line)
        command = load_command(name, target)
        self.add_command(command, name)
        return command


def lazy_group(commands: dict[str, tuple[str, str]]) -> type[LazyGroup]:
    return type("LazyGroup", (LazyGroup,), {"lazy": commands})


app.info.cls = lazy_group(STAGE_COMMANDS)
eval_app.info.cls = lazy_group(EVAL_COMMANDS)


def run() -> None:  # pragma: no cover - console entry point used by `python -m eventatlas`
    try:
        app()
    except EventAtlasError as error:
        _fail(str(error))
        sys.exit(2)
    except Exception as error:
        reason = database_error(error)
        if reason is None:
            raise
        _fail(reason)
        sys.exit(2)


def database_error(error: BaseException) -> str | None:
    """One line for a database that cannot be reached or a URL that cannot be read (SQLAlchemy's
    own messages run to several lines with a link); None for any other error. Checked by module
    name so that ``--help`` does not import SQLAlchemy."""
    if not type(error).__module__.startswith("sqlalchemy"):
        return None
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    if not isinstance(error, (ArgumentError, NoSuchModuleError, OperationalError)):
        return None
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    return f"database: {detail[0] if detail else type(error).__name__}"


if __name__ == "__main__":  # pragma: no cover
    run()
