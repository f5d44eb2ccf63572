"""``eventatlas eval ordinary PATH``: how often the pipeline finds an event in ordinary news.

Most news is not about political violence or protest, and an event coded from a business,
crime, sports or court story is a false event on a map. With no coded corpus of ordinary news at
hand, this command runs the whole pipeline (relevance gate included) over a corpus's article
texts and prints the share of articles that produced any event, plus a sample of those events
with their evidence, so a reader can judge which are real conflict events (a corpus of local
news does hold some).

``PATH`` is one of

- an LGL or GeoWebNews XML file (``../shared/eval/geo/lgl.xml``): the articles' titles and texts,
  LGL's download time as publication date;
- a folder of TimeML ``*.tml`` files (TimeBank): the ``<TEXT>`` and the creation time;
- a folder of ``NAME.txt`` articles, each with an optional ``NAME.json`` holding ``published``.

Articles are split into tune and test by the same fixed split (and corpus names) as the
geoparse and timeml evaluations, so ``--part tune`` is the part settings may be read on.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Iterable, Iterator

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import InputError
from eventatlas.eval.split import check_part, report_console, select


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    title: str | None = None
    published: str | None = None


@dataclass
class Produced:
    article: Article
    events: list[dict] = field(default_factory=list)  # new events (what a map would show)
    background: int = 0  # past events recalled, flagged and not counted (as in the other evaluations)


@dataclass
class OrdinaryReport:
    corpus: str
    results: list[Produced]

    @property
    def with_events(self) -> list[Produced]:
        return [r for r in self.results if r.events]

    @property
    def share(self) -> float:
        return len(self.with_events) / len(self.results) if self.results else 0.0

    def sub_types(self) -> Counter[str]:
        return Counter(str(e.get("sub_event_type")) for r in self.results for e in r.events)


def read_articles(path: Path) -> tuple[str, list[Article]]:
    """(split corpus name, articles) of an XML corpus, a TimeML folder or a folder of texts."""
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    if path.is_file():
        return _xml_articles(path)
    if any(path.glob("*.tml")):
        return "timebank", _timeml_articles(path)
    articles = _text_articles(path)
    if not articles:
        raise InputError(str(path), "no .tml or .txt articles in this folder")
    return path.name, articles


def _xml_articles(path: Path) -> tuple[str, list[Article]]:
    from eventatlas.eval.geoparse import SPLIT_NAMES, read_corpus

    corpus = read_corpus(path)
    published = _lgl_download_dates(path) if corpus.name == "LGL" else {}
    articles = [Article(d.doc_id, d.text, d.title, published.get(d.doc_id)) for d in corpus.documents]
    return SPLIT_NAMES.get(corpus.name, corpus.name), articles


def _lgl_download_dates(path: Path) -> dict[str, str]:
    """LGL's articles were downloaded from RSS feeds on the day they appeared (``dltime``)."""
    root = ET.parse(path).getroot()
    return {a.get("docid", ""): (a.findtext("dltime") or "")[:10] or None for a in root.findall("article")}


def _timeml_articles(path: Path) -> list[Article]:
    from eventatlas.eval.timeml import read_timeml

    documents = (read_timeml(file) for file in sorted(path.glob("*.tml")))
    return [Article(d.name, d.text.strip(), None, d.dct.isoformat() if d.dct else None) for d in documents]


def _text_articles(path: Path) -> list[Article]:
    articles = []
    for file in sorted(path.glob("*.txt")):
        sidecar = file.with_suffix(".json")
        published = None
        if sidecar.is_file():
            try:
                published = json.loads(sidecar.read_text("utf-8")).get("published")
            except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
                published = None
        articles.append(Article(file.name, file.read_text("utf-8", errors="replace"), None, published))
    return articles


def code_articles(articles: list[Article]) -> Iterator[Produced]:
    """Run the whole pipeline (relevance gate included) over the articles, in batches."""
    from eventatlas.clean import clean
    from eventatlas.ingest.read import RawInput
    from eventatlas.pipeline import default_pipeline

    documents = (clean(RawInput(name=a.doc_id, content=a.text, is_html=False, title=a.title), published=a.published)
                 for a in articles)
    for article, result in zip(articles, default_pipeline().process_many(documents)):
        events = result.to_dict()["events"]
        new = [e for e in events if not e.get("background")]
        yield Produced(article, new, len(events) - len(new))


def evaluate(path: Path, part: str = "tune", limit: int | None = None) -> OrdinaryReport:
    check_part(part)
    corpus, articles = read_articles(path)
    articles = select(articles, key=lambda a: a.doc_id, part=part, corpus=corpus)[:limit]
    return OrdinaryReport(corpus, list(code_articles(articles)))


def print_report(report: OrdinaryReport, console: Console, sample: int = 40) -> None:
    table = Table(title=f"{report.corpus}: events produced on ordinary news")
    for column in ("sub-event type", "events"):
        table.add_column(column, justify="left" if column.startswith("sub") else "right")
    for sub_type, count in report.sub_types().most_common():
        table.add_row(sub_type, str(count))
    console.print(table)
    for line in sample_lines(report.with_events, sample):
        console.print(line, markup=False, highlight=False)
    console.print(f"{report.corpus}: {len(report.with_events)}/{len(report.results)} articles produced an event "
                  f"({report.share:.1%}); {sum(len(r.events) for r in report.results)} events in all, "
                  f"{sum(r.background for r in report.results)} more flagged as background")


def sample_lines(produced: Iterable[Produced], sample: int) -> list[str]:
    """One line per event of the first ``sample`` articles with events: title, type, place, date
    and the first evidence, for a reader to judge."""
    lines: list[str] = []
    for item in list(produced)[:sample]:
        lines.append(f"* {item.article.doc_id}: {(item.article.title or item.article.text)[:90]!r}")
        for event in item.events:
            evidence = (event.get("evidence") or [{}])[0].get("text", "")
            lines.append(f"    {event.get('sub_event_type')} ({event.get('confidence', 0):.2f}) at {event.get('location')} "
                         f"({event.get('event_date')}): "
                         f"{' '.join(evidence.split())[:150]!r}")
    return lines


def ordinary_command(
    path: Annotated[Path, typer.Argument(help="LGL/GeoWebNews XML file, folder of TimeML .tml files, or folder of .txt articles.")],
    part: Annotated[str, typer.Option("--part", help="tune, test or all articles of the fixed development split.")] = "tune",
    sample: Annotated[int, typer.Option("--sample", help="Articles with events to print with their events.")] = 40,
    limit: Annotated[int | None, typer.Option("--limit", help="Code only the first N articles of the part.")] = None,
) -> None:
    """Share of ordinary-news articles producing any event, with a sample of the events to judge."""
    console = report_console()
    print_report(evaluate(path, part, limit), console, sample)
