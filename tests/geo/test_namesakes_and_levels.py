"""Namesakes and written levels: where a report's armed groups fight decides between namesakes;
a town "area" of a province is that town, inside the province; a town written with the district
named like it is the town; a park named like a town far away lies in the town written with it."""

from eventatlas.pipeline import extract


def _place(text: str, published: str):
    events = [e for e in extract(text, published=published).events if not e.background]
    return (events[0].location, events[0].country_code) if events else None


def test_a_city_name_shared_with_a_sizeable_town_where_the_group_fights_is_that_town(real_gazetteer):
    text = ("Two soldiers were killed when New People's Army guerrillas ambushed an army patrol in a village of "
            "San Jose town on Monday, the military said.")
    assert _place(text, "2025-09-02") == ("San Jose", "PH")


def test_the_area_of_a_town_in_a_state_is_placed_at_that_town(real_gazetteer):
    text = "Gunmen abducted 12 farmers from their fields in the Kaura Namoda area of Zamfara state on Monday."
    assert _place(text, "2026-02-03") == ("Kaura Namoda", "NG")


def test_a_town_written_with_the_district_named_like_it_is_the_town(real_gazetteer):
    text = "On 2 March 2024, about 300 people rallied in Stuttgart (Stuttgart, Baden-Wurttemberg) against the war."
    assert _place(text, "2024-03-03") == ("Stuttgart", "DE")


def test_a_park_named_like_another_town_lies_in_the_town_written_with_it(real_gazetteer):
    text = ("On 5 May 2024, about 200 protesters rallied in Forsyth Park in Savannah (Chatham, Georgia) "
            "to demand a ceasefire.")
    events = [e for e in extract(text, published="2024-05-06").events if not e.background]
    assert events[0].admin2 == "Chatham County" and abs(events[0].latitude - 32.08) < 0.1


def test_a_town_owning_a_site_is_where_the_act_happened_not_the_place_of_a_while_clause(real_gazetteer):
    text = ("Police fired tear gas on Monday to disperse traders who tried to march on Mombasa's City Hall, "
            "while a separate march in the western city of Kisumu passed off peacefully.")
    events = [e for e in extract(text, published="2026-06-10").events if not e.background]
    assert [e.location for e in events if e.sub_event_type == "Protest with intervention"] == ["Mombasa"]
