
from typer.testing import CliRunner

from eventatlas.geo.cli import gazetteer_app
from eventatlas.geo.gazetteer import Gazetteer
from tests.geo.gazetteer_fixtures import write_tiny_dump

runner = CliRunner()


def test_build_from_geonames_dump_and_lookup(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(tmp_path / "data"))
    dump = write_tiny_dump(tmp_path)
    result = runner.invoke(gazetteer_app, ["build", "--geonames", str(dump)])
    assert result.exit_code == 0, result.output
    assert "GeoNames" in result.output and "CC BY 4.0" in result.output
    again = runner.invoke(gazetteer_app, ["build"])
    assert "already built" in again.output

    result = runner.invoke(gazetteer_app, ["lookup", "Mazar-i-Sharif"])
    assert result.exit_code == 0 and "Balkh" in result.output
    # not a terminal: whole values, tab-separated, a header first (``lookup X | cut -f2`` works)
    header, first = result.output.splitlines()[:2]
    assert header.split("\t")[:3] == ["geonameid", "name", "code"]
    assert first.split("\t")[1] == "Mazār-e Sharīf" and len(first.split("\t")) == 10
    result = runner.invoke(gazetteer_app, ["lookup", "Qwzxville"])
    assert result.exit_code == 1 and "no place" in result.output
    Gazetteer._instances.pop(str(tmp_path / "data" / "gazetteer.sqlite"), None)


def test_build_reports_a_bad_dump_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(gazetteer_app, ["build", "--geonames", str(tmp_path / "missing.zip")])
    assert result.exit_code == 2
    assert "missing.zip" in result.output and "Traceback" not in result.output
