"""document.novelty: what is not a new event goes to non_events with its reason."""

from __future__ import annotations

import pytest

from eventatlas.document.novelty import set_aside_non_events, set_aside_unanchored
from eventatlas.models import Document
from tests.document.helpers import READING, UK, event

DOCUMENT = Document(text="unused", published="2019-09-06")


@pytest.mark.parametrize(("sentence", "reason"), [
    ("Over 400 students have been detained since the unrest started in March.", "SUMMARY"),
    ("Dozens were killed in a string of attacks this year.", "SUMMARY"),
    ("The border town has witnessed many bombings over the years.", "SUMMARY"),
    ("Armed groups have used such roadside bombs against convoys in the north.", "SUMMARY"),
    ("Hundreds gathered to mark the anniversary of the massacre.", "ANNIVERSARY"),
    ("The man was sentenced to life in prison for the bombing.", "TRIAL"),
    ("The group threatened to attack the capital.", "THREAT_OR_PLAN"),
    ("Organisers said they expected thousands of nurses to join the march in Reading.", "THREAT_OR_PLAN"),
    ("The bag left at the ticket hall turned out to be a dummy.", "NEGATION"),
    ("At least 30 people were killed in violence across the country in the week to Tuesday, a monitor said.", "SUMMARY"),
    ("Most of the casualties were caused by roadside bombs and old mortar rounds.", "SUMMARY"),
    ("Mines have killed more than 100 civilians since the start of the year.", "SUMMARY"),
    ("A dozen other people were killed during the week in shootings in the countryside.", "SUMMARY"),
    ("Rights groups say suspected thieves are often beaten to death before the police arrive.", "SUMMARY"),
])
def test_look_alikes_are_set_aside_with_their_reason(sentence, reason):
    events, set_aside = set_aside_non_events(DOCUMENT, [event(sentence, 0, place=READING)])
    assert events == [] and [item.category for item in set_aside] == [reason]
    assert set_aside[0].evidence[0].text == sentence


def test_a_dated_report_beside_a_summary_stays_an_event():
    dated = event("Gunmen killed five people on Sunday, the third attack this year.", 0, place=READING,
                  event_date="2019-09-01", date_text="on Sunday")
    events, set_aside = set_aside_non_events(DOCUMENT, [dated])
    assert events == [dated] and set_aside == [] and not dated.background


def test_an_event_long_before_publication_is_flagged_background():
    old = event("Protesters rallied in Reading in June.", 0, "Protests", "Peaceful protest", place=READING,
                event_date="2019-06-15", date_text="in June")
    events, _ = set_aside_non_events(DOCUMENT, [old])
    assert events == [old] and old.background


def test_an_undated_conditional_is_hypothetical():
    events, set_aside = set_aside_non_events(DOCUMENT, [event("The rule would apply to buses and aircraft.", 0)])
    assert events == [] and set_aside[0].category == "HYPOTHETICAL"


def test_an_explosion_blamed_on_a_gas_leak_is_an_accident_but_a_protest_about_one_is_not():
    blast = event("A gas cylinder exploded in a restaurant on Sunday, killing four.", 0, "Explosions/Remote violence",
                  "Remote explosive/landmine/IED", place=READING, event_date="2019-09-01", date_text="on Sunday")
    protest = event("Residents protested on Sunday over a gas leak that forced them from their homes.", 80,
                    "Protests", "Peaceful protest", place=READING, event_date="2019-09-01", date_text="on Sunday")
    events, set_aside = set_aside_non_events(DOCUMENT, [blast, protest])
    assert events == [protest] and [item.category for item in set_aside] == ["ACCIDENT"]


