from eventatlas.incidents.block import ANY_COUNTRY, index_keys, lookup_keys, within_reach
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
