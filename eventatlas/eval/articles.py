"""``eventatlas eval articles DIR``: score whole-article extraction on hand-coded articles.

``DIR`` holds pairs ``NAME.txt`` (the article) and ``NAME.json`` (its reference coding, in the
format of the seed's ``gold.json``: ``required``, ``expected`` and ``optional`` events,
``published``, optional ``forbidden_countries``). Each article is coded as of its ``published``
date and scored by the rule in ``eventatlas.eval.reference``.

Printed per article and in total: required and expected events found, precision, and the events
produced on articles with nothing to code (no required or expected event).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import InputError
from eventatlas.eval.reference import ReferenceReport, score_events
from eventatlas.eval.split import check_part, report_console, select

CORPUS = "wikinews"


@dataclass
class ArticleScore:
    name: str
    reference: dict[str, Any]
    report: ReferenceReport
    events: list[dict[str, Any]]

    @property
    def has_reference_events(self) -> bool:
        return self.report.n_reference > 0

    @property
    def scored_events(self) -> int:
        return len(self.report.matched) + len(self.report.unmatched_events)


def article_pairs(directory: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """(article, coding) pairs in a folder, and the reasons files were skipped."""
    if not directory.exists():
        raise InputError(str(directory), "no such folder")
    if not directory.is_dir():
        raise InputError(str(directory), "not a folder of NAME.txt + NAME.json pairs")
    pairs: list[tuple[Path, Path]] = []
    skipped: list[str] = []
    for article in sorted(directory.glob("*.txt")):
        coding = article.with_suffix(".json")
        if coding.is_file():
            pairs.append((article, coding))
        else:
            skipped.append(f"{article.name}: no {coding.name} beside it")
    if not pairs:
        raise InputError(str(directory), "no NAME.txt + NAME.json pairs found")
    return pairs, skipped


def score_pair(article: Path, coding: Path) -> ArticleScore:
    """Code one article with the pipeline and score it against its reference coding."""
    from eventatlas.pipeline import extract_file

    try:
        reference = json.loads(coding.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(coding), f"not a JSON reference coding ({error})") from None
    if not isinstance(reference, dict):
        raise InputError(str(coding), "not a JSON reference coding (expected an object)")
    result = extract_file(str(article), published=reference.get("published"))
    events = result.to_dict()["events"]
    return ArticleScore(article.stem, reference, score_events(events, reference), events)


@dataclass
class ArticlesReport:
    articles: list[ArticleScore]

    def _sum(self, attribute: str) -> int:
        return sum(getattr(a.report, attribute) for a in self.articles)

    @property
    def n_required(self) -> int:
        return self._sum("n_required")

    @property
    def found_required(self) -> int:
        return self._sum("matched_required")

    @property
    def n_reference(self) -> int:
        return self._sum("n_reference")

    @property
    def found(self) -> int:
        return sum(len(a.report.matched) for a in self.articles)

    @property
    def produced(self) -> int:
        return sum(a.scored_events for a in self.articles)

    @property
    def recall(self) -> float:
        return self.found / self.n_reference if self.n_reference else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.produced if self.produced else 1.0

    @property
    def empty_articles(self) -> list[ArticleScore]:
        return [a for a in self.articles if not a.has_reference_events]

    @property
    def empty_with_events(self) -> list[ArticleScore]:
        return [a for a in self.empty_articles if a.report.unmatched_events]


def print_report(report: ArticlesReport, console: Console) -> None:
    table = Table(title=f"Coded articles: {len(report.articles)}")
    for column in ("article", "required", "expected", "produced", "unmatched", "precision"):
        table.add_column(column, justify="left" if column == "article" else "right")
    for article in report.articles:
        r = article.report
        expected_total = r.n_reference - r.n_required
        expected_found = len(r.matched) - r.matched_required
        table.add_row(
            article.name[:60],
            f"{r.matched_required}/{r.n_required}",
            f"{expected_found}/{expected_total}",
            str(article.scored_events),
            str(len(r.unmatched_events)),
            f"{r.precision:.2f}" if article.scored_events else "-",
        )
    console.print(table)
    for article in report.articles:
        for event in article.report.unmatched_events:
            evidence = " ".join(span.get("text", "") for span in event.get("evidence") or [])
            console.print(f"  unmatched in {article.name[:40]}: {event.get('sub_event_type')} at "
                          f"{event.get('location')} ({event.get('event_date')}): {evidence[:90]!r}")
    empty = report.empty_articles
    console.print(
        f"required found {report.found_required}/{report.n_required}; required+expected recall "
        f"{report.recall:.3f} ({report.found}/{report.n_reference}); precision {report.precision:.3f} "
        f"({report.found}/{report.produced}); articles with nothing to code that produced an event: "
        f"{len(report.empty_with_events)}/{len(empty)}"
    )


def evaluate(directory: Path, part: str = "all", console: Optional[Console] = None) -> ArticlesReport:
    pairs, skipped = article_pairs(directory)
    for reason in skipped:
        if console:
            console.print(f"[yellow]skipped[/yellow] {reason}")
    pairs = select(pairs, key=lambda pair: pair[0].stem, part=part, corpus=CORPUS)
    scores: list[ArticleScore] = []
    for article, coding in pairs:
        try:
            scores.append(score_pair(article, coding))
        except InputError as error:
            if console:
                console.print(f"[yellow]skipped[/yellow] {error}")
    return ArticlesReport(scores)


def articles_command(
    directory: Annotated[Path, typer.Argument(help="Folder of NAME.txt articles with NAME.json reference codings.")],
    part: Annotated[str, typer.Option("--part", help="tune, test or all articles of the fixed development split.")] = "all",
) -> None:
    """Score whole-article extraction: recall of required and expected events, precision, empty articles."""
    console = report_console()
    check_part(part)
    report = evaluate(directory, part, console)
    print_report(report, console)
