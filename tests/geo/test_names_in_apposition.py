"""Names the model mislabels or that stand for something else: a town in apposition to a place
noun, a province owned by a country in the possessive, a capital that speaks for its government."""

from eventatlas import extract
from eventatlas.geo.demonyms import demonym_before


def _places(result):
    return [(e.location, e.country_code) for e in result.events if not e.background]


def test_a_name_in_apposition_to_a_place_noun_is_a_place():
    # the model labels "Bahir Dar" a person; after "the regional capital" only a place fits
    result = extract("On Wednesday, security forces in the regional capital Bahir Dar detained three journalists "
                     "working for a private television station, a press freedom group said.", published="2025-04-24")
    assert ("Bahir Dar", "ET") in _places(result)


def test_a_country_in_the_possessive_owns_the_place_after_it():
    text = "A drone struck a gas field in Iraq's Kurdistan region late on Wednesday."
    assert demonym_before(text, text.index("Kurdistan")) == "IQ"
    assert demonym_before("Nigeria's northeastern Borno state", len("Nigeria's northeastern ")) == "NG"
    assert demonym_before("Smith's farm near Borno", len("Smith's farm near ")) is None  # a person owns nothing here


def test_a_capital_as_the_subject_of_a_verb_is_its_government_not_a_place():
    text = ("Heavy fighting broke out on Tuesday between federal troops and Fano militiamen on the outskirts of "
            "Gondar, residents said.\n\nA militia commander said his fighters had overrun two army positions before "
            "pulling back into the hills. The army did not respond to requests for comment.\n\n"
            "Fano turned against the government in 2023 after Addis Ababa moved to fold regional forces into the "
            "police and the national army.")
    result = extract(text, published="2025-04-24")
    assert all(location != "Addis Ababa" for location, _ in _places(result))


def test_a_written_hierarchy_with_an_arabic_article_in_a_level():
    from eventatlas.geo.hierarchy import find_hierarchies

    text = "in Thiban (Al Mayadin, Deir ez-Zor) with machine guns"
    [found] = find_hierarchies(text)
    assert [text[a:b] for a, b in found.levels] == ["Al Mayadin", "Deir ez-Zor"]


def test_a_name_after_a_compass_point_and_of_is_in_a_place_frame(nlp):
    from eventatlas.geo.cues import cue_words
    from eventatlas.geo.recognize import _after_locative

    doc = nlp("Fighters clashed around the village, south of Rubaya, on Monday.")
    index = [t.text for t in doc].index("Rubaya")
    assert _after_locative(doc, index, cue_words())


def test_a_village_near_a_district_is_not_a_far_city_with_its_consonants():
    text = ("Two village volunteers were killed when armed men opened fire on a farming area in India's northeastern "
            "state of Manipur on Tuesday night, police said.\n\nThe firing started near Phubala, a village in Bishnupur "
            "district, a police officer said.")
    assert all(code == "IN" for _, code in _places(extract(text, published="2025-11-05")))
