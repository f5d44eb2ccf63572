"""News geoparsing: towns read inside the names of sites far from a story's places, peoples of
no single country, cities written after a quarter the gazetteer lacks, a name's many namesakes
as context, dates, acronyms and datelines in capitals, and divisions listed before a plural type
word (real gazetteer; invented sentences)."""

from eventatlas.geo import geoparse
from eventatlas.geo.geoparse import is_approximate, resolve_spans
from eventatlas.geo.recognize import recognize
from eventatlas.geo.resolve import Resolver, haversine_km
from eventatlas.geo.sites import is_town_point
from eventatlas.models import Document
from eventatlas.nlp import parse


def _spans(text, *names):
    return [(text.index(name), text.index(name) + len(name)) for name in names]


def _near(place, lat, lon, km=161.0):
    return place.latitude is not None and haversine_km(place.latitude, place.longitude, lat, lon) <= km


def test_a_town_inside_a_site_name_far_from_the_story_is_not_read(real_gazetteer):
    # Carnegie (Pennsylvania) gives its name to libraries everywhere: in a story set in
    # New Orleans the library is there, not 1,500 km away
    text = ("Brass bands still march along Esplanade Avenue in New Orleans, Louisiana, past the old "
            "Carnegie Library, which the city restored after the storm.")
    places = resolve_spans(Document(text=text), _spans(text, "New Orleans", "Louisiana", "Carnegie Library"),
                           real_gazetteer, approximate_unknown=True)
    library = places[-1]
    assert library.geonameid is None or library.country_code != "US" or _near(library, 29.95, -90.07, 250)
    assert _near(library, 29.95, -90.07)  # placed at the story's town, marked as the town's point
    assert is_town_point(library) and not is_approximate(library) and library.feature_code == "LIBR"


def test_a_town_inside_a_site_name_near_the_story_is_read(real_gazetteer):
    text = "Traders in Kumasi said prices rose at Kumasi Central Market after the floods in Ashanti."
    places = resolve_spans(Document(text=text), _spans(text, "Kumasi", "Kumasi Central Market", "Ashanti"), real_gazetteer)
    assert places[1].country_code == "GH" and _near(places[1], 6.69, -1.62, 30)


def test_a_people_of_no_single_country_is_not_a_town(real_gazetteer):
    # "Arab" is also a small town in Alabama
    assert Resolver(real_gazetteer).candidates("Arab") == []


def test_a_city_written_after_a_quarter_the_gazetteer_lacks_is_the_city(real_gazetteer):
    text = "Dockworkers clashed with the police at Pelican Wharf, Lagos, on Monday."
    lagos = resolve_spans(Document(text=text), _spans(text, "Lagos"), real_gazetteer)[0]
    assert lagos.feature_class == "P" and lagos.country_code == "NG"


def test_a_town_written_before_its_state_keeps_the_state(real_gazetteer):
    text = "The bridge closed near Albany, New York, for repairs."
    places = resolve_spans(Document(text=text), _spans(text, "Albany", "New York"), real_gazetteer)
    assert places[0].admin1 == "New York" and places[1].feature_code == "ADM1"


def test_a_capital_named_in_passing_does_not_pull_a_famous_town_to_its_namesakes(real_gazetteer):
    # Canada's Ottawa has many US and Canadian namesakes of Oxford near it; the famous Oxford is English
    text = "She flew from Oxford to Ottawa for the conference."
    places = resolve_spans(Document(text=text), _spans(text, "Oxford", "Ottawa"), real_gazetteer)
    assert places[0].country_code == "GB" and places[1].country_code == "CA"


def test_a_month_after_in_is_not_a_place(nlp, real_gazetteer):
    text = "The county board will vote on the levy in June, and the new rate starts in Marion in August."
    toponyms, _ = recognize(nlp(text), real_gazetteer)
    assert not {"June", "August"} & {t.text for t in toponyms}


def test_an_acronym_in_running_text_is_not_a_city(nlp, real_gazetteer):
    text = "A police SWAT team surrounded the house in Decatur, Illinois, before dawn on Friday."
    names = {t.text for t in recognize(nlp(text), real_gazetteer)[0]}
    assert "SWAT" not in names and "Decatur" in names


def test_a_town_in_capitals_opening_a_report_is_a_place(nlp, real_gazetteer):
    text = "School board weighs new buses\nTORRINGTON — The school board met on Tuesday to discuss buses."
    names = {t.text for t in recognize(nlp(text), real_gazetteer)[0]}
    assert "TORRINGTON" in names


def test_names_listed_before_a_plural_division_word_are_divisions(nlp, real_gazetteer):
    text = "Unemployment fell in the metro area, which takes in Clarke, Madison, Oconee and Oglethorpe counties."
    places = geoparse(parse(Document(text=text), nlp), gazetteer=real_gazetteer)
    counties = {p.mention.text: p for p in places}
    assert {"Clarke", "Madison", "Oconee", "Oglethorpe"} <= set(counties)
    assert all(counties[n].feature_code == "ADM2" and counties[n].admin1 == "Georgia" for n in ("Oconee", "Oglethorpe"))


def test_names_joined_by_and_form_a_list_but_a_town_and_its_state_do_not():
    from eventatlas.geo.geoparse import _coordinated_lists

    text = "Flights to Reno, Boise and Fresno resumed, and a plane landed in Tacoma, Washington."
    spans = _spans(text, "Reno", "Boise", "Fresno", "Tacoma", "Washington")
    lists = _coordinated_lists(text, spans)
    assert lists[0] == lists[1] == lists[2] != -1
    assert lists[3] == lists[4] == -1


def test_an_item_of_a_list_of_states_reads_as_a_state(real_gazetteer):
    text = "Jobs moved from states such as Ohio, Michigan and Georgia to the south."
    places = resolve_spans(Document(text=text), _spans(text, "Ohio", "Michigan", "Georgia"), real_gazetteer)
    assert [p.feature_code for p in places] == ["ADM1", "ADM1", "ADM1"] and places[2].country_code == "US"


def test_a_weekday_before_a_written_hierarchy_is_not_its_place(nlp, real_gazetteer):
    # "on Friday in X in Y province" is a date and two places, not a place called Friday
    text = "Gunmen ambushed a convoy on Friday in Dilling in South Kordofan state, residents said."
    toponyms, _ = recognize(nlp(text), real_gazetteer)
    names = [t.text for t in toponyms]
    assert "Friday" not in names
    assert any(name.startswith("Dilling") for name in names)
