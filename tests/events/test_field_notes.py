"""Coder-style notes from the field: arrests, captures, protests met with fire, road blockades,
troop movements and the actors ACLED names in them (see tests/data/notes/written_notes_field.csv)."""

import pytest

from eventatlas.events import extract_events
from eventatlas.events.actors import ResolvedActor, known_actor
from eventatlas.events.codebook import Coding, apply_rules
from eventatlas.models import Document
from eventatlas.nlp import parse

POLICE = ResolvedActor("Police Forces", "State forces", generic=True, kind="force")
GUNMEN = ResolvedActor("Unidentified Armed Group", "Political militia", kind="militia")
CARTEL = ResolvedActor("CJNG: Jalisco New Generation Cartel", "Political militia", "MX", kind="gang")


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str, published: str = "2024-01-01"):
        document = parse(Document(text=text, published=published), nlp)
        return extract_events(document)[0]

    return run


def sub_types(events):
    return [event.sub_event_type for event in events]


# -- codebook rules ---------------------------------------------------------------------------

def test_a_force_capturing_people_arrests_them():
    capture = apply_rules(Coding(label="ABDUCT_DISSAP", actor1=POLICE, triggers={"ARREST"}, trigger_words="captured two commanders",
                                 text="gendarmes captured two commanders of a gang"), "candidate")
    assert capture.label == "ARREST"
    kidnap = apply_rules(Coding(label="ABDUCT_DISSAP", actor1=POLICE, triggers={"ABDUCT_DISSAP"}, trigger_words="abducted",
                                text="officers abducted a journalist"), "candidate")
    assert kidnap.label == "ABDUCT_DISSAP"  # the words of abduction stay an abduction


def test_a_capture_in_the_middle_of_a_fight_is_the_fight():
    coding = apply_rules(Coding(label="ARREST", actor1=POLICE, triggers={"ARREST"}, trigger_words="capturing",
                                text="an operation in the hills, killing or capturing 4 fighters"), "candidate")
    assert coding.label != "ARREST"


def test_an_unnamed_perpetrator_of_gang_violence_is_an_unidentified_gang():
    coding = apply_rules(Coding(label="ATTACK", actor1=GUNMEN, text="gunmen shot a driver",
                                context="gunmen shot a driver in what police called a gangland feud"), "candidate")
    assert coding.actor1.name == "Unidentified Gang"
    named = apply_rules(Coding(label="ATTACK", actor1=CARTEL, text="cartel gunmen shot a driver",
                               context="cartel gunmen shot a driver"), "candidate")
    assert named.actor1 == CARTEL  # a named cartel keeps its name
    rape = apply_rules(Coding(label="SEX_VIOL", text="men gang-raped a girl", context="men gang-raped a girl"),
                       "candidate")
    assert rape.actor1 is None or rape.actor1.name != "Unidentified Gang"


@pytest.mark.parametrize("label", ["PEACE_PROTEST", "PROTEST_WITH_INTER"])
def test_a_protest_met_with_gunfire_is_excessive_force(label):
    coding = apply_rules(Coding(label=label, triggers={"PEACE_PROTEST"},
                                text="soldiers opened fire on farmers protesting a land grab"), "candidate")
    assert coding.label == "FORCE_AGAINST_PROTEST"
    cause = apply_rules(Coding(label=label, triggers={"PEACE_PROTEST"},
                              text="students marched against the shooting of a classmate by police"), "candidate")
    assert cause.label != "FORCE_AGAINST_PROTEST"  # a shooting the march is about


def test_gunfire_on_a_protest_with_no_violence_by_the_crowd_is_no_riot():
    orderly = apply_rules(Coding(label="VIOL_DEMONSTR", triggers={"PEACE_PROTEST"},
                                 text="guards opened fire on vendors protesting a new tax"), "candidate")
    assert orderly.label == "FORCE_AGAINST_PROTEST"
    stones = apply_rules(Coding(label="VIOL_DEMONSTR", triggers={"PEACE_PROTEST", "VIOL_DEMONSTR"},
                                text="vendors protesting a tax threw stones and guards opened fire"), "candidate")
    assert stones.label == "VIOL_DEMONSTR"


# -- actors -----------------------------------------------------------------------------------

def test_actor_names_as_acled_writes_them():
    assert known_actor("a Frontier Corps patrol").name == "Police Forces of Pakistan"
    assert known_actor("suspected Maoists").name == "Naxal-Maoist Rebels (India)"  # no faction named
    assert known_actor("cadres of the CPI-Maoist").name == "CPI (Maoist): Communist Party of India (Maoist)"
    assert known_actor("KNDF fighters").name == "KNDF: Karenni Nationalities Defense Force"
    assert known_actor("RSF troops").name == "Rapid Support Forces"


