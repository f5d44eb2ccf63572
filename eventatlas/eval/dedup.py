"""``eventatlas eval dedup``: score incident linking on documents with gold incidents.

Each document of the JSONL file (``id``, ``title``, ``text``, ``published``, gold ``incident_id``)
is coded by the pipeline; its main event (``incidents.main_report``) is linked by the
``IncidentLinker`` in publication order, and the document takes that incident. A document with
no event is linked, as ``ingest`` links it, by its set-aside crime or accident report, else by its
opening sentence (a look-alike: it joins incidents but one that only look-alikes hold stays
hidden); ``--events-only`` leaves such documents alone, for comparison. Predicted clusters are compared with the gold incidents per document:
B-cubed P/R/F1, CEAF-e (entity-based, phi4) P/R/F1, pairwise P/R/F1 and cluster counts.

Every document is coded, also those the relevance gate would set aside (``--gate`` applies it):
the command measures linking, and a gated document would count as a linking miss. Coding is the
slow part; ``--cache FILE`` keeps each document's report (by id and text hash)
so that linking settings can be tried again in seconds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Annotated, Any, Iterable, Optional

import typer
from rich.console import Console

from eventatlas.errors import InputError
from eventatlas.eval.split import check_part, report_console, select
from eventatlas.extras import require

CORPUS = "gvc"


@dataclass
class DedupDocument:
    id: str
    title: Optional[str]
    text: str
    published: Optional[str]
    gold: Optional[str]

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(f"{self.title}\n{self.text}".encode("utf-8")).hexdigest()[:16]


@dataclass
class Scores:
    bcubed: tuple[float, float, float]
    ceaf_e: tuple[float, float, float]
    pairwise: tuple[float, float, float]
    gold_clusters: int
    predicted_clusters: int
    documents: int


# -- reading -------------------------------------------------------------------------------
def read_documents(path: Path) -> tuple[list[DedupDocument], list[str]]:
    """The documents of a JSONL file, and one line per line that could not be used."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    documents, skipped = [], []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            document = _document(line, f"{path}:{number}", skipped)
            if document is not None:
                documents.append(document)
    return documents, skipped


def _document(line: str, where: str, skipped: list[str]) -> Optional[DedupDocument]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        skipped.append(f"{where}: not JSON ({error.msg})")
        return None
    if not isinstance(record, dict) or not record.get("id") or not isinstance(record.get("text"), str):
        skipped.append(f"{where}: needs an 'id' and a 'text'")
        return None
    gold = record.get("incident_id")
    return DedupDocument(
        id=str(record["id"]),
        title=record.get("title") or None,
        text=record["text"],
        published=record.get("published") or None,
        gold=None if gold is None else str(gold),
    )


