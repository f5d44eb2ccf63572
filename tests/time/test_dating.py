"""date_events on parsed sentences: the governing expression, precision, splitting, no anchor."""

from pathlib import Path

from eventatlas.models import Document, Event, Span
from eventatlas.nlp import parse
from eventatlas.time import date_events


def event_at(document: Document, trigger: str, occurrence: int = 0) -> Event:
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(trigger, start + 1)
    sentence = document.sentence_at(start)
    return Event(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        sentence=sentence.index,
        trigger=Span(text=trigger, start=start, end=start + len(trigger)),
        evidence=[Span(text=sentence.text, start=sentence.start, end=sentence.end)],
    )


def dated(nlp, text, published, *triggers):
    document = parse(Document(text=text, published=published), nlp)
    events = [event_at(document, t) for t in triggers]
    return date_events(document, events)


def test_governing_expression_not_first_date(nlp):
    # the first date in the sentence belongs to the call, the protest happened on Monday
    text = (
        "After the leader called on Sunday for a national uprising, hundreds of people "
        "protested in the capital on Monday."
    )
    [event] = dated(nlp, text, "2021-09-07", "protested")
    assert (event.event_date, event.time_precision, event.date_text) == ("2021-09-06", 1, "Monday")


def test_relative_day_and_precision(nlp):
    text = "Gunmen attacked a police post yesterday. Troops clashed with rebels last week. Villagers protested earlier this month."
    attack, clash, protest = dated(nlp, text, "2021-09-22", "attacked", "clashed", "protested")
    assert (attack.event_date, attack.time_precision) == ("2021-09-21", 1)
    assert clash.time_precision == 2 and clash.date_text == "last week"
    assert "2021-09-13" <= clash.event_date <= "2021-09-19"
    assert protest.time_precision == 3 and protest.event_date.startswith("2021-09")


def test_weekend_is_week_precision(nlp):
    [event] = dated(nlp, "Protesters marched through the city over the weekend.", "2021-09-07", "marched")
    assert event.time_precision == 2 and event.event_date in ("2021-09-04", "2021-09-05")


def test_split_on_saturday_and_sunday(nlp):
    events = dated(
        nlp, "Protesters marched through the city on Saturday and Sunday.", "2021-09-07", "marched"
    )
    assert [(e.event_date, e.time_precision) for e in events] == [("2021-09-04", 1), ("2021-09-05", 1)]
    assert all(e.date_text == "Saturday and Sunday" for e in events)


def test_split_range(nlp):
    events = dated(nlp, "Fighting raged in the district from Monday to Wednesday.", "2021-09-10", "Fighting")
    assert [e.event_date for e in events] == ["2021-09-06", "2021-09-07", "2021-09-08"]


def test_until_is_one_event(nlp):
    text = "Witnesses said jets carried out airstrikes on the hills till the early hours of Tuesday."
    events = dated(nlp, text, "2021-09-07", "airstrikes")
    assert len(events) == 1
    assert events[0].event_date in ("2021-09-06", "2021-09-07") and events[0].time_precision == 1
    assert "Tuesday" in events[0].date_text


def test_narrative_date_carries_to_sentences_without_one(nlp):
    text = (
        "Troops clashed with rebels on Monday. Later the governor arrived in the city. A minister resigned."
    )
    clash, arrival, resignation = dated(nlp, text, "2021-09-07", "clashed", "arrived", "resigned")
    assert clash.event_date == arrival.event_date == resignation.event_date == "2021-09-06"
    assert resignation.time_precision == 1 and resignation.date_text == "Monday"


def test_a_shift_stops_the_narrative_date(nlp):
    text = (
        "Gunmen attacked a village on Sunday. Four people were killed. "
        "The group had previously attacked a market. Soldiers will patrol the area."
    )
    attack, killed, earlier, patrol = dated(
        nlp, text, "2021-09-07", "attacked", "killed", "attacked a market", "patrol"
    )
    assert attack.event_date == killed.event_date == "2021-09-05"
    assert earlier.event_date is None and patrol.event_date is None


def test_no_date_words_anywhere_leaves_null(nlp):
    [event] = dated(nlp, "A minister resigned.", "2021-09-07", "resigned")
    assert event.event_date is None and event.date_text is None and event.time_precision is None


def test_without_publication_date(nlp):
    text = "Dozens rallied in the capital on Monday night. Police fired on a crowd on 3 March 2021."
    rally, shooting = dated(nlp, text, None, "rallied", "fired")
    assert rally.event_date is None and rally.time_precision is None and rally.date_text == "Monday night"
    assert (shooting.event_date, shooting.time_precision) == ("2021-03-03", 1)


def test_future_tense_points_forward(nlp):
    [event] = dated(nlp, "Unions will strike on Friday across the country.", "2021-09-07", "strike")
    assert event.event_date == "2021-09-10"


