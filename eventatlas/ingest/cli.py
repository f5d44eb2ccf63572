"""Command-line functions for ingest and the database (registered by ``eventatlas.cli``)::

eventatlas ingest ~/news/
eventatlas ingest feeds.txt --follow 15m
eventatlas ingest crawl-*.warc.gz --db postgresql://host/events --workers 8
eventatlas ingest shards/ --engine ray --ray-address auto
eventatlas db upgrade --db postgresql://host/events
"""

from __future__ import annotations

import logging
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from eventatlas.config import database_url
from eventatlas.errors import EventAtlasError

__all__ = ["ingest_command", "db_app", "parse_duration", "DbOption"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


class EngineName(str, Enum):
    local = "local"
    ray = "ray"


# The --db option of every command that uses the database (ingest, db, serve, export).
DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db", help="Database URL or SQLite file (default: $EVENTATLAS_DB or sqlite:///eventatlas.db)."
    ),
]


def parse_duration(value: str) -> float:
    """``15m`` -> 900.0; plain numbers are seconds."""
    match = _DURATION.match(value or "")
    if not match:
        raise typer.BadParameter(f"{value!r} is not a duration like 30s, 15m, 2h or 1d")
    seconds = float(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "s").lower()]
    if seconds <= 0:
        raise typer.BadParameter("the interval must be positive")
    return seconds


def _shown_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def _stderr_logging(console: Console) -> None:
    # One line per skipped input: above the progress bar on a terminal, plain (never wrapped)
    # when stderr goes to a file or another program.
    if console.is_terminal:
        handler: logging.Handler = RichHandler(
            console=console, show_time=False, show_path=False, markup=False
        )
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("eventatlas.ingest")
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive), globs, JSONL/WARC/feed/URL-list files, http(s) URLs, or - for standard input."
        ),
    ],
    db: DbOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Worker processes (local) or Ray actors, each loading the models once.",
        ),
    ] = 1,
    engine: Annotated[
        EngineName, typer.Option("--engine", help="local processes, or ray (needs the ray extra).")
    ] = EngineName.local,
    ray_address: Annotated[
        Optional[str],
        typer.Option("--ray-address", help="Ray cluster to join (e.g. auto); default: start a local Ray."),
    ] = None,
    follow: Annotated[
        Optional[str],
        typer.Option("--follow", help="Poll the sources again at this interval (e.g. 15m) until Ctrl-C."),
    ] = None,
    errors: Annotated[
        Optional[Path],
        typer.Option("--errors", help="Append each failed input and its reason to this JSON Lines file."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow URLs on private, loopback and link-local addresses."),
    ] = False,
    published: Annotated[
        Optional[str],
        typer.Option(
            "--published", help="Publication date for every document (overrides dates found in the inputs)."
        ),
    ] = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", min=1, help="Stop after this many inputs.")
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 16,
    progress: Annotated[
        Optional[bool],
        typer.Option(
            "--progress/--no-progress",
            help="Show the progress bar (default: when the terminal is interactive).",
        ),
    ] = None,
) -> None:
    """Extract events from news articles and store them in the database."""
    from eventatlas.ingest.progress import summary_table
    from eventatlas.ingest.run import ingest

    console = Console(stderr=True)
    _stderr_logging(console)
    interval = parse_duration(follow) if follow else None
    url = database_url(db)
    try:
        summary = ingest(
            sources,
            db=url,
            workers=workers,
            engine=engine.value,
            ray_address=ray_address,
            published=published,
            errors=errors,
            allow_private=allow_private,
            limit=limit,
            follow=interval,
            batch_size=batch_size,
            progress=console.is_terminal if progress is None else progress,
        )
    except EventAtlasError as error:
        console.print(f"[red]error:[/] {error}", soft_wrap=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        console.print(
            "[yellow]interrupted[/]: documents stored so far are kept; run the same command again to continue",
            soft_wrap=True,
        )
        raise typer.Exit(130) from None
    Console().print(summary_table(summary, _shown_url(url)))
    if summary.total and summary.failed == summary.total:
        raise typer.Exit(2)  # no input was usable: the same code as `extract` on an unusable input


def _require_database(db: str | None) -> None:
    from eventatlas.store.db import missing_database

    missing = missing_database(db)
    if missing:
        Console(stderr=True).print(
            f"[red]error:[/] {missing}: no such database file (check --db; `eventatlas db upgrade` creates one)",
            soft_wrap=True,
        )
        raise typer.Exit(2)


db_app = typer.Typer(
    help="Manage the event database: schema migrations and statistics.", no_args_is_help=True
)


@db_app.command("upgrade")
def db_upgrade(
    db: DbOption = None, revision: Annotated[str, typer.Argument(help="Target revision.")] = "head"
) -> None:
    """Create the database or migrate it to the newest schema (Alembic)."""
    from eventatlas.store.migrations import upgrade

    url = database_url(db)
    try:
        at = upgrade(url, revision)
    except Exception as error:  # a connection or migration failure: one line, not a traceback
        Console(stderr=True).print(
            f"[red]error:[/] cannot upgrade {_shown_url(url)}: {str(error).splitlines()[0]}",
            soft_wrap=True,
        )
        raise typer.Exit(2) from None
    typer.echo(f"{_shown_url(url)} is at revision {at}")


@db_app.command("current")
def db_current(db: DbOption = None) -> None:
    """Show the schema revision of the database and the newest one available."""
    _require_database(db)
    from eventatlas.store.migrations import current_revision, head_revision

    url = database_url(db)
    try:
        current = current_revision(url)
    except Exception as error:
        Console(stderr=True).print(
            f"[red]error:[/] cannot read {_shown_url(url)}: {str(error).splitlines()[0]}",
            soft_wrap=True,
        )
        raise typer.Exit(2) from None
    typer.echo(
        f"{_shown_url(url)}: revision {current or 'none (run `eventatlas db upgrade`)'}; newest {head_revision()}"
    )


@db_app.command("stats")
def db_stats(db: DbOption = None) -> None:
    """Count documents, events, places, actors and list the latest ingest runs."""
    _require_database(db)
    from eventatlas.store.db import get_engine
    from eventatlas.store.schema import ActorRow, DocumentRow, EventRow, IngestRun, NonEventRow, PlaceRow

    url = database_url(db)
    engine = get_engine(url)
    try:
        with engine.connect() as connection:
            counts = {
                name: connection.execute(select(func.count()).select_from(model)).scalar_one()
                for name, model in (
                    ("documents", DocumentRow),
                    ("events", EventRow),
                    ("non-events", NonEventRow),
                    ("places", PlaceRow),
                    ("actors", ActorRow),
                )
            }
            runs = connection.execute(select(IngestRun).order_by(IngestRun.id.desc()).limit(5)).all()
    except Exception as error:
        Console(stderr=True).print(
            f"[red]error:[/] cannot read {_shown_url(url)}: {str(error).splitlines()[0]}",
            soft_wrap=True,
        )
        raise typer.Exit(2) from None
    finally:
        engine.dispose()
    console = Console()
    console.print(f"[bold]{_shown_url(url)}[/]")
    table = Table(show_header=False)
    for name, count in counts.items():
        table.add_row(name, str(count))
    console.print(table)
    if runs:
        table = Table(title="latest ingest runs")
        for column in ("run", "started", "status", "added", "skipped", "failed", "events"):
            table.add_column(column)
        for run in runs:
            table.add_row(
                str(run.id),
                f"{run.started_at:%Y-%m-%d %H:%M}",
                run.status,
                str(run.documents_added),
                str(run.documents_skipped),
                str(run.documents_failed),
                str(run.events_added),
            )
        console.print(table)
