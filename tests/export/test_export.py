"""Exports: ACLED columns and codes, GeoJSON, JSON Lines, Parquet, and the CLI command."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventatlas.export import (
    ACLED_COLUMNS,
    acled_row,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from eventatlas.models import Event, Span

ACLED_ORDER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


def sample_events():
    return [
        Event(event_id="e1", event_type="Violence against civilians", sub_event_type="Attack", event_date="2024-02-03",
              time_precision=1, actor1="Hill Militia", inter1="Identity militia", actor2="Civilians (Kenya)",
              inter2="Civilians", country="Kenya", country_code="KE", location="Town, \"North\"", latitude=1.5,
              longitude=36.1, geo_precision=2, fatalities=4, notes="Gunmen attacked, villagers said.",
              evidence=[Span(text="Gunmen attacked", start=0, end=15)]),
        Event(event_id="e2", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Chile)",
              inter1="Protesters", crowd_size_text="thousands", country="Chile", country_code="CL"),
    ]


def test_acled_csv_columns_order_and_codes():
    assert ACLED_COLUMNS == ACLED_ORDER
    out = io.StringIO()
    assert write_acled_csv(sample_events(), out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    first, second = rows
    assert first["year"] == "2024" and first["disorder_type"] == "Political violence"
    assert first["inter1"] == "Identity militia" and first["interaction"] == "Identity militia-Civilians"
    assert first["civilian_targeting"] == "Civilian targeting" and first["iso"] == "404"
    assert first["region"] == "Eastern Africa"
    assert first["location"] == 'Town, "North"' and first["fatalities"] == "4"
    assert second["interaction"] == "Protesters only" and second["tags"] == "crowd size=thousands"
    assert second["disorder_type"] == "Demonstrations" and second["latitude"] == ""
    numbers = acled_row(sample_events()[0].model_dump(mode="json"), inter_style="numbers")
    assert numbers[ACLED_COLUMNS.index("inter1")] == "4" and numbers[ACLED_COLUMNS.index("interaction")] == "47"


def test_geojson_and_jsonl():
    out = io.StringIO()
    assert write_geojson(sample_events(), out) == 2
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [36.1, 1.5]}
    assert collection["features"][1]["geometry"] is None
    empty = io.StringIO()
    assert write_geojson([], empty) == 0 and json.loads(empty.getvalue())["features"] == []
    lines = io.StringIO()
    assert write_jsonl(sample_events(), lines) == 2
    assert [json.loads(line)["event_id"] for line in lines.getvalue().splitlines()] == ["e1", "e2"]


def test_parquet_in_row_groups(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert write_parquet((e for e in sample_events() * 5), path, batch_size=3) == 10
    table = pq.read_table(path)
    assert table.num_rows == 10 and pq.ParquetFile(path).num_row_groups == 4
    assert table.column("evidence")[0].as_py() == [{"text": "Gunmen attacked", "start": 0, "end": 15}]
    assert str(table.schema.field("event_date").type) == "date32[day]"


@pytest.fixture()
def db_url(tmp_path):
    from eventatlas.api.synthetic import seed_database
    from eventatlas.store.db import get_engine, init_db

    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = get_engine(url)
    init_db(engine)
    seed_database(engine, 120, seed=4)
    engine.dispose()
    return url


def run_cli(*args):
    import typer
    from typer.testing import CliRunner

    from eventatlas.export.cli import export_command

    app = typer.Typer()
    app.command()(export_command)
    return CliRunner().invoke(app, list(args))


def test_export_command(db_url, tmp_path):
    result = run_cli("--db", db_url, "--unit", "reports", "--event-type", "Battles")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ACLED_COLUMNS and rows[1:] and {r[5] for r in rows[1:]} == {"Battles"}
    out = tmp_path / "e.geojson"
    assert run_cli("--db", db_url, "--unit", "reports", "-f", "geojson", "-o", str(out), "--country", "CN").exit_code == 0
    assert all(f["properties"]["country_code"] == "CN" for f in json.loads(out.read_text())["features"])
    parquet = tmp_path / "e.parquet"
    assert run_cli("--db", db_url, "--unit", "reports", "-f", "parquet", "-o", str(parquet)).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == 120


def test_export_command_errors_name_the_input(db_url, tmp_path):
    from eventatlas.errors import InputError

    for args, source in (
        (("--db", db_url, "--bbox", "1,2"), "--bbox"),
        (("--db", db_url, "-f", "parquet"), "--output"),
        (("--db", f"sqlite:///{tmp_path / 'none.db'}",), "none.db"),
        (("--db", db_url, "--sort", "colour"), "--sort"),
        (("--db", db_url, "--unit", "stories"), "--unit"),
    ):
        result = run_cli(*args)
        assert isinstance(result.exception, InputError), (args, result.output)
        assert source in str(result.exception)


def test_export_writes_incidents_by_default_with_their_sources(tmp_path):
    from eventatlas.store.db import get_engine, init_db
    from eventatlas.store.write import save_result
    from tests.store.conftest import make_result

    url = f"sqlite:///{tmp_path / 'incidents.db'}"
    engine = get_engine(url)
    init_db(engine)
    story = "Teachers marched through central Kabul demanding unpaid salaries from the ministry"
    for outlet in ("one.example", "two.example"):
        save_result(engine, make_result(f"{story}. At {outlet}.", url=f"https://{outlet}/a", events=1, non_events=0))
    engine.dispose()
    rows = list(csv.DictReader(io.StringIO(run_cli("--db", url).stdout)))
    assert len(rows) == 1 and set(rows[0]["source"].split("; ")) == {"one.example", "two.example"}
    assert rows[0]["country"] == "Afghanistan" and rows[0]["inter1"] == "Protesters"
    reports = list(csv.DictReader(io.StringIO(run_cli("--db", url, "--unit", "reports").stdout)))
    assert len(reports) == 2
    lines = run_cli("--db", url, "-f", "jsonl").stdout.splitlines()
    record = json.loads(lines[0])
    assert record["n_reports"] == 2 and {s["outlet"] for s in record["sources"]} == {"one.example", "two.example"}
    parquet = tmp_path / "i.parquet"
    assert run_cli("--db", url, "-f", "parquet", "-o", str(parquet)).exit_code == 0


def test_a_format_whose_library_is_absent_says_which_extra_to_install(monkeypatch, db_url):
    import importlib.util

    from eventatlas.export.formats import FORMATS

    assert FORMATS["parquet"].missing() is None and FORMATS["jsonl"].missing() is None
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    assert FORMATS["parquet"].missing() == "parquet needs pyarrow: pip install 'eventatlas[parquet]'"
    result = run_cli("--db", db_url, "-f", "parquet", "-o", "out.parquet")
    assert "eventatlas[parquet]" in str(result.exception)
