"""``eventatlas eval notes``: score the whole pipeline on ACLED-style coded events.

Each row of the CSV holds an event description (``notes``, as ACLED's coders write them) and the
codes a person gave it: event and sub-event type, actors and their categories, date, place,
fatalities. The pipeline codes each ``notes`` text as a one-paragraph article published the day
after ``event_date`` (a news report's usual distance), and the best-matching extracted event is
compared with the row.

Figures are over all rows: a row whose event was not produced counts as wrong on every field.
"Blunders" count extracted events placed more than 1,000 km from the coded place, which the
notes themselves name.

Real exports vary, and the reader accepts the variants: upper- or lower-case column names,
``inter`` as ACLED's number or its text, dates as ISO or ``9-May-20`` / ``09 May 2020``, and
``nan`` or an empty cell for a missing value.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Iterable, Optional

import typer
from rich.console import Console
from rich.table import Table

from eventatlas.errors import InputError
from eventatlas.eval.files import read_eval_text
from eventatlas.eval.split import check_part, report_console, select

CORPUS = "acled-notes"
BLUNDER_KM = 1000.0
REQUIRED_COLUMNS = ("notes", "event_date", "event_type", "sub_event_type")

INTER_CODES = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
MISSING = {"", "nan", "none", "null", "na", "n/a"}
# A leading coder label names the sub-type ("Looting: ...", "Movement of forces: ..."): cut it so
# the test is fair. Up to five words, no digits, then a colon at the very start.
CODER_LABEL = re.compile(r"^\s*[A-Z][A-Za-z/&' -]{2,60}:\s+(?=\S)")
YEAR_RANGE = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass
class NoteRow:
    id: str
    notes: str
    event_date: Optional[str]
    fields: dict[str, Any]


@dataclass
class RowScore:
    """How the pipeline's best event for one row compares with the row's codes."""

    row: NoteRow
    n_events: int = 0
    best: Optional[dict[str, Any]] = None
    km: Optional[float] = None
    checks: dict[str, bool] = field(default_factory=dict)
    blunders: int = 0


# -- reading -------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    return "" if text.lower() in MISSING else text


def parse_date(value: str) -> Optional[str]:
    """ISO date from ISO, ``9-May-20``, ``09 May 2020``, ``May 9, 2020`` and the like."""
    text = _cell(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(text, dayfirst=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def inter_text(value: Any) -> str:
    """ACLED's actor category as text, whether the export wrote the number or the text."""
    text = _cell(value)
    if text.endswith(".0"):
        text = text[:-2]
    return INTER_CODES.get(text, text)


def read_notes(path: Path) -> tuple[list[NoteRow], list[str]]:
    """Rows of an ACLED-style CSV and the reasons rows were skipped."""
    text = read_eval_text(path, "a CSV file")
    csv.field_size_limit(10_000_000)
    try:
        reader = csv.DictReader(text.splitlines())
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise InputError(str(path), f"not a CSV file ({error})") from None
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise InputError(str(path), f"not an ACLED-style CSV: no column {', '.join(missing)}")
    rows: list[NoteRow] = []
    skipped: list[str] = []
    try:
        for number, raw in enumerate(reader, start=2):
            record = {str(k).strip().lower(): _cell(v) for k, v in raw.items() if k is not None}
            row = _note_row(record, number, skipped)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        raise InputError(str(path), f"malformed CSV ({error})") from None
    if not rows:
        raise InputError(str(path), "no usable rows")
    return rows, skipped


def _note_row(record: dict[str, str], number: int, skipped: list[str]) -> Optional[NoteRow]:
    notes = record.get("notes", "")
    if len(notes) < 10:
        skipped.append(f"line {number}: no notes")
        return None
    event_date = parse_date(record.get("event_date", ""))
    if record.get("event_date") and event_date is None:
        skipped.append(f"line {number}: unreadable event_date {record['event_date']!r}")
        return None
    fields: dict[str, Any] = dict(record)
    fields["inter1"] = inter_text(record.get("inter1"))
    fields["inter2"] = inter_text(record.get("inter2"))
    for name in ("latitude", "longitude"):
        try:
            fields[name] = float(record[name]) if record.get(name) else None
        except ValueError:
            fields[name] = None
    try:
        fields["fatalities"] = int(float(record["fatalities"])) if record.get("fatalities") else 0
    except ValueError:
        fields["fatalities"] = None
    row_id = record.get("sample_id") or record.get("event_id_cnty") or f"line{number}"
    return NoteRow(id=row_id, notes=notes, event_date=event_date, fields=fields)