def test_a_blast_that_killed_a_wild_animal_is_crime_not_political_violence():
    bait = event("Villagers found a leopard died after biting into a bomb hidden in a carcass on Monday.", 0,
                 "Explosions/Remote violence", "Remote explosive/landmine/IED", place=READING,
                 event_date="2019-09-02", date_text="on Monday")
    arrest = event("Two men were detained over the death of a young elephant in the reserve.", 90,
                   "Strategic developments", "Arrests", place=READING)
    events, set_aside = set_aside_non_events(DOCUMENT, [bait, arrest])
    assert events == [] and {item.category for item in set_aside} == {"CRIME_AGAINST_ANIMALS"}


def test_a_bombing_that_also_killed_livestock_stays_an_event():
    raid = event("Gunmen killed four herders and several goats were killed in the raid on Monday.", 0, place=READING,
                 event_date="2019-09-02", date_text="on Monday")
    events, _ = set_aside_non_events(DOCUMENT, [raid])
    assert events == [raid]


@pytest.mark.parametrize(("sentence", "reason"), [
    ("The 40-year-old was charged with assault and released on bail.", "TRIAL"),
    ("The man claims in the suit that officers beat him during the arrest.", "TRIAL"),
    ("If you have been assaulted, help is available at the clinic.", "HYPOTHETICAL"),
    ("The spokesman dismissed accusations that the senator had assaulted an aide.", "ACCUSATION"),
])
def test_charges_lawsuits_advice_and_accusations_are_no_new_event(sentence, reason):
    events, set_aside = set_aside_non_events(DOCUMENT, [event(sentence, 0, place=READING)])
    assert events == [] and [item.category for item in set_aside] == [reason]


def test_an_unconfirmed_claim_of_fighting_stays_an_event():
    claim = event("Residents claim that rebel fighters have retaken the hills above the town.", 0, "Battles",
                  "Non-state actor overtakes territory", place=READING)
    events, _ = set_aside_non_events(DOCUMENT, [claim])
    assert events == [claim]


def test_an_event_with_neither_place_nor_date_is_set_aside_as_unanchored():
    nowhere = event("Man wounded with pellet gun.", 0)
    placed = event("Man wounded with pellet gun in Reading.", 40, place=READING)
    dated = event("A man was wounded on Sunday.", 90, event_date="2019-09-01", date_text="on Sunday")
    events, set_aside = set_aside_unanchored([nowhere, placed, dated])
    assert events == [placed, dated] and [item.category for item in set_aside] == ["UNANCHORED"]


def test_a_date_read_from_another_sentence_does_not_make_a_summary_a_dated_report():
    # the time stage gave the sentence the lede's day (narrative time); its own words summarise
    recalled = event("Several union organisers detained during the crackdown were freed.", 0, place=READING,
                     event_date="2019-09-04", date_text="on Wednesday")
    events, set_aside = set_aside_non_events(DOCUMENT, [recalled])
    assert events == [] and [item.category for item in set_aside] == ["SUMMARY"]


@pytest.mark.parametrize("sentence", [
    "The driver was charged in the killing of a cyclist near the bridge.",
    "Two fans were charged over the disorder outside the ground.",
])
def test_criminal_charges_for_an_undated_act_are_set_aside_as_a_trial(sentence):
    events, set_aside = set_aside_non_events(DOCUMENT, [event(sentence, 0, place=READING)])
    assert events == [] and [item.category for item in set_aside] == ["TRIAL"]


CRIME_STORY = Document(
    title="Woman found stabbed in Millbrook apartment",
    text="Detectives are investigating the death of a woman who was found stabbed in her apartment on Monday. "
         "A neighbour made a 911 call after hearing an argument, and the coroner will examine the body.",
    published="2019-09-06")


def test_violence_in_a_police_case_with_no_political_actor_is_crime():
    stabbing = event("Detectives are investigating the death of a woman who was found stabbed.", 0, place=READING,
                     actor1="Unidentified Armed Group")
    events, set_aside = set_aside_non_events(CRIME_STORY, [stabbing])
    assert events == [] and [item.category for item in set_aside] == ["CRIME"]


