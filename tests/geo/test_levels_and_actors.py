"""Where a short report's event happened when its words narrow it down: every written level
constrains the name before it, a quarter written with its city stays in the city, a village
stays near the divisions its sentence names, the armed groups a report names bound where a
small place may lie, and a country that qualifies a currency is no place (own tiny gazetteer;
invented sentences)."""



from eventatlas.geo.actors import actor_mentions, home_countries
from eventatlas.geo.cues import read_cues
from eventatlas.geo.geoparse import resolve_spans
from eventatlas.models import Document
from tests.geo.gazetteer_fixtures import locate_at_triggers, rows_gazetteer

# geonameid, name, alternatenames, lat, lon, fclass, fcode, cc, admin1, admin2, population
ROWS = [
    (2300660, "Ghana", "", 8.1, -1.2, "A", "PCLI", "GH", "00", "", 31072940),
    (2306079, "Accra", "", 5.55602, -0.1969, "P", "PPLC", "GH", "01", "", 1963264),
    (2294286, "Upper East", "Upper East Region", 10.8, -0.9, "A", "ADM1", "GH", "10", "", 1300000),
    (2303125, "Bolgatanga", "", 10.78556, -0.85139, "P", "PPLA", "GH", "10", "", 66685),
    # two villages of one name in one province: one near the district seat, one far from it
    (9800001, "Zorko", "", 10.70, -0.80, "P", "PPL", "GH", "10", "", 900),
    (9800002, "Zorko", "", 10.95, -2.45, "P", "PPL", "GH", "10", "", 1200),
    # a village of the province known only far from the district seat the text names
    (9800003, "Kanfo", "", 10.90, -2.40, "P", "PPL", "GH", "10", "", 700),
    (2297141, "Northern", "Northern Region", 9.5, -1.0, "A", "ADM1", "GH", "06", "", 2400000),
    # a unit of unknown population whose division came from its nearest town, across the border
    (9800008, "Kolma", "", 10.62, -0.95, "A", "ADMD", "GH", "06", "", 0),
    (2363686, "Togo", "", 8.0, 1.2, "A", "PCLI", "TG", "00", "", 7889094),
    (2440476, "Niger", "", 17.0, 9.0, "A", "PCLI", "NE", "00", "", 22442948),
    (2453866, "Mali", "", 17.0, -4.0, "A", "PCLI", "ML", "00", "", 19077690),
    (2460596, "Bamako", "", 12.65, -8.0, "P", "PPLC", "ML", "08", "", 1297281),
    (2361809, "Burkina Faso", "", 12.5, -1.7, "A", "PCLI", "BF", "00", "", 19751535),
    (9800004, "Tangouri", "", 13.2, -1.1, "P", "PPL", "BF", "78", "", 2500),
    (1694008, "Philippines", "", 13.0, 122.0, "A", "PCLI", "PH", "00", "", 106651922),
    (9800005, "Pangil Norte", "Pangilnorte", 16.8, 120.8, "P", "PPL", "PH", "15", "", 3900),
    (3686110, "Colombia", "", 4.0, -73.25, "A", "PCLI", "CO", "00", "", 49648685),
    (3688689, "Bogota", "", 4.60971, -74.08175, "P", "PPLC", "CO", "34", "", 7674366),
    # a quarter of the capital the gazetteer lacks, and a small town of its name elsewhere
    (9800006, "Santa Lucia", "", 10.32, -74.96, "P", "PPL", "CO", "04", "", 5000),
    (192950, "Kenya", "", 1.0, 38.0, "A", "PCLI", "KE", "00", "", 53771296),
    (189741, "Lamu", "Lamu County", -2.0, 40.9, "A", "ADM1", "KE", "12", "", 143920),
    (3658394, "Ecuador", "", -1.25, -78.25, "A", "PCLI", "EC", "00", "", 17084357),
    (9800007, "Marinita", "", 0.62, -77.94, "P", "PPL", "EC", "05", "", 3983),
    (6252001, "United States", "", 39.76, -98.5, "A", "PCLI", "US", "00", "", 327167434),
]


gazetteer = rows_gazetteer(ROWS, "ea-levels-gaz-")


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(name), text.index(name) + len(name)) for name in names]


_locate = locate_at_triggers


# -- cue words ------------------------------------------------------------------------------

def test_a_village_typed_after_its_name_is_a_village():
    text = "Herders clashed in Zorko village, Upper East, at dawn."
    assert read_cues(text, 19, 24).village
    neighbourhood = "Police patrolled the Marinita neighbourhood at night."
    assert read_cues(neighbourhood, 21, 29).village
    assert not read_cues("Herders clashed in Zorko at dawn.", 19, 24).village


def test_two_villages_share_the_levels_written_after_the_second():
    text = "A mine went off between Zorko and Kanfo villages (Bolgatanga, Upper East) on Friday."
    cues = read_cues(text, 24, 29)
    assert cues.levels == ("Bolgatanga", "Upper East") and cues.village


# -- written levels -------------------------------------------------------------------------

