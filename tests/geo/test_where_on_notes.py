"""Where events happen in short conflict-monitor style reports: sites inside organisation-like
names, hierarchies after facilities, places named late in a short paragraph, countries named as
a topic, comma containers and split provinces (own tiny gazetteer; invented sentences)."""



from eventatlas.geo.cues import read_cues
from eventatlas.geo.geoparse import resolve_spans
from eventatlas.geo.hierarchy import find_hierarchies
from eventatlas.geo.resolve import Resolver, ToponymQuery
from eventatlas.models import Document
from tests.geo.gazetteer_fixtures import locate_at_triggers, rows_gazetteer

# geonameid, name, alternatenames, lat, lon, fclass, fcode, cc, admin1, admin2, population
ROWS = [
    (2300660, "Ghana", "", 8.1, -1.2, "A", "PCLI", "GH", "00", "", 31072940),
    (2306104, "Greater Accra", "", 5.75, -0.1, "A", "ADM1", "GH", "01", "", 5400000),
    (2306079, "Accra", "", 5.55602, -0.1969, "P", "PPLC", "GH", "01", "", 1963264),
    (2304116, "Ashanti", "Ashanti Region", 6.75, -1.5, "A", "ADM1", "GH", "02", "", 5400000),
    (2298890, "Kumasi", "", 6.68848, -1.62443, "P", "PPLA", "GH", "02", "", 1468609),
    (2297141, "Northern", "Northern Region", 9.5, -1.0, "A", "ADM1", "GH", "06", "", 2400000),
    (2294877, "Tamale", "", 9.40079, -0.8393, "P", "PPLA", "GH", "06", "", 360579),
    (2294700, "Techiman", "", 7.58362, -1.93883, "P", "PPL", "GH", "02", "", 104212),
    (690791, "Ukraine", "", 49.0, 32.0, "A", "PCLI", "UA", "00", "", 44622516),
    (2017370, "Russia", "", 60.0, 100.0, "A", "PCLI", "RU", "00", "", 140702000),
    (706482, "Kharkivska Oblast", "Kharkiv", 49.5, 36.5, "A", "ADM1", "UA", "07", "", 2700000),
    (712451, "Vovchansk", "", 50.29078, 36.94108, "P", "PPL", "UA", "07", "", 17000),
    (687699, "Zaporizhzhia", "Zaporizka Oblast", 47.5, 35.5, "A", "ADM1", "UA", "26", "", 1700000),
    # a town whose only namesake lies in another country, far from the one the text is about
    (2287781, "Ivory Coast", "Cote d'Ivoire", 7.5, -5.5, "A", "PCLI", "CI", "00", "", 25716544),
    (2282006, "Sassandra-Marahoue", "", 6.9, -6.5, "A", "ADM1", "CI", "90", "", 2700000),
    # a county named like its main town
    (192950, "Kenya", "", 1.0, 38.0, "A", "PCLI", "KE", "00", "", 53771296),
    (7668902, "Nakuru", "Nakuru County", -0.5, 36.1, "A", "ADM1", "KE", "33", "", 2162202),
    (184622, "Nakuru", "", -0.28333, 36.06667, "P", "PPLA", "KE", "33", "", 259903),
    (184433, "Naivasha", "", -0.71667, 36.43333, "P", "PPL", "KE", "33", "", 181966),
    # a province split in two, known by its old name
    (1694008, "Philippines", "", 13.0, 122.0, "A", "PCLI", "PH", "00", "", 106651922),
    (1707669, "Lanao del Norte", "", 8.0, 124.0, "A", "ADM1", "PH", "10", "", 722902),
    (1707668, "Lanao del Sur", "", 7.8, 124.3, "A", "ADM1", "PH", "14", "", 1045429),
    # an administrative unit (population unknown) whose only namesake lies far away
    (149590, "Tanzania", "", -6.0, 35.0, "A", "PCLI", "TZ", "00", "", 56313444),
    (2363686, "Togo", "", 8.0, 1.2, "A", "PCLI", "TG", "00", "", 7889094),
    (9900001, "Kpandai", "", -3.4, 36.7, "A", "ADMD", "TZ", "26", "", 0),
    # a town in its written province, and a bigger namesake in another country
    (9900002, "Bimbilla", "", 8.85, -0.06, "P", "PPL", "GH", "06", "", 60000),
    (9900003, "Bimbilla", "", 11.5, 8.5, "P", "PPL", "NG", "21", "", 90000),
    # "X (X)": a town and its province of the same name; a bigger namesake in a namesake district
    (3865483, "Argentina", "", -34.0, -64.0, "A", "PCLI", "AR", "00", "", 44938712),
    (3469034, "Brazil", "", -10.0, -55.0, "A", "PCLI", "BR", "00", "", 209469333),
    (3433899, "Formosa", "", -24.5, -60.0, "A", "ADM1", "AR", "09", "", 530162),
    (3433899 + 1, "Formosa", "", -26.18489, -58.17313, "P", "PPLA", "AR", "09", "", 222226),
    (9900004, "Formosa", "", -15.5, -47.3, "A", "ADM2", "BR", "29", "5208004", 120000),
    (9900005, "Formosa", "", -15.53722, -47.33444, "P", "PPL", "BR", "29", "5208004", 3000000),
]


