"""``eventatlas eval articles``: whole-article scoring over a folder of coded articles."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventatlas.cli import app
from eventatlas.errors import InputError
from eventatlas.eval.articles import article_pairs, evaluate

ARTICLE = (
    "Teachers march in Nairobi\n\n"
    "NAIROBI - Hundreds of teachers marched peacefully through central Nairobi on Monday to demand "
    "unpaid salaries, chanting and carrying placards.\n"
)
CODING = {
    "published": "2021-03-02",
    "required": [{
        "id": "march", "event_type": "Protests", "sub_event_type": ["Peaceful protest"],
        "location": {"name": "Nairobi", "country_code": "KE", "lat": -1.2833, "lon": 36.8167, "max_km": 25},
        "evidence_contains": "Hundreds of teachers marched",
    }],
    "expected": [], "optional": [],
}
ORDINARY = "Local team wins the cup\n\nThe home side won the regional cup final 3-1 on Saturday.\n"


def test_pairs_and_missing_folder(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.json").write_text(json.dumps(CODING))
    (tmp_path / "lonely.txt").write_text(ORDINARY)
    pairs, skipped = article_pairs(tmp_path)
    assert [p[0].name for p in pairs] == ["a.txt"] and "lonely.txt" in skipped[0]
    with pytest.raises(InputError, match="no such folder"):
        article_pairs(tmp_path / "nope")


def test_scores_a_folder(tmp_path, pipeline):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.json").write_text(json.dumps(CODING))
    (tmp_path / "b.txt").write_text(ORDINARY)
    (tmp_path / "b.json").write_text(json.dumps({"published": "2021-03-02", "required": [], "expected": []}))
    report = evaluate(tmp_path)
    assert report.n_required == 1 and report.found_required == 1
    assert len(report.empty_articles) == 1 and not report.empty_with_events
    result = CliRunner().invoke(app, ["eval", "articles", str(tmp_path)])
    assert result.exit_code == 0 and "required found 1/1" in result.output
