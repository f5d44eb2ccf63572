"""The wire dateline's country (``Document.dateline``): where to look names up, never a place of events."""

from eventatlas.geo import locate_events
from eventatlas.geo.locate import _dateline_countries
from tests.geo.test_locate import make


def test_the_country_of_a_dateline(tiny_gazetteer):
    assert _dateline_countries("KABUL", tiny_gazetteer) == {"AF"}  # its most populous town
    assert _dateline_countries("ALEXANDRIA, Egypt", tiny_gazetteer) == {"EG"}  # the country it writes
    assert _dateline_countries(None, tiny_gazetteer) == set()


def _located(nlp, gazetteer, text, dateline):
    document, events = make(nlp, text, ["rallied"])
    document.dateline = dateline
    return locate_events(document, events, gazetteer=gazetteer)[0]


def test_a_spelling_variant_is_looked_up_in_the_datelines_country(nlp, tiny_gazetteer):
    text = "Hundreds of shopkeepers rallied in Bazaraak on Monday against new market fees."
    assert _located(nlp, tiny_gazetteer, text, None).geonameid is None
    assert _located(nlp, tiny_gazetteer, text, "KABUL").geonameid == 1131462


def test_the_dateline_is_no_place_of_events(nlp, tiny_gazetteer):
    event = _located(nlp, tiny_gazetteer, "Hundreds of shopkeepers rallied on Monday against new market fees.", "KABUL")
    assert event.geonameid is None and event.country_code is None