def test_a_police_case_with_a_political_or_named_actor_stays_an_event():
    political = CRIME_STORY.model_copy(update={"text": CRIME_STORY.text + " Police said the attacker left a racist manifesto."})
    stabbing = event("Detectives are investigating the death of a woman.", 0, place=READING, actor1="Unidentified Armed Group")
    events, _ = set_aside_non_events(political, [stabbing])
    assert events == [stabbing]
    named = event("Detectives are investigating the death of a woman.", 0, place=READING, actor1="Hells Angels")
    events, _ = set_aside_non_events(CRIME_STORY, [named])
    assert events == [named]


def test_with_no_publication_date_the_latest_year_named_dates_the_article():
    undated = Document(text="In 2014 the two states signed a border deal. In 2018 the talks resumed.")
    old = event("In 2014 the two states signed a border deal.", 0, "Strategic developments", "Agreement", place=UK,
                date_text="In 2014")
    events, _ = set_aside_non_events(undated, [old])
    assert events == [old] and old.background
    recent = event("In 2018 the talks resumed.", 45, "Strategic developments", "Agreement", place=UK, date_text="In 2018")
    set_aside_non_events(undated, [recent])
    assert not recent.background


@pytest.mark.parametrize(("sentence", "etype", "sub", "reason"), [
    ("The Hawks beat the Bulls 98-91 in Chicago on Sunday.", "Riots", "Mob violence", "SPORTS"),
    ("A rocket carrying three satellites lifted off from Kourou on Tuesday.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack", "SPACE"),
    ("A crocodile attacked a fisherman on the river near Kasese on Monday.", "Violence against civilians", "Attack",
     "ANIMAL_ATTACK"),
    ("A documentary about the siege of Sarajevo premiered in Berlin on Friday.", "Battles", "Armed clash",
     "REPRESENTATION"),
])
def test_sport_space_animals_and_films_are_not_events(sentence, etype, sub, reason):
    events, set_aside = set_aside_non_events(DOCUMENT, [event(sentence, 0, etype, sub, place=READING)])
    assert events == [] and [item.category for item in set_aside] == [reason]


def test_an_earlier_event_named_by_its_date_is_background():
    document = Document(text="unused", published="2019-09-20")
    bombing = {"etype": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "place": READING,
               "event_date": "2019-09-02", "date_text": "Sept. 2"}
    named = event("Relatives laid flowers at the site of the Sept. 2 bombing near the station.", 0, **bombing)
    told = event("A bomb hidden in a bin went off near the station on Sept. 2.", 0, **bombing)
    events, _ = set_aside_non_events(document, [named, told])
    assert [e.background for e in events] == [True, False]


def test_an_agreement_only_mentioned_is_set_aside_and_one_signed_is_kept():
    mentioned = event("The monitors will stay until both sides respect the truce.", 0,
                      etype="Strategic developments", sub="Agreement", place=READING)
    signed = event("The two militias signed a truce in the town hall.", 0,
                   etype="Strategic developments", sub="Agreement", place=READING)
    events, set_aside = set_aside_non_events(DOCUMENT, [mentioned, signed])
    assert events == [signed] and [item.category for item in set_aside] == ["MENTION"]


def test_an_event_dated_after_publication_is_a_plan():
    planned = event("Unions will march through Reading on the first of next month.", 0, "Protests", "Peaceful protest",
                    place=READING, event_date="2019-10-01", date_text="the first of next month")
    same_day = event("Unions marched through Reading on Friday.", 60, "Protests", "Peaceful protest",
                     place=READING, event_date="2019-09-06", date_text="on Friday")
    events, set_aside = set_aside_non_events(DOCUMENT, [planned, same_day])
    assert events == [same_day] and [item.category for item in set_aside] == ["PLAN"]


