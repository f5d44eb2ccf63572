"""Phrasings beyond the ones the lexicons started from: death tolls told by the verb, brawls with
crude weapons, vehicles that hit mines, coups, fake weapons, quiet changes of control, and the
actor dictionary's reach across countries."""

import pytest

from eventatlas.events import extract_events
from eventatlas.events.actors import known_actor
from eventatlas.events.quantities import fatalities
from eventatlas.models import Document
from eventatlas.nlp import parse


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str):
        return extract_events(parse(Document(text=text, published="2022-06-02"), nlp))[0]

    return run


@pytest.mark.parametrize("text, expected", [
    ("Unidentified gunmen shot dead four traders at the market.", 4),
    ("Soldiers executed nine detainees at the camp.", 9),
    ("The militia massacred 30 villagers overnight.", 30),
    ("A mob beat a suspected thief. The man later died.", 1),
    ("None of the passengers died.", 0),
    ("The unit executed two operations in the forest.", 0),  # operations, not people
    ("The officer died of covid last week.", 0),
])
def test_tolls_told_by_the_verb(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("alias, name, inter", [
    ("Rwanda Defence Force", "Military Forces of Rwanda", "State forces"),
    ("Chinland Defense Force", "CDF: Chinland Defense Force", "Rebel group"),
    ("Carabineros", "Police Forces of Chile", "State forces"),
    ("Azawad Liberation Front", "FLA: Azawad Liberation Front", "Rebel group"),
    ("Comando Vermelho", "CV: Red Command", "Political militia"),
])
def test_actor_dictionary_reaches_more_countries(alias, name, inter):
    actor = known_actor(f"members of the {alias} were seen")
    assert actor is not None and (actor.name, actor.inter) == (name, inter)


def test_ambiguous_acronyms_are_not_actors():
    # a news agency, an aviation authority and a bank committee are not armed groups
    for text in ("according to CNA, the talks ended", "the FAA grounded the planes", "the MPC raised rates"):
        actor = known_actor(text)
        assert actor is None, (text, actor)


def test_a_brawl_with_stones_is_mob_violence(code):
    events = code("On 5 June 2022, inhabitants of two quarters of Djougou fought with stones and clubs over a chieftaincy.")
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    assert events[0].inter1 == "Rioters"


def test_the_vehicle_that_hits_a_mine_is_the_target(code):
    events = code("On 1 June 2022, a FAMa vehicle hit a landmine near Boni. Three soldiers were killed.")
    event = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"][0]
    assert event.actor1.startswith("Unidentified Armed Group") and event.actor2 == "Military Forces of Mali"
    assert event.fatalities == 3


def test_a_coup_is_other_not_arrests(code):
    events = code("On 1 June 2022, soldiers detained the president and the prime minister in a coup.")
    assert [e.sub_event_type for e in events] == ["Other"]


def test_a_fake_vest_is_no_suicide_bomb(code):
    events = code("On 1 June 2022, a man wearing a fake suicide vest stabbed two passers-by on a bridge.")
    assert events and not [e for e in events if e.sub_event_type == "Suicide bomb"]


def test_hacked_to_death_is_violence_not_cybercrime(code):
    events = code("On 1 June 2022, Fulani gunmen hacked five farmers to death near their fields in Agatu.")
    event = [e for e in events if e.sub_event_type == "Attack"][0]
    assert event.fatalities == 5


def test_a_quiet_change_of_control(code):
    events = code("On 1 June 2022, the army took over a camp vacated by the peacekeepers.")
    assert [e.sub_event_type for e in events] == ["Non-violent transfer of territory"]
    events = code("On 1 June 2022, Al Shabaab fighters occupied Janaale town after the troops pulled out.")
    assert [e.sub_event_type for e in events] == ["Non-violent transfer of territory"]


def test_strategic_activities_of_armed_groups(code):
    events = code("On 1 June 2022, bandits imposed levies on farmers in three villages of Maru.")
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]
    events = code("On 1 June 2022, gang members seized 17 missionaries on the road near Ganthier.")
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_the_dead_of_a_firefight_keep_it_a_battle(code):
    events = code("On 1 June 2022, police in Cauca traded fire with FARC dissidents in a firefight near Suarez. "
                  "One dissident was killed.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].fatalities == 1


def test_two_gangs_shooting_at_each_other_is_a_battle(code):
    events = code("On 1 June 2022, members of two rival gangs shot at each other in a market of Port-au-Prince.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_fighting_denied_by_without_is_no_battle(code):
    events = code("On 1 June 2022, the rebels entered the town without any fighting after the garrison left.")
    assert not [e for e in events if e.sub_event_type == "Armed clash"]


def test_supporters_fighting_with_sticks_are_rioters(code):
    events = code("On 1 June 2022, supporters of two rival parties fought with sticks and stones at a campaign event in Sylhet.")
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    assert events[0].inter1 == "Rioters"


def test_one_protester_shot_dead_is_excessive_force(code):
    events = code("On 1 June 2022, a protester was shot dead by police during a march against the government in Kampala.")
    assert [e.sub_event_type for e in events] == ["Excessive force against protesters"]
    assert events[0].inter1 == "State forces" and events[0].fatalities == 1


def test_a_search_that_met_no_one_is_a_change_of_activity(code):
    events = code("On 1 June 2022, Nigerian troops conducted a cordon-and-search operation in Gwoza. No contact was made.")
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]


def test_a_peoples_armed_men_are_its_ethnic_militia(nlp):
    from eventatlas.events.actors import resolve_phrase

    for text, name in (("Then Ijaw militants blew up a pipeline.", "Ijaw Ethnic Militia"),
                       ("Then Nuer armed youth raided the cattle camp.", "Nuer Ethnic Militia")):
        subject = next(t for t in nlp(text) if t.dep_ == "nsubj")
        actor = resolve_phrase(list(subject.subtree))
        assert actor is not None and (actor.name, actor.inter) == (name, "Identity militia"), text
    for text in ("Then Malian militiamen attacked.", "Then Islamist militants attacked.", "Then NSAG fighters attacked."):
        subject = next(t for t in nlp(text) if t.dep_ == "nsubj")
        actor = resolve_phrase(list(subject.subtree))
        assert actor is None or actor.inter != "Identity militia", text


def test_a_forces_personnel_are_that_force(nlp):
    from eventatlas.events.actors import resolve_phrase

    subject = next(t for t in nlp("Then army engineers defused the device.") if t.dep_ == "nsubj")
    actor = resolve_phrase(list(subject.subtree))
    assert actor is not None and actor.inter == "State forces"


@pytest.mark.parametrize("text, expected", [
    ("Riot police fired tear gas at hundreds of protesters outside parliament in Lusaka on Friday.",
     "Protest with intervention"),
    ("Troops fired live rounds at the marchers in Lusaka on Friday, killing three.", "Excessive force against protesters"),
])
def test_crowd_control_fire_is_an_intervention_and_live_fire_is_excessive_force(code, text, expected):
    assert [e.sub_event_type for e in code(text)] == [expected]
