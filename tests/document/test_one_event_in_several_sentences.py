"""One real event told over several sentences: a night that spans two dates, an event named by
its day ("Saturday's ambush"), a next-day happening in the same sentence, riot police firing on
the rioters, and a later sentence giving the precise place of an event told first by its province."""

from tests.document.helpers import new_events as code


def test_an_attack_overnight_and_the_same_attack_late_on_monday_are_one_event(pipeline):
    events = code(pipeline, "Suspected al Shabaab fighters attacked a police camp in Mandera county overnight, officials said on Tuesday.\n\n"
                            "Late on Monday, fighters armed with rifles attacked a camp of police reservists at Lafey, "
                            "a regional police commander said. One reservist was killed.", "2025-05-13")
    assert len(events) == 1 and events[0].sub_event_type == "Armed clash" and events[0].location == "Lafey"


def test_an_event_named_by_its_day_is_the_event_told_before(pipeline):
    events = code(pipeline, "Three soldiers were killed in an ambush near Shariff Aguak on Saturday.\n\n"
                            "In Isulan, police said they had not ruled out a connection with Saturday's ambush.", "2025-07-14")
    assert len(events) == 1 and events[0].event_date == "2025-07-12"


def test_a_day_later_starts_the_next_happening_not_a_second_day_of_the_first(pipeline):
    events = code(pipeline, "Three soldiers were killed in an ambush in Maguindanao on Saturday, and a day later a bomb "
                            "exploded at a bus terminal in Isulan, wounding eight people.", "2025-07-14")
    assert [e.event_date for e in events if e.sub_event_type == "Armed clash"] == ["2025-07-12"]


def test_police_firing_on_rioters_in_the_riot_sentence_are_the_riot_and_its_toll(pipeline):
    events = code(pipeline, "On Wednesday, villagers in Darayim district threw stones at an eradication team and its "
                            "police escort; the police opened fire and 2 villagers were killed.", "2024-07-04")
    assert [(e.event_type, e.fatalities) for e in events] == [("Riots", 2)]


def test_a_later_sentence_names_the_town_of_an_event_first_told_by_its_province(pipeline):
    events = code(pipeline, "Three soldiers were killed in an ambush in Sultan Kudarat province on Saturday.\n\n"
                            "In the attack, gunmen opened fire on an army patrol in a village of Isulan town. "
                            "The soldiers fought back for about 30 minutes.", "2025-07-14")
    assert len(events) == 1 and events[0].location == "Isulan"


def test_a_statement_about_the_march_named_by_its_day_is_no_second_march(pipeline):
    events = code(pipeline, "Several thousand people marched through Kutaisi on Saturday evening to demand the release "
                            "of jailed demonstrators.\n\nA spokeswoman for the interior ministry said on Sunday that "
                            "Saturday's march had been held in accordance with the law.", "2025-10-12")
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Peaceful protest", "2025-10-11")]


def test_praise_for_the_forces_is_no_event_of_its_own(pipeline):
    events = code(pipeline, "Security forces killed four rebels in a gunfight in Bijapur district on Wednesday, police said.\n\n"
                            "The chief minister praised the security forces on Thursday and said operations in the region "
                            "would be stepped up.", "2025-02-21")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_a_march_that_turns_into_a_riot_is_coded_as_the_riot(pipeline):
    events = code(pipeline, "Several hundred people marched through the centre of Labe on Sunday afternoon to protest "
                            "against power cuts. As the march reached the offices of the power company, groups of young "
                            "men began throwing stones at the building and set fire to tyres in the road.", "2025-07-22")
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Violent demonstration", "2025-07-20")]


def test_a_weekly_count_is_no_event_and_does_not_swallow_the_attack_told_after_it(pipeline):
    events = code(pipeline, "At least 40 people were killed in violence across Syria in the week to Tuesday, a monitor said.\n\n"
                            "It said Islamic State fighters attacked a checkpoint on the edge of Busayrah on Thursday night, "
                            "killing two guards.", "2025-08-27")
    assert [(e.sub_event_type, e.event_date, e.fatalities) for e in events] == [("Armed clash", "2025-08-21", 2)]


def test_a_bombing_named_by_a_condemnation_is_the_bombing_the_article_reports(pipeline):
    events = code(pipeline, "The prime minister on Tuesday condemned what he called a cowardly bomb attack in the far south.\n\n"
                            "The bomb, hidden on a motorcycle, exploded outside a tea shop in Rueso on Monday evening, "
                            "wounding six people, police said.", "2026-03-10")
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Remote explosive/landmine/IED", "2026-03-09")]
