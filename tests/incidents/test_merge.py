from eventatlas.incidents import merge_reports
from eventatlas.incidents.settings import LinkingSettings

SETTINGS = LinkingSettings.default()


def test_type_follows_acled_hierarchy(report):
    incident = merge_reports("i", [report(), report(event_type="Battles", sub_event_type="Armed clash")], SETTINGS)
    assert incident.sub_event_type == "Armed clash"


def test_most_precise_place_and_date_win(report):
    vague = report(location="Nairobi County", geo_precision=3, event_date="2021-09-01", time_precision=3)
    exact = report(location="Gikomba", geo_precision=1, event_date="2021-09-05", time_precision=1)
    incident = merge_reports("i", [vague, exact], SETTINGS)
    assert (incident.location, incident.event_date) == ("Gikomba", "2021-09-05")


def test_fatalities_take_the_lowest_figure_given(report):
    incident = merge_reports("i", [report(fatalities=5), report(fatalities=3), report(fatalities=0)], SETTINGS)
    assert incident.fatalities == 3


def test_sources_counts_and_reporting_span(report):
    reports = [
        report(url="https://www.a.example/1", published="2021-09-07", certainty="reported"),
        report(url="https://a.example/2", published="2021-09-06", certainty="confirmed"),
        report(url="https://b.example/1", published="2021-09-08"),
    ]
    incident = merge_reports("i", reports, SETTINGS)
    assert (incident.n_reports, incident.n_sources) == (3, 2)
    assert (incident.first_reported, incident.last_reported) == ("2021-09-06", "2021-09-08")
    assert [s.outlet for s in incident.sources] == ["a.example", "a.example", "b.example"]
    assert incident.certainty == "confirmed"
