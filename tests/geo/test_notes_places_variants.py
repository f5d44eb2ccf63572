"""A level of a written hierarchy that the gazetteer spells differently ("Walu township" for the
town "Wa Lu") is read inside the division the next level names, never across a border (own tiny
gazetteer; invented sentences)."""



from tests.geo.gazetteer_fixtures import locate_at_triggers, rows_gazetteer

# geonameid, name, alternatenames, lat, lon, fclass, fcode, cc, admin1, admin2, population
ROWS = [
    (1327865, "Myanmar", "Burma", 21.0, 96.0, "A", "PCLI", "MM", "00", "", 54000000),
    (1297099, "Sagaing", "Sagaing Region", 22.5, 95.5, "A", "ADM1", "MM", "17", "", 5300000),
    (1321702, "Kachin", "Kachin State", 26.0, 97.5, "A", "ADM1", "MM", "04", "", 1600000),
    (9900302, "Wa Lu", "", 25.38, 97.35, "P", "PPL", "MM", "04", "", 40000),
    # a town spelt like a level of a hierarchy, in another division
    (9900301, "Lwe Maw", "", 22.1, 98.2, "P", "PPL", "MM", "17", "", 20000),
]


gazetteer = rows_gazetteer(ROWS, "ea-notes-variants-gaz-")


def _locate(nlp, gazetteer, text, trigger):
    return locate_at_triggers(nlp, gazetteer, text, trigger, "Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_short_level_spelt_without_its_space_is_the_known_town(nlp, gazetteer):
    text = "On Monday, shells hit Wan Kaung village of Walu township (Walu district, Kachin state), injuring two."
    located = _locate(nlp, gazetteer, text, "hit")
    assert located[0].geonameid == 9900302 and located[0].geo_precision == 2
    assert located[0].location == "Wan Kaung village" or located[0].location.startswith("Wan Kaung")


def test_a_level_variant_outside_the_stated_division_is_not_taken(nlp, gazetteer):
    text = "On Monday, shells hit Wan Kaung village of Lwemaw township (Kachin state), injuring two."
    located = _locate(nlp, gazetteer, text, "hit")
    assert located[0].geonameid != 9900301 and located[0].admin1 == "Kachin"
