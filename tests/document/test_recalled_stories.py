"""Stories told again: a decade long past, the sentences that go on with a recalled story, the
raids and arrests after an attack tried in court; a title of two events; a group's claim."""

from eventatlas import extract


def _kept(result):
    return [e for e in result.events if not e.background]


def test_a_massacre_of_a_past_decade_is_background():
    result = extract("The army and its patrols carried out hundreds of massacres in the highlands in the early 1980s, "
                     "a truth commission found.", published="2025-07-19")
    assert not _kept(result)


def test_the_next_sentence_of_a_recalled_story_is_background_too():
    text = ("Villagers gathered on Saturday to remember the victims.\n\nSurvivors say troops arrived at the village on a "
            "July morning in 1982 and killed the men. Houses were burned and the survivors fled into the mountains.")
    kept = _kept(extract(text, published="2025-07-19"))
    assert all("burned" not in e.evidence[0].text for e in kept)


def test_arrests_told_in_a_trial_story_are_the_case_tried():
    text = ("A court on Wednesday sentenced six men to prison for a 2023 attack on a police checkpoint in Kasserine in "
            "which two officers were killed.\n\nSecurity forces later killed two suspected members of the group in a "
            "raid on a house in the town, and arrested the defendants in the weeks that followed.")
    assert not _kept(extract(text, published="2025-05-29"))


def test_a_title_of_two_events_restates_each_in_its_own_clause():
    from eventatlas.models import Document
    from eventatlas.pipeline import default_pipeline

    document = Document(title="Gang attack on town kills nine; capital march dispersed", published="2025-03-05",
                        text="Members of an armed gang stormed the town of Mirebalais in central Haiti before dawn on "
                             "Monday, killing at least nine residents, officials said.\n\nOn Tuesday, several hundred "
                             "people marched through Port-au-Prince. Police fired tear gas to break up the crowd.")
    events = default_pipeline().process(document).events
    protests = [e for e in events if e.event_type == "Protests"]
    assert [e.location for e in protests] == ["Port-au-Prince"]


def test_a_groups_claim_names_the_attackers_of_the_act_reported():
    text = ("Islamist insurgents raided a village in Macomia district in Mozambique's Cabo Delgado province on Sunday, "
            "beheading at least six people, residents said.\n\nThe Islamic State group claimed in a message on Monday "
            "that its fighters had killed Christians in the area.")
    attacks = [e for e in _kept(extract(text, published="2025-10-21")) if e.sub_event_type == "Attack"]
    assert len(attacks) == 1 and attacks[0].actor1.startswith("Islamic State") and attacks[0].fatalities == 6


def test_an_agenda_agreed_for_talks_is_no_agreement():
    text = ("Negotiators for the government and a rebel alliance resumed talks in Nairobi on Wednesday.\n\n"
            "The mediator told reporters that both sides had agreed on an agenda but that the hard part was ahead.")
    assert not [e for e in _kept(extract(text, published="2025-02-26")) if e.sub_event_type == "Agreement"]


def test_a_raid_in_which_people_were_abducted_and_no_one_killed_is_an_abduction():
    text = ("On 9 March 2023, armed men raided two hamlets in Kajuru LGA (Kaduna). Nine farmers were abducted "
            "from both hamlets.")
    kept = _kept(extract(text, published="2023-03-10"))
    assert [e.sub_event_type for e in kept][:1] == ["Abduction/forced disappearance"]


def test_a_reaction_on_one_day_to_killings_before_it_dates_the_reaction_only():
    from eventatlas.models import Document
    from eventatlas.pipeline import default_pipeline

    document = Document(
        title="Congo accuses rebels of war crime after villagers killed near mining town", published="2025-04-16",
        text="Congo's government on Wednesday accused the M23 rebel group of committing a war crime, after more than a "
             "dozen villagers were killed in the east of the country.\n\nResidents said M23 fighters entered the hamlet of "
             "Kibabi in North Kivu province's Masisi territory on Monday evening and shot dead at least 13 civilians.\n\n"
             "A rebel spokesman said the dead were militia fighters killed in combat and accused Kinshasa of inventing "
             "massacres.")
    events = [e for e in default_pipeline().process(document).events if not e.background]
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Attack", "2025-04-14")]
    assert events[0].location != "Kinshasa"


def test_a_phrase_after_the_act_keeps_the_acts_date():
    text = ("On 14 June 2022, army units stormed a hideout of suspected jihadists near Arish in North Sinai, "
            "shooting dead three of them after a long gunfight.")
    assert [e.event_date for e in _kept(extract(text, published="2022-06-15"))] == ["2022-06-14"]


def test_a_silent_march_in_memory_of_a_victim_is_a_protest():
    text = "On Sunday afternoon, about 1,500 people took part in a silent march through the neighbourhood of Grenoble in memory of the teenager."
    assert [e.sub_event_type for e in _kept(extract(text, published="2025-07-14"))] == ["Peaceful protest"]


def test_a_cumulative_toll_in_the_present_perfect_is_a_summary():
    text = ("Manipur has been torn by ethnic violence since May 2023. More than 250 people have been killed and about "
            "60,000 have been displaced.")
    assert not _kept(extract(text, published="2025-11-05"))


def test_a_province_level_lede_moves_to_the_town_the_next_sentence_names():
    text = ("Two more passengers wounded when gunmen attacked a bus in Pakistan's southwestern province of Balochistan "
            "have died in hospital, raising the death toll to 11, officials said on Thursday.\n\nThe gunmen stopped the "
            "coach on the highway outside Turbat in Kech district late on Tuesday and opened fire on the passengers.")
    attacks = [e for e in _kept(extract(text, published="2025-08-21")) if e.sub_event_type == "Attack"]
    assert len(attacks) == 1 and attacks[0].location in ("Turbat", "Kech District") and attacks[0].geo_precision <= 2


def test_where_a_source_speaks_from_is_not_where_the_fight_was():
    text = ("Fighters attacked a military base on the edge of Damboa town late on Saturday. Troops fought back for about "
            "three hours before the attackers withdrew into the bush, an army officer in Maiduguri said. Four soldiers "
            "and at least seven militants were killed, he said.")
    clashes = [e for e in _kept(extract(text, published="2025-06-10")) if e.event_type == "Battles"]
    assert [(e.location, e.fatalities) for e in clashes] == [("Damboa", 11)]


def test_a_lede_dated_only_by_its_report_takes_the_day_the_next_sentences_give():
    text = ("Two more passengers wounded when gunmen attacked a bus in the province of Balochistan have died in hospital, "
            "provincial officials said on Thursday.\n\nThe gunmen stopped the coach on the highway outside Turbat late on "
            "Tuesday and opened fire on the passengers.")
    attacks = [e for e in _kept(extract(text, published="2025-08-21")) if e.sub_event_type == "Attack"]
    assert [e.event_date for e in attacks] == ["2025-08-19"]


def test_arrests_told_in_the_past_perfect_are_not_a_protests_intervention():
    text = ("On Wednesday morning, hundreds of party supporters marched through Bogura city to protest against the "
            "arrest of their activists. The rally ended outside the press club without incident. Police said nine "
            "people had been detained from both sides after Tuesday's clash.")
    protests = [e for e in _kept(extract(text, published="2025-02-19")) if e.event_type == "Protests"]
    assert [e.sub_event_type for e in protests] == ["Peaceful protest"]
