"""Events from parsed text: types, who did what to whom, certainty, quotes, calls, non-events."""

import pytest

from eventatlas.events import extract_events
from eventatlas.events.actors import known_actor
from eventatlas.models import Document
from eventatlas.nlp import parse


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str, published: str | None = None):
        document = parse(Document(text=text, published=published), nlp)
        return extract_events(document)

    return run


def only(events, sub_event_type):
    matching = [e for e in events if e.sub_event_type == sub_event_type]
    assert matching, f"no {sub_event_type} among {[e.sub_event_type for e in events]}"
    return matching[0]


def test_known_actor_aliases():
    assert known_actor("al-Shabaab militants").name == "Al Shabaab"
    assert known_actor("fighters of the Islamic State West Africa Province").name == "Islamic State (West Africa)"
    assert known_actor("Let them go") is None  # short acronyms (LeT) only in their own capitalisation


def test_agent_and_patient_come_from_the_parse_not_word_order(code):
    active, _ = code("Taliban militants attacked Afghan soldiers at a checkpoint in Kunduz on Monday.")
    passive, _ = code("Afghan soldiers were attacked by Taliban militants at a checkpoint in Kunduz on Monday.")
    for events in (active, passive):
        event = only(events, "Armed clash")
        assert event.actor1 == "Taliban" and event.inter1 == "Rebel group"
        assert event.actor2 == "Military Forces of Afghanistan" and event.inter2 == "State forces"


def test_actor_names_in_acled_style(code):
    events, _ = code("Indian police arrested a senior opposition leader in Srinagar on Tuesday.")
    assert only(events, "Arrests").actor1 == "Police Forces of India"
    events, _ = code("Turkish troops shelled villages near Afrin on Friday.")
    event = only(events, "Shelling/artillery/missile attack")
    assert event.actor1 == "Military Forces of Turkey" and event.plover == "ASSAULT"
    events, _ = code("Hundreds of protesters rallied in Nairobi on Saturday against rising food prices.")
    event = only(events, "Peaceful protest")
    # the country is added later from the event's place; the events stage writes the generic name
    assert event.actor1 == "Protesters" and event.inter1 == "Protesters"
    assert (event.crowd_size_text, event.crowd_size) == ("hundreds", 100)
    assert event.location_hint is not None and "Nairobi" in event.location_hint.text
    assert event.trigger.text == "rallied" and event.evidence[0].text.startswith("Hundreds")


def test_fatalities_and_explosions(code):
    events, _ = code("A suicide bomber blew himself up at a mosque in Quetta on Friday, killing at least 9 worshippers, "
                     "though local officials said 15 died.")
    event = only(events, "Suicide bomb")
    assert event.event_type == "Explosions/Remote violence"
    assert event.fatalities == 9


@pytest.mark.parametrize(
    "text, certainty, claimed_by",
    [
        ("The Taliban claimed that its fighters captured the district of Nahrin on Sunday.", "claimed", "Taliban"),
        ("Unconfirmed reports said rebels seized the town of Kismayo on Sunday.", "unconfirmed", None),
        ("Officials confirmed that an airstrike hit a market in Idlib on Sunday.", "confirmed", None),
        ("The army denied that its soldiers shelled the village of Tallis on Sunday.", "denied", None),
    ],
)
def test_certainty_and_claims(code, text, certainty, claimed_by):
    events, _ = code(text)
    assert events, text
    assert events[0].certainty == certainty
    assert events[0].claimed_by == claimed_by


def test_claim_and_counter_claim_are_two_events(code):
    events, _ = code("The Taliban claimed they had captured the district of Nahrin. "
                     "The National Resistance Front claimed that its fighters recaptured the district of Nahrin.")
    claimants = {e.claimed_by for e in events}
    assert {"Taliban", "NRF: National Resistance Front"} <= claimants


def test_quotes_and_calls_are_not_events(code):
    events, _ = code('"We will rise up and continue to fight the invaders in every valley of this country," the commander said.')
    assert events == []
    events, _ = code("The opposition leader called on his supporters to launch protests against the government.")
    assert events == []
    events, _ = code("The group accused the neighbouring country of supporting the rebel offensive in the north.")
    assert events == []


