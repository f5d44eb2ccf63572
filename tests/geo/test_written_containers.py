"""Containers written around a name: a country's possessive, a region after a town, an
appositive that anchors a town to a city."""

from eventatlas.geo import geoparse
from eventatlas.models import Document


def _places(text: str) -> dict[str, tuple]:
    return {p.mention.text: (p.name, p.country_code, p.admin1) for p in geoparse(Document(text=text))}


def test_a_country_s_possessive_holds_the_name():
    places = _places("Fighters attacked an army base in Colombia's Catatumbo region on Tuesday.")
    assert places["Catatumbo"][1] != "VE"  # not Venezuela's municipality of that name
    assert _places("Gunmen attacked a village in Nigeria's northwestern Zamfara state.")["Zamfara"][1] == "NG"


def test_a_town_anchored_to_a_city_by_an_appositive_is_the_one_near_it():
    text = "The violence broke out in Sherpur, a town about 25 km south of the city of Bogura, on Tuesday."
    assert _places(text)["Sherpur"][1:] == ("BD", "Rajshahi")  # not the bigger Sherpur in Mymensingh