# -- scores --------------------------------------------------------------------------------
def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _clusters(assignment: dict[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, cluster in assignment.items():
        groups[cluster].add(item)
    return list(groups.values())


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Per-item precision and recall of its predicted cluster against its gold one, averaged."""
    by_predicted = {i: c for c in _clusters(predicted) for i in c}
    by_gold = {i: c for c in _clusters(gold) for i in c}
    items = list(gold)
    precision = sum(len(by_predicted[i] & by_gold[i]) / len(by_predicted[i]) for i in items) / len(items)
    recall = sum(len(by_predicted[i] & by_gold[i]) / len(by_gold[i]) for i in items) / len(items)
    return precision, recall, _f1(precision, recall)


def ceaf_e(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Entity CEAF: the best one-to-one alignment of clusters under phi4 similarity."""
    require("eval dedup (CEAF-e)", "scipy")
    from scipy.optimize import linear_sum_assignment

    keys, responses = _clusters(gold), _clusters(predicted)
    similarity = [[2 * len(k & r) / (len(k) + len(r)) for r in responses] for k in keys]
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    total = sum(similarity[row][column] for row, column in zip(rows, columns))
    precision, recall = total / len(responses), total / len(keys)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision and recall over pairs of items put in one cluster (0 when none are)."""

    def pairs(assignment: dict[str, str]) -> set[frozenset[str]]:
        return {frozenset(p) for c in _clusters(assignment) for p in combinations(sorted(c), 2)}

    predicted_pairs, gold_pairs = pairs(predicted), pairs(gold)
    common = len(predicted_pairs & gold_pairs)
    precision = common / len(predicted_pairs) if predicted_pairs else 0.0
    recall = common / len(gold_pairs) if gold_pairs else 0.0
    return precision, recall, _f1(precision, recall)


def score(predicted: dict[str, str], gold: dict[str, str]) -> Scores:
    """All scores of a predicted clustering (every gold item must have a prediction)."""
    predicted = {item: predicted[item] for item in gold}
    return Scores(
        bcubed=bcubed(predicted, gold),
        ceaf_e=ceaf_e(predicted, gold),
        pairwise=pairwise(predicted, gold),
        gold_clusters=len(set(gold.values())),
        predicted_clusters=len(set(predicted.values())),
        documents=len(gold),
    )


# -- coding and linking --------------------------------------------------------------------
def code_reports(
    documents: list[DedupDocument], cache: Optional[Path] = None, gate: bool = True, look_alikes: bool = False
) -> dict[str, Any]:
    """Each document's report (a ``Report`` or None), coded by the pipeline or read from cache.
    ``gate=False`` codes every document, also those the relevance gate would set aside;
    ``look_alikes`` links a document with no event by its set-aside crime or accident report, else
    its opening sentence (``main_report``'s fallback), which ``ingest`` does not do."""
    from eventatlas.incidents.report import Report

    def key(document: DedupDocument) -> tuple[str, str]:
        return document.id, document.text_hash + ("" if gate else "-ungated") + ("-look-alikes-lede" if look_alikes else "")

    cached = _read_cache(cache)
    missing = [d for d in documents if key(d) not in cached]
    for document, report in zip(missing, _run_pipeline(missing, gate, look_alikes)):
        cached[key(document)] = report
    if cache is not None and missing:
        _write_cache(cache, cached)
    reports = {}
    for document in documents:
        fields = cached[key(document)]
        reports[document.id] = None if fields is None else Report(**fields)
    return reports


def _run_pipeline(documents: list[DedupDocument], gate: bool, look_alikes: bool) -> Iterable[Optional[dict[str, Any]]]:
    from eventatlas.clean import clean
    from eventatlas.incidents.report import main_report
    from eventatlas.ingest.read import RawInput
    from eventatlas.pipeline import Pipeline, default_pipeline

    pipeline = default_pipeline() if gate else Pipeline(nlp=default_pipeline().nlp, gate=False)
    cleaned = (
        clean(RawInput(name=d.id, content=d.text, is_html=False, title=d.title), published=d.published)
        for d in documents
    )
    for number, result in enumerate(pipeline.process_many(cleaned), start=1):
        report = main_report(result, fallback=look_alikes)
        if number % 25 == 0:
            print(f"  coded {number}/{len(documents)} documents", file=sys.stderr, flush=True)
        yield None if report is None else dataclasses.asdict(report)


def _read_cache(cache: Optional[Path]) -> dict[tuple[str, str], Optional[dict[str, Any]]]:
    if cache is None or not cache.is_file():
        return {}
    entries = {}
    for line in cache.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        report = record["report"]
        if report is not None:
            report["actors"] = tuple(report.get("actors") or ())
        entries[(record["id"], record["text_hash"])] = report
    return entries


def _write_cache(cache: Path, entries: dict[tuple[str, str], Optional[dict[str, Any]]]) -> None:
    with cache.open("w", encoding="utf-8") as out:
        for (document_id, text_hash), report in entries.items():
            out.write(json.dumps({"id": document_id, "text_hash": text_hash, "report": report}) + "\n")


def link_documents(
    documents: list[DedupDocument], reports: dict[str, Any], settings: Any = None
) -> dict[str, str]:
    """Each document's incident: linked in publication order; a document without a report
    is an incident of its own."""
    from eventatlas.incidents import IncidentLinker

    linker = IncidentLinker(settings=settings)
    report_of: dict[str, str] = {}
    for document in sorted(documents, key=lambda d: (d.published or "", d.id)):
        report = reports.get(document.id)
        if report is not None:
            report.document_id = document.id  # the corpus id: duplicate texts stay two documents
            linker.link(report)
            report_of[document.id] = report.report_id
    return {
        d.id: linker.incident_of(report_of[d.id]) if d.id in report_of else f"alone-{d.id}"
        for d in documents
    }


# -- command -------------------------------------------------------------------------------
def print_scores(scores: Scores, console: Console) -> None:
    rows = (("B-cubed", scores.bcubed), ("CEAF-e", scores.ceaf_e), ("pairwise", scores.pairwise))
    for name, (p, r, f) in rows:
        console.print(f"{name:9} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    console.print(
        f"clusters: {scores.predicted_clusters} predicted, {scores.gold_clusters} gold "
        f"({scores.documents} documents)"
    )


def dedup_command(
    file: Annotated[
        Path, typer.Argument(help="JSONL: id, title, text, published, gold incident_id (e.g. gvc_dev.jsonl).")
    ],
    part: Annotated[
        str, typer.Option("--part", help="tune, test or all documents of the fixed split.")
    ] = "all",
    predictions: Annotated[
        Optional[Path],
        typer.Option("--predictions", help='Write {"id", "incident"} per document here (JSONL).'),
    ] = None,
    cache: Annotated[
        Optional[Path], typer.Option("--cache", help="Keep coded reports here and reuse them (JSONL).")
    ] = None,
    gate: Annotated[
        bool,
        typer.Option(
            "--gate/--no-gate",
            help="--gate lets the relevance gate set documents aside first (the whole pipeline); by default every "
            "document is coded, so the figures measure linking (the gate has its own evaluations).",
        ),
    ] = False,
    look_alikes: Annotated[
        bool,
        typer.Option(
            "--look-alikes/--events-only",
            help="--look-alikes (the default, as ingest) also links a document with no event by its set-aside crime "
            "or accident report, else by its opening sentence; --events-only links events alone.",
        ),
    ] = True,
) -> None:
    """Score cross-article incident linking: B-cubed, CEAF-e and pairwise P/R/F1."""
    console = report_console()
    check_part(part)
    documents, skipped = read_documents(file)
    for reason in skipped[:10]:
        console.print(f"[yellow]skipped[/yellow] {reason}")
    documents = [d for d in select(documents, key=lambda d: d.id, part=part, corpus=CORPUS) if d.gold]
    if not documents:
        raise InputError(str(file), "no documents with a gold incident_id")
    console.print(f"{file}: {len(documents)} documents (part {part}, relevance gate {'on' if gate else 'off'}, "
                  f"{'events and look-alikes, as ingest' if look_alikes else 'events only'})")
    assignment = link_documents(documents, code_reports(documents, cache, gate, look_alikes))
    print_scores(score(assignment, {d.id: d.gold for d in documents}), console)
    if predictions:
        with predictions.open("w", encoding="utf-8") as out:
            for document in documents:
                out.write(json.dumps({"id": document.id, "incident": assignment[document.id]}) + "\n")
        console.print(f"predictions written to {predictions}")