@pytest.mark.parametrize(("sentence", "etype", "sub", "reason"), [
    ("Clashes between rival crowds have marred the town's parades for the past four summers.", "Riots",
     "Violent demonstration", "SUMMARY"),
    ("READING The latest on the bombing of a bus depot in the north of the country.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED", "FOLLOW_UP"),
    ("The council's decision to close the library drew angry protests from parents.", "Protests",
     "Peaceful protest", "REACTION"),
    ("The minister said the army was responsible for the shelling of the market.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack", "BLAME"),
    ("The government approved the sale of 40 self-propelled howitzers to a Gulf ally.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack", "BUSINESS"),
    ("The brewer agreed to sell its bottling plants to a rival group.", "Strategic developments", "Agreement",
     "BUSINESS"),
])
def test_summaries_follow_ups_objections_blame_and_business_are_not_events(sentence, etype, sub, reason):
    events, set_aside = set_aside_non_events(DOCUMENT, [event(sentence, 0, etype, sub, place=READING)])
    assert events == [] and [item.category for item in set_aside] == [reason]


def test_a_protest_that_drew_a_crowd_is_no_objection():
    rally = event("The march drew thousands of protesters from nearby towns to the square.", 0, "Protests",
                  "Peaceful protest", place=READING)
    events, _ = set_aside_non_events(DOCUMENT, [rally])
    assert events == [rally]


def test_without_a_publication_date_an_event_named_by_its_calendar_date_is_background_with_its_retellings():
    undated = Document(text="unused")
    bombing = {"etype": "Explosions/Remote violence", "sub": "Remote explosive/landmine/IED", "place": READING}
    named = event("Investigators are still studying the May 5 bombing of the depot.", 0, date_text="May 5", **bombing)
    retold = event("The guard was on duty when the depot was bombed May 5.", 70, date_text="May 5", **bombing)
    other_day = event("A second device went off at the depot on May 19.", 130, date_text="May 19", **bombing)
    weekday = event("Police cordoned off the site of the Sunday bombing.", 190, date_text="Sunday", **bombing)
    events, _ = set_aside_non_events(undated, [named, retold, other_day, weekday])
    assert [e.background for e in events] == [True, True, False, False]


def test_custody_and_bail_make_a_police_case_of_an_arrest_by_no_named_group():
    case = Document(title="Man held after shop theft",
                    text="A man was taken into custody after a theft at a corner shop. He was released on bail.",
                    published="2019-09-06")
    arrest = event("Officers arrested the man outside the shop.", 0, "Strategic developments", "Arrests",
                   place=READING, actor1="Police Forces of the United Kingdom")
    events, set_aside = set_aside_non_events(case, [arrest])
    assert events == [] and [item.category for item in set_aside] == ["CRIME"]


def test_an_arrest_for_involvement_in_an_attack_stays_an_event():
    arrest = event("Police detained two brothers over their involvement in the bombing of the depot.", 0,
                   "Strategic developments", "Arrests", place=READING)
    events, _ = set_aside_non_events(DOCUMENT, [arrest])
    assert events == [arrest]


def test_a_gathering_to_remember_the_dead_is_a_ceremony_unless_it_demands_something():
    ceremony = event("Several hundred people gathered at the bridge on Sunday to honour the crew lost in the storm.",
                     0, "Protests", "Peaceful protest", place=READING, event_date="2019-09-01", date_text="on Sunday")
    protest = event("Several hundred people gathered at the bridge on Sunday to honour the victims and demand an inquiry.",
                    100, "Protests", "Peaceful protest", place=READING, event_date="2019-09-01", date_text="on Sunday")
    events, set_aside = set_aside_non_events(DOCUMENT, [ceremony, protest])
    assert events == [protest] and [item.category for item in set_aside] == ["COMMEMORATION"]


@pytest.mark.parametrize(("sentence", "kept"), [
    ("Tank crews shelled mock targets on the range on Tuesday as the spring manoeuvres began.", False),
    ("The navy test-fired two cruise missiles into the sea on Tuesday.", False),
    ("Rebels ambushed a convoy returning from a training exercise on Tuesday, killing two soldiers.", True),
])
def test_exercises_and_weapons_tests_are_not_attacks(sentence, kept):
    shelling = event(sentence, 0, "Explosions/Remote violence", "Shelling/artillery/missile attack", place=READING,
                     event_date="2019-09-03", date_text="on Tuesday")
    events, set_aside = set_aside_non_events(DOCUMENT, [shelling])
    assert (events == [shelling]) == kept
    assert [item.category for item in set_aside] == ([] if kept else ["EXERCISE"])


