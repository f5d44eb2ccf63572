"""A division named after its city yields the bare name to the city ("Cologne" is Köln, not the
Regierungsbezirk), unless the city is a small one the document has no reason to be about; a place
inside an armed group's name is where the group comes from."""

from eventatlas.geo.geoparse import geoparse
from eventatlas.models import Document


def _places(text: str):
    return {p.mention.text: p for p in geoparse(Document(text=text)) if p.mention is not None}


def test_a_city_owns_the_name_of_the_division_named_after_it():
    place = _places("Police in Cologne, Germany, detained 14 people on Saturday.")["Cologne"]
    assert place.country_code == "DE" and place.feature_code.startswith("PPL")


def test_a_small_capital_does_not_take_its_divisions_name_in_a_foreign_story():
    place = _places("Israeli aircraft struck army positions near Quneitra on Sunday, a Syrian military source said.")
    assert place["Quneitra"].country_code == "SY"
