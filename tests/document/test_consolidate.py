"""document.consolidate: one event per real event, evidence pooled by ACLED's rules."""

from __future__ import annotations

from eventatlas.document.consolidate import consolidate_events
from tests.document.helpers import READING, UK, event

DAY = "2020-06-20"


def test_a_town_and_the_region_around_it_from_one_phrase_are_one_event_at_the_town():
    lede = "On Saturday in Reading, Berkshire, a knife attacker killed two shoppers."
    region = {**READING, "location": "Berkshire", "geonameid": 1, "geo_precision": 2}
    merged = consolidate_events([event(lede, 0, place=region, event_date=DAY), event(lede, 0, place=READING, event_date=DAY)])
    assert len(merged) == 1 and merged[0].location == "Reading" and merged[0].geo_precision == 1


def test_a_country_level_mention_merges_into_the_town_event_of_that_country():
    merged = consolidate_events([
        event("Attackers struck the United Kingdom on Saturday.", 0, place=UK, event_date=DAY),
        event("A man stabbed people in Reading.", 60, place=READING, event_date=DAY, fatalities=3),
    ])
    assert len(merged) == 1
    assert merged[0].location == "Reading" and merged[0].fatalities == 3 and len(merged[0].evidence) == 2


def test_the_arrest_of_the_attacker_is_folded_into_the_attack_keeping_its_type():
    attack = event("A knife attacker killed two shoppers in Reading.", 0, place=READING, event_date=DAY)
    arrest = event("Officers later caught and held the suspect.", 60, etype="Strategic developments", sub="Arrests",
                   place=READING)
    merged = consolidate_events([attack, arrest])
    assert len(merged) == 1 and merged[0].sub_event_type == "Attack" and len(merged[0].evidence) == 2


def test_an_arrest_elsewhere_stays_its_own_event():
    attack = event("A knife attacker killed two shoppers in Reading.", 0, place=READING, event_date=DAY)
    elsewhere = {**READING, "location": "Leeds", "geonameid": 2644688, "latitude": 53.8, "longitude": -1.55}
    arrest = event("Police arrested him in Leeds.", 60, etype="Strategic developments", sub="Arrests", place=elsewhere)
    assert len(consolidate_events([attack, arrest])) == 2


def test_a_vague_candidate_gives_way_to_the_specific_event_of_the_same_place_and_day():
    vague = event("On Friday, a man stabbed several people at the hall in Reading.", 0,
                  etype="Strategic developments", sub="Other", place=READING, event_date=DAY)
    attack = event("The attacker continued to attack others.", 80, place=READING, event_date=DAY)
    merged = consolidate_events([vague, attack])
    assert len(merged) == 1 and merged[0].sub_event_type == "Attack"
    assert [span.start for span in merged[0].evidence] == [0, 80]


def test_a_sentence_referring_back_merges_across_sub_types_of_one_family():
    bombing = event("A bomb exploded at the cathedral in Reading.", 0, "Explosions/Remote violence",
                    "Remote explosive/landmine/IED", place=READING, event_date=DAY)
    victims = event("The blast killed twenty worshippers.", 50, place=READING, fatalities=20)
    merged = consolidate_events([bombing, victims])
    assert len(merged) == 1 and merged[0].fatalities == 20
    assert merged[0].event_type == "Explosions/Remote violence"  # the antecedent names the event


def test_other_tactics_and_other_families_stay_apart():
    strike = event("Planes struck the town.", 0, "Explosions/Remote violence", "Air/drone strike", place=READING,
                   event_date=DAY)
    shelling = event("Artillery shelled the town.", 40, "Explosions/Remote violence",
                     "Shelling/artillery/missile attack", place=READING, event_date=DAY)
    protest = event("Residents rallied in the town.", 80, "Protests", "Peaceful protest", place=READING, event_date=DAY)
    assert len(consolidate_events([strike, shelling, protest])) == 3


