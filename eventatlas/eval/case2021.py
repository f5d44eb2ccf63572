"""``eventatlas eval case2021``: score the event classifier on CASE 2021 Task 2 snippets.

Reads the task's TSV (``id``, ``EventSnippet``, ``SubType``), predicts a label per snippet with
``eventatlas.events.classify_texts``, optionally writes the predictions, and prints weighted and
macro F1 over (a) the 25 ACLED classes, (b) those plus ORG_CRIME, NATURAL_DISASTER and
MAN_MADE_DISASTER, (c) all 30 classes, a per-class table and the most frequent confusions.

``--model`` picks the classifier: ``linear`` (n-gram model), ``combined`` (with the sentence-
embedding head of the ``embeddings`` extra) or ``auto`` (combined when available).

With ``--cross-validate K`` it instead trains K models, each on the written training sentences
plus K-1 folds of the file (as ``eventatlas events train --extra``), and scores the held-out
fold: the honest figure for a model that uses the file for training.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import InputError
from eventatlas.events.resources import taxonomy

SET_B_EXTRA = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")


@dataclass
class Snippet:
    id: str
    text: str
    label: str | None


def read_case2021(path: Path) -> tuple[list[Snippet], list[str]]:
    """Rows of a CASE 2021 Task 2 TSV and the reasons rows were skipped."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, expected a TSV file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    fields = reader.fieldnames or []
    if "EventSnippet" not in fields:
        raise InputError(str(path), f"not a CASE 2021 Task 2 TSV: header {fields!r} lacks EventSnippet")
    known = set(taxonomy().labels)
    rows: list[Snippet] = []
    skipped: list[str] = []
    for number, row in enumerate(reader, start=2):
        snippet = (row.get("EventSnippet") or "").strip()
        if not snippet:
            skipped.append(f"line {number}: empty snippet")
            continue
        label = (row.get("SubType") or "").strip() or None
        if label is not None and label not in known:
            skipped.append(f"line {number}: unknown label {label!r}")
            continue
        rows.append(Snippet(id=(row.get("id") or str(number)).strip(), text=snippet, label=label))
    if not rows:
        raise InputError(str(path), "no usable snippets")
    return rows, skipped


def label_sets() -> dict[str, list[str]]:
    tax = taxonomy()
    acled = tax.acled_codes
    return {
        "(a) 25 ACLED": acled,
        "(b) +crime/disasters (28)": acled + list(SET_B_EXTRA),
        "(c) all 30": acled + tax.non_event_codes,
    }


def scores(gold: list[str], predicted: list[str]) -> dict[str, tuple[float, float, int]]:
    """Weighted and macro F1 per label set, over the snippets whose gold label is in the set
    (predictions outside the set count as errors), as in the CASE 2021 evaluation."""
    result = {}
    for name, labels in label_sets().items():
        keep = [i for i, g in enumerate(gold) if g in labels]
        g = [gold[i] for i in keep]
        p = [predicted[i] for i in keep]
        present = [label for label in labels if label in set(g)]
        from sklearn.metrics import f1_score  # imported here: the CLI must start fast

        weighted = f1_score(g, p, labels=present, average="weighted", zero_division=0)
        macro = f1_score(g, p, labels=present, average="macro", zero_division=0)
        result[name] = (100 * weighted, 100 * macro, len(keep))
    return result


