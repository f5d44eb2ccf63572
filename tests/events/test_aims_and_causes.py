"""Words that look like events but are aims, causes or summaries, and event words the
lexicon had missed (drones fired or downed, masts blown up, people carried away, roads blocked)."""

import pytest

from eventatlas.events import extract_events
from eventatlas.events.quantities import fatalities
from eventatlas.models import Document
from eventatlas.nlp import parse


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str, published: str = "2024-06-10"):
        return extract_events(parse(Document(text=text, published=published), nlp))[0]

    return run


def sub_types(events):
    return [event.sub_event_type for event in events]


def test_an_effort_towards_an_act_is_no_act(code):
    assert sub_types(code("A police spokesman said officers were doing everything possible to retake control of "
                          "the road between the capital and the plateau.")) == []
    assert sub_types(code("Troops struggled to recapture the border town on Monday.")) == []


def test_the_cause_told_in_a_because_clause_is_no_new_event(code):
    events = code("The group said its fighters had targeted the station because officers there had arrested "
                  "members of the group.")
    assert "Arrests" not in sub_types(events)


def test_months_of_fighting_sum_up_a_period(code):
    assert sub_types(code("Negotiators resumed talks in Nairobi on Wednesday, seeking a ceasefire after months of "
                          "fighting in the south.")) == []


def test_a_rally_that_broke_up_by_itself_was_not_dispersed(code):
    events = code("Hundreds of teachers rallied in front of the governor's office on Thursday to demand unpaid "
                  "salaries. The rally broke up peacefully after about three hours.")
    assert sub_types(events) == ["Peaceful protest"]


@pytest.mark.parametrize("text, sub_type", [
    ("A drone packed with explosives struck a gas field in the north on Wednesday.", "Air/drone strike"),
    ("Rebel forces fired a drone at army positions near the port, killing two soldiers.", "Air/drone strike"),
    ("Air defence units downed 8 Shahed-type drones over the city overnight; no damage was reported.",
     "Disrupted weapons use"),
    ("Militants blew up two telecommunication masts in the district. No one was hurt.", "Looting/property destruction"),
])
def test_event_words_of_the_lexicon(code, text, sub_type):
    assert sub_type in sub_types(code(text))


def test_a_road_blocked_by_angry_youths_is_a_protest(code):
    events = code("Youths angry at rising food prices blocked the main road through the town. Police fired tear gas "
                  "to scatter them and detained 12 people.")
    assert sub_types(events)[:1] == ["Protest with intervention"]


def test_people_carried_away_are_abducted(code):
    events = code("Gunmen raided a farming village at night and carried away 15 people into the bush.")
    assert "Abduction/forced disappearance" in sub_types(events)


def test_an_assault_beaten_off_is_a_battle(code):
    events = code("On 14 March 2024, militants stormed an army position near the town. The soldiers fought them off "
                  "after several hours; 9 soldiers died.")
    assert sub_types(events)[:1] == ["Armed clash"]


def test_beheadings_are_a_toll():
    assert fatalities("Insurgents raided a village on Sunday, beheading at least six people.") == 6


def test_fired_back_in_a_gun_battle_is_no_recollection(code):
    events = code("On 28 November 2022, separatist fighters attacked a military checkpoint in Ndop, and soldiers "
                  "fired back in a gun battle that lasted about an hour.", "2022-11-29")
    assert [e.background for e in events] == [False]


def test_drones_dropping_explosives_strike_from_the_air(code):
    assert "Air/drone strike" in sub_types(code("A drone dropped an explosive on a car on the outskirts of the town, "
                                                "killing the driver."))
    assert "Air/drone strike" in sub_types(code("The cartel dropped explosives from drones onto houses in the village, "
                                                "injuring 3 residents."))


def test_a_protest_encampment_cleared_with_arrests_is_a_protest_with_intervention(code):
    events = code("Officers in riot gear moved into a pro-Palestinian encampment on the campus and arrested 41 people.")
    assert sub_types(events)[:1] == ["Protest with intervention"]


def test_protesters_shot_at_and_dying_of_their_wounds_suffered_excessive_force(code):
    events = code("On 25 June 2024, police shot at young people demonstrating against the Finance Bill in the town; "
                  "2 of them later died of gunshot wounds in hospital.", "2024-06-26")
    assert [(e.sub_event_type, e.fatalities) for e in events][:1] == [("Excessive force against protesters", 2)]
    killed = code("Police fired live rounds and tear gas at a march against military rule, killing one demonstrator "
                  "and wounding 20.")
    assert [(e.sub_event_type, e.fatalities) for e in killed][:1] == [("Excessive force against protesters", 1)]


def test_the_attackers_not_those_who_answered_are_actor_one(code):
    events = code("On 8 May 2024, Islamic State militants attacked an SDF checkpoint with machine guns; the SDF returned "
                  "fire and 2 of its members were killed.")
    assert events[0].actor1.startswith("Islamic State")


def test_the_sides_of_fighting_that_broke_out_between_two_groups(code):
    events = code("On 2 January 2022, fighting broke out between the ELN and FARC dissidents in the countryside of "
                  "Arauquita.")
    assert events[0].actor1.startswith("ELN")


@pytest.mark.parametrize("text, toll", [
    ("One soldier and 3 separatists died, according to a military source.", 4),
    ("Artillery shelled homes, killing a woman and her 2 children.", 3),
    ("A bomb went off as a patrol passed, wounding 3 rangers. No one died.", 0),
])
def test_tolls_of_lists_and_denials(text, toll):
    assert fatalities(text) == toll


@pytest.mark.parametrize("text, toll", [
    ("Two men on a motorbike shot dead a local news reporter outside his house.", 1),  # two killers, one victim
    ("After a teenager was killed during a police raid, residents set 3 buses alight.", 0),  # the cause, not the toll
    ("3 people were killed a day after the vote.", 3),
])
def test_tolls_of_killers_and_causes(text, toll):
    assert fatalities(text) == toll


def test_the_force_a_weapon_belongs_to(code):
    events = code("On 6 November 2023, regime artillery in western Aleppo shelled homes in Al Atarib, killing a woman "
                  "and her 2 children.", "2023-11-07")
    assert events[0].actor1 and events[0].actor1.startswith("Military Forces")


def test_a_group_whose_acronym_reads_as_a_verb_still_claims(code):
    events = code("On 8 August 2021, Boko Haram/IS claimed to have killed nine soldiers with a roadside bomb outside "
                  "Damboa.", "2021-08-09")
    assert events[0].actor1.startswith("Boko Haram")


def test_the_bearer_of_a_device_that_went_off(code):
    events = code("Two militants were killed when the landmines they were planting exploded prematurely near the town.")
    assert events and events[0].sub_event_type == "Disrupted weapons use"


def test_an_accident_that_led_to_a_riot_does_not_make_it_an_accident(code):
    events = code("On 3 June 2022, moto-taxi riders burnt a car in the town after a road accident that killed a "
                  "fellow rider.", "2022-06-04")
    assert events and events[0].event_type == "Riots"


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police station in the town on Monday, the governor said.",
    "Unidentified gunmen attacked a gendarmerie post near the border on Monday night.",
])
def test_an_attack_on_an_armed_post_or_group_is_a_battle(code, text):
    events = code(text)
    assert events and events[0].sub_event_type == "Armed clash"
