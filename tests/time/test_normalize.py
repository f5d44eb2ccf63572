"""The normalizer on its own: many expression types, anchors and tenses."""

from datetime import date

import pytest

from eventatlas.time import normalize

ANCHOR = date(1998, 1, 14)  # a Wednesday


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("today", "1998-01-14"),
        ("yesterday", "1998-01-13"),
        ("tomorrow", "1998-01-15"),
        ("two days ago", "1998-01-12"),
        ("last week", "1998-W02"),
        ("this week", "1998-W03"),
        ("next week", "1998-W04"),
        ("six weeks ago", "1997-W49"),
        ("last month", "1997-12"),
        ("earlier this month", "1998-01"),
        ("this year", "1998"),
        ("last year", "1997"),
        ("next year", "1999"),
        ("five years ago", "1993"),
        ("Jan. 12", "1998-01-12"),
        ("Sept. 30", "1997-09-30"),
        ("Oct. 15, 1999", "1999-10-15"),
        ("7 March 2021", "2021-03-07"),
        ("the 7th of March 2021", "2021-03-07"),
        ("2021-09-07", "2021-09-07"),
        ("August 1988", "1988-08"),
        ("mid-November", "1997-11"),
        ("last April", "1997-04"),
        ("1988", "1988"),
        ("fiscal 1989", "1989"),
        ("nineteen ninety-six", "1996"),
        ("the 1990s", "199"),
        ("the late 1970s", "197"),
        ("the nineties", "199"),
        ("the 20th century", "19"),
        ("this summer", "1998-SU"),
        ("last spring", "1997-SP"),
        ("the winter of nineteen eighty-six", "1986-WI"),
        ("the third quarter", "1997-Q3"),
        ("the first half of 1990", "1990-H1"),
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("formerly", "PAST_REF"),
        ("the near future", "FUTURE_REF"),
        ("this evening", "1998-01-14TEV"),
        ("last night", "1998-01-13TNI"),
        ("Monday night", "1998-01-12TNI"),
        ("10 p.m. Wednesday", "1998-01-14T22:00"),
        ("the weekend", "1998-W02-WE"),
    ],
)
def test_normalize_values(expression, expected):
    value = normalize(expression, ANCHOR)
    assert value is not None and value.value == expected, (expression, value)


def test_weekday_follows_tense():
    tuesday = date(2021, 9, 7)
    assert normalize("Monday", tuesday, tense="past").value == "2021-09-06"
    assert normalize("Monday", tuesday, tense="future").value == "2021-09-13"
    # wire copy names the weekday even for the day of publication
    assert normalize("Tuesday", tuesday, tense="past").value == "2021-09-07"
    assert normalize("Friday", tuesday, tense="future").value == "2021-09-10"
    assert normalize("last Friday", tuesday, tense="future").value == "2021-09-03"
    assert normalize("next Monday", tuesday, tense="past").value == "2021-09-13"


def test_month_follows_tense():
    anchor = date(1989, 10, 30)
    assert normalize("January", anchor, tense="future").value == "1990-01"
    assert normalize("January", anchor, tense="past").value == "1989-01"
    assert normalize("December", anchor, tense="past").value == "1988-12"


def test_year_ago_keeps_granularity_of_the_period_compared():
    third_quarter = normalize("the third quarter", date(1989, 10, 26))
    assert third_quarter.value == "1989-Q3"
    value = normalize("a year earlier", date(1989, 10, 26), references=[third_quarter])
    assert value.value == "1988-Q3"
    assert normalize("a year earlier", date(1989, 10, 26)).value == "1988"


def test_granularity_and_interval():
    value = normalize("last week", date(2021, 9, 7))
    assert value.granularity == "week"
    assert value.first_day == date(2021, 8, 30) and value.last_day == date(2021, 9, 5)
    assert normalize("the early hours of Tuesday", date(2021, 9, 7)).granularity == "day"


def test_no_anchor_leaves_relative_expressions_unresolved():
    for expression in ("Monday", "yesterday", "last week", "March 7"):
        value = normalize(expression, None)
        assert value is not None and value.value is None, expression
    assert normalize("7 March 2021", None).value == "2021-03-07"


