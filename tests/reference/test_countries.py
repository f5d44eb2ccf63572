import pytest

from eventatlas.reference import (
    acled_region,
    countries,
    country,
    demonym_country,
    find_country,
    neighbours,
    place_kind,
)
from eventatlas.reference.countries import UnknownCountry


def test_every_country_has_codes_and_names():
    table = countries()
    assert len(table) > 240
    codes = [c.code for c in table]
    assert len(codes) == len(set(codes))
    for item in table:
        assert len(item.code) == 2 and item.name and item.acled_name


@pytest.mark.parametrize("key", ["CD", "cd", "COD", "Democratic Republic of Congo", "Democratic Republic of the Congo", "DRC", "DR Congo", "Congolese"])
def test_one_country_under_every_name(key):
    assert country(key).code == "CD"
    assert country(key).acled_name == "Democratic Republic of Congo"


def test_acled_names_and_common_aliases():
    assert country("PS").acled_name == "Palestine"
    assert country("Burma").code == "MM"
    assert country("U.S.").code == "US"
    assert country("Ivory Coast").code == "CI"
    assert country("XK").name == "Kosovo"


def test_demonyms_and_plurals():
    assert demonym_country("Afghans").code == "AF"
    assert demonym_country("Chinese").code == "CN"
    assert demonym_country("Kenya") is None  # a name, not a demonym
    assert find_country("Atlantis") is None
    with pytest.raises(UnknownCountry):
        country("Atlantis")


def test_acled_region_covers_every_country():
    assert acled_region("SD") == "Northern Africa" and acled_region("South Sudan") == "Eastern Africa"
    assert acled_region("MX") == "Central America" and acled_region("Iran") == "Middle East"
    assert acled_region("GE") == "Caucasus and Central Asia" and acled_region("RU") == "Europe"
    assert acled_region(None) == "" and acled_region("Atlantis") == ""
    assert all(acled_region(item.code) for item in countries())


def test_neighbours_and_points():
    assert "UG" in neighbours("KE") and "KE" in neighbours("UG")
    kenya = country("KE")
    assert -5 < kenya.latitude < 5 and 33 < kenya.longitude < 42


@pytest.mark.parametrize("code, klass, kind", [
    ("PCLI", "A", "country"), ("ADM1", "A", "admin1"), ("ADM2", "A", "admin2"), ("ADM3", "A", "admin2"),
    ("PPLC", "P", "place"), ("PPL", "P", "place"), ("MTS", "T", "feature"), ("CONT", "L", "continent"), (None, None, "feature"),
])
def test_place_kind(code, klass, kind):
    assert place_kind(code, klass) == kind