def test_seed_article(nlp, seed_dir: Path):
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    for published in ("2021-09-07", None):
        document = parse(Document(text=text, published=published), nlp)
        triggers = [
            "rallied",
            "fierce fighting",
            "conducted airstrikes",
            "arrived in Kabul",
            "yesterday’s offensive",
        ]
        events = date_events(document, [event_at(document, t) for t in triggers])
        by_trigger = {e.trigger.text: e for e in events}
        assert len(events) == len(triggers)
        if published:
            assert (by_trigger["rallied"].event_date, by_trigger["rallied"].time_precision) == (
                "2021-09-06",
                1,
            )
            assert by_trigger["fierce fighting"].event_date in ("2021-09-06", "2021-09-07")
            assert by_trigger["conducted airstrikes"].event_date in ("2021-09-06", "2021-09-07")
            assert by_trigger["yesterday’s offensive"].event_date == "2021-09-06"
        else:
            assert all(e.event_date is None for e in events)
            assert by_trigger["rallied"].date_text == "Monday night"
        assert by_trigger["arrived in Kabul"].event_date is None


def test_split_stated_range(nlp):
    events = dated(nlp, "Clashes in the north on Sept. 7-9 killed five people.", "2021-09-20", "Clashes")
    assert [e.event_date for e in events] == ["2021-09-07", "2021-09-08", "2021-09-09"]
    assert all(e.time_precision == 1 for e in events)


def test_since_is_one_event_on_the_first_day(nlp):
    [event] = dated(nlp, "Protesters have occupied the square since Saturday.", "2021-09-07", "occupied")
    assert (event.event_date, event.time_precision, event.date_text) == ("2021-09-04", 1, "since Saturday")


def test_date_of_an_earlier_clause_does_not_date_the_event(nlp):
    text = "The army said it had retaken the town, two days after rebels seized it on Wednesday."
    [event] = dated(nlp, text, "2021-09-07", "retaken")
    assert event.event_date is None


def test_a_relative_clause_about_another_actor_has_its_own_time(nlp):
    # "which rebels seized last week" is the rebels' earlier deed, not the day of the retaking
    [event] = dated(nlp, "Troops have retaken the town of Mueda, which rebels seized last week.", "2021-09-07", "retaken")
    assert event.event_date is None or event.event_date >= "2021-09-06"
    # "a bomb that exploded on Saturday": the relative clause tells the event's own time
    [event] = dated(nlp, "A car bomb that exploded outside a market on Saturday killed eight people.", "2021-09-07",
                    "killed")
    assert event.event_date == "2021-09-04"


def test_reporting_date_versus_event_date(nlp):
    [event] = dated(
        nlp, "Police said on Tuesday that gunmen killed five people on Monday.", "2021-09-07", "killed"
    )
    assert event.event_date == "2021-09-06"


def test_period_before_publication(nlp):
    [event] = dated(nlp, "Earlier this month, militants attacked a convoy.", "2021-09-07", "attacked")
    assert event.time_precision == 3 and "2021-09-01" <= event.event_date <= "2021-09-07"


def one(nlp, text, published, trigger):
    events = dated(nlp, text, published, trigger)
    assert len(events) == 1, [(e.event_date, e.date_text) for e in events]
    return events[0]


def test_reported_attack_date_not_the_report_day(nlp):
    text = "The attack on Sunday killed four people, officials said on Monday."
    assert one(nlp, text, "2021-09-07", "attack").event_date == "2021-09-05"


def test_report_date_alone_is_an_approximate_date(nlp):
    event = one(
        nlp, "As reported on 14 July 2021, gunmen ambushed a convoy.", "2021-07-15", "ambushed"
    )
    assert (event.event_date, event.time_precision) == ("2021-07-14", 2)


def test_report_date_yields_to_the_narrative(nlp):
    text = "Gunmen raided a village on Saturday. Six people were killed, police said on Monday."
    raid, killed = dated(nlp, text, "2021-09-07", "raided", "killed")
    assert raid.event_date == killed.event_date == "2021-09-04"


def test_day_and_month_without_a_year(nlp):
    event = one(nlp, "On 17 July, herders clashed with farmers near the river.", "2019-07-18", "clashed")
    assert (event.event_date, event.time_precision) == ("2019-07-17", 1)


def test_on_or_around_is_precision_two(nlp):
    event = one(nlp, "On or around 3 May 2020, soldiers burned a market.", "2020-05-04", "burned")
    assert (event.event_date, event.time_precision) == ("2020-05-03", 2)


def test_between_two_days_is_one_event_in_the_middle(nlp):
    event = one(nlp, "Between 1 and 3 May 2020, gunmen abducted ten traders.", "2020-05-04", "abducted")
    assert (event.event_date, event.time_precision) == ("2020-05-02", 2)


def test_either_of_two_days_is_one_event(nlp):
    event = one(nlp, "On June 3rd or 4th, a crowd torched a town hall.", "2019-06-05", "torched")
    assert (event.event_date, event.time_precision) == ("2019-06-03", 2)


