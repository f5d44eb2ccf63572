"""A peer geoparser's public test suite, ported as data (``peer_cases.json``: Mordecai 3 and
Mordecai 2 asserts), scored on EventAtlas's output.

Toponym asserts run ``geoparse`` on the assert's text and look at the place whose mention
overlaps the named occurrence; event-location asserts run ``extract`` and look at the events of
the listed ACLED types. The scoring rule is the file's own (``scoring``): a GeoNames id must match
when the assert names one; otherwise the country, and the point within 50 km.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Callable

import typer
from rich.console import Console

from eventatlas.errors import InputError

WITHIN_KM = 50.0


@dataclass
class PeerResult:
    case_id: str
    check: str
    passed: bool
    detail: str = ""


def read_cases(path: Path) -> list[dict[str, Any]]:
    """The scored asserts of a peer-suite file (``scored: false`` ones are listed there, not counted)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        asserts = data["asserts"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(str(path), f"not a peer-suite file ({error})") from error
    return [case for case in asserts if case.get("scored", True) is not False]


def _near(place: Any, expect: dict[str, Any]) -> bool:
    from eventatlas.geo.resolve import haversine_km

    lat, lon = _coordinates(place)
    if lat is None or _country(place) != expect.get("country"):
        return False
    if expect.get("lat") is None:
        return True
    return haversine_km(lat, lon, expect["lat"], expect["lon"]) <= WITHIN_KM


def _coordinates(place: Any) -> tuple[float | None, float | None]:
    return getattr(place, "latitude", None), getattr(place, "longitude", None)


def _country(place: Any) -> str | None:
    return getattr(place, "country_code", None)


def _kind_matches(place: Any, code: str | None) -> bool:
    from eventatlas.reference import place_kind

    if not code:
        return True
    return place_kind(place.feature_code, place.feature_class) == place_kind(code, "P" if code.startswith("PPL") else "A")


def _place_passes(place: Any, case: dict[str, Any]) -> bool:
    expect = case["expect"]
    asserted = case.get("asserted") or []
    if "geonameid" in asserted and expect.get("geonameid"):
        return place.geonameid == expect["geonameid"]
    if not _near(place, expect):
        return False
    if "admin1" in asserted and expect.get("admin1") and (place.admin1 or "").casefold() != expect["admin1"].casefold():
        return False
    return "feature_code" not in asserted or _kind_matches(place, expect.get("feature_code"))


def _occurrence(text: str, name: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(1, occurrence)):
        start = text.find(name, start + 1)
        if start < 0:
            return None
    return start, start + len(name)


def _places(text: str) -> list[Any]:
    from eventatlas.geo import geoparse
    from eventatlas.models import Document
    from eventatlas.nlp import parse

    document = Document(text=text)
    parse(document)
    return [p for p in geoparse(document) if p.latitude is not None]


def _place_at(text: str, case: dict[str, Any]) -> Any:
    span = _occurrence(text, case["toponym"], case.get("occurrence", 1))
    if span is None:
        return None
    return next((p for p in _places(text) if p.mention and p.mention.start < span[1] and span[0] < p.mention.end), None)


def _check_place(case):
    place = _place_at(case["text"], case)
    return place is not None and _place_passes(place, case), _describe(place)


def _check_unresolved(case):
    place = _place_at(case["text"], case)
    return place is None, _describe(place)


def _check_not_in(case):
    place = _place_at(case["text"], case)
    inside = place is not None and _country(place) == case.get("country") and (place.admin1 or "") == case.get("admin1")
    return not inside, _describe(place)


def _check_no_places(case):
    places = _places(case["text"])
    return not places, ", ".join(p.name for p in places)


def _check_min_places(case):
    places = _places(case["text"])
    return len(places) >= case.get("min", 1), f"{len(places)} places"


def _check_span(case):
    spans = [(p.mention.start, p.mention.end) for p in _places(case["text"]) if p.mention]
    return (case["start"], case["end"]) in spans, str(spans)


def _events(text: str, types: list[str] | None) -> list[Any]:
    from eventatlas import extract

    events = extract(text).events
    return [e for e in events if types is None or e.event_type in types]


def _check_event_location(case):
    events = _events(case["text"], case.get("acled_types"))
    expected = case.get("expect_places") or []
    located = [e for e in events if e.latitude is not None]
    if case.get("require") == "some":
        passed = all(any(_near(e, place) for e in located) for place in expected)
    else:
        passed = bool(events) and all(any(_near(e, place) for place in expected) for e in events) \
            and all(any(_near(e, place) for e in located) for place in expected)
    return passed, "; ".join(f"{e.event_type} @ {e.location}" for e in events)


def _check_no_event_location(case):
    events = _events(case["text"], None)
    return all(e.latitude is None for e in events), "; ".join(f"{e.event_type} @ {e.location}" for e in events)


CHECKS: dict[str, Callable[[dict[str, Any]], tuple[bool, str]]] = {
    "place": _check_place, "unresolved": _check_unresolved, "not_in": _check_not_in,
    "no_places": _check_no_places, "min_places": _check_min_places, "span": _check_span,
    "event_location": _check_event_location, "no_event_location": _check_no_event_location,
}


def _describe(place: Any) -> str:
    if place is None:
        return "no place"
    return f"{place.name} ({place.country_code}, {place.geonameid})"


def score_cases(cases: list[dict[str, Any]]) -> list[PeerResult]:
    """One result per scored assert."""
    results = []
    for case in cases:
        check = CHECKS.get(case.get("check", ""))
        if check is None:
            results.append(PeerResult(case.get("id", "?"), case.get("check", "?"), False, "unknown check"))
            continue
        passed, detail = check(case)
        results.append(PeerResult(case["id"], case["check"], passed, detail))
    return results


def peer_geo_command(
    cases: Annotated[Path, typer.Argument(help="peer suite as data (e.g. ../shared/eval/geo/peer_cases.json)")],
    verbose: Annotated[bool, typer.Option("--verbose", help="list every failed assert")] = False,
) -> None:
    """Score a peer geoparser's ported test asserts and print the pass rate."""
    results = score_cases(read_cases(cases))
    console = Console()
    passed = sum(r.passed for r in results)
    by_check: dict[str, list[PeerResult]] = {}
    for result in results:
        by_check.setdefault(result.check, []).append(result)
    for check, items in sorted(by_check.items()):
        console.print(f"{check:>18}: {sum(r.passed for r in items)}/{len(items)}")
    console.print(f"peer asserts passed: {passed}/{len(results)} ({100 * passed / max(1, len(results)):.1f}%)")
    if verbose:
        for result in results:
            if not result.passed:
                console.print(f"  FAIL {result.case_id}: {result.detail}")


__all__ = ["PeerResult", "peer_geo_command", "read_cases", "score_cases"]