def test_a_claim_for_the_attack_is_the_same_event_wherever_the_speaker_was():
    strike = event("Drones struck the plant at Reading on Saturday.", 0, "Explosions/Remote violence",
                   "Air/drone strike", place=READING, event_date=DAY, date_text="on Saturday")
    abroad = {"location": "Paris", "country": "France", "country_code": "FR", "geonameid": 2988507,
              "latitude": 48.85, "longitude": 2.35, "geo_precision": 1}
    claim = event("Speaking on television in Paris, a spokesman said the group carried out the attack.", 60,
                  place=abroad)
    merged = consolidate_events([strike, claim])
    assert len(merged) == 1 and merged[0].location == "Reading" and len(merged[0].evidence) == 2


def test_a_date_read_from_another_sentence_does_not_keep_two_mentions_apart():
    attack = event("On Friday a man stabbed people in Reading.", 0, place=READING, event_date="2020-06-19",
                   date_text="On Friday")
    retold = event("The attacker continued to stab people in Reading.", 60, place=READING,
                   event_date="2020-06-20", date_text="Saturday")  # narrative time, not its own words
    assert len(consolidate_events([attack, retold])) == 1


def test_a_detail_of_another_family_gives_the_event_its_toll_once():
    brawl = event("Two rival groups of porters fought with sticks at the depot in Reading.", 0, "Riots",
                  "Mob violence", place=READING, event_date=DAY)
    toll = event("Four porters died of their wounds.", 80, "Battles", "Armed clash", fatalities=4)
    merged = consolidate_events([brawl, toll])
    assert len(merged) == 1 and merged[0].sub_event_type == "Mob violence" and merged[0].fatalities == 4


def test_a_detail_does_not_add_to_a_toll_already_given():
    brawl = event("Rival porters fought at the depot in Reading, killing three.", 0, "Riots", "Mob violence",
                  place=READING, event_date=DAY, fatalities=3)
    restated = event("Three porters were killed in the fighting.", 80, "Battles", "Armed clash", fatalities=3)
    merged = consolidate_events([brawl, restated])
    assert len(merged) == 1 and merged[0].fatalities == 3


def test_a_clash_retyped_as_a_capture_takes_the_capturing_group_as_actor1():
    from eventatlas.document.consolidate import absorb

    clash = event("Troops and the Northern Hills Front fought near Tarevo on Friday.", 0, etype="Battles",
                  sub="Armed clash", actor1="Military Forces of Ruritania", inter1="State forces",
                  actor2="Northern Hills Front", inter2="Rebel group")
    capture = event("The front said it had taken two army posts.", 70, etype="Battles",
                    sub="Non-state actor overtakes territory", actor1="Unidentified Armed Group (Ruritania)",
                    inter1="Political militia")
    absorb(clash, capture)
    assert clash.sub_event_type == "Non-state actor overtakes territory"
    assert (clash.actor1, clash.inter1) == ("Northern Hills Front", "Rebel group")
    assert (clash.actor2, clash.inter2) == ("Military Forces of Ruritania", "State forces")


def test_a_one_sided_clash_in_the_sentence_of_a_riot_is_the_riot():
    lede = "Dock workers and riot police fought running battles in Reading on Saturday, burning two vans."
    clash = event(lede, 0, "Battles", "Armed clash", place=READING, event_date=DAY, actor1="Police Forces")
    riot = event(lede, 0, "Riots", "Violent demonstration", place=READING, event_date=DAY, actor1="Rioters",
                 actor2="Police Forces")
    merged = consolidate_events([clash, riot])
    assert [e.sub_event_type for e in merged] == ["Violent demonstration"]


def test_a_clash_of_two_armed_sides_beside_a_rally_stays_its_own_event():
    text = "Rebels and soldiers clashed in Reading on Saturday as hundreds rallied for peace."
    clash = event(text, 0, "Battles", "Armed clash", place=READING, event_date=DAY, actor1="Rebels",
                  actor2="Military Forces")
    rally = event(text, 0, "Protests", "Peaceful protest", place=READING, event_date=DAY, actor1="Protesters")
    merged = consolidate_events([clash, rally])
    assert sorted(e.sub_event_type for e in merged) == ["Armed clash", "Peaceful protest"]


KADUNA = {"location": "Kaduna", "country": "Nigeria", "country_code": "NG", "admin1": "Kaduna", "admin2": "Kaduna North",
          "geonameid": 2335727, "latitude": 10.523, "longitude": 7.438, "geo_precision": 1}
