"""One act told by several voices: the perpetrators named again ("the fighters"), the aircraft
that carried out a strike, a side's denial, a claim that adds what the attackers took, and the
hours of the night it went on until. None of these is a new event."""

from tests.document.helpers import new_events as code


def test_the_fighters_of_an_attack_opening_fire_are_that_attack(pipeline):
    events = code(pipeline, "Insurgents attacked an army post outside the town of Macomia on Friday night, military sources said.\n\n"
                            "The fighters came out of the forest shortly after 9 p.m. and opened fire with rifles and "
                            "rocket-propelled grenades. The shooting lasted until after 1 a.m.\n\n"
                            "Three villagers were hit by stray bullets before the attackers withdrew.", "2026-03-08")
    assert len(events) == 1 and events[0].event_date == "2026-03-06"


def test_a_denial_of_the_strike_just_reported_is_no_strike_of_its_own(pipeline):
    events = code(pipeline, "A military jet bombed a market near the town of Hpakant in Kachin state on Sunday, killing "
                            "six people, local rescuers said. The junta denied carrying out any air strike in the area.",
                  "2026-04-13")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_the_aircraft_of_a_strike_told_by_one_side_is_that_strike(pipeline):
    events = code(pipeline, "A military jet bombed a market near the town of Hpakant in Kachin state on Sunday, killing "
                            "six people, local rescuers said.\n\n"
                            "The aircraft dropped three bombs on the stalls at about noon, a KIA spokesman told reporters.",
                  "2026-04-13")
    assert len(events) == 1 and events[0].actor1.startswith("Military Forces of Myanmar")


def test_what_a_claim_says_the_attackers_took_is_part_of_the_attack(pipeline):
    events = code(pipeline, "Gunmen attacked a police station in the town of Diapaga on Tuesday, killing two officers.\n\n"
                            "The group claimed the attack on Wednesday, saying its fighters had seized weapons and a vehicle.",
                  "2026-05-07")
    assert [e.event_type for e in events] == ["Battles"]


def test_the_arrest_of_the_officer_who_fired_is_part_of_the_killing(pipeline):
    events = code(pipeline, "A police officer shot dead a street vendor at a checkpoint in Sarh on Saturday, witnesses said.\n\n"
                            "The governor said on Sunday that the officer who fired the shot had been arrested.", "2026-08-10")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_a_quote_about_tomorrow_does_not_date_a_mention_of_the_protest(pipeline):
    events = code(pipeline, "Hundreds of traders marched through Sarh on Saturday to protest against new market taxes.\n\n"
                            "\"We cannot pay. Today it is the taxes, tomorrow it will be our stalls,\" said a trader who "
                            "took part in the protest.", "2026-08-10")
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Peaceful protest", "2026-08-08")]


def test_the_missile_striking_a_district_of_the_city_is_that_strike(pipeline):
    events = code(pipeline, "A Russian missile hit an apartment block in Kharkiv on Tuesday evening, killing four people, "
                            "officials said.\n\nThe missile struck the building in the city's Kyivskyi district shortly "
                            "after 9 p.m., the governor said.", "2026-03-04")
    assert [(e.sub_event_type, e.location) for e in events] == [("Shelling/artillery/missile attack", "Kharkiv")]


def test_a_group_that_has_fought_for_years_is_no_new_clash(pipeline):
    events = code(pipeline, "Gunmen killed three traders at a market in Baidoa on Monday, police said.\n\n"
                            "Al Shabaab has fought for nearly two decades to topple the government.", "2026-03-04")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_police_dispersing_the_crowd_said_by_the_state_police_is_the_riot_told_before(pipeline):
    events = code(pipeline, "Angry youths burned a police vehicle and set fire to the council office in Kajuru in Kaduna state "
                            "on Monday after gunmen abducted worshippers from a church.\n\n"
                            "Police fired tear gas to disperse the crowd, the Kaduna state police spokesman said.", "2026-02-17")
    assert [e.event_type for e in events if e.event_type in ("Riots", "Protests")] == ["Riots"]
