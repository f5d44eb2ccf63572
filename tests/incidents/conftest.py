"""Reports as a coder would give them, for the linking tests."""

from __future__ import annotations

import itertools

import pytest

from eventatlas.incidents import Report

_numbers = itertools.count()


def make_report(**fields) -> Report:
    number = next(_numbers)
    values = dict(
        report_id=f"r{number}",
        document_id=f"d{number}",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        event_date="2021-09-05",
        time_precision=1,
        country_code="KE",
        admin1="Nairobi",
        location="Nairobi",
        latitude=-1.2864,
        longitude=36.8172,
        geonameid=184745,
        geo_precision=1,
        fatalities=0,
        published="2021-09-06",
        url=f"https://outlet{number}.example/story",
        evidence="Gunmen attacked a market in Nairobi.",
    )
    values.update(fields)
    return Report(**values)


@pytest.fixture
def report():
    return make_report