def article_text(notes: str) -> str:
    """The text given to the pipeline: the notes without a leading coder label."""
    return CODER_LABEL.sub("", notes, count=1)


# -- scoring -------------------------------------------------------------------------------

def actor_exact(name: str) -> str:
    """An ACLED actor name without the regime's year range ("(2021-)"), case-folded."""
    return " ".join(YEAR_RANGE.sub("", name).lower().split())


def actor_head(name: str) -> str:
    """The head of an ACLED actor name: before "ACRONYM: Full name"'s colon, no parentheses."""
    head = name.split(":", 1)[0]
    return " ".join(PARENTHESES.sub("", head).lower().replace("the ", " ").split())


def _distance(event: dict[str, Any], fields: dict[str, Any]) -> Optional[float]:
    from eventatlas.geo.resolve import haversine_km

    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None or fields.get("latitude") is None or fields.get("longitude") is None:
        return None
    return haversine_km(lat, lon, fields["latitude"], fields["longitude"])


def _match_key(event: dict[str, Any], fields: dict[str, Any]) -> tuple:
    km = _distance(event, fields)
    return (
        event.get("sub_event_type") == fields.get("sub_event_type"),
        event.get("event_type") == fields.get("event_type"),
        km is not None and km <= 161,
        event.get("event_date") == fields.get("event_date"),
        -(km if km is not None else 1e9),
    )


def score_row(row: NoteRow, events: list[dict[str, Any]]) -> RowScore:
    """Compare the best-matching extracted event with the row's codes."""
    fields = row.fields
    events = [event for event in events if not event.get("background")]
    score = RowScore(row=row, n_events=len(events))
    for event in events:
        km = _distance(event, fields)
        if km is not None and km > BLUNDER_KM:
            score.blunders += 1
    if not events:
        score.checks = {name: False for name in CHECKS}
        return score
    best = max(events, key=lambda event: _match_key(event, fields))
    score.best = best
    score.km = _distance(best, fields)
    actor1 = best.get("actor1") or ""
    score.checks = {
        "detected": True,
        "event_type": best.get("event_type") == fields.get("event_type"),
        "sub_event_type": best.get("sub_event_type") == fields.get("sub_event_type"),
        "country": (best.get("country_code") or "").upper() == (fields.get("country_code") or "").upper()
        if fields.get("country_code") else (best.get("country") or "") == fields.get("country"),
        "admin1": _same_name(best.get("admin1"), fields.get("admin1"), fields.get("country_code") or best.get("country_code")),
        "within 25 km": score.km is not None and score.km <= 25,
        "within 161 km": score.km is not None and score.km <= 161,
        "event_date": best.get("event_date") == row.event_date,
        "inter1": (best.get("inter1") or "") == fields.get("inter1"),
        "actor1 exact": bool(actor1) and actor_exact(actor1) == actor_exact(fields.get("actor1") or ""),
        "actor1 head": bool(actor1) and actor_head(actor1) == actor_head(fields.get("actor1") or ""),
        "fatalities": fields.get("fatalities") is not None and best.get("fatalities", 0) == fields["fatalities"],
    }
    return score


CHECKS = ("detected", "event_type", "sub_event_type", "country", "admin1", "within 25 km", "within 161 km",
          "event_date", "inter1", "actor1 exact", "actor1 head", "fatalities")


def _same_name(predicted: Optional[str], gold: Optional[str], country_code: Optional[str] = None) -> bool:
    """Whether two first-level division names name the same division.

    Equal after folding case, accents and punctuation; otherwise, when the row's country is
    known, the same division by identity: both names resolve to one first-level division of
    that country, by its main name or any alternate name the gazetteer carries ("Sud-Kivu" and
    "South Kivu", "Chittagong" and "Chattogram"), or else as a transliteration variant of its
    main name (the closest of the country's divisions, similarity >= ADMIN1_SIMILARITY, type
    words such as "oblast" and Arabic articles set aside: "Odessa"/"Odesa", "Al-Anbar"/"Anbar").
    A division may also be named by its seat or main city ("Grodno" for Grodnenskaya oblast) or,
    when a conflict monitor splits a division by a compass word ("Shan-North") that the gazetteer
    does not know, by the division it is part of.
    General for any country and name; no pair is listed by hand."""
    from unidecode import unidecode

    def norm(text: Optional[str]) -> str:
        return " ".join(re.sub(r"[^a-z0-9 ]", " ", unidecode(text or "").lower()).split())

    if not gold or not predicted:
        return False
    if norm(predicted) == norm(gold):
        return True
    if not country_code:
        return False
    return bool(_admin1_ids(predicted, country_code.upper()) & _admin1_ids(gold, country_code.upper()))


