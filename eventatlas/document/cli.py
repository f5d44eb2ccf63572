"""``eventatlas document ...``: build the document stage's relevance gate from the repo's data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

document_app = typer.Typer(help="The document stage: train the relevance gate.", no_args_is_help=True)


@document_app.callback()
def document_callback() -> None:
    """The document stage: train the relevance gate."""


@document_app.command("train")
def train_command(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write the model (default: the packaged one).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for composing the training paragraphs.")] = 13,
) -> None:
    """Train the relevance gate on the written corpus and the events stage's training sentences."""
    from eventatlas.document.relevance import train_relevance

    meta = train_relevance(output=output, seed=seed)
    Console().print(
        f"relevance gate: {meta['examples']} examples ({meta['conflict']} conflict, {meta['ordinary']} ordinary), "
        f"cross-validated recall {meta['cv_recall']:.3f}"
    )