def test_a_formation_of_a_force_is_that_force(code):
    events = code("On 2 May 2024, an army patrol defused a landmine buried under a bridge near Mora.", "2024-05-03")
    defused = next(e for e in events if e.sub_event_type == "Disrupted weapons use")
    assert defused.actor1 and defused.actor1.startswith("Military Forces")


# -- triggers ---------------------------------------------------------------------------------

def test_police_capturing_gang_leaders_is_an_arrest(code):
    events = code("On 2 May 2024, police captured three leaders of a cattle-rustling gang in a forest near Gusau.",
                  "2024-05-03")
    assert "Arrests" in sub_types(events)


def test_troops_engaging_militants_is_a_battle(code):
    events = code("On 2 May 2024, soldiers engaged jihadist fighters on motorbikes near Tera, killing 4.", "2024-05-03")
    assert "Armed clash" in sub_types(events)


def test_a_road_blockade_to_press_a_demand_is_a_protest(code):
    events = code("On 2 May 2024, market women blocked the main highway at Orlu to demand better street lighting.",
                  "2024-05-03")
    assert "Peaceful protest" in sub_types(events)
    robbery = code("On 2 May 2024, gunmen blocked the highway near Orlu and robbed motorists.", "2024-05-03")
    assert not any(e.event_type == "Protests" for e in robbery)


def test_riot_police_tell_of_no_riot(code):
    events = code("On 2 May 2024, riot police used tear gas to clear cassava farmers holding a sit-in in Okigwe.",
                  "2024-05-03")
    assert sub_types(events) and not any(e.event_type == "Riots" for e in events)


def test_a_unit_redeployed_is_a_movement_of_forces(code):
    events = code("On 2 May 2024, a battalion of the army redeployed from Mueda to Mocimboa da Praia.", "2024-05-03")
    assert any(e.event_type == "Strategic developments" for e in events)


def test_a_raid_that_only_made_arrests_attacked_no_one(code):
    events = code("On 2 May 2024, soldiers detained 5 suspects in a raid on a farmhouse outside Marka.", "2024-05-03")
    assert "Arrests" in sub_types(events) and "Attack" not in sub_types(events)
    deadly = code("On 2 May 2024, police raided a compound outside Marka and shot dead 3 gunmen.", "2024-05-03")
    assert any(e.event_type == "Battles" for e in deadly)


def test_drones_downed_by_air_defence_are_disrupted_weapons(code):
    events = code("On 2 May 2024, Ukrainian air defences downed 9 attack drones over Kharkiv.", "2024-05-03")
    disrupted = next(e for e in events if e.sub_event_type == "Disrupted weapons use")
    assert disrupted.actor1 == "Military Forces of Ukraine"


def test_a_column_reaching_a_town_is_a_movement_of_forces(code):
    events = code("On 2 May 2024, a long army column reached Ansongo from Gao, residents said.", "2024-05-03")
    assert "Change to group/activity" in sub_types(events)


def test_a_peaceful_protest_has_no_deaths_of_its_own(code):
    events = code("On 2 May 2024, dozens of drivers held a sit-in in Kumbo to demand justice for a colleague "
                  "whom unknown gunmen killed last month.", "2024-05-03")
    protest = next(e for e in events if e.event_type == "Protests")
    assert protest.sub_event_type == "Peaceful protest" and protest.fatalities == 0


def test_a_coders_toll_remark_settles_the_toll_of_the_note(code):
    events = code("On 2 May 2024, soldiers raided a hamlet near Tenenkou and shot several herders dead. "
                  "The soldiers also arrested four men and took them to their camp. Fatalities coded as 4.", "2024-05-03")
    lethal = [e for e in events if e.event_type in ("Violence against civilians", "Battles")]
    assert lethal and all(e.fatalities == 4 for e in lethal)


def test_a_group_entering_a_named_town_without_a_fight_takes_it_over(code):
    events = code("On 2 May 2024, after the gendarmes withdrew, CPC rebels entered Kabo without a fight.", "2024-05-03")
    transfer = next(e for e in events if e.sub_event_type == "Non-violent transfer of territory")
    assert transfer.actor1 == "CPC: Coalition of Patriots for Change"  # who takes the town, not who left it


