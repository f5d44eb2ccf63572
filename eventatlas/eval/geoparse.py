"""``eventatlas eval geoparse CORPUS``: score the geo stage on LGL or GeoWebNews.

Two tables:

1. Resolution of the gold toponym spans (the gold spans are given to the resolver): accuracy
   within 161 km, exact GeoNames id (only where gold has one), median error, and the area under
   the error curve (AUC of log error, Gritta et al. 2018; lower is better). Three rows, one
   per treatment of the names the gazetteer lacks: "unresolved" (every such name a miss, as
   before sites were placed), "site at town" (streets, buildings and other sites placed at the
   town named with them, ``eventatlas.geo.sites``, scored as placed; the rest misses) and "doc
   focus" (the rest too at the document's focus). The gold side is scored the same in all three:
   a site's gold point and, where it has one, its GeoNames id, which a town's point never matches.
2. End to end: recognition precision/recall/F1 against the gold spans (exact span, and any
   overlap), and accuracy within 161 km on the recognized gold spans.

What counts as gold:

* LGL: resolution on toponyms with a ``gaztag`` (coordinates); recognition on all toponyms.
* GeoWebNews: resolution and recognition on the toponyms that carry coordinates (literal,
  metonymic, mixed, modifier, embedded and coercion types). Demonyms, languages, homonyms,
  non-toponyms and common-noun expressions ("the city") carry none and are not counted.
"""

from __future__ import annotations

import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import InputError
from eventatlas.models import Document

