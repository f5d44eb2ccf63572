"""Ordinary news that only looks like an event: trigger words inside names, and military
hardware or exercises described rather than used. Real strikes and clashes stay events."""

import pytest

from eventatlas.events import extract_events
from eventatlas.models import Document
from eventatlas.nlp import parse


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str):
        events, _ = extract_events(parse(Document(text=text, published="2023-06-14"), nlp))
        return [e.sub_event_type for e in events]

    return run


@pytest.mark.parametrize("text", [
    "The library board in Battle Creek voted on Tuesday to extend opening hours.",
    "Rally officials said the gravel stage would be shortened because of heavy rain.",
    "Volunteers of the Clash Street Youth Club painted the old gym on Saturday.",
])
def test_a_trigger_word_inside_a_name_is_no_event(code, text):
    assert code(text) == []


def test_a_name_does_not_hide_another_trigger_in_the_sentence(code):
    assert "Armed clash" in code("Fighting broke out near Battle Creek after rebels attacked an army post on Monday.")


def test_a_title_case_headline_keeps_its_trigger(code):
    assert code("Police Clash With Protesters Outside Parliament In Athens") != []


@pytest.mark.parametrize("text", [
    "The navy said an aircraft carrier sailed into Busan harbour on Monday for a scheduled port call.",
    "Three drones and a transport plane were on display at the air show in Farnborough.",
    "Two destroyers escorted the aircraft carrier through the strait on Thursday.",
    "The air force took delivery of six new fighter jets last week.",
])
def test_hardware_only_named_is_no_strike(code, text):
    assert code(text) == []


@pytest.mark.parametrize("text", [
    "In the drills, gun crews fired shells at floating targets on a coastal range, the ministry said.",
    "Some 3,500 sailors and marines joined the drills in the gulf this week.",
    "Warplanes dropped dummy bombs on mock targets during the joint exercise off the coast.",
])
def test_a_military_exercise_is_no_event(code, text):
    assert code(text) == []


@pytest.mark.parametrize("text, sub_type", [
    ("Warplanes pounded rebel-held villages near Idlib on Monday, killing nine people.", "Air/drone strike"),
    ("Drones targeted an army base outside Gao on Saturday.", "Air/drone strike"),
    ("Artillery shelled the outskirts of Donetsk overnight, local officials said.", "Shelling/artillery/missile attack"),
    ("Gunmen ambushed soldiers returning from a training exercise near Mopti on Friday.", "Armed clash"),
])
def test_real_strikes_and_attacks_stay_events(code, text, sub_type):
    assert sub_type in code(text)


def test_live_fire_at_a_crowd_is_no_exercise():
    from eventatlas.events.codebook import Coding, apply_rules

    real = Coding(label="ARMED_CLASH", text="youths fought the gendarmes, who answered with live fire in the market")
    drill = Coding(label="ARMED_CLASH", text="two battalions fought a mock enemy in the annual exercise")
    assert not apply_rules(real, "candidate").dropped
    assert apply_rules(drill, "candidate").dropped


def test_the_exercise_of_a_duty_is_no_military_exercise():
    from eventatlas.events.codebook import Coding, apply_rules

    duty = Coding(label="ARMED_CLASH", text="an officer was shot by bandits in the exercise of his duties")
    assert not apply_rules(duty, "candidate").dropped


def test_a_demand_after_a_semicolon_does_not_turn_the_first_clause_into_a_call(code):
    assert code("On 12 June 2023, armed men stopped a taxi near Kenscoff and abducted 4 passengers; "
                "the kidnappers later demanded a ransom.") == ["Abduction/forced disappearance"]


def test_what_people_are_said_to_have_suffered_describes_them(code):
    assert code("Thousands marched through Toronto on Saturday, carrying portraits of relatives they said "
                "had been killed by soldiers in Khartoum.") == ["Peaceful protest"]


def test_a_year_in_a_modifier_does_not_make_the_event_background(nlp):
    text = ("On 13 June 2023, police in Bishkek detained 6 activists who had gathered to remember those "
            "killed during the unrest of January 2022.")
    events, _ = extract_events(parse(Document(text=text, published="2023-06-14"), nlp))
    assert [(e.sub_event_type, e.background) for e in events] == [("Arrests", False)]


@pytest.mark.parametrize("text", [
    "The army said on Monday that the rebels attack only military convoys and spare civilians.",
    "The front is the most active rebel group in the province, where it fights for control of the coca fields.",
    "The ministry did not comment on the attack.",
])
def test_what_a_group_habitually_does_and_a_comment_on_an_attack_are_no_events(code, text):
    assert code(text) == []


def test_a_gold_mine_is_no_landmine(code):
    assert code("Miners were trapped when part of an illegal gold mine collapsed near Siguiri on Monday.") == []


@pytest.mark.parametrize("text", [
    "The minister spoke in a compound in the capital ringed with blast walls and checkpoints on Tuesday.",
    "The new school in Bakhmut has bomb shelters under every classroom, the mayor said on Tuesday.",
])
def test_protection_built_against_attacks_is_no_attack(code, text):
    assert code(text) == []


def test_a_right_to_protest_is_no_protest(code):
    assert code("The governor said on Tuesday that the right to protest was guaranteed in Oaxaca.") == []


def test_a_road_blocked_by_a_group_of_civilians_is_a_protest(code):
    assert code("Hundreds of nurses blocked the main road into Kisumu on Monday.") == ["Peaceful protest"]