def cross_validated_predictions(rows: list[Snippet], folds: int, seed: int = 7, model: str = "linear",
                                extra_weight: float = 10.0, int8: bool = False) -> list[str]:
    """Predictions for every row from a model that never saw that row (K-fold, stratified): each
    fold's model is trained as ``eventatlas events train --extra`` would, on the written
    sentences plus the other folds (each row counting ``extra_weight`` sentences)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from eventatlas.events.classify import (
        CASCADE_THRESHOLD,
        HEAD_FILLS_PER_TEMPLATE,
        LINEAR_WEIGHT,
        build_pipeline,
        product_of_experts,
        training_rows,
    )
    from eventatlas.events.training import expand_templates

    base_texts, base_labels = training_rows()
    texts = [r.text for r in rows]
    gold = [r.label or "" for r in rows]
    predicted = [""] * len(rows)
    if model == "combined":
        from sklearn.linear_model import LogisticRegression

        from eventatlas.events.embeddings import HEAD_C, encode

        head_rows = expand_templates(per_template=HEAD_FILLS_PER_TEMPLATE)
        head_base = encode([t for t, _ in head_rows], batch_size=64, int8=int8)
        head_labels = [label for _, label in head_rows]
        vectors = encode(texts, int8=int8)
        ratio = len(head_rows) / len(base_texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_index, test_index in splitter.split(texts, gold):
        weights = np.r_[np.ones(len(base_texts)), np.full(len(train_index), extra_weight)]
        linear = build_pipeline().fit(
            base_texts + [texts[i] for i in train_index], base_labels + [gold[i] for i in train_index],
            model__sample_weight=weights,
        )
        labels = list(linear.classes_)
        proba = linear.predict_proba([texts[i] for i in test_index])
        if model == "combined":
            head = LogisticRegression(C=HEAD_C, max_iter=3000, class_weight="balanced").fit(
                np.r_[head_base, vectors[train_index]], head_labels + [gold[i] for i in train_index],
                sample_weight=np.r_[np.ones(len(head_base)), np.full(len(train_index), extra_weight * ratio)],
            )
            order = [list(head.classes_).index(label) for label in labels]
            unsure = proba.max(axis=1) < CASCADE_THRESHOLD  # as classify_proba(model="combined")
            combined = product_of_experts(proba, head.predict_proba(vectors[test_index])[:, order], LINEAR_WEIGHT)
            proba[unsure] = combined[unsure]
        for i, best in zip(test_index, proba.argmax(axis=1)):
            predicted[i] = labels[best]
    return predicted


def print_report(console: Console, gold: list[str], predicted: list[str]) -> dict:
    figures = scores(gold, predicted)
    table = Table(title="CASE 2021 Task 2: F1 (%)")
    table.add_column("label set")
    table.add_column("snippets", justify="right")
    table.add_column("weighted F1", justify="right")
    table.add_column("macro F1", justify="right")
    for name, (weighted, macro, n) in figures.items():
        table.add_row(name, str(n), f"{weighted:.1f}", f"{macro:.1f}")
    console.print(table)

    labels = label_sets()["(c) all 30"]
    from sklearn.metrics import precision_recall_fscore_support

    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    confusions: dict[str, Counter] = {label: Counter() for label in labels}
    for g, p in zip(gold, predicted):
        if g != p and g in confusions:
            confusions[g][p] += 1
    per_class = Table(title="Per class")
    for column in ("label", "support", "precision", "recall", "F1", "most often confused with"):
        per_class.add_column(column, justify="left" if column in ("label", "most often confused with") else "right")
    for i, label in enumerate(labels):
        top = ", ".join(f"{other} ({count})" for other, count in confusions[label].most_common(2))
        per_class.add_row(
            label, str(support[i]), f"{100 * precision[i]:.0f}", f"{100 * recall[i]:.0f}", f"{100 * f1[i]:.0f}", top
        )
    console.print(per_class)
    return figures


def case2021_command(
    file: Annotated[Path, typer.Argument(help="CASE 2021 Task 2 TSV (id, EventSnippet, SubType).")],
    predictions: Annotated[
        Path | None, typer.Option("--predictions", "-p", help="Write id<TAB>predicted label here.")
    ] = None,
    cross_validate: Annotated[
        int,
        typer.Option(
            "--cross-validate",
            help="K>1: train on the written sentences plus K-1 folds of FILE and score each held-out fold.",
        ),
    ] = 0,
    model: Annotated[
        str,
        typer.Option(
            "--model",
            help="linear: the n-gram model (no extra packages, fastest; what the pipeline uses). "
            "combined: snippets the linear model is under 95% sure of are re-scored with a sentence-embedding "
            "head (needs the `embeddings` extra and a head built by `eventatlas events train`). "
            "auto: combined when available, else linear.",
        ),
    ] = "auto",
    extra_weight: Annotated[
        float, typer.Option("--extra-weight", help="With --cross-validate: weight of each FILE row in training "
                            "(as `eventatlas events train --extra-weight`).")
    ] = 10.0,
    int8: Annotated[
        bool, typer.Option("--int8/--no-int8", help="With --cross-validate: int8-quantized encoder (as `events train`).")
    ] = False,
) -> None:
    """Score the event-type classifier on CASE 2021 Task 2 snippets (weighted/macro F1, per class, speed)."""
    from eventatlas.events.classify import classify_texts, load_bundle, resolve_model
    from eventatlas.events.embeddings import embeddings_installed

    console = Console()
    if not console.is_terminal:  # logs and CI: wide enough that the tables do not wrap
        console = Console(width=140)
    rows, skipped = read_case2021(file)
    for reason in skipped[:10]:
        console.print(f"[yellow]skipped[/yellow] {file}: {reason}")
    if len(skipped) > 10:
        console.print(f"[yellow]skipped[/yellow] {len(skipped) - 10} more rows")

    texts = [row.text for row in rows]
    if cross_validate > 1 and model == "auto":
        model = "combined" if embeddings_installed() else "linear"
    elif cross_validate <= 1:
        model = resolve_model(model)
    console.print(f"model: {model}")
    if cross_validate > 1:
        started = time.perf_counter()
        predicted = cross_validated_predictions(rows, cross_validate, model=model, extra_weight=extra_weight,
                                                int8=int8)
        console.print(f"{cross_validate}-fold cross-validation over {len(rows)} snippets "
                      f"({time.perf_counter() - started:.1f} s); figures below are for held-out folds only.")
    else:
        started = time.perf_counter()
        bundle = load_bundle()
        if model == "combined":
            from eventatlas.events.embeddings import load_encoder, load_head

            load_encoder(load_head()["meta"].get("int8", False))
        load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        predicted = classify_texts(texts, model)
        elapsed = time.perf_counter() - started
        console.print(
            f"model loaded in {load_seconds:.2f} s; classified {len(texts)} snippets in {elapsed:.2f} s "
            f"= {len(texts) / max(elapsed, 1e-9):.0f} snippets/s (target >= 200)"
        )
        digest = _sha256(file)
        if any(source.get("sha256") == digest for source in bundle["meta"].get("extra_sources", [])):
            console.print("[red]warning:[/red] the model was trained on this file: these figures are in-sample; "
                          "use --cross-validate for honest ones.")

    if predictions:
        try:
            with open(predictions, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
                writer.writerow(["id", "SubType"])
                for row, label in zip(rows, predicted):
                    writer.writerow([row.id, label])
        except OSError as error:
            raise InputError(str(predictions), f"cannot write predictions ({error.strerror})") from None
        console.print(f"predictions written to {predictions}")

    labelled = [(row.label, label) for row, label in zip(rows, predicted) if row.label]
    if not labelled:
        console.print("no gold labels in the file: predictions only")
        return
    print_report(console, [g for g, _ in labelled], [p for _, p in labelled])


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
