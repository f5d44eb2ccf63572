"""TimeML conventions the grammar covers in general: anaphora on the time under discussion,
seasons and quarters read with the tense, named days, clock times with a part of day, and vague
references. Sentences are invented; values follow the TIMEX3 guidelines."""

from datetime import date

import pytest

from eventatlas.time import find_expressions, normalize


def _values(text: str, anchor: str) -> dict[str, str | None]:
    return {e.text: e.value.value for e in find_expressions(text, anchor)}


@pytest.mark.parametrize(
    "text, expression, expected",
    [
        ("The plant shut in 2005. The year before, it had cut jobs.", "The year before", "2004"),
        ("The plant shut in 2005. The prior year, it had cut jobs.", "The prior year", "2004"),
        ("The strike began on March 3, 2005. That same day, talks resumed.", "That same day", "2005-03-03"),
        ("The mayor arrived in Lyon later in the day.", "later in the day", "2013-03-14"),
    ],
)
def test_anaphora_on_the_time_under_discussion(text, expression, expected):
    assert _values(text, "2013-03-14")[expression] == expected


def test_next_morning_on_a_given_span():
    strike = normalize("March 3, 2005", date(2013, 3, 14))
    assert normalize("the next morning", date(2013, 3, 14), references=[strike]).value == "2005-03-04TMO"
    # in running text the clause stays on the day of its sentence (left to the event stage)
    assert "The next morning" not in _values(
        "The strike began on March 3, 2005. The next morning, talks resumed.", "2013-03-14"
    )


def test_season_follows_the_tense():
    anchor = date(2013, 3, 14)
    assert normalize("the summer", anchor, tense="past").value == "2012-SU"
    assert normalize("the summer", anchor, tense="future").value == "2013-SU"
    autumn = date(1989, 10, 26)
    assert normalize("last spring", autumn).value == "1989-SP"  # over by the autumn
    assert normalize("last fall", date(1998, 2, 13)).value == "1997-FA"


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("the previous quarter", "1989-Q2"),
        ("last quarter", "1989-Q3"),
        ("next quarter", "1990-Q1"),
        ("the prior-year quarter", "1988-Q3"),
        ("FY1990", "1990"),
        ("the 1800s", "18"),
        ("the 2000s", "200"),
    ],
)
def test_business_periods_and_centuries(expression, expected):
    value = normalize(expression, date(1989, 10, 26))
    assert value is not None and value.value == expected, (expression, value)


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("Canada Day", "2012-07-01"),
        ("Maundy Thursday", "2012-04-05"),
        ("Veterans Day", "2012-11-11"),
        ("Martin Luther King Day", "2013-01-21"),
        ("Mother's Day", "2012-05-13"),
        ("Ash Wednesday", "2013-02-13"),
    ],
)
def test_named_days(expression, expected):
    assert normalize(expression, date(2013, 3, 14), tense="past").value == expected


def test_clock_times_take_the_day_and_part_named_with_them():
    values = _values("Shots were heard at 6:30 tonight and again Wednesday at 2 a.m.", "2013-03-14")
    assert values["at 6:30 tonight"] == "2013-03-14T18:30"
    assert values["Wednesday at 2 a.m."] == "2013-03-13T02:00"
    assert (
        _values("The vote closed at eight o'clock.", "2013-03-14")["at eight o'clock"] == "2013-03-14T08:00"
    )


def test_previously_only_at_the_head_of_a_sentence():
    assert _values("Previously, the firm offered $13 a share.", "1989-11-02") == {"Previously": "PAST_REF"}
    assert _values("The firm cited its previously announced plan.", "1989-11-02") == {}


def test_nth_day_of_an_operation():
    text = "On Tuesday the ceasefire held. Today is the fifth day of the operation."
    assert _values(text, "1990-08-15")["the fifth day"] == "1990-08-15"
    assert "the fifth day" not in _values("He was absent for the fifth day in a row.", "1990-08-15")


@pytest.mark.parametrize(
    "expression, tense, expected",
    [
        ("the early part of next year", "future", "1990"),
        ("the latter part of the year", "past", "1989"),
        ("the end of the decade", "future", "198"),
        ("the summer", "past", "1989-SU"),
    ],
)
def test_part_of_a_period_keeps_its_value(expression, tense, expected):
    assert normalize(expression, date(1989, 10, 26), tense=tense).value == expected


def test_comparable_period_is_a_year_before_the_quarter_discussed():
    quarter = normalize("the third quarter", date(1989, 10, 26))
    assert normalize("the comparable period", date(1989, 10, 26), references=[quarter]).value == "1988-Q3"


def test_a_span_that_stops_before_its_direction_word():
    from eventatlas.time.finder import normalize_spans

    text = "Profit rose in the third quarter to $4 million from $3 million a year earlier."
    start = text.index("a year")
    quarter = (text.index("the third quarter"), text.index("the third quarter") + len("the third quarter"))
    values = normalize_spans(text, [quarter, (start, start + len("a year"))], "1989-10-26")
    assert [v.value for v in values] == ["1989-Q3", "1988-Q3"]