def test_assuming_control_of_a_town_is_a_change_of_territory(code):
    events = code("On 2 May 2024, Wazalendo fighters assumed control of the town of Kalembe after the army pulled out.",
                  "2024-05-03")
    assert "Non-violent transfer of territory" in sub_types(events)


def test_a_crowd_walking_to_an_office_to_ask_for_something_is_a_protest(code):
    events = code("On 2 May 2024, some 300 fishermen walked to the town hall of Bosso to demand the reopening of the "
                  "lake.", "2024-05-03")
    assert "Peaceful protest" in sub_types(events)


def test_herders_raiding_villages_are_a_communal_militia_not_a_mob(code):
    events = code("On 2 May 2024, herdsmen killed 9 farmers in raids on two villages near Bokkos.", "2024-05-03")
    attack = next(e for e in events if e.event_type == "Violence against civilians")
    assert attack.inter1 == "Identity militia" and attack.sub_event_type == "Attack"
    beating = code("On 2 May 2024, villagers beat a suspected thief near Bokkos.", "2024-05-03")
    assert any(e.sub_event_type == "Mob violence" for e in beating)


def test_guided_and_barrel_bombs_are_air_strikes(code):
    events = code("On 2 May 2024, Russian forces hit a school in Orikhiv with a guided aerial bomb, killing 3.",
                  "2024-05-03")
    assert "Air/drone strike" in sub_types(events)
    roadside = code("On 2 May 2024, a roadside bomb hit a bus near Wana, killing 3.", "2024-05-03")
    assert "Air/drone strike" not in sub_types(roadside)


def test_capturing_a_police_station_overtakes_territory(code):
    events = code("On 2 May 2024, PDF fighters captured a police station near Kani, killing 2 policemen.", "2024-05-03")
    assert "Non-state actor overtakes territory" in sub_types(events)


def test_stone_throwing_demonstrators_riot_even_when_police_intervene(code):
    events = code("On 2 May 2024, police dispersed rock-throwing demonstrators demanding electricity in Mora.",
                  "2024-05-03")
    assert "Violent demonstration" in sub_types(events)
    calm = code("On 2 May 2024, police fired tear gas to disperse a silent march in Mora.", "2024-05-03")
    assert "Protest with intervention" in sub_types(calm)


def test_a_listed_group_cut_by_the_parse_keeps_its_name(code):
    events = code("On 2 May 2024, the army and Pyu Saw Htee militiamen torched 40 houses in a village near Pale.",
                  "2024-05-03")
    actors = {e.actor1 for e in events} | {e.assoc_actor_1 for e in events}
    assert not any(a and a.startswith("Htee") for a in actors)


def test_gunmen_firing_on_villagers_is_an_attack(code):
    events = code("On 2 May 2024, gunmen fired on villagers returning from a market near Bokkos, killing 2.",
                  "2024-05-03")
    assert "Attack" in sub_types(events)


def test_a_post_that_came_under_attack_is_the_target_not_the_attacker(code):
    events = code("On 2 May 2024, a gendarmerie post near Tera came under attack by ISGS militants; 3 gendarmes died.",
                  "2024-05-03")
    assert any(e.actor1 == "Islamic State (Sahel)" for e in events)
    unnamed = code("On 2 May 2024, an army convoy came under attack near Tera.", "2024-05-03")
    assert not any(e.actor1 and e.actor1.startswith("Military Forces") for e in unnamed)


def test_people_described_as_detained_tell_of_no_new_arrest(code):
    events = code("On 2 May 2024, mothers of detained students held a vigil outside the prison in Mandalay.",
                  "2024-05-03")
    assert "Peaceful protest" in sub_types(events) and "Arrests" not in sub_types(events)


def test_burning_a_building_is_property_destruction(code):
    events = code("On 2 May 2024, soldiers torched the residence of a suspected separatist near Batibo.", "2024-05-03")
    assert "Looting/property destruction" in sub_types(events)


def test_villagers_burning_a_house_are_rioters_not_civilian_perpetrators():
    villagers = ResolvedActor("Civilians", "Civilians", generic=True, kind="civilian")
    coding = apply_rules(Coding(label="PROPERTY_DISTRUCT", actor1=villagers, triggers={"PROPERTY_DISTRUCT"},
                                text="villagers burned the house of a suspected witch"), "candidate")
    assert coding.label == "MOB_VIOL" and coding.actor1.inter == "Rioters"


def test_a_town_taken_after_hours_of_fighting_is_a_change_of_territory(code):
    events = code("On 6 August 2021, Taliban fighters captured Zaranj after a few hours of fighting around the "
                  "governor's compound.", "2021-08-07")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Non-state actor overtakes territory", "Taliban")]