SCARE = Document(title="Station cleared after bomb scare",
                 text="Travellers were moved out of the station after a caller reported a bomb on a train. "
                      "Officers searched the carriages and no device was found.",
                 published="2019-09-06")


def test_a_bomb_that_was_not_there_is_a_scare_but_a_blast_in_the_same_article_stays():
    scare = event("Travellers were moved out of the station after a caller reported a bomb on a train.", 0,
                  "Explosions/Remote violence", "Remote explosive/landmine/IED", place=READING)
    blast = event("A week earlier a parcel bomb exploded at the depot, wounding a guard.", 200,
                  "Explosions/Remote violence", "Remote explosive/landmine/IED", place=READING)
    events, set_aside = set_aside_non_events(SCARE, [scare, blast])
    assert events == [blast] and [item.category for item in set_aside] == ["HOAX"]


@pytest.mark.parametrize(("sentence", "date_text"), [
    ("The port has seen a series of deadly raids this year.", "this year"),
    ("Dozens of guards were killed in ambushes last month.", "last month"),
])
def test_a_period_that_counts_past_events_does_not_date_a_new_one(sentence, date_text):
    summary = event(sentence, 0, place=READING, date_text=date_text)
    events, set_aside = set_aside_non_events(DOCUMENT, [summary])
    assert events == [] and [item.category for item in set_aside] == ["SUMMARY"]


def test_an_event_dated_only_to_an_earlier_month_is_background():
    recalled = event("In August, a bomb near the depot killed two guards.", 0, "Explosions/Remote violence",
                     "Remote explosive/landmine/IED", place=READING, event_date="2019-08-16", time_precision=3,
                     date_text="In August")
    this_month = event("Early this month, a bomb near the depot killed two guards.", 60,
                       "Explosions/Remote violence", "Remote explosive/landmine/IED", place=READING,
                       event_date="2019-09-01", time_precision=3, date_text="Early this month")
    events, _ = set_aside_non_events(DOCUMENT, [recalled, this_month])
    assert events == [recalled, this_month]
    assert recalled.background and not this_month.background


def test_a_raid_to_catch_a_rape_suspect_is_a_police_case():
    case = Document(title="Officers seize man sought over sexual assaults",
                    text="A SWAT team raided a house in the east of the city and detained a man wanted for two rapes. "
                         "He was being held in custody on Friday.",
                    published="2019-09-06")
    raid = event("A SWAT team raided a house in the east of the city.", 0, place=READING,
                 actor1="Unidentified Armed Group")
    events, set_aside = set_aside_non_events(case, [raid])
    assert events == [] and [item.category for item in set_aside] == ["CRIME"]


@pytest.mark.parametrize("sentence", [
    "Drone strikes have hit markets and wedding parties across the province, residents say.",
    "Insurgents have repeatedly ambushed supply convoys on the northern highway.",
    "The fishermen held similar protests in the spring, blocking the harbour road.",
    "More than 300 people were detained during that time, a rights group said.",
    "Raids on cattle camps have killed dozens of herders in the district.",
])
def test_undated_summaries_of_past_events_are_set_aside(sentence):
    events, set_aside = set_aside_non_events(DOCUMENT, [event(sentence, 0, place=READING)])
    assert events == [] and [item.category for item in set_aside] == ["SUMMARY"]


@pytest.mark.parametrize("sentence", [
    "Two missile strikes have hit the city overnight, killing three people.",
    "At least 12 people have been killed in a bombing at a bus station.",
])
def test_a_present_perfect_report_of_one_event_stays_an_event(sentence):
    report = event(sentence, 0, "Explosions/Remote violence", "Remote explosive/landmine/IED", place=READING)
    events, set_aside = set_aside_non_events(DOCUMENT, [report])
    assert events == [report] and set_aside == []


