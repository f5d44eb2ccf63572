"""Where a report's armed groups fight decides between namesakes; a town "area" of a province
is that town, inside the province."""

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
