"""The tagger on running text: spans, values, and words that are not times."""

from datetime import date

from eventatlas.time import find_expressions


def values(text, anchor=date(2021, 9, 7)):
    return [(e.text, e.value.value) for e in find_expressions(text, anchor)]


def test_finds_spans_and_values():
    text = "Police said on Monday night that marches went on into the early hours of Tuesday."
    assert values(text) == [("Monday night", "2021-09-06TNI"), ("the early hours of Tuesday", "2021-09-07")]


def test_ignores_lookalikes():
    text = "Officials may fall back. The march drew 1,988 people and cost $2000; they fell 80s style."
    assert values(text) == []


def test_dates_and_references():
    found = values(
        "The talks, first held on 7 March 2020, resumed last week and will end next month. Prices are now higher."
    )
    assert ("7 March 2020", "2020-03-07") in found
    assert ("last week", "2021-W35") in found
    assert ("next month", "2021-10") in found
    assert ("now", "PRESENT_REF") in found


def test_future_cue_without_parse():
    found = values("The minister will visit the region on Friday.")
    assert found == [("Friday", "2021-09-10")]


def test_parse_gives_tense(nlp):
    text = "The minister will visit the region on Friday. Rebels attacked the town on Friday."
    doc = nlp(text)
    found = [(e.text, e.value.value) for e in find_expressions(text, date(2021, 9, 7), spacy_doc=doc)]
    assert found == [("Friday", "2021-09-10"), ("Friday", "2021-09-03")]


def test_sets_and_durations_are_not_dates():
    text = "The market opens every Thursday. Prices rose over the past two months, as in the past."
    assert values(text) == [("in the past", "PAST_REF")]


def test_anaphoric_period_falls_back_to_the_year_inside():
    # "the 1988 period" refers to a quarter under discussion; with none, the year still counts
    assert values("In the 1988 period, it earned more.", date(1989, 10, 27)) == [("1988", "1988")]


def test_bare_week_and_the_day_are_not_tagged_in_running_text():
    # only a span already known to be a date reads "the week"/"the day" as one
    text = "The index fell 3% for the week, its worst week of the year, and rose later in the day."
    found = [e.text for e in find_expressions(text, "1989-10-30")]
    assert not any(t in ("the week", "week", "the day") for t in found), found


def test_a_month_of_that_year_is_in_the_year_last_named():
    text = ("The siege began on May 23, 2017. The army declared it over in October that year; the mosque was rebuilt "
            "in March the following year.")
    found = values(text, date(2025, 10, 16))
    assert ("October that year", "2017-10") in found and ("March the following year", "2018-03") in found


def test_hours_earlier_is_the_day_the_story_is_on():
    text = ("Militants set fire to 15 houses on Tuesday night. The attack began at about 11 p.m. Residents fled. "
            "Hours earlier, protesters had blocked the highway.")
    assert ("Hours earlier", "2026-06-02") in values(text, date(2026, 6, 3))
