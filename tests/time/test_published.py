"""Publication-date helpers: never the day of processing."""

import time
from datetime import date, datetime

from eventatlas.time.published import parse_published, publication_date_from_html, publication_date_from_text


def test_parse_published_formats():
    assert parse_published("2021-09-07") == "2021-09-07"
    assert parse_published("2021-09-07T10:32:00+04:30") == "2021-09-07"
    assert parse_published("Tue, 07 Sep 2021 10:32:00 GMT") == "2021-09-07"  # RSS / HTTP
    assert parse_published("20210907103200") == "2021-09-07"  # WARC 1.0
    assert parse_published("7 September 2021") == "2021-09-07"
    assert parse_published("September 7, 2021 10:32 AM") == "2021-09-07"
    assert parse_published(time.strptime("2021-09-07", "%Y-%m-%d")) == "2021-09-07"  # feedparser
    assert parse_published(datetime(2021, 9, 7, 10, 0)) == "2021-09-07"


def test_parse_published_refuses_bad_values():
    for value in (None, "", "   ", "yesterday", "Monday", "not a date", "2021-13-45", 2021):
        assert parse_published(value) is None, value
    assert parse_published("2999-01-01") is None  # in the future


def test_dates_in_visible_text():
    assert publication_date_from_text("Published: 7 September 2021\n\nDozens rallied.") == "2021-09-07"
    assert publication_date_from_text("September 7, 2021 10:32 AM\nDozens rallied on Monday.") == "2021-09-07"
    dateline = "KABUL, Sept 7 (Reuters) - Dozens rallied on Monday night."
    assert publication_date_from_text(dateline) is None  # no year: unknown
    assert publication_date_from_text(dateline, reference=date(2021, 9, 8)) == "2021-09-07"
    assert publication_date_from_text("Dozens rallied on Monday night in the capital.") is None


def test_html_metadata():
    html = (
        '<html><head><meta property="article:published_time" content="2021-09-07T10:00:00Z"></head>'
        "<body><p>Dozens rallied.</p></body></html>"
    )
    assert publication_date_from_html(html) == "2021-09-07"


def test_html_visible_dateline():
    html = (
        "<html><body><article><p>Published: 7 September 2021</p>"
        "<p>Dozens rallied in the capital on Monday night, witnesses said.</p></article></body></html>"
    )
    assert publication_date_from_html(html) == "2021-09-07"


def test_html_without_date_is_none_not_today():
    today = date.today().isoformat()
    for html in (
        "<html><body><p>No date here at all, just a story about a rally.</p></body></html>",
        "<html><body><p>A story about a rally in the capital.</p><footer>Copyright 2023</footer></body></html>",
        "",
    ):
        found = publication_date_from_html(html)
        assert found is None and found != today


def test_original_date_preferred_to_update():
    text = "Updated: 9 September 2021\nPublished: 7 September 2021\nDozens rallied."
    assert publication_date_from_text(text) == "2021-09-07"
    assert publication_date_from_text("The date of the attack was March 3, 2020.") is None
