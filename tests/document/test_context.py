"""document.context: place and date carried through the article."""

from __future__ import annotations

from eventatlas.document.context import carry_context
from eventatlas.models import Document
from tests.document.helpers import READING, UK, event

DOCUMENT = Document(text="unused")


def test_a_sentence_referring_back_takes_the_place_and_date_of_the_event_it_continues():
    lede = event("On Saturday a knife attacker killed two shoppers in Reading.", 0, place=READING,
                 event_date="2020-06-20", time_precision=1)
    protest = event("A protest had taken place in the gardens hours before the attack.", 100, "Protests",
                    "Peaceful protest", place=UK)
    carry_context(DOCUMENT, [lede, protest])
    assert protest.location == "Reading" and protest.geo_precision == 1
    assert protest.event_date == "2020-06-20" and protest.time_precision == 1


def test_narrative_order_alone_carries_one_level_less_sure():
    lede = event("Gunmen attacked a village in Reading on Saturday.", 0, place=READING, event_date="2020-06-20",
                 time_precision=1)
    later = event("Soldiers were deployed to hunt the gunmen.", 100, "Strategic developments", "Other")
    carry_context(DOCUMENT, [lede, later])
    assert later.location == "Reading" and later.geo_precision == 2
    assert later.event_date == "2020-06-20" and later.time_precision == 2


def test_places_are_not_carried_across_countries_nor_over_an_own_place():
    lede = event("Gunmen attacked a village in Reading.", 0, place=READING, event_date="2020-06-20")
    abroad = event("Protesters rallied in France.", 100, "Protests", "Peaceful protest",
                   place={"location": "France", "country": "France", "country_code": "FR", "geo_precision": 3})
    own = event("Police arrested a man in Leeds.", 200, "Strategic developments", "Arrests",
                place={**READING, "location": "Leeds", "geonameid": 2644688})
    carry_context(DOCUMENT, [lede, abroad, own])
    assert abroad.location == "France" and own.location == "Leeds"
