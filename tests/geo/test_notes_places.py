"""Places of short event reports that recognition alone misses: names in a small place's slot
("the X neighbourhood of Y", "X ward"), spelling variants of known divisions, and the country of
forces that act at home when the named village cannot be found (own tiny gazetteer; invented
sentences)."""



from eventatlas.geo.cues import place_slots
from tests.geo.gazetteer_fixtures import locate_at_triggers, rows_gazetteer

# geonameid, name, alternatenames, lat, lon, fclass, fcode, cc, admin1, admin2, population
ROWS = [
    (294640, "Israel", "", 31.5, 34.75, "A", "PCLI", "IL", "00", "", 8883800),
    (281184, "Jerusalem", "", 31.76904, 35.21633, "P", "PPLC", "IL", "06", "", 801000),
    (6254930, "Palestine", "", 32.0, 35.25, "A", "PCLI", "PS", "00", "", 4569087),
    (7303419, "West Bank", "", 32.0, 35.25, "A", "ADM1", "PS", "WE", "", 2697687),
    (9900101, "Silwan", "", 31.7703, 35.2333, "P", "PPL", "PS", "WE", "", 40000),
    (192950, "Kenya", "", 1.0, 38.0, "A", "PCLI", "KE", "00", "", 53771296),
    (2328926, "Nigeria", "", 10.0, 8.0, "A", "PCLI", "NG", "00", "", 195874740),
    (2352778, "Abuja", "", 9.05785, 7.49508, "P", "PPLC", "NG", "FC", "", 590400),
    (184742, "Nairobi", "", -1.28333, 36.81667, "P", "PPLC", "KE", "05", "", 2750547),
    (7668902, "Nakuru", "Nakuru County", -0.5, 36.1, "A", "ADM1", "KE", "33", "", 2162202),
    (7668903, "Lokapia", "Lokapia County", 0.3, 36.8, "A", "ADM1", "KE", "20", "", 518560),
    # a hamlet far from Nakuru, named like a village a Nakuru report may name
    (9900102, "Kiptere", "", 3.9, 41.6, "P", "PPL", "KE", "24", "", 1200),
]


gazetteer = rows_gazetteer(ROWS, "ea-notes-places-gaz-")


def _locate(nlp, gazetteer, text, trigger):
    return locate_at_triggers(nlp, gazetteer, text, trigger, "Violence against civilians", "Attack")


def test_names_in_a_small_places_slot():
    text = ("Gunmen burned huts in the hamlet of Kolowa and looted Mbeni ward. On Monday the village of "
            "the AIT was quiet; the Lindi neighbourhood of Pangani stayed calm.")
    slots = {text[s.start:s.end]: s for s in place_slots(text)}
    assert set(slots) == {"Kolowa", "Mbeni", "Lindi"}
    assert slots["Kolowa"].type_word == "hamlet" and slots["Mbeni"].type_word == "ward"
    assert text[slots["Lindi"].of_after:].startswith("Pangani")  # Lindi lies inside Pangani


def test_a_named_neighbourhood_of_a_city_is_where_it_happened(nlp, gazetteer):
    for text in ("Settlers hurled stones at homes in the Silwan neighbourhood of Jerusalem on Friday.",
                 "Settlers hurled stones at homes in the Silwan quarter of Jerusalem on Friday."):
        located = _locate(nlp, gazetteer, text, "hurled")
        assert located[0].country_code == "PS" and located[0].geonameid == 9900101


def test_a_misspelt_county_is_read_as_the_county(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On Tuesday, herders rioted in Lokappia over grazing land.", "rioted")
    assert located[0].country_code == "KE" and located[0].admin1 == "Lokapia"


def test_police_of_a_country_put_an_unknown_village_in_that_country(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On Sunday, Kenyan police shot two traders in the village of Kamukuru.", "shot")
    assert located[0].country_code == "KE" and located[0].geo_precision == 3


def test_an_army_may_act_abroad_so_it_does_not_place_an_unknown_village(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On Sunday, Kenyan troops shelled the village of Kamukuru.", "shelled")
    assert located[0].country_code is None


def test_a_slot_name_far_from_the_other_places_of_the_report_is_another_place(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "Herders from Nakuru county raided Kiptere ward on Monday.", "raided")
    assert located[0].geonameid != 9900102 and located[0].admin1 == "Nakuru"


def test_a_coders_coded_as_names_the_place(nlp, gazetteer):
    text = "Gunmen looted a clinic somewhere in Lokapia county (coded as Nakuru) on Tuesday."
    located = _locate(nlp, gazetteer, text, "looted")
    assert located[0].admin1 == "Nakuru"


def test_where_people_were_taken_is_not_where_they_were_arrested(nlp, gazetteer):
    text = "On Monday, police raided homes in Nakuru county. Nine men were arrested and taken to Nairobi."
    located = _locate(nlp, gazetteer, text, "arrested")
    assert located[0].admin1 == "Nakuru"
    # with nothing else named, the destination still says the country
    alone = _locate(nlp, gazetteer, "Nine men were arrested and taken to Nairobi on Monday.", "arrested")
    assert alone[0].country_code == "KE"


def test_a_unit_type_only_one_country_uses_gives_the_country_of_an_unknown_place(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On Friday, bandits abducted four farmers in Gwarzo LGA.", "abducted")
    assert located[0].country_code == "NG" and located[0].geo_precision == 3
    # a unit type two countries use says neither
    located = _locate(nlp, gazetteer, "On Friday, bandits abducted four farmers in Kikuyu sub-county.", "abducted")
    assert located[0].country_code is None