def test_non_events_are_kept_apart(code):
    events, non_events = code("A magnitude 6.1 earthquake struck eastern Turkey on Monday, killing 20 people.")
    assert events == [] and [n.category for n in non_events] == ["NATURAL_DISASTER"]
    events, non_events = code("A bus plunged into a ravine near Shimla on Sunday after a road accident, killing 12 passengers.")
    assert events == [] and non_events and non_events[0].category == "MAN_MADE_DISASTER"


def test_several_events_in_one_sentence(code):
    events, _ = code("Dozens rallied in Kabul on Monday amid fierce fighting in northern Baghlan province.")
    assert {e.sub_event_type for e in events} == {"Peaceful protest", "Armed clash"}
    clash = only(events, "Armed clash")
    assert "Baghlan" in clash.location_hint.text


def test_repeated_mention_is_extra_evidence(code):
    events, _ = code("Hundreds of teachers rallied in Harare on Monday to demand higher wages. "
                     "The rally participants chanted slogans against the finance minister.")
    protests = [e for e in events if e.event_type == "Protests"]
    assert len(protests) == 1 and len(protests[0].evidence) == 2


def test_background_events_are_marked(code):
    events, _ = code("Rebels seized the town of Gao in 2012 before French troops arrived.", published="2021-05-03")
    assert events and all(e.background for e in events if e.event_type == "Battles")


def test_seed_article(code, seed_dir):
    events, _ = code((seed_dir / "article.txt").read_text("utf-8"), published="2021-09-07")
    by_type = {}
    for event in events:
        by_type.setdefault(event.sub_event_type, []).append(event)
    protest = by_type["Peaceful protest"][0]
    assert "Protesters" in protest.actor1 and protest.crowd_size_text == "dozens" and protest.crowd_size == 12
    assert "rallied in the Afghan capital Kabul" in protest.evidence[0].text
    assert len(by_type["Peaceful protest"]) == 1  # later mentions of the rally are evidence, not new events
    strike = by_type["Air/drone strike"][0]
    assert "Unidentified" in strike.actor1 and strike.certainty == "confirmed"
    assert "fierce fighting" in by_type["Armed clash"][0].evidence[0].text
    overtakes = by_type["Non-state actor overtakes territory"]
    taliban = next(e for e in overtakes if e.actor1 == "Taliban")
    assert taliban.certainty == "claimed" and taliban.claimed_by == "Taliban"
    resistance = next(e for e in overtakes if e.actor1 == "NRF: National Resistance Front")
    assert resistance.certainty == "unconfirmed"
    other = by_type["Other"][0]
    assert "Pakistan" in other.actor1
    # nothing from the quoted call to arms, the accusation, or the page furniture
    assert len(events) == 6
    assert not any("every valley" in e.evidence[0].text or "comment" in e.evidence[0].text for e in events)


def test_two_sides_and_associates_from_the_parse(code):
    events, _ = code("On 9 October 2022, there was a clash between Colombian troops and ELN rebels near Tame.")
    clash = only(events, "Armed clash")
    assert clash.actor1 == "Military Forces of Colombia" and clash.actor2 == "ELN: National Liberation Army"
    events, _ = code("On 2 August 2023, FAMa and Wagner fighters looted the market of Tessit.")
    looting = only(events, "Looting/property destruction")
    assert looting.actor1 == "Military Forces of Mali" and looting.assoc_actor_1 == "Wagner Group"
    assert looting.inter2 == "Civilians"  # the codebook: looting is coded against civilians


def test_death_toll_from_the_whole_event(code):
    events, _ = code("On 11 March 2023, JNIM militants stormed a gendarmerie post near Kaya. "
                     "Two gendarmes and four assailants were killed, and a third gendarme was hurt.")
    clash = only(events, "Armed clash")
    assert clash.fatalities == 6 and len(events) == 1  # the casualty report is the same event
    events, _ = code("On 6 June 2021, Taliban militants seized a dozen villages in Qaisar district, "
                     "killing 2 Afghan policemen. Fatalities coded as 0 (a local outlet reported 2).")
    assert only(events, "Non-state actor overtakes territory").fatalities == 0


