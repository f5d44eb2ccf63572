"""Streets, buildings and facilities placed at the town named with them (``eventatlas.geo.sites``;
tiny gazetteer, invented sentences)."""

from eventatlas.geo import is_approximate, resolve_spans
from eventatlas.geo.sites import TOWN_POINT_SCORE, is_town_point, site_kind
from eventatlas.models import Document


def _spans(text, *names):
    return [(text.index(name), text.index(name) + len(name)) for name in names]


def test_a_site_kind_comes_from_the_head_or_lead_word():
    assert site_kind("Harbour Road").feature_code == "ST"
    assert site_kind("Rue des Lilas").feature_code == "ST"
    assert site_kind("St. Brendan's Hospital").feature_code == "HSP"
    assert site_kind("Road") is None  # a kind word alone names no site
    assert site_kind("Kabul") is None and site_kind("Kabul River") is None  # natural features stay with the gazetteer


def test_a_street_goes_to_the_town_in_its_sentence_not_the_focus(tiny_gazetteer):
    text = ("Officials in Kabul met on Tuesday. Later a crowd gathered on Qwzx Road in Alexandria, Virginia. "
            "Kabul stayed calm and Kabul traders waited.")
    places = resolve_spans(Document(text=text), _spans(text, "Kabul", "Qwzx Road", "Alexandria", "Virginia"),
                           tiny_gazetteer, approximate_unknown=True)
    road, town = places[1], places[2]
    assert is_town_point(road) and not is_approximate(road)
    assert (road.latitude, road.longitude, road.country_code) == (town.latitude, town.longitude, "US")
    assert road.name == "Qwzx Road" and road.geonameid is None and road.feature_class == "R"
    assert road.score == TOWN_POINT_SCORE


def test_a_building_with_no_town_in_its_sentence_goes_to_the_focus(tiny_gazetteer):
    text = "Protesters filled the streets of Kabul. Many later met at Blorp Memorial Hospital."
    kabul, hospital = resolve_spans(Document(text=text), _spans(text, "Kabul", "Blorp Memorial Hospital"),
                                    tiny_gazetteer, approximate_unknown=True)
    assert is_town_point(hospital) and hospital.feature_code == "HSP"
    assert (hospital.latitude, hospital.longitude) == (kabul.latitude, kabul.longitude)


def test_without_approximate_unknown_a_site_stays_unresolved(tiny_gazetteer):
    text = "A crowd gathered on Qwzx Road in Kabul."
    road, _ = resolve_spans(Document(text=text), _spans(text, "Qwzx Road", "Kabul"), tiny_gazetteer)
    assert road.latitude is None and not is_town_point(road)


def test_a_street_named_after_a_far_place_is_in_the_sentence_town(tiny_gazetteer):
    # "Islamabad Road" in Kabul runs towards Islamabad; the crowd was in Kabul
    text = "Shopkeepers on Islamabad Road in Kabul closed early."
    road, kabul = resolve_spans(Document(text=text), _spans(text, "Islamabad Road", "Kabul"), tiny_gazetteer,
                                approximate_unknown=True)
    assert is_town_point(road) and road.country_code == "AF" and road.latitude == kabul.latitude


def test_an_unknown_name_written_before_its_town_is_a_quarter_of_it(tiny_gazetteer):
    text = "Shelling hit Qwzxabad, Kabul, Afghanistan on Monday."
    quarter, kabul, _ = resolve_spans(Document(text=text), _spans(text, "Qwzxabad", "Kabul", "Afghanistan"),
                                      tiny_gazetteer, approximate_unknown=True)
    assert is_town_point(quarter) and quarter.feature_code == "PPLX" and quarter.latitude == kabul.latitude