KADUNA_NORTH = {**KADUNA, "location": "Kaduna North", "geonameid": 9999001, "latitude": 10.55, "longitude": 7.45,
                "geo_precision": 2}
ZARIA = {**KADUNA, "location": "Zaria", "admin2": "Zaria", "geonameid": 2317765, "latitude": 11.085, "longitude": 7.72}


def test_police_breaking_up_the_crowds_of_a_riot_is_a_stage_of_the_riot_not_a_protest():
    riot = event("Rival youth groups traded blows and burned cars in Kaduna on Friday.", 0, etype="Riots",
                 sub="Mob violence", place=KADUNA, event_date=DAY, actor1="Rioters (Nigeria)", sentence=0)
    dispersal = event("Officers used tear gas to break up the crowds.", 80, etype="Protests",
                      sub="Protest with intervention", place=KADUNA, event_date=DAY, actor1="Protesters (Nigeria)",
                      sentence=1)
    merged = consolidate_events([riot, dispersal])
    assert len(merged) == 1 and merged[0].sub_event_type == "Mob violence" and len(merged[0].evidence) == 2


def test_a_later_escalation_of_a_march_is_an_event_of_its_own():
    march = event("Students marched through Kaduna on Friday.", 0, etype="Protests", sub="Peaceful protest",
                  place=KADUNA, event_date=DAY, actor1="Protesters (Nigeria)", sentence=0)
    stormed = event("Hours later some of them forced their way into the state assembly.", 50, etype="Riots",
                    sub="Violent demonstration", place=KADUNA, event_date=DAY, actor1="Rioters (Nigeria)", sentence=1)
    assert len(consolidate_events([march, stormed])) == 2


def test_a_second_demonstration_that_names_its_own_place_stays_apart():
    march = event("Students marched through Kaduna on Friday.", 0, etype="Protests", sub="Peaceful protest",
                  place=KADUNA, event_date=DAY, actor1="Protesters (Nigeria)", sentence=0)
    looting = event("Elsewhere in Kaduna, a mob looted a warehouse of food aid.", 50, etype="Riots",
                    sub="Mob violence", place=KADUNA, event_date=DAY, actor1="Rioters (Nigeria)", sentence=1)
    assert len(consolidate_events([march, looting])) == 2


def test_an_attack_and_a_later_clash_with_the_attackers_stay_two_events():
    attack = event("Bandits killed five farmers near Zaria on Friday.", 0, place=ZARIA, event_date=DAY,
                   actor1="Unidentified Armed Group (Nigeria)", sentence=0)
    clash = event("Soldiers later exchanged fire with them for an hour.", 60, etype="Battles", sub="Armed clash",
                  place=ZARIA, event_date=DAY, actor1="Military Forces of Nigeria", sentence=1)
    assert len(consolidate_events([attack, clash])) == 2


def test_a_district_and_a_town_in_it_are_one_place_and_the_event_keeps_the_town():
    district = event("Youths fought running battles in Kaduna North district on Friday.", 0, etype="Riots",
                     sub="Mob violence", place=KADUNA_NORTH, event_date=DAY, actor1="Rioters (Nigeria)", sentence=0)
    town = event("Houses were set on fire in Kaduna during the violence.", 70, etype="Riots", sub="Mob violence",
                 place=KADUNA, event_date=DAY, actor1="Rioters (Nigeria)", sentence=1)
    merged = consolidate_events([district, town])
    assert len(merged) == 1 and merged[0].location == "Kaduna" and merged[0].geo_precision == 1


def test_the_clash_named_again_beside_another_town_is_the_same_clash():
    clash = event("Troops and militants fought near Zaria on Friday.", 0, etype="Battles", sub="Armed clash",
                  place=ZARIA, event_date=DAY, sentence=0)
    aside = event("The clash came days after police detained a suspect in Kaduna.", 60, etype="Battles",
                  sub="Armed clash", place=KADUNA, sentence=1)
    merged = consolidate_events([clash, aside])
    assert len(merged) == 1 and merged[0].location == "Zaria" and len(merged[0].evidence) == 2


