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


def test_a_written_distance_keeps_only_the_namesake_that_far_from_the_anchor():
    # two Sherpurs lie within a day's drive of Bogura; "25 km south" is the smaller one, not the
    # district town 70 km to the east, however often the story names it
    text = ("A man was killed when supporters of two parties fought in the Bangladesh district of Bogura.\n\n"
            "The violence broke out in Sherpur, a town about 25 km south of the city of Bogura. The officer in "
            "charge of Sherpur police station said shops were burned. Gatherings were banned in Sherpur.")
    readings = {(p.name, p.admin1) for p in geoparse(Document(text=text)) if p.mention.text == "Sherpur"}
    assert readings == {("Sherpur", "Rajshahi")}


def test_a_possessive_with_a_preposition_after_it_holds_nothing():
    places = _places("Russia's embassy in London warned travellers on Monday.")
    assert places["London"][1] == "GB"


def test_a_country_s_possessive_after_the_comma_is_the_container():
    places = _places("Tripoli, Lebanon's second-largest city and one of its poorest, was the scene of fighting.")
    assert places["Tripoli"][1] == "LB"