def test_night_spanning_two_dates_is_its_first_day(nlp):
    event = one(nlp, "On the night of 2-3 May 2020, rebels shelled the camp.", "2020-05-04", "shelled")
    assert (event.event_date, event.time_precision) == ("2020-05-02", 1)


def test_week_of_is_the_middle_of_that_week(nlp):
    event = one(nlp, "During the week of 4 May 2020, militias looted shops.", "2020-05-12", "looted")
    assert (event.event_date, event.time_precision) == ("2020-05-07", 2)


def test_early_and_late_month(nlp):
    early = one(nlp, "In early March 2021, police detained dozens of activists.", "2021-04-01", "detained")
    late = one(nlp, "In late March 2021, police detained dozens of activists.", "2021-04-01", "detained")
    assert (early.event_date, early.time_precision) == ("2021-03-01", 3)
    assert (late.event_date, late.time_precision) == ("2021-03-31", 3)


def test_a_dateline_fragment_sets_the_narrative(nlp):
    text = "03 May. Militants attacked a quarry, killing four workers."
    assert one(nlp, text, "2018-05-04", "attacked").event_date == "2018-05-03"


def test_weekday_by_tense(nlp):
    past = one(nlp, "Rebels attacked the town on Thursday.", "2021-09-07", "attacked")
    future = one(nlp, "Unions will march on Thursday.", "2021-09-07", "march")
    assert (past.event_date, future.event_date) == ("2021-09-02", "2021-09-09")


def test_time_of_day_without_its_day_takes_the_story_day(nlp):
    text = (
        "Thousands marched through the capital on Tuesday. Police fired tear gas at the crowd. "
        "Later in the afternoon, protesters set a police post on fire."
    )
    march, fire = dated(nlp, text, "2024-06-26", "marched", "set a police post on fire")
    assert march.event_date == fire.event_date == "2024-06-25"


def test_a_report_date_does_not_become_the_story_day(nlp):
    text = (
        "Gunmen attacked a village on Saturday. The governor said on Monday that the army was deployed. "
        "Five people were killed."
    )
    attack, killed = dated(nlp, text, "2021-09-07", "attacked", "killed")
    assert attack.event_date == killed.event_date == "2021-09-04"


def test_a_clock_time_keeps_the_day_of_its_own_sentence(nlp):
    text = "Rebels shelled the town on 2 August 2021. On 3 August 2021, at around 8 pm, troops fired shells."
    shelled, fired = dated(nlp, text, "2021-08-04", "shelled", "fired")
    assert (shelled.event_date, fired.event_date) == ("2021-08-02", "2021-08-03")


def test_a_passive_report_dates_what_was_reported(nlp):
    text = "On 10 October 2019, heavy gunfire was reported in two villages. Soldiers burned several houses."
    [event] = dated(nlp, text, "2019-10-11", "burned")
    assert (event.event_date, event.time_precision) == ("2019-10-10", 1)


def test_the_day_a_death_toll_rose_is_not_the_day_of_the_blast(nlp):
    text = (
        "The death toll from a car bomb at a bus station in the city rose to 11 on Thursday, police said. "
        "The car bomb went off on Wednesday morning as commuters waited for buses."
    )
    [event] = dated(nlp, text, "2022-03-11", "car bomb")
    assert (event.event_date, event.date_text) == ("2022-03-09", "Wednesday morning")


def test_a_death_toll_date_with_no_story_day_ahead_is_approximate(nlp):
    text = "The death toll from a car bomb at a bus station in the city rose to 11 on Thursday, police said."
    [event] = dated(nlp, text, "2022-03-11", "car bomb")
    assert event.event_date == "2022-03-10" and event.time_precision == 2


def test_a_date_written_before_an_after_clause_dates_the_main_clause(nlp):
    # the parser may hang "On 8 April" on the after-clause; a clause begins at its marker
    text = ("On 8 April 2024, after the killing of a party official was blamed on Syrians, groups of young "
            "men beat Syrian workers in the street.")
    [event] = dated(nlp, text, "2024-04-09", "beat")
    assert event.event_date == "2024-04-08"


def test_a_day_later_is_not_a_second_day_of_the_event_before_it(nlp):
    text = "Three soldiers were killed in an ambush on Saturday, and a day later a bomb exploded at a bus terminal."
    events = dated(nlp, text, "2025-07-14", "killed")
    assert [e.event_date for e in events] == ["2025-07-12"]


def test_an_act_a_day_before_the_dated_one_takes_that_day(nlp):
    text = "Youths burned a police post in Bongor on Sunday, a day after an officer shot a trader."
    events = dated(nlp, text, "2026-07-07", "burned", "shot")
    assert [e.event_date for e in events] == ["2026-07-05", "2026-07-04"]


def test_hours_after_is_the_same_day(nlp):
    text = "Police fired tear gas at protesters in Bongor on Sunday, hours after a trader was shot dead at a checkpoint."
    events = dated(nlp, text, "2026-07-07", "fired", "shot")
    assert [e.event_date for e in events] == ["2026-07-05", "2026-07-05"]