def test_codebook_recodes_in_context(code):
    events, _ = code("On 14 January 2023, two rival factions of the Awami League clashed in Feni town, injuring 9 people.")
    brawl = only(events, "Mob violence")
    assert brawl.inter1 == "Rioters"
    events, _ = code("On 5 September 2022, about 40 boda boda riders demonstrated at the town hall in Mbale over fuel prices. "
                     "Police arrested 4, and the others ran away.")
    assert only(events, "Protest with intervention").actor1 == "Protesters"
    assert not [e for e in events if e.sub_event_type == "Arrests"]


def test_protest_policing_on_real_phrasings(code):
    # the clause's own protest word is protest enough for the tear gas
    events, _ = code("Jail guards in Chimbote fired tear gas toward inmates who were protesting.")
    assert only(events, "Protest with intervention").actor1 == "Protesters"
    # the demonstrators as the passive subject: beaten by police, not rioting
    events, _ = code("On 4 June 2021, striking nurses were beaten up and pushed into vans by dozens of police "
                     "at Freedom Square in Valletta, during their protest against the health minister.")
    only(events, "Protest with intervention")
    assert not [e for e in events if e.event_type == "Riots"]


def test_denied_and_told_by_another_are_no_events(code):
    events, _ = code("On 2 May 2022, soldiers entered the town of Kamsar. No clashes were reported.")
    assert not [e for e in events if e.sub_event_type == "Armed clash"]
    # the bomb, not the killing, is the event
    events, _ = code("On 12 July 2021, a soldier was killed when a bomb hidden in a cart exploded near the market of Gao.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_armed_groups_handing_out_aid(code):
    events, _ = code("On 2 April 2020, members of the Sinaloa Cartel distributed food parcels to families in Culiacan.")
    assert only(events, "Change to group/activity").actor1 == "Sinaloa Cartel"
    events, _ = code("On 2 April 2020, a parish charity distributed food parcels to families in Culiacan.")
    assert not events


def test_mob_burning_someone_alive(code):
    events, _ = code("On 8 August 2021, residents burned alive a suspected motorbike thief in the village of Toura.")
    assert only(events, "Mob violence").inter1 == "Rioters"


def test_an_earlier_state_of_the_place_is_no_background(code):
    events, _ = code("On 8 May 2022, soldiers took over the town of Kilo, previously held by rebels. No fighting was reported.")
    transfer = only(events, "Non-violent transfer of territory")
    assert not transfer.background


def test_codebook_phrasings_of_force_and_movement(code):
    # police firing live rounds at a march: excessive force, not a mere intervention
    events, _ = code("On 9 June 2021, thousands of teachers marched in Lilongwe. Police fired live bullets at the marchers.")
    only(events, "Excessive force against protesters")
    # a unit sent somewhere to fight: the movement is the event, the fight only its aim
    events, _ = code("On 4 April 2021, two hundred Chadian soldiers arrived in Tillaberi to fight jihadist groups.")
    assert only(events, "Change to group/activity").actor1.startswith("Military Forces of Chad")
    assert not [e for e in events if e.event_type == "Battles"]
    # grenades fired from launchers are shelling; a bomb destroyed by deminers a disrupted weapon
    events, _ = code("On 3 March 2022, separatist fighters fired grenade launchers at army trenches near Avdiivka.")
    only(events, "Shelling/artillery/missile attack")
    events, _ = code("On 5 May 2023, a demining team destroyed an unexploded aircraft bomb in a field near Kalemie.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


def test_a_change_of_control_after_clashes_is_coded_as_such(code):
    events, _ = code("On 6 May 2021, after clashes with UPC rebels, government troops took over the town of Obo.")
    assert [e.sub_event_type for e in events] == ["Government regains territory"]
    events, _ = code("On 6 May 2021, nurses held a sit-in in Kigoma against their director for previously firing a colleague.")
    assert not only(events, "Peaceful protest").background


def test_crowd_control_munitions_are_no_explosive_attack(code):
    events, _ = code("On 3 May 2021, police threw stun grenades to disperse a crowd of demonstrators in Cali.")
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]
    events, _ = code("On 3 May 2021, border guards fired tear gas shells at migrants trying to cross the bridge near Tulcan.")
    assert not [e for e in events if e.event_type == "Explosions/Remote violence"]
    events, _ = code("On 3 May 2021, militants threw a hand grenade at a police post in Cali.")
    assert only(events, "Grenade")


def test_a_toll_told_in_a_later_sentence_is_the_events_toll(code):
    events, _ = code("On 6 June 2021, gunmen stormed a market in Dori. Eleven traders were killed and four were "
                     "injured. The attackers fled on motorbikes.")
    attack = [e for e in events if e.event_type in ("Violence against civilians", "Battles")]
    assert attack and attack[0].fatalities == 11  # the wounded never count


def test_a_later_sentence_set_aside_still_gives_its_toll(code):
    events, _ = code("On 2 April 2021, a gang called 'Kiboko' exchanged fire with police in Kisauni. "
                     "Officers wounded one of the gang, who succumbed in a clinic the next day; five were detained.")
    assert events and events[0].fatalities == 1


def test_a_group_claiming_the_killing_is_actor1_of_the_bombing(code):
    events, _ = code("On 4 July 2021, a roadside bomb exploded near Jowhar, hitting an army truck. "
                     "Al Shabaab fighters later claimed they killed three soldiers.")
    bombing = only(events, "Remote explosive/landmine/IED")
    assert bombing.actor1 == "Al Shabaab" and bombing.fatalities == 3


def test_the_agent_of_the_operation_is_actor1_of_a_passive_killing(code):
    events, _ = code("On 8 June 2021, four ISIS fighters were killed during a raid carried out by the Iraqi army "
                     "near Hawija.")
    assert events and events[0].actor1 == "Military Forces of Iraq" and events[0].actor2 == "Islamic State"


def test_arrests_with_no_stated_actor_are_the_polices(code):
    events, _ = code("On 5 March 2022, fourteen activists were arrested in Kisumu town during a sit-in.")
    arrest = only(events, "Arrests")
    assert arrest.actor1 == "Police Forces" and arrest.inter1 == "State forces"


def test_the_force_is_actor1_of_excessive_force_against_protesters(code):
    events, _ = code("On 3 May 2022, supporters of the Green Party rallied at Freedom square in Rangpur, demanding "
                     "new elections. Police fired live rounds to disperse the marchers.")
    force = only(events, "Excessive force against protesters")
    assert force.actor1 == "Police Forces" and force.actor2 == "Protesters"


def test_tactics_merged_in_one_sentence_keep_the_sentences_toll(code):
    events, _ = code("On 3 June 2021, three ISIS fighters were killed and two others were hurt as the landmines "
                     "they were burying exploded prematurely near Tal Afar, Nineveh.")
    assert len(events) == 1 and events[0].sub_event_type == "Disrupted weapons use" and events[0].fatalities == 3


def test_what_describes_a_person_or_counts_from_the_past_is_no_new_event(code):
    # a relative clause telling who someone is
    events, _ = code("The father of a teenager who was abducted in Lokoja says the investigation has stalled.")
    assert not events
    # an earlier event as the time the sentence counts from
    events, _ = code("Since the bombing of the Kano market in 2014, traders in the city have hired private guards.")
    assert not events
    # a present perfect counted from an earlier time is a summary ...
    events, _ = code("Separatists have burned four schools and shot at a police patrol in the region since the "
                     "ceasefire collapsed.")
    assert not events
    # ... but not when it counts from a fresh moment ("since Tuesday")
    events, _ = code("Since Tuesday, the army has shelled rebel positions around Idlib.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_a_headline_passive_names_the_one_it_happened_to(code):
    events, _ = code("Farmer taken into custody after roadblock standoff in Kisumu.")
    assert all(e.actor1 is None or not e.actor1.startswith(("Civilians", "Rioters")) for e in events)
    # a participle on a noun with no verb in the sentence is that noun's own action
    events, _ = code("On 3 May 2021, the military forces engaged in a gunfight with separatists near Bamenda.")
    assert only(events, "Armed clash").actor1.startswith("Military Forces")


def test_a_religious_vigil_is_no_protest(code):
    events, _ = code("The archbishop lit the candle at the start of the vigil in Cebu. Hundreds were baptized on Easter night.")
    assert not [e for e in events if e.event_type == "Protests"]
    events, _ = code("On 4 May 2021, hundreds of residents held a candlelight vigil in Cebu to demand justice for a slain activist.")
    assert only(events, "Peaceful protest")


def test_plans_bans_and_possible_events_are_not_events(code):
    events, _ = code("Negotiators from both sides will meet in Doha on Monday to discuss a possible truce.")
    assert not events
    events, _ = code("Protesters will march on the parliament in Accra on Friday, the organisers said.")
    assert not events
    events, _ = code("A new decree, signed in Bamako on Tuesday, bans demonstrations near the presidential palace.")
    assert not [e for e in events if e.event_type == "Protests"]
    # a clause of its own after the ban is an event again
    events, _ = code("Police banned the rally in Kampala on Monday, but hundreds marched anyway and were dispersed "
                     "with tear gas.")
    assert only(events, "Protest with intervention")


def test_the_raid_of_an_arrest_is_no_second_event(code):
    events, _ = code("Security forces arrested 17 opposition activists during a dawn raid in Bulawayo on Friday.")
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_a_count_of_past_deaths_gives_no_toll(code):
    events, _ = code("Armed men raided a cattle market near Gusau on Saturday. Scores of traders were killed in "
                     "the district in late 2021 and early 2022.", published="2023-02-12")
    assert only(events, "Attack").fatalities == 0
    events, _ = code("Armed men raided a cattle market near Gusau on Saturday. A spate of raids on markets this "
                     "year has killed more than 70 people.", published="2023-02-12")
    assert only(events, "Attack").fatalities == 0
    events, _ = code("Armed men raided a cattle market near Gusau on Saturday. Six traders were killed.",
                     published="2023-02-12")
    assert only(events, "Attack").fatalities == 6


def test_a_running_toll_told_later_is_the_events_figure(code):
    events, _ = code("A car bomb went off near a checkpoint in Mogadishu on Sunday, killing five people. "
                     "Three of the wounded died overnight, raising the death toll to eight.", published="2023-02-12")
    assert only(events, "Remote explosive/landmine/IED").fatalities == 8


def test_live_fire_on_a_gathering_is_excessive_force(code):
    events, _ = code("Troops opened fire on farmers who had gathered to protest a land grab near Mbale on "
                     "Thursday, killing three.", published="2023-02-12")
    event = only(events, "Excessive force against protesters")
    assert event.inter1 == "State forces" and event.actor2 == "Protesters"
    # people gathered for anything but a protest stay civilians
    events, _ = code("Troops opened fire on guests who had gathered for a funeral near Mbale on Thursday, killing "
                     "three.", published="2023-02-12")
    assert only(events, "Attack")
    # crowd-control means with no one killed are an intervention
    events, _ = code("Riot police fired tear gas and water cannon at marchers in Harare on Thursday.",
                     published="2023-02-12")
    assert only(events, "Protest with intervention")


def test_a_street_crowd_stoning_the_police_is_a_violent_demonstration(code):
    events, _ = code("Young men set up barricades of burning tyres and hurled rocks at police in Kumasi on Monday.",
                     published="2023-02-12")
    assert only(events, "Violent demonstration")
    events, _ = code("A mob beat a suspected goat thief to death in Tamale on Monday.", published="2023-02-12")
    assert only(events, "Mob violence")


def test_people_led_away_by_attackers_were_abducted(code):
    for text in ("Four road workers were led away by gunmen near Kidal on Friday.",
                 "Raiders carried off nine schoolchildren from a village in Zamfara on Friday."):
        events, _ = code(text, published="2023-02-12")
        assert only(events, "Abduction/forced disappearance")