def test_police_reservists_attacked_in_their_camp_fight_a_battle(code):
    events = code("Late on Monday, fighters armed with rifles attacked a camp of police reservists at Lafey, a "
                  "regional police commander said.", "2025-05-13")
    assert sub_types(events) == ["Armed clash"]


def test_militants_setting_up_camps_establish_a_base(code):
    events = code("Local officials said militants had set up camps in the forests of Tangaza in early November.",
                  "2024-11-05")
    assert sub_types(events) == ["Headquarters or base established"]


def test_camps_set_up_for_displaced_families_are_no_armed_base(code):
    assert code("Aid groups set up camps for displaced families in Tangaza on Monday.", "2024-11-05") == []


def test_a_drone_slamming_into_a_building_is_a_drone_strike(code):
    events = code("On Saturday, a Russian drone slammed into an apartment block in Odesa, killing 12 people.",
                  "2024-03-03")
    assert sub_types(events) == ["Air/drone strike"]


def test_an_event_reported_with_sources_said_is_still_coded_by_the_classifier(code):
    events = code("On 4 October 2023, a column of army vehicles escorted by Wagner Group fighters reached Tessit to "
                  "reinforce the local garrison, local sources said.", "2023-10-05")
    assert sub_types(events) == ["Change to group/activity"]


def test_mercenaries_expelling_aid_workers_to_make_their_base_establish_it(code):
    events = code("On Monday, Wagner mercenaries seized a charity's compound in Birao and set up a base there, "
                  "expelling the aid workers who had run it.", "2021-04-01")
    assert sub_types(events) == ["Headquarters or base established"]


def test_unnamed_men_throwing_a_grenade_are_an_unidentified_armed_group(code):
    events = code("On Saturday, two men on a motorcycle lobbed a hand grenade into a general store in Jolo.", "2022-08-21")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Grenade", "Unidentified Armed Group")]


def test_herders_and_farmers_fighting_are_communal_militias_not_a_mob(code):
    events = code("At least 12 people were killed on Tuesday when herders and farmers fought each other in villages "
                  "near Koumra.", "2025-04-23")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Armed clash", "Unidentified Communal Militia")]


def test_a_militia_overrunning_barracks_overtakes_territory(code):
    events = code("On 4 March 2025, armed youths known as the White Army overran the army barracks in Nasir following "
                  "two days of fighting.", "2025-03-05")
    assert sub_types(events) == ["Non-state actor overtakes territory"]


def test_a_country_s_assault_groups_engaged_by_the_other_side_fight_a_battle(code):
    events = code("On Sunday, Russian assault groups tried to push into the outskirts of Pokrovsk and were engaged by "
                  "Ukrainian drone units.", "2025-01-13")
    assert sub_types(events) == ["Armed clash"]


def test_assault_rifles_name_a_weapon_not_an_assault(code):
    events = code("On Monday, gunmen with assault rifles attacked a market in Gao, killing five.", "2024-06-04")
    assert sub_types(events) == ["Attack"]


def test_police_firing_on_supporters_marching_use_excessive_force(code):
    events = code("On Wednesday, police in Migori fired live bullets at opposition supporters marching along the main "
                  "road against the cost of living.", "2023-07-20")
    assert sub_types(events) == ["Excessive force against protesters"]


def test_youths_stoning_anti_riot_police_behind_barricades_riot_as_demonstrators(code):
    events = code("On Thursday, youths put up barricades along the main road in Conakry and threw stones at anti-riot "
                  "police, who answered with tear gas.", "2023-02-17")
    assert sub_types(events) == ["Violent demonstration"]


def test_displaced_people_named_in_a_list_of_talks_topics_are_no_displacement(code):
    events = code("Delegates said the agenda covered a mechanism to monitor any truce and the return of displaced "
                  "people to their villages.", "2025-02-26")
    assert "Other" not in sub_types(events)


def test_hostages_released_after_a_ransom_are_no_new_event_but_a_rescue_by_troops_is(code):
    assert code("The seven hostages were freed on Sunday near Mirebalais after a ransom was paid.", "2026-02-17") == []
    rescue = code("Soldiers freed seven hostages in a raid near Mirebalais on Sunday.", "2026-02-17")
    assert sub_types(rescue) == ["Other"]


def test_protests_shown_in_shared_videos_are_no_protest_of_the_report(code):
    events = code("On Friday, intelligence officers detained an opposition coordinator in Barinas after she shared "
                  "videos of protests against the election result.", "2024-08-10")
    assert sub_types(events) == ["Arrests"]
