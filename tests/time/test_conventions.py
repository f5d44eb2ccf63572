"""TimeML value conventions and tense cues added for real news text: named days, parts of a
decade, seasons with a bare year, weeks of a month, "of next year", centuries, decimal figures
that are not clock times, reduced relatives, year-ago comparisons with reported periods, "that
day" with no day named before it, and a bracketed date after the stated one."""

from datetime import date

import pytest

from eventatlas.models import Document
from eventatlas.nlp import parse
from eventatlas.time import find_expressions, normalize
from tests.time.test_dating import dated

ANCHOR = date(2003, 3, 19)  # a Wednesday


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("Christmas Day", "2002-12-25"),
        ("New Year's Day", "2003-01-01"),
        ("Easter 2001", "2001-04-15"),
        ("next Easter", "2003-04-20"),
        ("last Thanksgiving", "2002-11-28"),
        ("Labor Day", "2002-09-02"),
        ("the first half of the 1970s", "197"),
        ("the last half of the '60s", "196"),
        ("winter 1995", "1995-WI"),
        ("the second week of June 2011", "2011-W23"),
        ("the first quarter of next year", "2004-Q1"),
        ("the third quarter of this year", "2003-Q3"),
        ("next year's second half", "2004-H2"),
        ("the next century", "21"),
        ("the last century", "19"),
        ("the other day", "PAST_REF"),
    ],
)
def test_value_conventions(expression, expected):
    value = normalize(expression, ANCHOR)
    assert value is not None and value.value == expected


def test_part_of_a_decade_keeps_its_part():
    assert normalize("the first half of the 1970s", ANCHOR).mod == "START"
    assert normalize("the last half of the '60s", ANCHOR).mod == "END"


def test_week_of_month_covers_its_seven_days():
    value = normalize("the last week of February 2003", ANCHOR)
    assert (value.first_day, value.last_day) == (date(2003, 2, 22), date(2003, 2, 28))


def test_bare_holiday_name_needs_a_preposition():
    text = (
        "Toy makers said holiday sales rose. Christmas Island ferries ran late. Trains stop over Christmas."
    )
    found = [(e.text, e.value.value) for e in find_expressions(text, ANCHOR)]
    assert found == [("Christmas", "2002-12-25")]


def test_decimal_figure_before_a_weekday_is_not_a_clock_time():
    text = "The bond index slipped 4.17 on Tuesday. Trading opened at 9.30 on Monday."
    found = [(e.text, e.value.value) for e in find_expressions(text, ANCHOR)]
    assert found == [("Tuesday", "2003-03-18"), ("at 9.30 on Monday", "2003-03-17T09:30")]


def test_that_day_with_no_day_before_is_not_a_date():
    text = (
        "Dealers said most trades made that day were small. On Friday prices fell, and that day volume rose."
    )
    found = [(e.text, e.value.value) for e in find_expressions(text, ANCHOR)]
    assert found == [("Friday", "2003-03-14"), ("that day", "2003-03-14")]


def test_reduced_relative_participle_points_back(nlp):
    text = "Shares closed near the all-time peak set on Oct. 2, analysts said. The vote is set for Oct. 2."
    doc = nlp(text)
    found = [(e.text, e.value.value) for e in find_expressions(text, ANCHOR, spacy_doc=doc)]
    assert found == [("Oct. 2", "2002-10-02"), ("Oct. 2", "2003-10-02")]


def test_year_ago_period_compares_with_a_reported_quarter(nlp):
    text = (
        "Harlow Mills reported fourth-quarter profit of $3 million. It expects sales to grow in "
        "the third quarter of next year. In the year-ago period, it earned $2 million."
    )
    document = parse(Document(text=text, published="2003-02-10"), nlp)
    found = {e.text: e.value.value for e in find_expressions(document)}
    assert found["the year-ago period"] == "2001-Q4"


def test_bracketed_date_after_a_date_does_not_date_the_event(nlp):
    text = "Around 2 June 2011 (between 2 and 4 June), students protested in the town of Belmore."
    [event] = dated(nlp, text, "2011-06-10", "protested")
    assert (event.event_date, event.time_precision) == ("2011-06-02", 2)


def test_last_week_said_on_a_sunday_is_the_week_just_ending():
    assert normalize("last week", date(2003, 3, 23)).value == "2003-W12"  # a Sunday
    assert normalize("last week", date(2003, 3, 22)).value == "2003-W11"  # a Saturday
    assert normalize("next week", date(2003, 3, 23)).value == "2003-W13"
