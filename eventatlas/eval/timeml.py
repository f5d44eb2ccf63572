"""``eventatlas eval timeml DIR``: score the time normalizer and tagger on TimeML (TimeBank).

Two figures, over DATE and TIME expressions (DURATION and SET are out of scope: events need
calendar dates):

1. Normalization of the gold spans given the document creation time (DCT): accuracy of the
   TIMEX3 value (exact string match), overall and by granularity. ``--predictions OUT.tsv``
   writes one line per gold expression: file name, tid, predicted value.
2. End to end: the expressions the tagger finds and normalizes, matched to gold with relaxed
   spans (any overlap, one to one), precision, recall, F1, and value F1 as TempEval-3 defines
   it (a matched expression with the right value counts; P over system, R over gold). System
   expressions that overlap only a gold DURATION or SET are left out of the count (reported).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import InputError

SCORED_TYPES = ("DATE", "TIME")


@dataclass
class GoldTimex:
    tid: str
    type: str
    value: str
    start: int
    end: int
    text: str


@dataclass
class TimeMLDocument:
    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.DOTALL)
_ATTR = re.compile(r"""([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(raw: str) -> dict[str, str]:
    return {
        m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTR.finditer(raw)
    }


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")


def read_timeml(path: Path, content: str | None = None) -> TimeMLDocument:
    """Read one TimeML file: the plain text of <TEXT>, its TIMEX3 tags with offsets into that
    text, and the creation time. Problems (a TIMEX3 with no value, unbalanced tags) are noted in
    ``skipped``, not raised."""
    raw = content if content is not None else _decode(Path(path).read_bytes())
    name = Path(path).name
    dct, skipped = _creation_time(raw)
    body = re.search(r"<TEXT[^>]*>(.*?)</TEXT>", raw, re.DOTALL)
    if body is None:
        return TimeMLDocument(name, "", dct, [], skipped + ["no <TEXT> element"])
    text, timexes = _text_and_timexes(body.group(1), skipped)
    return TimeMLDocument(name, text, dct, timexes, skipped)


def _creation_time(raw: str) -> tuple[date | None, list[str]]:
    """The document creation time (the TIMEX3 with functionInDocument=CREATION_TIME)."""
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = _attributes(m.group(1))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            try:
                return date.fromisoformat(attrs.get("value", "")[:10]), []
            except ValueError:
                return None, [f"creation time value {attrs.get('value')!r} is not a date"]
    return None, ["no creation time (DCT)"]


def _text_and_timexes(source: str, skipped: list[str]) -> tuple[str, list[GoldTimex]]:
    """The text with every tag removed, and the TIMEX3 tags as offsets into it."""
    pieces: list[str] = []
    length = 0
    open_timexes: list[tuple[dict[str, str], int]] = []
    timexes: list[GoldTimex] = []
    position = 0
    for m in _TAG.finditer(source):
        chunk = html.unescape(source[position : m.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1) and not m.group(4):
            open_timexes.append((_attributes(m.group(3)), length))
        elif m.group(1):
            _close_timex(open_timexes, length, timexes, skipped)
    pieces.append(html.unescape(source[position:]))
    text = "".join(pieces)
    for timex in timexes:
        timex.text = text[timex.start : timex.end]
    if open_timexes:
        skipped.append(f"{len(open_timexes)} unclosed TIMEX3 tag(s)")
    timexes.sort(key=lambda t: t.start)
    return text, timexes


def _close_timex(open_timexes: list, end: int, timexes: list[GoldTimex], skipped: list[str]) -> None:
    if not open_timexes:
        skipped.append("a </TIMEX3> with no opening tag")
        return
    attrs, start = open_timexes.pop()
    tid = attrs.get("tid", f"?{len(timexes)}")
    if "value" not in attrs or "type" not in attrs:
        skipped.append(f"TIMEX3 {tid} lacks a value or type")
        return
    timexes.append(GoldTimex(tid, attrs["type"], attrs["value"], start, end, ""))


_GRANULARITIES = [  # (TIMEX3 value pattern, granularity), first match wins
    (re.compile(r"\d{4}-\d\d-\d\dT.*"), "time"),
    (re.compile(r"\d{4}-\d\d-\d\d"), "day"),
    (re.compile(r"\d{4}-W\d\d-WE"), "weekend"),
    (re.compile(r"\d{4}-W\d\d"), "week"),
    (re.compile(r"\d{4}-\d\d"), "month"),
    (re.compile(r"\d{4}-Q\d"), "quarter"),
    (re.compile(r"\d{4}-H\d"), "half"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{3}"), "decade"),
    (re.compile(r"\d{2}"), "century"),
]


def granularity_of(value: str) -> str:
    """The granularity of a TIMEX3 value, for the per-granularity table."""
    if value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return "reference"
    for pattern, granularity in _GRANULARITIES:
        if pattern.fullmatch(value):
            return granularity
    return "underspecified"  # XXXX-..., 1998-WXX, PXY...


@dataclass
class TimeMLResults:
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    # normalization of gold spans
    norm_total: Counter = field(default_factory=Counter)
    norm_correct: Counter = field(default_factory=Counter)
    predictions: list[tuple[str, str, str]] = field(default_factory=list)
    # end to end
    gold: int = 0
    system: int = 0
    matched: int = 0
    strict_matched: int = 0
    value_correct: int = 0
    ignored_system: int = 0  # system expressions that overlap only a gold DURATION/SET

    @property
    def accuracy(self) -> float:
        total = sum(self.norm_total.values())
        return sum(self.norm_correct.values()) / total if total else 0.0

    def accuracy_of(self, types: tuple[str, ...]) -> float:
        total = sum(v for (t, _), v in self.norm_total.items() if t in types)
        correct = sum(v for (t, _), v in self.norm_correct.items() if t in types)
        return correct / total if total else 0.0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def span_scores(self, strict: bool = False) -> tuple[float, float, float]:
        matched = self.strict_matched if strict else self.matched
        p = matched / self.system if self.system else 0.0
        r = matched / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)

    def value_scores(self, count_ignored: bool = False) -> tuple[float, float, float]:
        """Value P/R/F1; with ``count_ignored`` the system expressions that only overlap a gold
        DURATION or SET count as false positives too (the stricter reading)."""
        system = self.system + (self.ignored_system if count_ignored else 0)
        p = self.value_correct / system if system else 0.0
        r = self.value_correct / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate_document(doc: TimeMLDocument, results: TimeMLResults, nlp: Any = None) -> None:
    """Add one document's figures to ``results``: normalization of its gold spans, then the
    tagger end to end."""
    spacy_doc = nlp(doc.text) if nlp is not None else None
    scored = [t for t in doc.timexes if t.type in SCORED_TYPES]
    other = [t for t in doc.timexes if t.type not in SCORED_TYPES]
    _score_normalization(doc, scored, spacy_doc, results)
    _score_end_to_end(doc, scored, other, spacy_doc, results)


def _score_normalization(doc: TimeMLDocument, scored: list[GoldTimex], spacy_doc: Any, results) -> None:
    """Values of the gold spans, in document order (earlier values feed anaphora)."""
    from eventatlas.time.finder import normalize_spans

    values = normalize_spans(doc.text, [(t.start, t.end) for t in scored], doc.dct, spacy_doc)
    for timex, value in zip(scored, values):
        predicted = value.value if value is not None and value.value else ""
        key = (timex.type, granularity_of(timex.value))
        results.norm_total[key] += 1
        if predicted == timex.value:
            results.norm_correct[key] += 1
        results.predictions.append((doc.name, timex.tid, predicted))


def _score_end_to_end(
    doc: TimeMLDocument, scored: list[GoldTimex], other: list[GoldTimex], spacy_doc: Any, results
) -> None:
    """The tagger's expressions matched one to one to gold by overlap. Expressions on a gold
    DURATION or SET only are left out of the count (reported)."""
    from eventatlas.time.finder import find_expressions

    found = find_expressions(doc.text, doc.dct, spacy_doc=spacy_doc)
    kept = []
    for expression in (e for e in found if e.value.type in SCORED_TYPES):
        overlaps_scored = any(_overlaps(expression.start, expression.end, t.start, t.end) for t in scored)
        overlaps_other = any(_overlaps(expression.start, expression.end, t.start, t.end) for t in other)
        if overlaps_other and not overlaps_scored:
            results.ignored_system += 1
            continue
        kept.append(expression)
    results.gold += len(scored)
    results.system += len(kept)
    used: set[int] = set()
    for expression in kept:
        index = next(
            (
                i
                for i, timex in enumerate(scored)
                if i not in used and _overlaps(expression.start, expression.end, timex.start, timex.end)
            ),
            None,
        )
        if index is None:
            continue
        used.add(index)
        timex = scored[index]
        results.matched += 1
        results.strict_matched += (expression.start, expression.end) == (timex.start, timex.end)
        results.value_correct += expression.value.value == timex.value


CORPUS = "timebank"  # the split's corpus name; the key is the file name


def timeml_files(directory: Path, part: str = "all", limit: int | None = None) -> list[Path]:
    """The ``*.tml`` files of one part of the fixed dev split, in name order (the first
    ``limit`` of them)."""
    from eventatlas.eval.split import select

    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), "not a directory of TimeML (.tml) files")
    files = sorted(directory.glob("*.tml"))
    if not files:
        raise InputError(str(directory), "contains no .tml files")
    try:
        files = select(files, key=lambda path: path.name, part=part, corpus=CORPUS)
    except ValueError as error:
        raise InputError(part, str(error)) from None
    return files[:limit] if limit is not None else files


def evaluate_timeml(
    directory: Path, limit: int | None = None, nlp: Any = None, part: str = "all"
) -> TimeMLResults:
    """Score every ``*.tml`` file of one part (tune, test, all) under ``directory`` (the
    first ``limit`` in name order)."""
    files = timeml_files(directory, part, limit)
    if nlp is None:
        from eventatlas.nlp import load_model

        nlp = load_model()
    results = TimeMLResults()
    for path in files:
        try:
            doc = read_timeml(path)
        except OSError as error:
            results.skipped.append(f"{path.name}: unreadable ({error})")
            continue
        results.skipped.extend(f"{path.name}: {note}" for note in doc.skipped)
        if doc.dct is None or not doc.text:
            results.skipped.append(f"{path.name}: skipped (no creation time or no text)")
            continue
        evaluate_document(doc, results, nlp)
        results.documents += 1
    return results


def print_results(results: TimeMLResults, console: Console | None = None, part: str = "all") -> None:
    console = console or Console()
    console.print(_normalization_table(results, part))
    console.print(_end_to_end_table(results))
    console.print(
        f"gold DATE/TIME: {results.gold}  system: {results.system}  matched: {results.matched}  "
        f"value correct: {results.value_correct}  system expressions on gold DURATION/SET (not counted): {results.ignored_system}"
    )
    if results.skipped:
        console.print(f"[yellow]{len(results.skipped)} problem(s) while reading:[/yellow]")
        for note in results.skipped[:20]:
            console.print(f"  {note}")


def _normalization_table(results: TimeMLResults, part: str) -> Table:
    table = Table(title=f"Normalization of gold DATE/TIME spans ({results.documents} documents, part {part})")
    for column in ("type", "granularity", "gold", "correct", "accuracy"):
        table.add_column(column, justify="right" if column in ("gold", "correct", "accuracy") else "left")
    by_type: dict[str, list] = defaultdict(list)
    for (type_, granularity), total in sorted(results.norm_total.items(), key=lambda kv: (kv[0][0], -kv[1])):
        by_type[type_].append((granularity, total, results.norm_correct[(type_, granularity)]))
    for type_, rows in by_type.items():
        for granularity, total, correct in rows:
            table.add_row(type_, granularity, str(total), str(correct), f"{100 * correct / total:.1f}")
    for label, types in (("DATE", ("DATE",)), ("TIME", ("TIME",)), ("all", SCORED_TYPES)):
        total = sum(v for (t, _), v in results.norm_total.items() if t in types)
        correct = sum(v for (t, _), v in results.norm_correct.items() if t in types)
        accuracy = f"{100 * correct / total:.1f}" if total else "-"
        table.add_row(f"[bold]{label}[/bold]", "all", str(total), str(correct), accuracy)
    return table


def _end_to_end_table(results: TimeMLResults) -> Table:
    table = Table(title="End to end (relaxed span = overlap; value F1 as in TempEval-3)")
    for column in ("measure", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for label, (p, r, f) in (
        ("span (relaxed)", results.span_scores()),
        ("span (strict)", results.span_scores(strict=True)),
        ("value", results.value_scores()),
        ("value, DURATION/SET overlaps as errors", results.value_scores(count_ignored=True)),
    ):
        table.add_row(label, f"{100 * p:.1f}", f"{100 * r:.1f}", f"{100 * f:.1f}")
    return table


def write_predictions(results: TimeMLResults, path: Path) -> None:
    with Path(path).open("w", encoding="utf-8") as handle:
        handle.writelines(f"{name}\t{tid}\t{value}\n" for name, tid, value in results.predictions)


def timeml_command(
    directory: Annotated[
        Path, typer.Argument(help="folder of TimeML .tml files (e.g. ../shared/eval/time/timebank)")
    ],
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="write file, tid, predicted value (TSV)")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N files")] = None,
    part: Annotated[
        str, typer.Option("--part", help="tune, test or all: the part of the fixed dev split to score")
    ] = "all",
) -> None:
    """Score time normalization and tagging against TimeML gold (TIMEX3 DATE and TIME)."""
    results = evaluate_timeml(directory, limit=limit, part=part)
    print_results(results, part=part)
    if predictions is not None:
        write_predictions(results, predictions)
        Console().print(f"predictions written to {predictions}")
