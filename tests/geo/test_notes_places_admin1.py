"""``eval notes`` reads a first-level division named the way conflict monitors name it: after its
main city, or split by a compass word (own tiny gazetteer)."""

from functools import lru_cache
from pathlib import Path

import pytest

from eventatlas.eval import notes
from eventatlas.geo.gazetteer import Gazetteer
from tests.geo.gazetteer_fixtures import gazetteer_from_rows

# geonameid, name, alternatenames, lat, lon, fclass, fcode, cc, admin1, admin2, population
ROWS = [
    (630336, "Belarus", "", 53.0, 28.0, "A", "PCLI", "BY", "00", "", 9485386),
    (629634, "Grodnenskaya Voblasts", "Hrodzyenskaya", 53.5, 25.0, "A", "ADM1", "BY", "03", "", 1000000),
    (627904, "Hrodna", "Grodno", 53.6884, 23.8258, "P", "PPL", "BY", "03", "", 370919),
    (625143, "Minskaya Voblasts", "", 53.75, 27.75, "A", "ADM1", "BY", "05", "", 1400000),
    (9900201, "Lida", "", 53.8885, 25.2846, "P", "PPL", "BY", "03", "", 100000),
    (1327865, "Myanmar", "Burma", 21.0, 96.0, "A", "PCLI", "MM", "00", "", 54000000),
    (1297099, "Sagaing", "Sagaing Region", 22.5, 95.5, "A", "ADM1", "MM", "17", "", 5300000),
    (1321702, "Kachin", "Kachin State", 26.0, 97.5, "A", "ADM1", "MM", "04", "", 1600000),
]


@lru_cache(maxsize=1)
def _gazetteer_path() -> Path:
    return gazetteer_from_rows(ROWS, "ea-notes-admin1-gaz-")


@pytest.fixture()
def tiny(monkeypatch):
    gazetteer = Gazetteer(_gazetteer_path())
    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls, path=None: gazetteer))
    monkeypatch.setattr(notes, "_DIVISIONS", {})
    return gazetteer


def test_a_division_named_after_its_main_city(tiny):
    assert notes._same_name("Grodnenskaya Voblasts", "Grodno", "BY")
    assert not notes._same_name("Minskaya Voblasts", "Grodno", "BY")
    assert not notes._same_name("Grodnenskaya Voblasts", "Lida", "BY")  # a large town the division is not named after


def test_a_division_split_by_a_compass_word_is_read_as_the_whole(tiny):
    assert notes._same_name("Kachin", "Kachin-North", "MM")
    assert notes._same_name("Kachin", "Kachin-South", "MM")
    assert not notes._same_name("Sagaing", "Kachin-North", "MM")