def _span(text: str, start: int):
    from eventatlas.models import Span
    return Span(text=text, start=start, end=start + len(text))


def test_a_death_told_in_a_fights_sentence_is_the_toll_of_the_fight():
    lede = "One man was killed in Reading on Saturday when supporters of two parties fought with sticks."
    death = event(lede, 0, place=READING, event_date=DAY, sentence=0, fatalities=1, trigger=_span("killed", 12))
    fight = event(lede, 0, "Riots", "Mob violence", place=READING, event_date=DAY, sentence=0, fatalities=1,
                  trigger=_span("fought", 74))
    merged = consolidate_events([death, fight])
    assert [(e.sub_event_type, e.fatalities) for e in merged] == [("Mob violence", 1)]


def test_a_killing_with_its_own_verb_in_a_fights_sentence_stays_an_attack():
    lede = "Police shot a man in Reading on Saturday when supporters of two parties fought with sticks."
    shooting = event(lede, 0, place=READING, event_date=DAY, sentence=0, trigger=_span("shot", 7))
    fight = event(lede, 0, "Riots", "Mob violence", place=READING, event_date=DAY, sentence=0,
                  trigger=_span("fought", 72))
    assert len(consolidate_events([shooting, fight])) == 2


def test_the_attackers_opening_fire_continue_the_ambush_just_told():
    ambush = event("Gunmen ambushed a police patrol outside Reading on Saturday, killing four officers.", 0,
                   "Battles", "Armed clash", place=READING, event_date=DAY, date_text="on Saturday", sentence=0,
                   fatalities=4)
    shots = event("The attackers opened fire from two trucks as the patrol passed.", 90, place=READING,
                  event_date=DAY, date_text="on Saturday", sentence=1, actor2="Civilians (United Kingdom)")
    merged = consolidate_events([ambush, shots])
    assert len(merged) == 1 and merged[0].sub_event_type == "Armed clash" and len(merged[0].evidence) == 2
    assert merged[0].actor2 is None  # the attack reading's civilian victims are not the clash's side


def test_the_gunmen_striking_another_town_is_another_event():
    ambush = event("Gunmen ambushed a police patrol outside Reading on Saturday.", 0, "Battles", "Armed clash",
                   place=READING, event_date=DAY, sentence=0)
    leeds = {**READING, "location": "Leeds", "geonameid": 2644688, "latitude": 53.8, "longitude": -1.55}
    raid = event("The gunmen then attacked a farm near Leeds.", 70, place=leeds, event_date=DAY, sentence=1)
    assert len(consolidate_events([ambush, raid])) == 2


def test_a_curfew_told_in_the_riots_sentence_is_part_of_that_report():
    lede = "Authorities imposed a curfew in Reading on Saturday after two groups hurled stones at each other."
    curfew = event(lede, 0, "Strategic developments", "Change to group/activity", place=READING, event_date=DAY,
                   sentence=0)
    riot = event(lede, 0, "Riots", "Mob violence", place=READING, event_date=DAY, sentence=0)
    merged = consolidate_events([curfew, riot])
    assert [e.sub_event_type for e in merged] == ["Mob violence"]


def test_a_crowd_and_its_dispersal_in_one_sentence_are_one_event_at_the_place_named():
    lede = "Protesters threw rocks at the town hall in Reading on Saturday before police dispersed them."
    riot = event(lede, 0, "Riots", "Violent demonstration", place=READING, event_date=DAY, sentence=0)
    dispersal = event(lede, 0, "Protests", "Protest with intervention", place=READING, event_date=DAY, sentence=0)
    merged = consolidate_events([dispersal, riot])
    assert [e.sub_event_type for e in merged] == ["Violent demonstration"]


ENGLAND_REGION = {**READING, "location": "England", "geonameid": 6269131, "latitude": 52.0, "longitude": -1.0,
             "geo_precision": 3, "admin2": None}