def test_not_time_expressions():
    assert normalize("the cat sat on the mat", ANCHOR) is None
    assert normalize("may", ANCHOR) is None  # the modal verb


def test_numeric_and_range_dates():
    anchor = date(2021, 9, 20)
    assert normalize("2021-09-07T10:32:00Z", anchor).value == "2021-09-07"
    assert normalize("25/09/2021", anchor).value == "2021-09-25"  # day first: 25 is no month
    assert normalize("09/07/2021", anchor).value == "2021-09-07"  # ambiguous: US order
    value = normalize("Sept. 7-9", anchor)
    assert (value.value, value.first_day, value.last_day) == (
        "2021-09-07",
        date(2021, 9, 7),
        date(2021, 9, 9),
    )
    assert normalize("7 to 9 September 2021", anchor).last_day == date(2021, 9, 9)


def test_day_of_month():
    assert normalize("the 5th", date(2021, 9, 7)).value == "2021-09-05"
    assert normalize("the 12th", date(2021, 9, 7)).value == "2021-08-12"  # not yet come: last month


# --- second pass: rules added for TimeBank DATE conventions -----------------------------------


def test_next_month_in_past_tense_report_is_the_coming_one():
    # said in late October: "November" is the coming one, "December" (two months on) stays past
    assert normalize("November", date(1989, 10, 30), tense="past").value == "1989-11"
    assert normalize("December", date(1989, 10, 27), tense="past").value == "1988-12"
    assert normalize("September", date(1990, 8, 16), tense="past").value == "1990-09"


def test_forward_looking_prepositions_before_a_date():
    anchor = date(1989, 10, 26)
    assert normalize("Feb. 1", anchor, tense="past", before="effective ").value == "1990-02-01"
    assert normalize("Feb. 1", anchor, tense="past").value == "1989-02-01"
    assert normalize("January", date(1989, 10, 30), tense="past", before="loans through ").value == "1990-01"
    assert normalize("mid-November", date(1989, 10, 30), tense="past", before="until ").value == "1989-11"


def test_quarter_a_year_ago_and_last_years_quarter():
    third_quarter = normalize("the third quarter", date(1989, 10, 26), tense="past")
    assert third_quarter.value == "1989-Q3"
    for expression in ("the quarter a year ago", "last year's quarter"):
        value = normalize(expression, date(1989, 10, 26), references=[third_quarter])
        assert value.value == "1988-Q3", expression
    assert normalize("the third quarter last year", ANCHOR, tense="past").value == "1997-Q3"
    assert normalize("the fourth quarter of last year", ANCHOR).value == "1997-Q4"


def test_first_two_quarters_is_the_first_half():
    assert normalize("the first two quarters of 1993", ANCHOR).value == "1993-H1"
    assert normalize("the last two quarters", date(1998, 11, 2), tense="past").value == "1998-H2"


def test_bare_week_span_is_underspecified_and_the_day_is_anaphoric():
    assert normalize("the week", ANCHOR).value == "1998-WXX"
    assert normalize("week", ANCHOR).value == "1998-WXX"
    assert normalize("a week", ANCHOR).value == "1998-WXX"
    assert normalize("the day", ANCHOR).value == "1998-01-14"  # no day mentioned: the anchor day
    mentioned = normalize("Oct. 12", date(1989, 10, 30), tense="past")
    assert normalize("the day", date(1989, 10, 30), references=[mentioned]).value == "1989-10-12"


def test_the_latest_period_without_a_quarter_named_is_the_last_completed_quarter():
    assert normalize("the latest period", date(1989, 11, 2)).value == "1989-Q3"


