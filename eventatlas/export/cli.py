"""``eventatlas export``: matching incidents (default) or reports (``--unit reports``, one row
per event coded from one article) as ACLED CSV, GeoJSON, JSON Lines or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from pydantic import ValidationError

from eventatlas.config import database_url
from eventatlas.errors import InputError
from eventatlas.export.formats import FORMATS, FormatName
from eventatlas.export.options import with_model_options
from eventatlas.ingest.cli import DbOption
from eventatlas.store.query import EventFilters


def _sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :])
    return None


@with_model_options(EventFilters, skip=("document_id",))
def export_command(
    format: FormatName = typer.Option(
        FormatName.acled_csv,
        "--format",
        "-f",
        help="; ".join(f"{spec.name}: {spec.description}" for spec in FORMATS.values()),
    ),
    output: str = typer.Option("-", "--output", "-o", help="output file; '-' = stdout (text formats)"),
    db: DbOption = None,
    sort: str = typer.Option("-event_date", help="sort keys, '-' for descending"),
    inter_style: str = typer.Option("names", help="ACLED CSV inter codes: names (current ACLED) or numbers (older)"),
    unit: str = typer.Option(
        "incidents", help="incidents: one row per real-world event, its sources merged; reports: one per article's event"
    ),
    filters: dict | None = None,
) -> None:
    """Export the incidents (or reports) matching the filters. Rows are streamed, so any size works."""
    from eventatlas.export.records import export_incident_records, export_records
    from eventatlas.store.db import get_engine, session_factory
    from eventatlas.store.incidents import parse_incident_sort
    from eventatlas.store.query import parse_sort

    try:
        event_filters = EventFilters(**(filters or {}))
        parse_incident_sort(sort) if unit == "incidents" else parse_sort(sort)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "filters"
        raise InputError(f"--{where.replace('_', '-')}", str(first["msg"]).removeprefix("Value error, ")) from None
    except ValueError as error:
        raise InputError("--sort", str(error)) from None
    if unit not in ("incidents", "reports"):
        raise InputError("--unit", "use incidents or reports")
    if inter_style not in ("names", "numbers"):
        raise InputError("--inter-style", "use names or numbers")

    url = database_url(db)
    path = _sqlite_path(url)
    if path is not None and not path.is_file():
        raise InputError(url, "no such database file (ingest some articles first, or pass --db)")
    spec = FORMATS[format.value]
    if spec.missing():
        raise InputError("--format", spec.missing())
    if spec.binary and output == "-":
        raise InputError("--output", f"{spec.name} is binary: give a file path, not '-'")

    engine = get_engine(url)
    sessions = session_factory(engine)
    try:
        with sessions() as session:
            export = export_incident_records if unit == "incidents" else export_records
            records = export(session, event_filters, sort=sort)
            if spec.binary:
                count = spec.write(records, output)
            elif output == "-":
                count = spec.write(records, sys.stdout, inter_style=inter_style)
                sys.stdout.flush()
            else:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    count = spec.write(records, out, inter_style=inter_style)
    finally:
        engine.dispose()
    typer.echo(f"exported {count} {unit} as {format.value}" + ("" if output == "-" else f" to {output}"), err=True)
