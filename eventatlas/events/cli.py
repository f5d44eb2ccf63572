"""``eventatlas events ...``: build the event classifier from the training data in the repo."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

events_app = typer.Typer(help="The events stage: train the snippet classifier.", no_args_is_help=True)


@events_app.callback()
def events_callback() -> None:
    """The events stage: train the snippet classifier."""


@events_app.command("train")
def train_command(
    extra: Annotated[
        Path | None,
        typer.Option("--extra", help="Also train on a labelled CASE 2021 Task 2 TSV (recorded in the model's metadata)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write the model (default: the packaged one).")
    ] = None,
    embeddings: Annotated[
        bool | None,
        typer.Option("--embeddings/--no-embeddings",
                     help="Also train the sentence-embedding head (default: when the `embeddings` extra is installed)."),
    ] = None,
    int8: Annotated[
        bool,
        typer.Option("--int8/--no-int8",
                     help="Embedding head on int8-quantized encoder vectors (about 4x faster, 1-2 F1 points lower)."),
    ] = False,
    extra_weight: Annotated[
        float, typer.Option("--extra-weight", help="How many written sentences one --extra row counts as.")
    ] = 10.0,
) -> None:
    """Rebuild the classifier artefacts from data/training_templates.json: data/case_classifier.joblib
    (linear n-gram model) and, with the `embeddings` extra, data/case_classifier_embeddings.joblib
    (logistic regression over all-MiniLM-L6-v2 sentence embeddings; written next to --output).

    The packaged artefacts were built with
    `eventatlas events train --extra ../shared/eval/events/case2021_task2_dev.tsv`
    (the `embeddings` extra installed); honest figures for that setup come from
    `eventatlas eval case2021 FILE --cross-validate 5`."""
    from eventatlas.eval.case2021 import read_case2021
    from eventatlas.events.classify import train

    console = Console()
    rows: list[tuple[str, str]] = []
    sources: list[dict] = []
    if extra is not None:
        snippets, skipped = read_case2021(extra)
        rows = [(s.text, s.label) for s in snippets if s.label]
        sources.append({"path": str(extra), "sha256": hashlib.sha256(extra.read_bytes()).hexdigest(), "rows": len(rows)})
        if skipped:
            console.print(f"[yellow]skipped {len(skipped)} rows of {extra}[/yellow]")
    meta = train(extra=rows, sources=sources, output=output, embeddings=embeddings, extra_weight=extra_weight,
                 int8=int8)
    console.print(f"linear model: trained on {meta['rows']} sentences in {meta['fit_seconds']} s -> "
                  f"{output or 'eventatlas/events/data/case_classifier.joblib'}")
    if "embeddings" in meta:
        head = meta["embeddings"]
        console.print(f"embedding head: trained on {head['rows']} sentences in {head['fit_seconds']} s -> {head['path']}")
    else:
        console.print("embedding head: not trained (install the `embeddings` extra, or --embeddings)")