def test_a_region_and_a_town_in_it_are_one_place_told_at_two_grains():
    lede = event("Two more died after the air raid on a rebel camp in England, officials said on Thursday.", 0,
                 "Explosions/Remote violence", "Air/drone strike", place=ENGLAND_REGION, event_date="2020-06-25",
                 time_precision=2, date_text="on Thursday", fatalities=2)
    raid = event("Aircraft bombed the camp near Reading on Tuesday night.", 90, "Explosions/Remote violence",
                 "Air/drone strike", place=READING, event_date="2020-06-23", time_precision=1,
                 date_text="on Tuesday night")
    merged = consolidate_events([lede, raid])
    assert len(merged) == 1
    assert (merged[0].location, merged[0].event_date, merged[0].time_precision) == ("Reading", "2020-06-23", 1)


def test_an_approximate_date_before_an_exact_one_still_keeps_two_events_apart():
    earlier = event("Last week, gunmen ambushed a patrol near Reading.", 0, "Battles", "Armed clash", place=READING,
                    event_date="2020-06-19", time_precision=2, date_text="Last week")
    today = event("Gunmen ambushed a patrol near Reading on Tuesday.", 60, "Battles", "Armed clash", place=READING,
                  event_date="2020-06-23", time_precision=1, date_text="on Tuesday")
    assert len(consolidate_events([earlier, today])) == 2


def test_a_death_in_the_violence_told_next_is_the_toll_of_the_riot():
    riot = event("Supporters of two parties fought with clubs in Reading on Saturday.", 0, "Riots", "Mob violence",
                 place=READING, event_date=DAY, sentence=0)
    death = event("A man was killed in the violence in Reading.", 70, place=READING, event_date=DAY, sentence=1,
                  fatalities=1, trigger=_span("killed", 80))
    merged = consolidate_events([riot, death])
    assert [(e.sub_event_type, e.fatalities, len(e.evidence)) for e in merged] == [("Mob violence", 1, 2)]


def test_a_development_told_of_the_attackers_is_folded_into_their_attack():
    attack = event("Gunmen killed six farmers near Reading on Saturday.", 0, place=READING, event_date=DAY)
    escape = event("Police said the attackers escaped into the forest.", 60, "Strategic developments",
                   "Change to group/activity", place=READING, event_date=DAY)
    merged = consolidate_events([attack, escape])
    assert len(merged) == 1 and merged[0].sub_event_type == "Attack" and len(merged[0].evidence) == 2


def test_arrests_told_in_a_riots_sentence_are_part_of_the_riot_but_not_of_an_attack():
    lede = "Police detained 34 people in Reading on Saturday after protesters threw bottles at officers."
    arrests = event(lede, 0, "Strategic developments", "Arrests", place=READING, event_date=DAY, sentence=0)
    riot = event(lede, 0, "Riots", "Violent demonstration", place=READING, event_date=DAY, sentence=0)
    assert [e.sub_event_type for e in consolidate_events([arrests, riot])] == ["Violent demonstration"]
    raid = "Police detained 34 people in Reading on Saturday after gunmen shelled a market."
    arrests = event(raid, 0, "Strategic developments", "Arrests", place=READING, event_date=DAY, sentence=0)
    shelling = event(raid, 0, "Explosions/Remote violence", "Shelling/artillery/missile attack", place=READING,
                     event_date=DAY, sentence=0)
    assert len(consolidate_events([arrests, shelling])) == 2


def test_a_bare_casualty_sentence_after_a_bombing_is_its_toll():
    bombing = event("A suicide bomber drove a car into a checkpoint near Reading on Saturday.", 0,
                    "Explosions/Remote violence", "Suicide bomb", place=READING, event_date=DAY, sentence=0)
    toll = event("Six soldiers were killed in Reading.", 80, "Battles", "Armed clash", place=READING, event_date=DAY,
                 sentence=1, fatalities=6, actor1="Al Shabaab", trigger=_span("killed", 99))
    merged = consolidate_events([bombing, toll])
    assert [(e.sub_event_type, e.fatalities, len(e.evidence)) for e in merged] == [("Suicide bomb", 6, 2)]


