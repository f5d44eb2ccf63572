"""Whole articles whose lede tells the story apart from its details: a town taken and the
assault told after it, a riot that a curfew answered the next day, arrests made at that riot,
two events coordinated in one lede, a lede with no day of its own, and a place told in the next
sentences (where the blast was, not the hospital the wounded reached)."""

from eventatlas import extract
from tests.document.helpers import kept as _kept


def test_the_assault_told_after_a_town_taken_is_part_of_the_takeover():
    text = ("JNIM fighters seized the town of Kantchari in eastern Burkina Faso on Tuesday, security sources said.\n\n"
            "The fighters attacked the army base before dawn from three sides and seized weapons and armoured "
            "vehicles, a local official said.")
    kept = _kept(extract(text, published="2026-03-11"))
    assert [e.sub_event_type for e in kept] == ["Non-state actor overtakes territory"]
    assert kept[0].event_date == "2026-03-10" and (kept[0].actor1 or "").startswith("JNIM")


def test_a_crowd_act_told_in_an_after_clause_takes_the_day_the_story_gives_it():
    text = ("Officials imposed a curfew in the town of Janakpur on Friday after a crowd angered by a death in police "
            "custody set fire to police vehicles.\n\nHundreds of people gathered outside the police station on "
            "Thursday evening, demanding justice, and threw stones at officers, witnesses said.\n\nPolice said 12 "
            "people had been arrested.")
    kept = _kept(extract(text, published="2026-08-08"))
    riots = [e for e in kept if e.event_type == "Riots"]
    assert len(riots) == 1 and riots[0].event_date == "2026-08-06"
    assert not any(e.sub_event_type == "Arrests" for e in kept)  # the riot's arrests


def test_two_events_coordinated_in_one_lede_stay_apart_with_their_own_places():
    text = ("An air strike killed four fighters in the north of Yemen's Saada province and armed tribesmen set fire "
            "to a government office in a town near Marib, local officials said.")
    kept = _kept(extract(text, published="2026-02-03"))
    assert len(kept) == 2
    strike = next(e for e in kept if e.event_type == "Explosions/Remote violence")
    assert strike.location != "Marib"


def test_a_lede_with_no_day_takes_the_day_of_the_sentence_that_details_it():
    text = ("A roadside bomb killed two soldiers in Mali's Mopti region, the army said.\n\nThe device went off "
            "under a supply truck near the town of Boni on Sunday morning, a local official said.")
    kept = _kept(extract(text, published="2026-04-14"))
    assert [e.event_date for e in kept] == ["2026-04-12"]


def test_the_hospital_the_wounded_reached_does_not_place_the_blast():
    text = ("A bomb killed three rangers in Thailand's Yala province on Monday, police said.\n\nOne of the wounded "
            "died later at the provincial hospital in Yala town.")
    kept = _kept(extract(text, published="2026-06-02"))
    assert len(kept) == 1 and kept[0].geo_precision == 3  # the province, not the town


def test_the_deadliest_attack_this_year_is_dated_by_its_own_day():
    text = ("A suicide bomber rammed a car into an army convoy in Bannu district on Tuesday, killing nine soldiers, "
            "officials said, in one of the deadliest attacks on the military this year.")
    kept = _kept(extract(text, published="2026-09-10"))
    assert [e.sub_event_type for e in kept] == ["Suicide bomb"]
    assert kept[0].event_date == "2026-09-08"


def test_a_place_inside_an_armed_groups_name_is_not_where_it_struck():
    text = ("Gunmen ambushed a patrol near the town of Ayorou in western Niger on Monday, killing five soldiers.\n\n"
            "Islamic State Sahel Province claimed the attack on Tuesday, saying it had seized weapons.")
    kept = _kept(extract(text, published="2026-05-06"))
    assert len(kept) == 1 and kept[0].location == "Ayorou"
