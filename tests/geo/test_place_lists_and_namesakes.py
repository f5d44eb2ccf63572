"""A list of towns after one locative is a list of places, whatever the model labelled its later
names; a building named after a province or a country is no place of events."""

from eventatlas import extract
from eventatlas.geo.geoparse import geoparse
from eventatlas.models import Document


def _places(text: str) -> list[str]:
    return [p.name for p in geoparse(Document(text=text)) if p.mention is not None]


def test_every_town_of_a_list_after_in_is_read():
    names = _places("Smaller rallies were held on Thursday in Novi Sad and Kragujevac, local media reported.")
    assert {"Novi Sad", "Kragujevac"} <= set(names)


def test_a_rally_in_each_town_of_a_list_is_an_event_of_its_own():
    result = extract("Students held rallies on Friday in Cluj-Napoca, Iasi and Timisoara, demanding the minister's "
                     "resignation, local media reported.", published="2026-04-11")
    assert sorted(e.location for e in result.events) == ["Cluj-Napoca", "Iasi", "Timisoara"]


def _sources(text: str) -> dict[str, str]:
    from eventatlas.geo.gazetteer import Gazetteer
    from eventatlas.geo.recognize import recognize
    from eventatlas.nlp import parse

    document = Document(text=text)
    parse(document)
    toponyms, _ = recognize(document.spacy_doc, Gazetteer.default())
    return {t.text: t.source for t in toponyms}


def test_a_hotel_named_after_a_province_is_a_name_not_a_place_of_events():
    sources = _sources("A car bomb exploded at the gate of the Hotel Banadir in Mogadishu, an officer said.")
    assert sources.get("Hotel Banadir") == "org"
    assert sources.get("Mogadishu") != "org"


def test_a_dam_named_after_a_town_still_places_the_event_near_that_town():
    result = extract("Saboteurs blew up a pylon near the Mosul Dam on Friday, officials said.", published="2026-04-11")
    assert [e.admin1 for e in result.events] == ["Nineveh"]


def test_a_province_struck_is_refined_by_the_district_the_next_sentence_names():
    text = ("Artillery shells hit homes in Afghanistan's eastern Kunar province on Thursday, killing two civilians, "
            "officials said.\n\nThe shells landed in villages of Dangam district, close to the border.")
    (event,) = extract(text, published="2026-05-22").events
    assert event.admin2 == event.location or event.location.startswith("D")
    assert event.geo_precision in (1, 2)


def test_a_river_named_like_a_city_is_not_where_the_shells_fell():
    (event,) = extract("Russian forces shelled Nikopol's central district from positions across the Dnipro river "
                       "on Sunday, officials said.", published="2026-07-21").events
    assert event.location == "Nikopol"
