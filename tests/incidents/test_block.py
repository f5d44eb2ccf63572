from eventatlas.incidents.block import (
    ANY_COUNTRY,
    index_keys,
    is_name_key,
    lookup_keys,
    name_key,
    within_reach,
)
from eventatlas.incidents.settings import LinkingSettings

SETTINGS = LinkingSettings.default()


def test_index_keys_cover_event_and_publication_day(report):
    keys = index_keys(report(event_date="2021-09-05", published="2021-09-07"))
    assert [country for country, _ in keys] == ["KE", "KE"]
    assert keys[1][1] - keys[0][1] == 2


def test_lookup_window_grows_with_time_precision(report):
    day = lookup_keys(report(time_precision=1, published=None), SETTINGS)
    month = lookup_keys(report(time_precision=3, published=None), SETTINGS)
    assert len(month) > len(day)
    # the report's own country, and reports whose country is unknown
    assert {country for country, _ in day} == {"KE", ""}


def test_unknown_country_searches_every_country(report):
    keys = lookup_keys(report(country_code=None), SETTINGS)
    assert {country for country, _ in keys} == {ANY_COUNTRY}


def test_reach_needs_same_country_near_dates_and_places(report):
    base = report()
    assert within_reach(base, report(), SETTINGS)
    assert not within_reach(base, report(country_code="UG"), SETTINGS)
    assert not within_reach(base, report(event_date="2021-10-20"), SETTINGS)
    # Mombasa is some 440 km from Nairobi: beyond a town-precise radius
    assert not within_reach(base, report(latitude=-4.0435, longitude=39.6682, geonameid=186301), SETTINGS)
    # unknown coordinates do not block
    assert within_reach(base, report(latitude=None, longitude=None, geonameid=None), SETTINGS)


def test_rare_words_are_keys_whatever_the_day_or_country(report):
    filed = report(names=("okafor", "gikomba"))
    keys = index_keys(filed)
    assert sorted(k for k in keys if is_name_key(k)) == sorted([name_key("okafor"), name_key("gikomba")])
    assert all(day < 0 for country, day in keys if is_name_key((country, day)))  # never a day
    looked_up = lookup_keys(report(country_code="UG", event_date="2022-01-01"), SETTINGS, ["okafor"])
    assert name_key("okafor") in looked_up
    assert name_key("okafor") == ("#", -1 - 0x352C1AFC)  # CRC-32: the same in every process, unlike hash()
