"""Score extracted events against a hand-coded ACLED-style reference (the ``gold.json`` format).

A reference file lists ``required``, ``expected`` and ``optional`` events and a scoring rule:
an extracted event matches a reference event when event_type, sub_event_type (any listed
value) and location (within ``max_km`` of the reference point) agree and the event's evidence
contains ``evidence_contains``. Each reference matches at most one extracted event. Precision
counts every extracted event that matches no reference and no ``optional`` item as a false
positive; an optional item that carries only a note cannot be matched by a program, so events it
might describe are listed for a reader.

Two optional additions to the format: ``forbidden_countries`` (ISO alpha-2 codes where no event
may be located) and ``optional`` items with event_type/sub_event_type/location/evidence_contains,
matched by the same rule.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from eventatlas.geo.resolve import haversine_km


def default_seed_dir() -> Path:
    shared = os.environ.get("EVENTATLAS_SHARED")
    base = Path(shared) if shared else Path.cwd().parent / "shared"
    return base / "seed"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _evidence_text(event: dict[str, Any]) -> str:
    return " ".join(span.get("text", "") for span in event.get("evidence") or [])


def matches(event: dict[str, Any], reference: dict[str, Any]) -> bool:
    """The reference file's scoring rule for one (extracted, reference) pair."""
    if event.get("event_type") not in _as_list(reference.get("event_type")):
        return False  # a list accepts either type (a protest some of whose marchers threw stones)
    if event.get("sub_event_type") not in _as_list(reference.get("sub_event_type")):
        return False
    place = reference.get("location")
    if place:
        lat, lon = event.get("latitude"), event.get("longitude")
        if lat is None or lon is None:
            return False
        if haversine_km(lat, lon, place["lat"], place["lon"]) > place.get("max_km", 25):
            return False
    needle = reference.get("evidence_contains")
    return not needle or needle in _evidence_text(event)


def field_agreement(event: dict[str, Any], reference: dict[str, Any]) -> dict[str, bool]:
    """For a matched pair, which of the reference's other fields the extraction got right."""
    checks: dict[str, bool] = {}
    if "event_date" in reference:
        checks["event_date"] = event.get("event_date") in _as_list(reference["event_date"])
    if "geo_precision" in reference:
        checks["geo_precision"] = event.get("geo_precision") in _as_list(reference["geo_precision"])
    if "certainty" in reference:
        checks["certainty"] = event.get("certainty") in _as_list(reference["certainty"])
    if "actor1_contains" in reference:
        actor = event.get("actor1") or ""
        checks["actor1"] = any(part in actor for part in _as_list(reference["actor1_contains"]))
    if "claimed_by_contains" in reference:
        checks["claimed_by"] = reference["claimed_by_contains"] in (event.get("claimed_by") or "")
    if "crowd_size_text" in reference:
        checks["crowd_size_text"] = (event.get("crowd_size_text") or "").lower() == reference["crowd_size_text"].lower()
    place = reference.get("location") or {}
    if "country_code" in place:
        checks["country_code"] = event.get("country_code") == place["country_code"]
    if "admin1" in place:
        checks["admin1"] = event.get("admin1") == place["admin1"]
    return checks


@dataclass
class ReferenceReport:
    matched: list[tuple[str, str, dict[str, bool]]] = field(default_factory=list)  # (ref id, event id, fields)
    missing_required: list[str] = field(default_factory=list)
    missing_expected: list[str] = field(default_factory=list)
    unmatched_events: list[dict[str, Any]] = field(default_factory=list)  # false positives
    optional_hits: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    forbidden_country_events: list[dict[str, Any]] = field(default_factory=list)
    n_reference: int = 0  # required + expected
    n_required: int = 0

    @property
    def matched_required(self) -> int:
        return self.n_required - len(self.missing_required)

    @property
    def recall(self) -> float:
        return len(self.matched) / self.n_reference if self.n_reference else 1.0

    @property
    def precision(self) -> float:
        extracted = len(self.matched) + len(self.unmatched_events)
        return len(self.matched) / extracted if extracted else 0.0


def score_events(events: list[dict[str, Any]], reference: dict[str, Any]) -> ReferenceReport:
    """Match extracted events (dicts in the output contract) to a reference coding. Events
    marked ``background`` (past events recalled, not reported as new) are not scored."""
    report = ReferenceReport(n_required=len(reference.get("required", [])))
    forbidden = set(reference.get("forbidden_countries", []))
    report.forbidden_country_events = [event for event in events if event.get("country_code") in forbidden]
    events = [event for event in events if not event.get("background")]
    used: set[int] = set()
    for tier in ("required", "expected"):
        for ref in reference.get(tier, []):
            report.n_reference += 1
            candidates = [i for i, event in enumerate(events) if i not in used and matches(event, ref)]
            if not candidates:
                (report.missing_required if tier == "required" else report.missing_expected).append(ref["id"])
                continue
            # Prefer the candidate that also gets the most other fields right.
            best = max(candidates, key=lambda i: sum(field_agreement(events[i], ref).values()))
            used.add(best)
            report.matched.append((ref["id"], events[best].get("event_id", ""), field_agreement(events[best], ref)))
    optional = [item for item in reference.get("optional", []) if "event_type" in item and "sub_event_type" in item]
    used_optional: set[str] = set()
    for i, event in enumerate(events):
        if i in used:
            continue
        hit = next((item for item in optional if item["id"] not in used_optional and matches(event, item)), None)
        if hit:
            used_optional.add(hit["id"])
            report.optional_hits.append((hit["id"], event))
        else:
            report.unmatched_events.append(event)
    return report


def score_article(article: Path, gold: Path, published: str | None = None) -> ReferenceReport:
    """Run the pipeline on one article file and score it against its reference coding."""
    from eventatlas.pipeline import extract_file

    reference = json.loads(gold.read_text("utf-8"))
    result = extract_file(str(article), published=published or reference.get("published"))
    return score_events(result.to_dict()["events"], reference)


def print_report(report: ReferenceReport, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title="Reference events")
    table.add_column("reference")
    table.add_column("matched event")
    table.add_column("fields right")
    for ref_id, event_id, fields in report.matched:
        right = ", ".join(f"{name}{'' if ok else ' ✗'}" for name, ok in fields.items())
        table.add_row(ref_id, event_id, right)
    for ref_id in report.missing_required:
        table.add_row(ref_id, "[red]missing (required)[/red]", "")
    for ref_id in report.missing_expected:
        table.add_row(ref_id, "[yellow]missing (expected)[/yellow]", "")
    console.print(table)
    for event in report.unmatched_events:
        console.print(
            f"unmatched: {event.get('sub_event_type')} at {event.get('location')} "
            f"({event.get('event_date')}): {_evidence_text(event)[:100]!r}"
        )
    console.print(
        f"precision {report.precision:.2f}  recall {report.recall:.2f}  "
        f"(matched {len(report.matched)} of {report.n_reference} required+expected; "
        f"{len(report.unmatched_events)} unmatched extracted events)"
    )