ACCURACY_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    kind: str = ""  # the corpus's toponym type, when it has one

    @property
    def resolvable(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass
class Corpus:
    name: str  # "LGL" or "GeoWebNews"
    documents: list[GoldDocument]
    skipped: list[str] = field(default_factory=list)  # what the reader left out, and why


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_corpus(path: Path) -> Corpus:
    """Read an LGL or GeoWebNews XML file (the format is detected)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "file not found" if not path.exists() else "not a file")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise InputError(str(path), f"not well-formed XML ({error})") from None
    articles = root.findall("article")
    if not articles:
        raise InputError(str(path), "no <article> elements: not an LGL or GeoWebNews file")
    if articles[0].find("toponyms/toponym/extractedName") is not None or articles[0].get("file") is not None:
        return _read_gwn(articles)
    return _read_lgl(articles)


def _check_span(doc: GoldDocument, top: GoldToponym, skipped: list[str]) -> bool:
    if not (0 <= top.start < top.end <= len(doc.text)):
        skipped.append(f"{doc.doc_id}: toponym {top.name!r} offsets {top.start}-{top.end} outside the text")
        return False
    if doc.text[top.start : top.end] != top.name:
        # some files carry offsets shifted by a few characters: find the name nearby
        near = doc.text.find(top.name, max(0, top.start - 20))
        if near >= 0 and abs(near - top.start) <= 20:
            top.start, top.end = near, near + len(top.name)
            return True
        skipped.append(f"{doc.doc_id}: toponym {top.name!r} does not match the text at {top.start}-{top.end}")
        return False
    return True


def _read_articles(articles, corpus: str, id_attr: str, url_tag: str, source_tag: str | None, make_toponym) -> Corpus:
    """The loop both formats share: one GoldDocument per article, its toponyms checked against
    the text. ``make_toponym(node, start, end)`` reads one format's toponym, or None to leave it out."""
    documents, skipped = [], []
    for article in articles:
        doc = GoldDocument(
            doc_id=article.get(id_attr) or str(len(documents)),
            text=article.findtext("text") or "",
            title=article.findtext("title"),
            url=article.findtext(url_tag),
            source=article.findtext(source_tag) if source_tag else None,
        )
        for node in article.iter("toponym"):
            start, end = _int(node.findtext("start")), _int(node.findtext("end"))
            if start is None or end is None:
                skipped.append(f"{doc.doc_id}: toponym without offsets")
                continue
            top = make_toponym(node, start, end)
            if top is not None and _check_span(doc, top, skipped):
                doc.toponyms.append(top)
        documents.append(doc)
    return Corpus(corpus, documents, skipped)


def _lgl_toponym(node, start: int, end: int) -> GoldToponym:
    top = GoldToponym(start, end, node.findtext("phrase") or "")
    gaz = node.find("gaztag")  # absent: coordinates unknown; present without geonameid: distance only
    if gaz is not None:
        top.geonameid = _int(gaz.get("geonameid"))
        top.latitude, top.longitude = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
        top.kind = gaz.findtext("fcode") or ""
    return top


def _gwn_toponym(node, start: int, end: int) -> GoldToponym | None:
    top = GoldToponym(start, end, node.findtext("extractedName") or "", kind=node.findtext("type") or "")
    top.latitude, top.longitude = _float(node.findtext("latitude")), _float(node.findtext("longitude"))
    top.geonameid = _int(node.findtext("geonamesID"))
    # demonyms, expressions, non-toponyms: not named places (see module doc)
    return top if top.resolvable else None


def _read_lgl(articles) -> Corpus:
    return _read_articles(articles, "LGL", "docid", "url", "domain", _lgl_toponym)


def _read_gwn(articles) -> Corpus:
    return _read_articles(articles, "GeoWebNews", "file", "link", None, _gwn_toponym)


def error_km(lat1, lon1, lat2, lon2) -> float:
    from eventatlas.geo.resolve import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


@dataclass
class ResolutionScores:
    count: int
    accuracy_161: float
    exact_id: float | None
    with_id: int
    median_km: float
    auc: float
    unresolved: int


def score_resolution(pairs: list[tuple[GoldToponym, float | None, float | None, int | None]]) -> ResolutionScores:
    """pairs: (gold, predicted lat, predicted lon, predicted geonameid). An unresolved prediction
    counts as the largest possible error."""
    errors, id_hits, with_id, unresolved = [], 0, 0, 0
    for gold, lat, lon, gid in pairs:
        if lat is None or lon is None:
            errors.append(MAX_ERROR_KM)
            unresolved += 1
        else:
            errors.append(error_km(gold.latitude, gold.longitude, lat, lon))
        if gold.geonameid is not None:
            with_id += 1
            id_hits += int(gid is not None and gid == gold.geonameid)
    if not errors:
        return ResolutionScores(0, 0.0, None, 0, 0.0, 0.0, 0)
    # AUC: mean of log(1 + error) / log(max error) over toponyms (area under the error curve)
    auc = sum(math.log(1 + e) for e in errors) / (len(errors) * math.log(MAX_ERROR_KM))
    return ResolutionScores(
        count=len(errors),
        accuracy_161=100.0 * sum(e <= ACCURACY_KM for e in errors) / len(errors),
        exact_id=100.0 * id_hits / with_id if with_id else None,
        with_id=with_id,
        median_km=statistics.median(errors),
        auc=auc,
        unresolved=unresolved,
    )


@dataclass
class EndToEndScores:
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    overlap_precision: float
    overlap_recall: float
    overlap_f1: float
    accuracy_161_recognized: float
    recognized_resolvable: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(corpus: Corpus, limit: int | None = None, predictions: Path | None = None, nlp=None,
             site_row: bool = False):
    """Run both evaluations; returns ((strict, with_fallback) ResolutionScores, EndToEndScores,
    seconds). "strict" counts names the gazetteer lacks as unresolved; "with_fallback" places them
    at the document's focus (what ``geoparse`` returns, marked approximate). With ``site_row``
    the resolution scores are (strict, sites at their town, with_fallback): the middle one keeps
    the streets and buildings placed at the town named with them (``is_town_point``) and counts
    only the focus guesses as unresolved."""
    from eventatlas.geo import geoparse, resolve_spans
    from eventatlas.geo.actors import home_countries
    from eventatlas.geo.geoparse import is_approximate
    from eventatlas.geo.sites import is_town_point
    from eventatlas.nlp import load_model

    documents = corpus.documents[:limit] if limit else corpus.documents
    nlp = nlp or load_model()
    started = time.perf_counter()
    pairs = []
    strict_pairs = []
    town_pairs = []
    out_lines = []
    gold_n = pred_n = exact_hits = 0
    overlap_gold_hits = overlap_pred_hits = 0
    e2e_hits = e2e_total = 0
    spacy_docs = nlp.pipe((d.text for d in documents), batch_size=16)
    for gold_doc, spacy_doc in zip(documents, spacy_docs):
        document = Document(text=gold_doc.text, title=gold_doc.title, url=gold_doc.url, source=gold_doc.source)
        resolvable = [t for t in gold_doc.toponyms if t.resolvable]
        # 1. resolution of the gold spans, with what the geoparser itself reads around them (the
        # document's demonyms as context, the home countries of the armed groups it names)
        gold_spans = [(t.start, t.end) for t in resolvable]
        places = resolve_spans(document, gold_spans, approximate_unknown=True, extra_context=_demonym_context(spacy_doc, gold_spans),
                               home_countries=home_countries(gold_doc.text)) if resolvable else []
        for top, place in zip(resolvable, places):
            approximate, town_point = is_approximate(place), is_town_point(place)
            predicted = (top, place.latitude, place.longitude, place.geonameid)
            pairs.append(predicted)
            town_pairs.append((top, None, None, None) if approximate else predicted)
            strict_pairs.append((top, None, None, None) if approximate or town_point else predicted)
            out_lines.append({"doc": gold_doc.doc_id, "start": top.start, "end": top.end, "name": top.name,
                              "lat": place.latitude, "lon": place.longitude, "geonameid": place.geonameid,
                              "approximate": approximate, "town_point": town_point})
        # 2. end to end
        document.spacy_doc = spacy_doc
        predicted = geoparse(document, include_demonyms=True)
        pred_spans = [(p.mention.start, p.mention.end, p) for p in predicted if p.mention]
        gold_spans = {(t.start, t.end): t for t in gold_doc.toponyms}
        gold_n += len(gold_spans)
        pred_n += len(pred_spans)
        exact_hits += sum((s, e) in gold_spans for s, e, _ in pred_spans)
        overlap_pred_hits += sum(any(s < ge and gs < e for gs, ge in gold_spans) for s, e, _ in pred_spans)
        for (gs, ge), top in gold_spans.items():
            match = next((p for s, e, p in pred_spans if s < ge and gs < e), None)
            if match is not None:
                overlap_gold_hits += 1
                if top.resolvable:
                    e2e_total += 1
                    if match.latitude is not None and error_km(top.latitude, top.longitude, match.latitude, match.longitude) <= ACCURACY_KM:
                        e2e_hits += 1
    seconds = time.perf_counter() - started
    if predictions:
        with open(predictions, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in out_lines)
    p = exact_hits / pred_n if pred_n else 0.0
    r = exact_hits / gold_n if gold_n else 0.0
    op = overlap_pred_hits / pred_n if pred_n else 0.0
    orc = overlap_gold_hits / gold_n if gold_n else 0.0
    e2e = EndToEndScores(gold_n, pred_n, 100 * p, 100 * r, 100 * _f1(p, r), 100 * op, 100 * orc, 100 * _f1(op, orc),
                         100.0 * e2e_hits / e2e_total if e2e_total else 0.0, e2e_total)
    rows = (strict_pairs, town_pairs, pairs) if site_row else (strict_pairs, pairs)
    return tuple(score_resolution(row) for row in rows), e2e, seconds


def _demonym_context(spacy_doc, gold_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The demonyms the recognizer finds ("Afghan officials"), outside the gold spans: the
    context ``geoparse`` gives the resolver too."""
    from eventatlas.geo.gazetteer import Gazetteer
    from eventatlas.geo.recognize import recognize

    _, demonyms = recognize(spacy_doc, Gazetteer.default())
    return [(d.start, d.end) for d in demonyms
            if d.country_code and not any(d.start < end and start < d.end for start, end in gold_spans)]


SPLIT_NAMES = {"LGL": "lgl", "GeoWebNews": "gwn"}


def select_part(corpus: Corpus, part: str) -> Corpus:
    """The articles of one part of the fixed dev split (``eventatlas.eval.split``)."""
    from eventatlas.eval.split import check_part, select

    check_part(part)
    documents = select(corpus.documents, key=lambda d: d.doc_id, part=part, corpus=SPLIT_NAMES.get(corpus.name, corpus.name))
    return Corpus(corpus.name if part == "all" else f"{corpus.name} ({part})", documents, corpus.skipped)


def print_tables(corpus: Corpus, resolution, e2e: EndToEndScores, documents: int, seconds: float,
                 console: Console | None = None) -> None:
    console = console or Console()
    rows = resolution if isinstance(resolution, tuple) else (resolution,)
    table = Table(title=f"{corpus.name}: resolution of gold toponyms ({documents} documents)")
    for column in ("unknown names", "toponyms", "acc@161km", "exact id", "with id", "median km", "AUC", "unresolved"):
        table.add_column(column, justify="right")
    labels = ("unresolved", "site at town", "doc focus") if len(rows) == 3 else ("unresolved", "doc focus")
    for label, scores in zip(labels, rows):
        table.add_row(
            label, str(scores.count), f"{scores.accuracy_161:.1f}",
            f"{scores.exact_id:.1f}" if scores.exact_id is not None else "-", str(scores.with_id),
            f"{scores.median_km:.1f}", f"{scores.auc:.3f}", str(scores.unresolved),
        )
    console.print(table)
    table = Table(title=f"{corpus.name}: end to end (recognition + resolution)")
    for column in ("gold", "predicted", "P", "R", "F1", "P overlap", "R overlap", "F1 overlap", "acc@161km recognized"):
        table.add_column(column, justify="right")
    table.add_row(str(e2e.gold), str(e2e.predicted), f"{e2e.precision:.1f}", f"{e2e.recall:.1f}", f"{e2e.f1:.1f}",
                  f"{e2e.overlap_precision:.1f}", f"{e2e.overlap_recall:.1f}", f"{e2e.overlap_f1:.1f}",
                  f"{e2e.accuracy_161_recognized:.1f} (n={e2e.recognized_resolvable})")
    console.print(table)
    gold_rule = ("gold = toponyms with coordinates (demonyms, languages, homonyms, non-toponyms and common-noun "
                 "expressions excluded)") if corpus.name.startswith("GeoWebNews") else "resolution gold = toponyms with a gaztag; recognition gold = all toponyms"
    console.print(f"[dim]Unknown names: 'unresolved' counts names the gazetteer lacks as misses; 'site at town' "
                  "places streets, buildings and other sites at the town named with them in their sentence, else "
                  "at the document's main town (no geonameid; placed_at 'town') and counts the rest as misses; "
                  "'doc focus' places those at the document's main town too (what geoparse returns, placed_at "
                  "'focus'). "
                  f"{gold_rule}. Predicted: toponyms plus demonyms/national adjectives (both corpora annotate "
                  "them as toponyms of their country). Unresolved toponyms count as the largest error (20,039 km). AUC: mean log(1+error km)/log(20039), lower is better. "
                  f"{seconds:.1f} s. Skipped while reading: {len(corpus.skipped)}.[/dim]")


def geoparse_command(
    corpus: Annotated[Path, typer.Argument(help="LGL or GeoWebNews XML file (e.g. ../shared/eval/geo/lgl.xml)")],
    predictions: Annotated[Path | None, typer.Option("--predictions", help="write one JSON line per gold toponym here")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N documents")] = None,
    part: Annotated[str, typer.Option("--part", help="tune, test or all: the fixed split of the corpus's articles")] = "all",
) -> None:
    """Score the geoparser on a gold corpus and print resolution and end-to-end tables."""
    data = select_part(read_corpus(corpus), part)
    resolution, e2e, seconds = evaluate(data, limit=limit, predictions=predictions, site_row=True)
    documents = min(limit, len(data.documents)) if limit else len(data.documents)
    console = Console()
    print_tables(data, resolution, e2e, documents, seconds, console)
    if predictions:
        console.print(f"predictions: {predictions} (one line per gold toponym)")
    console.print("[dim]Place data: GeoNames (https://www.geonames.org), CC BY 4.0.[/dim]")