ADMIN1_SIMILARITY = 80  # rapidfuzz ratio (0-100) for a transliteration variant of a division's name
MAIN_CITY_POPULATION = 100_000  # a city this large, or a division's seat, may name its division
_ARTICLES = re.compile(r"^(?:al|an|ad|ar|as|ash|at|az|el|la|le|les|l)\s+")


def _admin1_ids(name: str, country_code: str) -> set[int]:
    """The gazetteer rows of the first-level divisions of a country a name may refer to: by
    exact (alternate) name, else the closest transliteration of a division's main name."""
    from eventatlas.geo.cues import suffix_feature
    from eventatlas.geo.gazetteer import Gazetteer
    from eventatlas.geo.normalize import without_compass_part

    gazetteer = Gazetteer.default()
    base = suffix_feature(name.strip())[0] or name
    found = {c.index for form in {name, base} for c in gazetteer.lookup(form, fuzzy=False)
             if c.country_code == country_code and c.feature_code in ("ADM1", "ADM1H")}
    if found:
        return found
    # the division named after its main city, by the city's name ("Grodno" for Grodnenskaya oblast)
    from rapidfuzz import fuzz, process

    cities = [c for c in gazetteer.lookup(base, fuzzy=False) if c.country_code == country_code and c.feature_class == "P"
              and c.admin1_index >= 0 and (c.feature_code == "PPLA" or c.population >= MAIN_CITY_POPULATION)]
    if cities:
        city = max(cities, key=lambda c: c.population)
        division = _country_divisions(country_code).get(city.admin1_index, "")
        if fuzz.partial_ratio(_division_key(base), division) >= ADMIN1_SIMILARITY:
            return {city.admin1_index}
    whole = without_compass_part(base)
    if whole != base:
        # "Shan-North": a part of a division that conflict monitors split and the gazetteer does
        # not know; the division it is part of is the finest the gazetteer can name
        return _admin1_ids(whole, country_code)

    divisions = _country_divisions(country_code)
    if not divisions:
        return set()
    match = process.extractOne(_division_key(base), divisions, scorer=fuzz.ratio)
    return {match[2]} if match and match[1] >= ADMIN1_SIMILARITY else set()


_DIVISIONS: dict[str, dict[int, str]] = {}


def _country_divisions(country_code: str) -> dict[int, str]:
    """gazetteer row -> folded main name, for the first-level divisions of a country."""
    if country_code not in _DIVISIONS:
        from eventatlas.geo.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
        _DIVISIONS[country_code] = {
            row: _division_key(gazetteer.names[row]) for row, (cc, code) in enumerate(zip(gazetteer.ccs, gazetteer.fcodes))
            if cc == country_code and code == "ADM1"
        }
    return _DIVISIONS[country_code]


def _division_key(name: str) -> str:
    from eventatlas.geo.cues import suffix_feature
    from eventatlas.geo.normalize import normalize

    return _ARTICLES.sub("", normalize(suffix_feature(name.strip())[0] or name))


def run_pipeline(rows: list[NoteRow], progress: bool = True) -> list[list[dict[str, Any]]]:
    """The events the pipeline codes for each row's notes (dicts in the output contract)."""
    from eventatlas.models import Document
    from eventatlas.pipeline import default_pipeline

    pipeline = default_pipeline()
    documents = [
        Document(text=article_text(row.notes), published=_day_after(row.event_date), source=row.id)
        for row in rows
    ]
    out: list[list[dict[str, Any]]] = []
    for number, result in enumerate(pipeline.process_many(documents), start=1):
        out.append(result.to_dict()["events"])
        if progress and number % 50 == 0:
            print(f"  coded {number}/{len(rows)} rows", file=sys.stderr, flush=True)
    return out


def _day_after(iso: Optional[str]) -> Optional[str]:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat() if iso else None


# -- report --------------------------------------------------------------------------------