def test_the_most_specific_level_picks_the_namesake_near_its_seat(gazetteer):
    text = "Gunmen looted shops in Zorko (Bolgatanga, Upper East) overnight."
    (place,) = resolve_spans(Document(text=text), _spans(text, "Zorko"), gazetteer)
    assert place.geonameid == 9800001


def test_a_village_known_only_far_from_its_written_district_is_left_to_the_district(nlp, gazetteer):
    text = "Gunmen looted shops in Kanfo (Bolgatanga, Upper East) overnight."
    (place,) = resolve_spans(Document(text=text), _spans(text, "Kanfo"), gazetteer)
    assert place.geonameid is None
    (event,) = _locate(nlp, gazetteer, text, "looted")
    assert event.geonameid == 2303125 and event.geo_precision == 2 and event.location == "Kanfo"


def test_a_quarter_written_with_its_city_stays_in_the_city(gazetteer):
    text = "Residents blocked a road in Santa Lucia, Bogota, demanding food aid."
    quarter, city = resolve_spans(Document(text=text), _spans(text, "Santa Lucia", "Bogota"), gazetteer)
    assert quarter.geonameid is None  # not the small town of that name 600 km away
    assert city.geonameid == 3688689


def test_a_neighbourhood_far_from_the_division_of_its_sentence_is_a_namesake(gazetteer):
    text = "In Lamu county, police clashed with youths at the Marinita neighbourhood on Monday."
    county, quarter = resolve_spans(Document(text=text), _spans(text, "Lamu", "Marinita"), gazetteer)
    assert county.geonameid == 189741
    assert quarter.geonameid is None
    alone = "Police clashed with youths at the Marinita neighbourhood on Monday."
    assert resolve_spans(Document(text=alone), _spans(alone, "Marinita"), gazetteer)[0].geonameid == 9800007


# -- actors ---------------------------------------------------------------------------------

def test_actor_names_give_their_countries():
    text = "ISGS fighters and Houthi forces were named, as was a town."
    found = {(text[m.start:m.end], m.country_code, m.local, m.national) for m in actor_mentions(text)}
    assert ("ISGS", "ML", True, False) in found  # a rebel group: fights across borders
    assert any(code == "YE" and national for _, code, _, national in found)
    assert home_countries(text) == frozenset({"ML"})


def test_a_small_place_far_from_the_named_rebels_needs_support(gazetteer):
    text = "ISGS fighters burned the school in Pangil Norte on Sunday."
    spans = _spans(text, "Pangil Norte")
    (place,) = resolve_spans(Document(text=text), spans, gazetteer, home_countries=home_countries(text))
    assert place.geonameid is None  # not a hamlet on the other side of the world
    assert resolve_spans(Document(text=text), spans, gazetteer)[0].geonameid == 9800005
    # a neighbouring country of the group's own is where such groups fight
    near = "ISGS fighters burned the school in Tangouri on Sunday."
    (place,) = resolve_spans(Document(text=near), _spans(near, "Tangouri"), gazetteer, home_countries=home_countries(near))
    assert place.geonameid == 9800004


# -- what a place name qualifies ------------------------------------------------------------

def test_a_country_qualifying_a_currency_is_no_place_of_the_event(nlp, gazetteer):
    (event,) = _locate(nlp, gazetteer, "Traders protested as the US dollar kept rising against the cedi.", "protested")
    assert event.country_code is None


def test_a_unit_typed_before_its_name_heads_a_comma_hierarchy():
    text = "Soldiers traded fire with gunmen in Barangay Lumot, Santo Niño, Kalinga. The army gave no toll."
    start = text.index("Lumot")
    assert read_cues(text, start, start + 5).levels == ("Santo Niño", "Kalinga")  # the full stop ends the last level
    # a list is no hierarchy
    listed = "Aid reached Barangay Lumot, Santo Niño, Kalinga and Pasil on Monday."
    start = listed.index("Lumot")
    assert read_cues(listed, start, start + 5).levels == ()


def test_a_demonym_before_a_preposition_names_a_person_not_the_place():
    from eventatlas.geo.demonyms import demonym_before

    assert demonym_before("officials met the Ghanaian capital Accra", 35) == "GH"
    assert demonym_before("a Togolese trader was robbed in the town of Bolgatanga", 44) is None


def test_a_unit_near_its_written_province_takes_that_province(gazetteer):
    text = "Gunmen burned a granary in Kolma (Upper East) on Tuesday."
    (place,) = resolve_spans(Document(text=text), _spans(text, "Kolma"), gazetteer)
    assert place.geonameid == 9800008 and place.admin1 == "Upper East"


def test_an_unknown_village_written_with_its_province_is_coded_at_the_province(nlp, gazetteer):
    (event,) = _locate(nlp, gazetteer, "On 3 May, soldiers shelled Wuriyanga, Upper East, at dawn.", "shelled")
    assert event.geonameid == 2294286  # the province, not its capital
    assert event.location == "Wuriyanga" and event.geo_precision == 2


def test_a_state_demonym_names_its_state():
    from eventatlas.geo.demonyms import demonym_country, demonym_division

    assert demonym_division("Minnesotans") == ("US", "Minnesota")
    assert demonym_division("Texan") == ("US", "Texas")
    assert demonym_country("Ontarians") == "CA"
