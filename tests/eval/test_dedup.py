"""``eventatlas eval dedup``: clustering scores and the command, on invented documents.

The command test reads reports from a cache file written here, so no pipeline runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventatlas.cli import app
from eventatlas.errors import InputError
from eventatlas.eval.dedup import DedupDocument, bcubed, ceaf_e, pairwise, read_documents, score

GOLD = {"a": "1", "b": "1", "c": "2", "d": "3"}


def test_perfect_clustering_scores_one():
    scores = score({"a": "x", "b": "x", "c": "y", "d": "z"}, GOLD)
    assert scores.bcubed[2] == scores.ceaf_e[2] == scores.pairwise[2] == 1.0
    assert (scores.gold_clusters, scores.predicted_clusters) == (3, 3)


def test_singletons_have_full_precision_and_no_pairs():
    alone = {item: item for item in GOLD}
    precision, recall, _ = bcubed(alone, GOLD)
    assert precision == 1.0 and recall == pytest.approx((0.5 + 0.5 + 1 + 1) / 4)
    assert pairwise(alone, GOLD) == (0.0, 0.0, 0.0)


def test_one_big_cluster():
    together = {item: "all" for item in GOLD}
    precision, recall, _ = bcubed(together, GOLD)
    assert recall == 1.0 and precision == pytest.approx((0.5 + 0.5 + 0.25 + 0.25) / 4)
    p, r, _ = pairwise(together, GOLD)
    assert (p, r) == (pytest.approx(1 / 6), 1.0)
    # CEAF-e aligns the one cluster with the best gold incident: phi4 = 2*2/(4+2)
    assert ceaf_e(together, GOLD)[1] == pytest.approx((4 / 6) / 3)


def test_reader_skips_bad_lines(tmp_path: Path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "t", "incident_id": 1}\nnot json\n{"text": "no id"}\n', encoding="utf-8")
    documents, skipped = read_documents(path)
    assert [d.id for d in documents] == ["a"] and documents[0].gold == "1"
    assert len(skipped) == 2 and "docs.jsonl:2" in skipped[0]


def _report(document_id: str, evidence: str, published: str) -> dict:
    return {
        "report_id": f"{document_id}-e", "document_id": document_id, "event_type": "Violence against civilians",
        "sub_event_type": "Attack", "event_date": "2016-03-05", "time_precision": 1, "country_code": "US",
        "admin1": "Ohio", "location": "Toledo", "latitude": 41.66, "longitude": -83.56, "geonameid": 5174035,
        "geo_precision": 1, "actors": [], "fatalities": 1, "evidence": evidence, "published": published,
    }


ROWS = [
    ("a", "Jordan Pell was shot dead on Elm Street in Toledo", "2016-03-06", "1"),
    ("b", "Police named Jordan Pell, shot on Elm Street, Toledo", "2016-03-07", "1"),
    ("c", "A robbery at a gas station left a clerk wounded", "2016-03-06", "2"),
    ("d", "Nothing happened", "2016-03-06", "3"),
]


def _write_inputs(tmp_path: Path, rows, suffix: str = "") -> tuple[Path, Path]:
    data, cache = tmp_path / "docs.jsonl", tmp_path / "cache.jsonl"
    with data.open("w") as out, cache.open("w") as cached:
        for doc_id, text, published, gold in rows:
            out.write(json.dumps({"id": doc_id, "text": text, "published": published, "incident_id": gold}) + "\n")
            report = None if doc_id == "d" else _report(doc_id, text, published)
            text_hash = DedupDocument(doc_id, None, text, published, gold).text_hash + suffix
            cached.write(json.dumps({"id": doc_id, "text_hash": text_hash, "report": report}) + "\n")
    return data, cache


def test_command_links_documents_from_cached_reports(tmp_path: Path):
    data, cache = _write_inputs(tmp_path, ROWS)
    predictions = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(
        app, ["eval", "dedup", str(data), "--cache", str(cache), "--gate", "--predictions", str(predictions)]
    )
    assert result.exit_code == 0, result.output
    assert "B-cubed" in result.output and "3 predicted, 3 gold" in result.output
    assigned = {r["id"]: r["incident"] for r in map(json.loads, predictions.read_text().splitlines())}
    assert assigned["a"] == assigned["b"] != assigned["c"]


def test_ungated_reports_are_cached_apart(tmp_path: Path):
    data, cache = _write_inputs(tmp_path, ROWS, suffix="-ungated")
    result = CliRunner().invoke(app, ["eval", "dedup", str(data), "--cache", str(cache), "--part", "all"])
    assert result.exit_code == 0, result.output  # the gate is off unless asked for
    assert "relevance gate off" in result.output and "3 predicted, 3 gold" in result.output


def test_missing_file_is_one_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="absent.jsonl: no such file"):
        read_documents(tmp_path / "absent.jsonl")