def test_a_protest_retyped_as_the_riot_told_with_it_takes_the_rioters_as_actor1():
    lede = "In Reading on Saturday, marchers against the fare rise broke shop windows and police fired tear gas."
    protest = event(lede, 0, "Protests", "Protest with intervention", place=READING, event_date=DAY,
                    actor1="Protesters (United Kingdom)", inter1="Protesters", actor2="Police Forces", inter2="State forces")
    riot = event(lede, 0, "Riots", "Violent demonstration", place=READING, event_date=DAY,
                 actor1="Rioters (United Kingdom)", inter1="Rioters")
    merged = consolidate_events([protest, riot])
    assert [e.sub_event_type for e in merged] == ["Violent demonstration"]
    assert (merged[0].actor1, merged[0].inter1) == ("Rioters (United Kingdom)", "Rioters")


def test_a_group_claiming_an_attack_told_before_is_that_attack_and_names_its_actor_1():
    attack = event("Gunmen stormed a police post in Reading on Saturday, killing four officers.", 0, "Battles",
                   "Armed clash", place=READING, event_date=DAY, date_text="on Saturday",
                   actor1="Unidentified Armed Group (United Kingdom)", certainty="reported", fatalities=4)
    claim = event("On Monday, the Red Brigade said its fighters had stormed the post and killed 15 officers.", 80,
                  "Battles", "Armed clash", place=READING, event_date="2020-06-22", date_text="On Monday",
                  actor1="Red Brigade", certainty="claimed", claimed_by="Red Brigade", fatalities=15)
    merged = consolidate_events([attack, claim])
    assert len(merged) == 1
    assert (merged[0].actor1, merged[0].claimed_by, merged[0].certainty) == ("Red Brigade", "Red Brigade", "reported")
    assert merged[0].event_date == DAY and merged[0].fatalities == 4 and len(merged[0].evidence) == 2


def test_two_sides_claiming_one_clash_stay_two_claims():
    army = event("The army said it killed 30 rebels near Reading on Saturday.", 0, "Battles", "Armed clash",
                 place=READING, event_date=DAY, date_text="on Saturday", actor1="Military Forces of the United Kingdom",
                 certainty="claimed", claimed_by="Military Forces of the United Kingdom")
    rebels = event("The Red Brigade said its fighters killed 12 soldiers.", 70, "Battles", "Armed clash",
                   place=READING, event_date=DAY, actor1="Red Brigade", certainty="claimed", claimed_by="Red Brigade")
    assert len(consolidate_events([army, rebels])) == 2


def test_a_group_claiming_a_further_act_after_the_fighting_told_stays_a_claim_of_its_own():
    fighting = event("Fighting raged in the valley near Reading on Saturday.", 0, "Battles", "Armed clash",
                     place=READING, event_date=DAY, date_text="on Saturday", certainty="reported")
    capture = event("The Red Brigade said its fighters had captured the valley.", 60, "Battles",
                    "Non-state actor overtakes territory", place=READING, event_date=DAY, actor1="Red Brigade",
                    certainty="claimed", claimed_by="Red Brigade")
    merged = consolidate_events([fighting, capture])
    assert len(merged) == 2 and merged[1].claimed_by == "Red Brigade"


def test_a_protest_with_intervention_at_which_someone_died_is_excessive_force():
    protest = event("Police fired rubber bullets at marchers in Reading. One student was shot and died.", 0,
                    etype="Protests", sub="Protest with intervention", place=READING, event_date=DAY, fatalities=1,
                    actor1="Protesters (United Kingdom)", inter1="Protesters",
                    actor2="Police Forces of the United Kingdom", inter2="State forces")
    [merged] = consolidate_events([protest])
    assert merged.sub_event_type == "Excessive force against protesters"
    assert (merged.actor1, merged.actor2) == ("Police Forces of the United Kingdom", "Protesters (United Kingdom)")


def test_a_bloodless_intervention_stays_an_intervention():
    protest = event("Police fired rubber bullets at marchers in Reading.", 0, etype="Protests",
                    sub="Protest with intervention", place=READING, event_date=DAY, actor1="Protesters (United Kingdom)",
                    inter1="Protesters", actor2="Police Forces of the United Kingdom", inter2="State forces")
    assert consolidate_events([protest])[0].sub_event_type == "Protest with intervention"
