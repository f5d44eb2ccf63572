"""``eventatlas export``: matching incidents (default) or reports (``--unit reports``, one row
per event coded from one article) as ACLED CSV, GeoJSON, JSON Lines or Parquet."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from pydantic import ValidationError

from eventatlas.config import database_url
from eventatlas.errors import InputError
from eventatlas.export.formats import FORMATS, FormatName
from eventatlas.ingest.cli import DbOption


def _sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :])
    return None


def export_command(
    format: FormatName = typer.Option(
        FormatName.acled_csv,
        "--format",
        "-f",
        help="; ".join(f"{spec.name}: {spec.description}" for spec in FORMATS.values()),
    ),
    output: str = typer.Option("-", "--output", "-o", help="output file; '-' = stdout (text formats)"),
    db: DbOption = None,
    start_date: dt.datetime | None = typer.Option(None, formats=["%Y-%m-%d"], help="first day (yyyy-mm-dd)"),
    end_date: dt.datetime | None = typer.Option(None, formats=["%Y-%m-%d"], help="last day (yyyy-mm-dd)"),
    bbox: str | None = typer.Option(None, help="west,south,east,north"),
    country: str | None = typer.Option(None, help="ISO2 code or English name"),
    admin1: str | None = typer.Option(None, help="first-level region (state, province) as stored"),
    event_type: list[str] | None = typer.Option(None, help="ACLED event type (repeatable)"),
    sub_event_type: list[str] | None = typer.Option(None, help="ACLED sub-event type (repeatable)"),
    actor: str | None = typer.Option(None, help="actor1, actor2 or an associated actor"),
    certainty: list[str] | None = typer.Option(None, help="reported, confirmed, claimed, unconfirmed, denied"),
    geo_precision: int | None = typer.Option(
        None, min=1, max=3, help="place precision: 1 town, 2 part of a region, 3 region"
    ),
    time_precision: int | None = typer.Option(None, min=1, max=3, help="date precision: 1 day, 2 week, 3 month"),
    q: str | None = typer.Option(None, "--query", "-q", help="full-text query over the source articles"),
    sort: str = typer.Option("-event_date", help="sort keys, '-' for descending"),
    inter_style: str = typer.Option("names", help="ACLED CSV inter codes: names (current ACLED) or numbers (older)"),
    unit: str = typer.Option(
        "incidents", help="incidents: one row per real-world event, its sources merged; reports: one per article's event"
    ),
) -> None:
    """Export the incidents (or reports) matching the filters. Rows are streamed, so any size works."""
    from eventatlas.export.records import export_incident_records, export_records
    from eventatlas.store.db import get_engine, session_factory
    from eventatlas.store.incidents import parse_incident_sort
    from eventatlas.store.query import EventFilters, parse_sort

    try:
        filters = EventFilters(
            start_date=start_date.date() if start_date else None,
            end_date=end_date.date() if end_date else None,
            bbox=bbox,
            country=country,
            admin1=admin1,
            event_type=event_type or None,
            sub_event_type=sub_event_type or None,
            actor=actor,
            certainty=certainty or None,
            geo_precision=geo_precision,
            time_precision=time_precision,
            q=q,
        )
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
    if spec.binary and output == "-":
        raise InputError("--output", f"{spec.name} is binary: give a file path, not '-'")

    engine = get_engine(url)
    sessions = session_factory(engine)
    try:
        with sessions() as session:
            export = export_incident_records if unit == "incidents" else export_records
            records = export(session, filters, sort=sort)
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