def test_year_earlier_after_a_nine_month_period_is_the_previous_year():
    third_quarter = normalize("the third quarter", date(1989, 10, 26), tense="past")
    lead = "Over nine months, earnings reached $412 million, against a deficit of $88 million "
    value = normalize("a year earlier", date(1989, 10, 26), references=[third_quarter], before=lead)
    assert value.value == "1988"
    # a quarter named after the longer period: the quarter is the one compared
    lead = "For the nine months, net rose. In the third quarter, profit was $5 million, up from $4 million "
    value = normalize("a year earlier", date(1989, 10, 26), references=[third_quarter], before=lead)
    assert value.value == "1988-Q3"
    value = normalize(
        "year-earlier", date(1989, 10, 26), references=[third_quarter], before="For the first half, "
    )
    assert value.value == "1988"


def test_weekday_after_a_past_participle_points_back():
    monday = date(1989, 10, 30)
    # "the revised deal, unveiled Friday, will let holders ..." (future clause)
    assert (
        normalize("Friday", monday, tense="future", before="the agreement, announced ").value == "1989-10-27"
    )
    # a scheduling verb keeps the clause direction
    assert normalize("Friday", monday, tense="future", before="a vote is expected ").value == "1989-11-03"


def test_the_previous_weekday_is_relative_to_the_day_under_discussion():
    monday = date(1989, 10, 30)
    friday = normalize("Friday", monday, tense="past")
    assert friday.value == "1989-10-27"
    assert normalize("the previous Friday", monday, references=[friday]).value == "1989-10-20"
    assert normalize("the previous Friday", monday).value == "1989-10-27"  # no day named: the anchor


@pytest.mark.parametrize(
    "expression, expected",
    [
        # times of day take the anchor day unless a day is attached (TimeML TIME values)
        ("10 a.m.", "1998-01-14T10:00"),
        ("8.30pm", "1998-01-14T20:30"),
        ("1400 GMT", "1998-01-14T14:00"),
        ("at 20:00", "1998-01-14T20:00"),
        ("9:15 a.m. EST Monday", "1998-01-12T09:15"),
        ("noon Friday", "1998-01-09T12:00"),
        ("Tuesday night", "1998-01-13TNI"),
        ("this morning", "1998-01-14TMO"),
        ("last night", "1998-01-13TNI"),
        ("the evening of Jan. 12", "1998-01-12TEV"),
        ("the night of 10 January", "1998-01-10TNI"),
        ("at dawn on Monday", "1998-01-12TMO"),
    ],
)
def test_times_of_day(expression, expected):
    value = normalize(expression, ANCHOR)
    assert value is not None and (value.value, value.type) == (expected, "TIME")


def test_clock_time_takes_the_day_of_its_sentence():
    from eventatlas.time import find_expressions

    found = find_expressions("On 3 August 2021, at night around 8 pm, troops shelled the town.", "2021-08-04")
    assert [(e.text, e.value.value) for e in found] == [
        ("3 August 2021", "2021-08-03"),
        ("around 8 pm", "2021-08-03T20:00"),
    ]


def test_bare_24_hour_clock_needs_a_cue():
    from eventatlas.time import find_expressions

    assert find_expressions("The ratio was 10:30 last quarter.", ANCHOR)[0].text == "last quarter"


def test_between_days_is_one_range():
    value = normalize("between 1 and 3 May", date(2021, 5, 10))
    assert (value.first_day, value.last_day) == (date(2021, 5, 1), date(2021, 5, 3))


def test_a_verb_before_a_date_sets_its_direction():
    # "the year ended March 31", said in October: the March before, whatever the parse
    assert normalize("March 31", date(1989, 10, 31), tense="present", before="the year ended ").value == (
        "1989-03-31"
    )


def test_weekday_in_a_name_is_not_a_date():
    from eventatlas.time import find_expressions

    found = find_expressions("Residents gathered in Monday Avenue on Tuesday.", "2021-09-07")
    assert [e.text for e in found] == ["Tuesday"]


def test_until_then_refers_back():
    from eventatlas.time import normalize_spans

    text = "The rights end on November 30. Until then, the stock trades."
    date_start, then_start = text.index("November 30"), text.index("then")
    values = normalize_spans(
        text, [(date_start, date_start + 11), (then_start, then_start + 4)], "1989-10-30"
    )
    assert [v.value for v in values] == ["1989-11-30", "1989-11-30"]
