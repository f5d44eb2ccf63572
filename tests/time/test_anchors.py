"""What a relative expression counts from: the narrative's last time for "a year later" and "the
day before", the weekday printed with a day named without its year, the end date for a fiscal
quarter."""

from __future__ import annotations

import pytest

from eventatlas.time import find_expressions

PUBLISHED = "1998-03-11"  # a Wednesday


def values(nlp, text: str, published: str = PUBLISHED) -> dict[str, str]:
    return {e.text: e.value.value for e in find_expressions(text, published, spacy_doc=nlp(text))}


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("The dam burst on Feb. 14, 1995. A year later, the valley was farmed again.", "A year later", "1996"),
    ("The mill closed in 1991. Two years later, it reopened as a museum.", "Two years later", "1993"),
    ("The convoy left on March 2. Three weeks earlier, the road had been cleared.", "Three weeks earlier",
     "1998-W07"),  # March 2 is in week 10
    ("The mill closed in 1991. Two years ago, it reopened as a museum.", "Two years ago", "1996"),
])
def test_later_and_earlier_count_from_the_time_just_named(nlp, text, expression, expected):
    assert values(nlp, text)[expression] == expected


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("The mayor resigned on March 2. The day before, his deputy had been arrested.", "The day before", "1998-03-01"),
    ("The mayor resigned on March 2. The previous day, his deputy had been arrested.", "The previous day",
     "1998-03-01"),
    ("The mayor resigned on March 2. The next day, his deputy was arrested.", "The next day", "1998-03-03"),
])
def test_the_day_before_and_after_count_from_the_day_under_discussion(nlp, text, expression, expected):
    assert values(nlp, text)[expression] == expected


def test_the_day_before_with_no_day_named_is_no_date(nlp):
    assert "The day before" not in values(nlp, "The day before, the roads were quiet.")


def test_the_next_year_in_a_forecast_counts_from_publication(nlp):
    text = "The mill closed in 1991. Its owners say the next year will bring new orders."
    assert values(nlp, text)["the next year"] == "1999"


def test_the_weekday_given_with_a_date_picks_its_year(nlp):
    # a past-tense clause naming a day after publication: the weekday shows it is this year's
    text = "The paper wrote in an editorial on Saturday, March 14 that the bridge was unsafe."
    assert values(nlp, text)["Saturday, March 14"] == "1998-03-14"  # the 14th of March 1997 was a Friday
    # without the weekday a past-tense clause would take June 12 of 1997, a Thursday
    text = "Engineers said the bridge was to be closed on Friday, June 12."
    assert values(nlp, text)["Friday, June 12"] == "1998-06-12"


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("Revenue slipped in the quarter that ended July 31.", "the quarter", "1997-Q2"),  # May to July
    ("Profit rose in the quarter ended Dec. 31.", "the quarter", "1997-Q4"),
    ("Orders dropped in the quarter ending Jan. 31, 1998.", "the quarter", "1997-Q4"),  # Nov. to Jan.
    ("Profit rose in the September quarter.", "the September quarter", "1997-Q3"),
    ("Profit rose in the June quarter.", "the June quarter", "1997-Q2"),
])
def test_a_fiscal_quarter_is_named_by_its_end(nlp, text, expression, expected):
    assert values(nlp, text)[expression] == expected


def test_the_month_of_a_named_month_is_that_month(nlp):
    found = values(nlp, "In the month of September, rents rose.")
    assert found == {"the month of September": "1997-09"}


def test_the_past_before_a_unit_is_a_duration_not_a_vague_past(nlp):
    assert values(nlp, "The past week has been the calmest of the year.") == {"the year": "1998"}
    assert values(nlp, "In the past, the harbour froze every winter.") == {"In the past": "PAST_REF"}


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("Gunmen raided the camp overnight on Sunday, aid workers said.", "overnight on Sunday", "1998-03-08"),
    ("Shells fell on the harbour overnight into Tuesday.", "overnight into Tuesday", "1998-03-10"),
])
def test_overnight_on_a_named_day_is_that_day(nlp, text, expression, expected):
    assert values(nlp, text)[expression] == expected