gazetteer = rows_gazetteer(ROWS, "ea-where-gaz-")


_locate = locate_at_triggers


def _levels(text):
    return [(text[h.name[0]:h.name[1]], [text[a:b] for a, b in h.levels]) for h in find_hierarchies(text)]


def test_brackets_after_a_facility_belong_to_the_name_before_them():
    assert _levels("Mortars hit the Gao army base in Tinzawa (Bourem, Gao) at night.") == [("Tinzawa", ["Bourem", "Gao"])]
    assert _levels("They walked to the Regional Assembly in Bolgatanga (Bongo, Upper East).") == [
        ("Bolgatanga", ["Bongo", "Upper East"])]
    # a name typed as a place still heads its chain
    assert _levels("in Zongo quarter of Yendi district (Northern), youths clashed") == [
        ("Zongo quarter", ["Yendi district", "Northern"])]


def test_a_site_named_after_its_town_locates_the_event(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On 4 June, nurses protested near Tamale University over unpaid wages.", ["protested"])
    assert located[0].geonameid == 2294877


def test_a_city_and_its_quarter_joined_by_a_spaced_hyphen(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On 9 June, traders marched in Kumasi - Asafo (Asafo) against new levies.", ["marched"])
    assert located[0].geonameid == 2298890


def test_an_organisation_named_after_a_country_is_no_place(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "The Ghana Registered Nurses Association protested on Friday.", ["protested"])
    assert located[0].geonameid is None


def test_a_short_paragraph_names_its_place_in_its_last_sentence(nlp, gazetteer):
    text = ("On 2 May, a trader was beaten by a crowd. Two vendors were wounded. Police made no arrests. "
            "It all happened in Techiman (Ashanti).")
    located = _locate(nlp, gazetteer, text, ["beaten"])
    assert located[0].geonameid == 2294700 and located[0].geo_precision == 1


def test_a_country_supported_by_a_rally_is_a_topic_not_its_place(nlp, gazetteer):
    text = "On 3 March, about 80 students gathered in Accra for a vigil in support of Ukraine after Russia attacked it."
    located = _locate(nlp, gazetteer, text, ["gathered"])
    assert located[0].country_code == "GH"


def test_a_country_in_a_rally_s_purpose_clause_is_a_topic_not_its_place(nlp, gazetteer):
    text = "On 9 June, several hundred exiles rallied in Accra to denounce the crackdown on journalists in Ukraine."
    located = _locate(nlp, gazetteer, text, ["rallied"])
    assert located[0].country_code == "GH"


def test_a_small_town_outside_its_written_province_is_a_namesake(gazetteer):
    text = "Shelling hit Vovchansk, Zaporizhzhia, on Monday."
    places = resolve_spans(Document(text=text), [(13, 22), (24, 36)], gazetteer)
    assert places[0].geonameid is None  # no Vovchansk in Zaporizhzhia: better unresolved
    assert places[1].geonameid == 687699
    # a list is not a container: "A, B, C" keeps each reading
    listed = "Shelling hit Vovchansk, Zaporizhzhia, Kharkiv and Kumasi."
    assert resolve_spans(Document(text=listed), [(13, 22)], gazetteer)[0].geonameid == 712451


def test_a_split_province_is_found_by_its_old_name(gazetteer):
    found = Resolver(gazetteer).candidates("Lanao")
    assert {c.geonameid for c in found} == {1707669, 1707668}
    assert all(c.alternate for c in found)


def test_a_site_in_a_town_resolves_without_other_context(gazetteer):
    found, embedded = Resolver(gazetteer).find("Kumasi Central Market")
    assert [c.geonameid for c in found] == [2298890] and not embedded
    # an organisation's other words are no site: still only context-backed
    _, embedded = Resolver(gazetteer).find("Kumasi Traders Union")
    assert embedded


def test_a_province_named_like_its_town_is_coded_at_the_town(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On 6 May, police fired tear gas at traders in Nakuru.", ["fired"])
    assert located[0].geonameid == 184622 and located[0].geo_precision == 1
    typed = _locate(nlp, gazetteer, "On 6 May, traders protested across Nakuru county.", ["protested"])
    assert typed[0].geonameid == 7668902 and typed[0].geo_precision == 3


def test_a_province_after_a_comma_only_says_where_the_town_is(nlp, gazetteer):
    located = _locate(nlp, gazetteer, "On 6 May, fishermen protested in Naivasha, Nakuru, over a fishing ban.", ["protested"])
    assert [e.geonameid for e in located] == [184433]


def test_a_remote_district_needs_evidence_of_its_own(gazetteer):
    # a district or commune (population unknown) in a country nothing else in the text names
    text = "Ghanaian police raided a camp near Kpandai on Sunday."
    places = resolve_spans(Document(text=text), [(35, 42)], gazetteer, extra_context=[(0, 8)])
    assert places[0].geonameid is None
    # forces of two countries named: the text is still about somewhere else
    text = "Ghanaian and Togolese troops raided a camp near Kpandai on Sunday."
    places = resolve_spans(Document(text=text), [(48, 55)], gazetteer, extra_context=[(0, 8), (13, 21)])
    assert places[0].geonameid is None
    # with nothing pointing elsewhere the unit keeps its reading
    places = resolve_spans(Document(text="A camp near Kpandai was raided."), [(12, 19)], gazetteer)
    assert places[0].geonameid == 9900001


def test_a_written_province_rules_out_namesakes_elsewhere(gazetteer):
    query = ToponymQuery(text="Bimbilla", cues=read_cues("Gunmen fired in Bimbilla (Northern) at dawn.", 16, 24))
    (resolution,) = Resolver(gazetteer).resolve([query])
    assert resolution.candidate.geonameid == 9900002
    assert resolution.ambiguity == 1  # the namesake in another country is no candidate at all


def test_a_town_and_its_province_of_the_same_name(gazetteer):
    text = "Gunmen shot a farmer in Formosa (Formosa) after a dispute."
    places = resolve_spans(Document(text=text), [(24, 31)], gazetteer)
    assert places[0].geonameid == 3433900  # the town in the province, not a bigger namesake abroad


def test_a_country_in_a_march_s_purpose_clause_is_not_where_it_marched(pipeline):
    text = "Hundreds of ethnic Serbs marched Friday in downtown Vienna to protest the shooting of their neighbours in Kosovo."
    events = pipeline.process(Document(text=text, published="2019-03-09")).events
    assert events and events[0].country_code == "AT"
