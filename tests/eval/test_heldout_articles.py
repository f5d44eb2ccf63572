"""End-to-end check that the pipeline generalizes beyond the founding article.

``tests/data/articles/`` holds eight short news articles written for the project (Nigeria, Sudan,
Kenya, Ukraine, Myanmar, Pakistan, Colombia, Syria) with a hand-coded reference in the seed's
``gold.json`` format, written from the text before the pipeline was run on it. Each article is
run through ``eventatlas.pipeline.extract_file`` and scored with
``eventatlas.eval.reference.score_events``; the per-article and aggregate figures are PRINTED
(run with ``-s``) so the team sees where the pipeline is article-specific.

Only a modest floor is asserted (recall over the required events, and no event in a country the
reference lists under ``forbidden_countries``), so the test stays green while the figures move.

The reference format (with its optional ``forbidden_countries`` and matchable ``optional``
items) is scored by ``eventatlas.eval.reference.score_events``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from eventatlas.eval.reference import ReferenceReport, score_events

ARTICLES_DIR = Path(__file__).resolve().parents[1] / "data" / "articles"
ARTICLES = sorted(path for path in ARTICLES_DIR.glob("*.txt") if path.with_suffix(".gold.json").is_file())

# Floors, deliberately modest: the figures are the point, the assertion only catches collapse.
MIN_REQUIRED_RECALL = 0.5


def _evidence(event: dict[str, Any]) -> str:
    return " ".join(span.get("text", "") for span in event.get("evidence") or [])


@dataclass
class ArticleScore:
    name: str
    report: ReferenceReport

    @property
    def precision(self) -> float:
        return self.report.precision

    @property
    def required_recall(self) -> float:
        report = self.report
        return report.matched_required / report.n_required if report.n_required else 1.0


def score_article(path: Path) -> ArticleScore:
    from eventatlas.pipeline import extract_file

    gold = json.loads(path.with_suffix(".gold.json").read_text("utf-8"))
    events = extract_file(str(path), published=gold["published"]).to_dict()["events"]
    return ArticleScore(path.stem, score_events(events, gold))


def _describe(event: dict[str, Any]) -> str:
    return (
        f"{event.get('event_type')}/{event.get('sub_event_type')} at {event.get('location')} "
        f"{'(background) ' if event.get('background') else ''}"
        f"[{event.get('country_code')}] {event.get('event_date')} ({event.get('certainty')}): "
        f"{_evidence(event)[:110]!r}"
    )


def print_score(score: ArticleScore) -> None:
    report = score.report
    print(
        f"\n== {score.name}: precision {score.precision:.2f}  recall {report.recall:.2f} "
        f"(required {report.matched_required}/{report.n_required}, "
        f"required+expected {len(report.matched)}/{report.n_reference}, "
        f"{len(report.unmatched_events)} false positives, {len(report.optional_hits)} optional hits)"
    )
    for ref_id, _, fields in report.matched:
        wrong = [name for name, ok in fields.items() if not ok]
        print(f"   matched  {ref_id}" + (f"   fields wrong: {', '.join(wrong)}" if wrong else ""))
    for ref_id in report.missing_required:
        print(f"   MISSING required  {ref_id}")
    for ref_id in report.missing_expected:
        print(f"   missing expected  {ref_id}")
    for ref_id, event in report.optional_hits:
        print(f"   optional {ref_id}: {_describe(event)}")
    for event in report.unmatched_events:
        print(f"   UNMATCHED  {_describe(event)}")
    for event in report.forbidden_country_events:
        print(f"   FORBIDDEN COUNTRY  {_describe(event)}")


@pytest.fixture(scope="module")
def scores(pipeline) -> list[ArticleScore]:
    # The `pipeline` session fixture loads the spaCy model once for the whole run; extract_file
    # then reuses the process-wide default pipeline.
    return [score_article(path) for path in ARTICLES]


def test_articles_are_well_formed():
    assert len(ARTICLES) >= 8
    for path in ARTICLES:
        text = path.read_text("utf-8")
        lines = text.splitlines()
        assert lines[0].strip() and not lines[1].strip(), f"{path.name}: headline line, then a blank line"
        assert 150 <= len(text.split()) <= 400, f"{path.name}: 150-400 words"
        gold = json.loads(path.with_suffix(".gold.json").read_text("utf-8"))
        assert gold["published"] and gold["required"], path.name
        for ref in gold["required"] + gold.get("expected", []):
            assert ref["evidence_contains"] in text, f"{path.name}:{ref['id']}: evidence not in the text"
            assert {"lat", "lon", "max_km"} <= set(ref["location"]), f"{path.name}:{ref['id']}"


@pytest.mark.slow
def test_heldout_articles(scores: list[ArticleScore]):
    for score in scores:
        print_score(score)
    n_required = sum(s.report.n_required for s in scores)
    matched_required = sum(s.report.matched_required for s in scores)
    n_reference = sum(s.report.n_reference for s in scores)
    matched = sum(len(s.report.matched) for s in scores)
    false_positives = sum(len(s.report.unmatched_events) for s in scores)
    required_recall = matched_required / n_required
    recall = matched / n_reference
    precision = matched / (matched + false_positives) if matched + false_positives else 1.0
    macro_precision = sum(s.precision for s in scores) / len(scores)
    macro_recall = sum(s.report.recall for s in scores) / len(scores)
    print(
        f"\n== AGGREGATE over {len(scores)} articles: required recall {required_recall:.2f} "
        f"({matched_required}/{n_required}); recall {recall:.2f} ({matched}/{n_reference}); "
        f"precision {precision:.2f} ({matched}/{matched + false_positives}); "
        f"macro precision {macro_precision:.2f}, macro recall {macro_recall:.2f}"
    )
    no_place = sum(1 for s in scores for e in s.report.unmatched_events if e.get("latitude") is None)
    print(f"   of the {false_positives} false positives, {no_place} have no coordinates")
    forbidden = [(s.name, _describe(e)) for s in scores for e in s.report.forbidden_country_events]
    assert not forbidden, f"events located in a forbidden country: {forbidden}"
    assert required_recall >= MIN_REQUIRED_RECALL, (
        f"recall over required reference events {required_recall:.2f} < {MIN_REQUIRED_RECALL}"
    )