def test_a_sentence_jailing_men_over_an_attack_tells_the_attack_tried_even_when_dated():
    verdict = event("A judge on Thursday jailed two men for 20 years over the 2017 bombing of a bus depot.", 0,
                    "Explosions/Remote violence", "Remote explosive/landmine/IED", place=READING,
                    event_date="2019-09-05", date_text="on Thursday")
    events, set_aside = set_aside_non_events(DOCUMENT, [verdict])
    assert events == [] and [item.category for item in set_aside] == ["TRIED_ATTACK"]


def _trial_story(lede: str, body: str) -> Document:
    from eventatlas.models import Sentence
    text = f"{lede} {body}"
    return Document(text=text, title="Court jails bombers", published="2019-09-06",
                    sentences=[Sentence(index=0, start=0, end=len(lede), text=lede),
                               Sentence(index=1, start=len(lede) + 1, end=len(text), text=body)])


def test_in_a_trial_story_undated_violence_is_the_attack_tried_but_a_dated_clash_stays():
    lede = "A court on Thursday sentenced three men to life in prison for a grenade attack on a mosque."
    retold = event("The men hurled a grenade into the crowded prayer hall, prosecutors said.", 95,
                   "Explosions/Remote violence", "Grenade", place=READING)
    clash = event("Police and relatives of the men fought outside the court on Thursday.", 95, "Battles",
                  "Armed clash", place=READING, event_date="2019-09-05", date_text="on Thursday")
    dated_old = event("The blast, on March 3, 2017, wounded 40 worshippers.", 170, "Explosions/Remote violence",
                      "Grenade", place=READING, event_date="2017-03-03", date_text="on March 3, 2017")
    events, set_aside = set_aside_non_events(_trial_story(lede, retold.own_sentence()), [retold, clash, dated_old])
    assert events == [clash] and [item.category for item in set_aside] == ["TRIAL", "TRIAL"]
    assert not clash.background


def test_a_jailed_leader_in_the_title_does_not_make_a_protest_story_a_trial_story():
    lede = "Police shot at supporters of a jailed opposition leader in the capital."
    shooting = event("Officers shot dead a student near the party office, witnesses said.", 80, place=READING)
    events, set_aside = set_aside_non_events(_trial_story(lede, shooting.own_sentence()), [shooting])
    assert events == [shooting] and set_aside == []


def test_an_undated_accusation_of_past_attacks_is_no_event():
    accused = event("The opposition accused the militia of burning villages along the river.", 0, place=READING)
    events, set_aside = set_aside_non_events(DOCUMENT, [accused])
    assert events == [] and [item.category for item in set_aside] == ["ACCUSATION"]


def test_killings_a_ceremony_remembers_are_the_old_event_even_when_the_ceremony_is_dated():
    remembered = event("Villagers met on Sunday to remember 30 farmers killed by soldiers in 1994.", 0, place=READING,
                       event_date="2019-09-01", date_text="on Sunday")
    events, set_aside = set_aside_non_events(DOCUMENT, [remembered])
    assert events == [] and [item.category for item in set_aside] == ["ANNIVERSARY"]


def test_a_burial_is_no_protest_unless_the_mourners_protest():
    burial = event("Mourners gathered on Monday to bury the victims.", 0, "Protests", "Peaceful protest",
                   place=READING, event_date="2019-09-02", date_text="on Monday")
    angry = event("Mourners at the funeral on Monday chanted slogans and demanded justice.", 60, "Protests",
                  "Peaceful protest", place=READING, event_date="2019-09-02", date_text="on Monday")
    events, set_aside = set_aside_non_events(DOCUMENT, [burial, angry])
    assert events == [angry] and [item.category for item in set_aside] == ["COMMEMORATION"]
