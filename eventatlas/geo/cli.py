"""``eventatlas gazetteer ...``: build and query the local gazetteer (the lead registers
``gazetteer_app`` in eventatlas/cli.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import EventAtlasError
from eventatlas.geo.gazetteer import ATTRIBUTION, Gazetteer, build, default_path

gazetteer_app = typer.Typer(help="Build and query the local gazetteer (place names index).", no_args_is_help=True)
console = Console(stderr=True)


@gazetteer_app.command("build")
def build_command(
    geonames: Annotated[Path | None, typer.Option("--geonames", help="GeoNames allCountries.zip (alternateNamesV2.zip beside it is used too) for a complete index")] = None,
    force: Annotated[bool, typer.Option("--force", help="rebuild even when an index exists")] = False,
) -> None:
    """Build the gazetteer index in the data directory (EVENTATLAS_DATA_DIR)."""
    path = default_path()
    if path.exists() and not force and geonames is None:
        console.print(f"gazetteer already built at {path} (use --force to rebuild)")
        console.print(ATTRIBUTION)
        return
    started = time.perf_counter()
    try:
        build(path, geonames=geonames, show_progress=console.is_terminal)
    except EventAtlasError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2)
    gazetteer = Gazetteer.default(path)
    console.print(f"gazetteer: {len(gazetteer):,} places, {len(gazetteer.by_key):,} names, built in "
                  f"{time.perf_counter() - started:.1f} s at {path}")
    console.print(ATTRIBUTION)


@gazetteer_app.command("lookup")
def lookup_command(
    name: Annotated[str, typer.Argument(help="a place name, e.g. 'Sar-i-Pul'")],
    limit: Annotated[int, typer.Option("--limit", help="how many candidates to show")] = 10,
) -> None:
    """Show the places a name may refer to, most populous first."""
    try:
        gazetteer = Gazetteer.default()
    except EventAtlasError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2)
    found = gazetteer.lookup(name)[:limit]
    if not found:
        console.print(f"no place named {name!r}")
        raise typer.Exit(code=1)
    table = Table(title=f"candidates for {name!r}")
    for column in ("geonameid", "name", "code", "country", "admin1", "admin2", "lat", "lon", "population", "match"):
        table.add_column(column)
    for c in found:
        match = "skeleton" if c.fuzzy else ("alternate" if c.alternate else "name")
        table.add_row(str(c.geonameid or ""), c.name, c.feature_code, c.country_code, c.admin1, c.admin2,
                      f"{c.latitude:.4f}", f"{c.longitude:.4f}", f"{c.population:,}", match)
    Console().print(table)
