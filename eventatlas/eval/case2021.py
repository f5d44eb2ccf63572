"""``eventatlas eval case2021``: score the event classifier on CASE 2021 Task 2 snippets.

Reads the task's TSV (``id``, ``EventSnippet``, ``SubType``), predicts a label per snippet with
``eventatlas.events.classify_texts``, optionally writes the predictions, and prints weighted and
macro F1 over (a) the 25 ACLED classes, (b) those plus ORG_CRIME, NATURAL_DISASTER and
MAN_MADE_DISASTER, (c) all 30 classes, a per-class table and the most frequent confusions.

``--part tune|test|all`` scores one part of the fixed development split (corpus ``case2021`` in
``eventatlas/eval/split.py``); the packaged model is trained on the tune part, so honest figures
are those of ``--part test``, and the command warns when it scores snippets the model saw.
``--model`` picks the classifier: ``combined`` (both experts; the default install's model) or
``linear`` (the n-gram expert alone).

With ``--cross-validate K`` it instead trains K models, each on the written training sentences
plus K-1 folds of the chosen part (as ``eventatlas events train --extra``), and scores the
held-out fold: how the settings were chosen, on the tune part.
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
from eventatlas.eval.files import read_eval_text
from eventatlas.eval.split import check_part, report_console, select
from eventatlas.events.resources import taxonomy
from eventatlas.extras import require

# The corpus name of this file in the fixed development split (eventatlas/eval/split.py).
CORPUS = "case2021"
SET_B_EXTRA = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")


@dataclass
class Snippet:
    id: str
    text: str
    label: str | None


def read_case2021(path: Path) -> tuple[list[Snippet], list[str]]:
    """Rows of a CASE 2021 Task 2 TSV and the reasons rows were skipped."""
    text = read_eval_text(path, "a TSV file")
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
        require("eval case2021", "sklearn")
        from sklearn.metrics import f1_score  # imported here: the CLI must start fast

        weighted = f1_score(g, p, labels=present, average="weighted", zero_division=0)
        macro = f1_score(g, p, labels=present, average="macro", zero_division=0)
        result[name] = (100 * weighted, 100 * macro, len(keep))
    return result


def cross_validated_predictions(rows: list[Snippet], folds: int, seed: int = 7, model: str = "combined",
                                extra_weight: float | None = None) -> list[str]:
    """Predictions for every row from a model that never saw that row (K-fold, stratified): each
    fold's model is trained as ``eventatlas events train --extra`` would, on the written
    sentences plus the other folds (each row counting ``extra_weight`` sentences)."""
    import warnings

    require("eval case2021 --cross-validate", "sklearn")
    from sklearn.model_selection import StratifiedKFold

    from eventatlas.events import classify
    from eventatlas.events.embeddings import encode

    extra_weight = classify.EXTRA_WEIGHT if extra_weight is None else extra_weight
    base = classify.base_rows()
    base_vectors = encode([t for t, _ in base])
    texts = [r.text for r in rows]
    gold = [r.label or "" for r in rows]
    vectors = encode(texts)
    predicted = [""] * len(rows)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():  # rare classes have fewer rows than folds: fine
        warnings.simplefilter("ignore", UserWarning)
        fold_indices = list(splitter.split(texts, gold))
    for train_index, test_index in fold_indices:
        extra = [(texts[i], gold[i]) for i in train_index]
        linear, head = classify.fit_experts(base, extra, extra_weight, base_vectors, vectors[train_index])
        labels = list(linear.classes_)
        proba = linear.predict_proba([texts[i] for i in test_index])
        if model == "combined":
            order = [list(head.classes_).index(label) for label in labels]
            proba = classify.combine(proba, head.predict_proba(vectors[test_index])[:, order])
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
            help="K>1: train on the written sentences plus K-1 folds of the chosen part and score each held-out fold.",
        ),
    ] = 0,
    model: Annotated[
        str,
        typer.Option(
            "--model",
            help="combined: the n-gram expert, and for snippets it is unsure of also the sentence-embedding "
            "expert (the default install's model). linear: the n-gram expert alone. auto: combined when the "
            "encoder's packages are importable.",
        ),
    ] = "auto",
    part: Annotated[
        str, typer.Option("--part", help="tune, test or all rows of the fixed development split (corpus case2021).")
    ] = "all",
    extra_weight: Annotated[
        float | None, typer.Option("--extra-weight", help="With --cross-validate: weight of each FILE row in "
                                   "training (as `eventatlas events train --extra-weight`).")
    ] = None,
) -> None:
    """Score the event-type classifier on CASE 2021 Task 2 snippets (weighted/macro F1, per class, speed)."""
    from eventatlas.events.classify import resolve_model

    console = report_console()
    check_part(part)
    rows, skipped = read_case2021(file)
    for reason in skipped[:10]:
        console.print(f"[yellow]skipped[/yellow] {file}: {reason}")
    if len(skipped) > 10:
        console.print(f"[yellow]skipped[/yellow] {len(skipped) - 10} more rows")
    rows = select(rows, key=lambda row: row.id, part=part, corpus=CORPUS)
    model = resolve_model(model)
    console.print(f"{file}: {len(rows)} snippets (part {part}); model: {model}")
    if cross_validate > 1:
        started = time.perf_counter()
        predicted = cross_validated_predictions(rows, cross_validate, model=model, extra_weight=extra_weight)
        console.print(f"{cross_validate}-fold cross-validation over {len(rows)} snippets "
                      f"({time.perf_counter() - started:.1f} s); figures below are for held-out folds only.")
    else:
        predicted = _predict_with_shipped_model(console, rows, model)
    if predictions:
        _write_predictions(predictions, rows, predicted)
        console.print(f"predictions written to {predictions}")

    labelled = [(row.label, label) for row, label in zip(rows, predicted) if row.label]
    if not labelled:
        console.print("no gold labels in the file: predictions only")
        return
    print_report(console, [g for g, _ in labelled], [p for _, p in labelled])


def _predict_with_shipped_model(console: Console, rows: list[Snippet], model: str) -> list[str]:
    """The packaged model's labels, with load time, speed, and a warning for every snippet it was
    trained on (those figures would be in-sample)."""
    from eventatlas.events.classify import classify_texts, load_bundle, text_digest

    texts = [row.text for row in rows]
    started, cpu_started = time.perf_counter(), time.process_time()
    bundle = load_bundle()
    if model == "combined":
        from eventatlas.events.embeddings import load_encoder

        load_encoder()
    load_seconds, load_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    started, cpu_started = time.perf_counter(), time.process_time()
    predicted = classify_texts(texts, model)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time as well: on a shared machine the wall clock measures the neighbours
    console.print(
        f"model loaded in {load_seconds:.2f} s ({load_cpu:.2f} CPU-s); classified {len(texts)} snippets in {elapsed:.2f} s "
        f"= {len(texts) / max(elapsed, 1e-9):.0f} snippets/s ({len(texts) / max(cpu, 1e-9):.0f} per CPU-second; "
        "target >= 200)"
    )
    trained_on = set(bundle["meta"].get("extra_text_sha1", []))
    seen = sum(text_digest(text) in trained_on for text in texts)
    if seen:
        console.print(f"[red]warning:[/red] the model was trained on {seen} of these {len(texts)} snippets: "
                      "figures over them are in-sample; score --part test, or use --cross-validate.")
    return predicted


def _write_predictions(path: Path, rows: list[Snippet], predicted: list[str]) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["id", "SubType"])
            for row, label in zip(rows, predicted):
                writer.writerow([row.id, label])
    except OSError as error:
        raise InputError(str(path), f"cannot write predictions ({error.strerror})") from None