@dataclass
class NotesReport:
    scores: list[RowScore]

    def rate(self, check: str, group: Optional[str] = None) -> float:
        scores = self.group(group)
        return sum(s.checks.get(check, False) for s in scores) / len(scores) if scores else 0.0

    def group(self, event_type: Optional[str]) -> list[RowScore]:
        if event_type is None:
            return self.scores
        return [s for s in self.scores if s.row.fields.get("event_type") == event_type]

    @property
    def blunders(self) -> int:
        return sum(s.blunders for s in self.scores)

    def median_km(self) -> Optional[float]:
        distances = [s.km for s in self.scores if s.km is not None]
        return statistics.median(distances) if distances else None

    def confusions(self, top: int = 12) -> list[tuple[tuple[str, str], int]]:
        pairs = Counter(
            (s.row.fields.get("sub_event_type", ""), s.best.get("sub_event_type", "") if s.best else "(none)")
            for s in self.scores
            if not s.checks.get("sub_event_type")
        )
        return pairs.most_common(top)


def print_report(report: NotesReport, console: Console) -> None:
    types = sorted({s.row.fields.get("event_type", "") for s in report.scores})
    table = Table(title=f"ACLED-style events: {len(report.scores)} rows")
    table.add_column("measure")
    table.add_column("all", justify="right")
    for event_type in types:
        table.add_column(_short(event_type), justify="right")
    table.add_row("rows", str(len(report.scores)), *[str(len(report.group(t))) for t in types])
    for check in CHECKS:
        table.add_row(check, f"{report.rate(check):.3f}", *[f"{report.rate(check, t):.3f}" for t in types])
    console.print(table)
    median = report.median_km()
    console.print(f"median km (events with a place): {median:.1f}" if median is not None else "median km: n/a")
    console.print(f"blunders (events > {BLUNDER_KM:.0f} km from the coded place): {report.blunders}")
    console.print("most frequent sub-type confusions (gold -> predicted):")
    for (gold, predicted), count in report.confusions():
        console.print(f"  {count:4d}  {gold} -> {predicted}")


def _short(event_type: str) -> str:
    return {"Explosions/Remote violence": "Explosions", "Violence against civilians": "VAC",
            "Strategic developments": "Strategic"}.get(event_type, event_type)


def write_predictions(path: Path, report: NotesReport) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            for score in report.scores:
                handle.write(json.dumps(_prediction_record(score), ensure_ascii=False) + "\n")
    except OSError as error:
        raise InputError(str(path), f"cannot write predictions ({error.strerror})") from None


def _prediction_record(score: RowScore) -> dict[str, Any]:
    keys = ("event_type", "sub_event_type", "event_date", "actor1", "inter1", "actor2", "inter2", "country",
            "country_code", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
            "time_precision", "fatalities")
    best = score.best or {}
    return {
        "id": score.row.id,
        "notes": score.row.notes,
        "gold": {k: score.row.fields.get(k) for k in keys},
        "predicted": {k: best.get(k) for k in keys} if score.best else None,
        "n_events": score.n_events,
        "km": None if score.km is None else round(score.km, 1),
        "checks": score.checks,
        "blunders": score.blunders,
    }


def evaluate(rows: Iterable[NoteRow]) -> NotesReport:
    rows = list(rows)
    return NotesReport([score_row(row, events) for row, events in zip(rows, run_pipeline(rows))])


def notes_command(
    file: Annotated[Path, typer.Argument(help="ACLED-style CSV with notes and codes (e.g. notes_dev.csv).")],
    part: Annotated[str, typer.Option("--part", help="tune, test or all rows of the fixed development split.")] = "all",
    predictions: Annotated[
        Optional[Path], typer.Option("--predictions", help="Write row-by-row results here (JSONL).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Score only the first N rows (0: all).")] = 0,
) -> None:
    """Score the pipeline on ACLED-style coded events: detection, type, place, date, actors, fatalities."""
    console = report_console()
    check_part(part)
    rows, skipped = read_notes(file)
    for reason in skipped[:10]:
        console.print(f"[yellow]skipped[/yellow] {file}: {reason}")
    rows = select(rows, key=lambda row: row.id, part=part, corpus=CORPUS)
    if limit > 0:
        rows = rows[:limit]
    console.print(f"{file}: {len(rows)} rows (part {part}); publication date = event_date + 1 day")
    report = evaluate(rows)
    print_report(report, console)
    if predictions:
        write_predictions(predictions, report)
        console.print(f"row-by-row results written to {predictions}")

