from eventatlas.geo import geoparse, is_approximate, resolve_spans
from eventatlas.geo.sites import is_town_point
from eventatlas.models import Document
from eventatlas.nlp import parse


def test_geoparse_returns_every_toponym_with_its_mention(nlp, tiny_gazetteer):
    text = "Afghan officials said protesters gathered in Kabul and Islamabad on Friday, not in Qwzxville."
    document = parse(Document(text=text), nlp)
    places = geoparse(document, gazetteer=tiny_gazetteer, approximate_unknown=False)
    by_text = {p.mention.text: p for p in places}
    assert by_text["Kabul"].geonameid == 1138958 and by_text["Kabul"].country == "Afghanistan"
    assert by_text["Islamabad"].country_code == "PK"
    assert "Afghan" not in by_text  # a demonym: context, not a place
    for place in places:
        assert text[place.mention.start : place.mention.end] == place.mention.text

    with_demonyms = geoparse(document, gazetteer=tiny_gazetteer, include_demonyms=True)
    afghan = next(p for p in with_demonyms if p.mention.text == "Afghan")
    assert afghan.feature_code == "PCLI" and afghan.country_code == "AF"


def test_unknown_names_at_the_document_focus_are_marked(tiny_gazetteer):
    text = "A fire on Qwzx Street in Kabul. Firefighters from Kabul and Blorp Hall responded. Zzyx was calm."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Qwzx Street", "Kabul", "Blorp Hall", "Zzyx")]
    strict = resolve_spans(Document(text=text), spans, tiny_gazetteer)
    assert strict[0].latitude is None and strict[2].latitude is None and strict[1].geonameid == 1138958
    approx = resolve_spans(Document(text=text), spans, tiny_gazetteer, approximate_unknown=True)
    # a street and a hall: at the town named with them, marked as the town's point
    assert is_town_point(approx[0]) and approx[0].latitude == approx[1].latitude and approx[0].feature_code == "ST"
    assert is_town_point(approx[2]) and not is_approximate(approx[2])
    # a name of no known kind, alone in its sentence: the document's focus, marked approximate
    assert is_approximate(approx[3]) and approx[3].latitude == approx[1].latitude
    assert not is_approximate(approx[1]) and not is_town_point(approx[1])


def test_a_place_inside_an_unknown_name(tiny_gazetteer):
    text = "Students at the Kabul Polytechnic Institute and officials in Kabul said."
    spans = [(text.index("Kabul Polytechnic Institute"), text.index(" and officials")), (text.rindex("Kabul"), text.rindex("Kabul") + 5)]
    inside, _ = resolve_spans(Document(text=text), spans, tiny_gazetteer)
    assert inside.country_code == "AF" and inside.latitude is not None


def test_places_inside_organisation_names_and_objects_of_attacks(nlp, tiny_gazetteer):
    from eventatlas.geo.recognize import recognize

    def found(text):
        return [(t.text, t.source) for t in recognize(nlp(text), tiny_gazetteer)[0]]

    # a word inside a name is not a place; the place a name starts with is one, marked "org"
    assert found("The National Texas Government said its forces attacked a base.") == []
    assert found("The Texas Medical Association condemned the shooting.") == [("Texas", "org")]
    # a name the model calls an organisation, as the object of an attack verb, is a place
    assert found("Russian forces shelled Nikopol on Monday.") == [("Nikopol", "gazetteer")]
