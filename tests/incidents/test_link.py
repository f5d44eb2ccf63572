import pytest

from eventatlas.incidents import IncidentLinker

NAMES = "Gunmen shot dead Okafor Wanjiru at the Gikomba market in Nairobi on Sunday"


def test_second_report_of_same_incident_joins(report):
    linker = IncidentLinker()
    first = linker.link(report(evidence=NAMES))
    second = linker.link(report(evidence=NAMES + ", police said", published="2021-09-07"))
    assert first.started and not second.started
    assert second.incident_id == first.incident_id
    incident = linker.incident(first.incident_id)
    assert incident.n_reports == 2 and incident.n_sources == 2


def test_other_place_or_type_starts_a_new_incident(report):
    linker = IncidentLinker()
    first = linker.link(report(evidence=NAMES))
    elsewhere = linker.link(report(evidence="Police fired on protesters in Kisumu", location="Kisumu",
                                   latitude=-0.1022, longitude=34.7617, geonameid=191245))
    protest = linker.link(report(event_type="Protests", sub_event_type="Peaceful protest", evidence=NAMES))
    assert elsewhere.started and protest.started
    assert len({first.incident_id, elsewhere.incident_id, protest.incident_id}) == 3


def test_relinking_a_report_changes_nothing(report):
    linker = IncidentLinker()
    one = report(evidence=NAMES)
    first = linker.link(one)
    again = linker.link(one)
    assert again.already_linked and again.incident_id == first.incident_id
    assert linker.incident(first.incident_id).n_reports == 1


def test_two_events_of_one_article_stay_apart(report):
    linker = IncidentLinker()
    first = linker.link(report(document_id="doc", evidence=NAMES))
    second = linker.link(report(document_id="doc", evidence=NAMES))
    assert second.started and second.incident_id != first.incident_id


def test_a_bridging_report_merges_and_the_older_id_redirects(report):
    linker = IncidentLinker()
    old = linker.link(report(evidence="Okafor Wanjiru shot Gikomba market", published="2021-09-06")).incident_id
    new = linker.link(report(evidence="Kamau Otieno wounded Kariokor", published="2021-09-07")).incident_id
    assert old != new
    bridge = linker.link(report(evidence="Okafor Wanjiru shot Gikomba market Kamau Otieno wounded Kariokor",
                                published="2021-09-08"))
    assert bridge.incident_id == old and bridge.merged == [new]
    assert linker.resolve(new) == old
    assert linker.incident(new).n_reports == 3


def test_split_undoes_a_merge_and_keeps_them_apart(report):
    linker = IncidentLinker()
    reports = [report(evidence=NAMES, report_id=f"s{i}") for i in range(3)]
    incident_id = linker.link_many(reports)[0].incident_id
    assert linker.incident(incident_id).n_reports == 3
    new_id = linker.split(incident_id, ["s2"])
    assert linker.incident_of("s2") == new_id and linker.incident_of("s0") == incident_id
    assert linker.index.kept_apart(incident_id, new_id)
    with pytest.raises(ValueError):
        linker.split(incident_id, ["s0", "s1"])
    first_off = linker.split(incident_id, ["s0"])  # the report the incident's id was made from
    assert first_off != incident_id and linker.incident_of("s1") == incident_id


def test_incident_ids_are_stable_across_runs(report):
    def run():
        linker = IncidentLinker()
        return [linker.link(report(evidence=NAMES, report_id=f"x{i}", document_id=f"dx{i}")).incident_id
                for i in range(2)]

    assert run() == run()


def test_report_of_unknown_country_finds_and_is_found(report):
    linker = IncidentLinker()
    placed = linker.link(report(evidence=NAMES))
    unplaced = linker.link(report(evidence=NAMES, country_code=None, latitude=None, longitude=None,
                                  geonameid=None, admin1=None))
    assert unplaced.incident_id == placed.incident_id
    later = linker.link(report(evidence=NAMES, published="2021-09-08"))
    assert later.incident_id == placed.incident_id


def test_cost_stays_in_the_window(report):
    # a thousand incidents on other days are never looked at
    linker = IncidentLinker()
    for day in range(1, 29):
        for n in range(36):
            linker.link(report(event_date=f"2021-02-{day:02d}", published=f"2021-02-{day:02d}",
                               evidence=f"incident{day}x{n} somewhere"))
    from eventatlas.incidents.block import lookup_keys

    seen = linker.index.incidents_at(lookup_keys(report(event_date="2021-02-14", published="2021-02-14"),
                                                 linker.settings))
    assert 0 < len(seen) <= 36 * 9


def test_a_follow_up_weeks_later_meets_its_incident_by_a_rare_name(report):
    linker = IncidentLinker()
    for n in range(30):  # other news, so that everyday words are common and names are rare
        linker.link(report(evidence=f"Police said a man was shot in Nairobi, case {n}", event_date="2021-08-20",
                           published="2021-08-20"))
    shooting = linker.link(report(evidence="Police said Okafor Wanjiru was shot dead at Gikomba market"))
    arrest = report(evidence="Police charged a man with the murder of Okafor Wanjiru at Gikomba market last month",
                    event_date="2021-10-12", published="2021-10-12")
    assert set(arrest.names) == set()  # a caller's report carries none: the linker finds them
    outcome = linker.link(arrest)
    assert outcome.incident_id == shooting.incident_id
    stored = linker.index.stored_report(arrest.report_id).report
    assert {"okafor", "wanjiru", "gikomba"} <= set(stored.names)


def test_a_late_report_sharing_only_common_words_stays_apart(report):
    linker = IncidentLinker()
    for n in range(30):
        linker.link(report(evidence=f"Police said a man was shot in Nairobi, case {n}", event_date="2021-08-20",
                           published="2021-08-20"))
    first = linker.link(report(evidence="Police said Okafor Wanjiru was shot dead at Gikomba market"))
    later = linker.link(report(evidence="Police said a man was shot dead at a market", event_date="2021-10-12",
                               published="2021-10-12"))
    assert later.started and later.incident_id != first.incident_id


def test_an_incident_id_starts_with_its_first_reports_day(report):
    outcome = IncidentLinker().link(report(evidence=NAMES))
    assert outcome.incident_id.startswith("inc-" + report(evidence=NAMES).event_date.replace("-", "") + "-")
