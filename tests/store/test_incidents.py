"""Linking at write time: every stored event is a report filed under an incident, in the
database (``incidents.store.SqlIndex``), on SQLite and PostgreSQL, also with concurrent writers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from eventatlas.incidents import IncidentLinker, MemoryIndex
from eventatlas.incidents.store import SqlIndex
from eventatlas.store.db import get_engine
from eventatlas.store.schema import IncidentRedirectRow, IncidentReportRow, IncidentRow
from eventatlas.store.write import save_result
from tests.incidents.conftest import make_report
from tests.store.conftest import make_result

STORY = "Teachers marched through central Kabul demanding unpaid salaries from the ministry"


def _count(engine, column) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count(column))).scalar()


def _story(outlet: str, extra: str = ""):
    return make_result(f"{STORY}. {extra}", url=f"https://{outlet}/kabul-teachers", events=1, non_events=0)


def test_reports_of_one_incident_from_two_outlets_share_it(db_url):
    engine = get_engine(db_url)
    assert save_result(engine, _story("one.example", "Police watched."))
    assert save_result(engine, _story("two.example", "Shops stayed shut."))
    with engine.connect() as connection:
        incidents = connection.execute(select(IncidentRow)).all()
    assert len(incidents) == 1
    incident = incidents[0]
    assert (incident.n_reports, incident.n_sources) == (2, 2)
    assert {s["outlet"] for s in incident.data["sources"]} == {"one.example", "two.example"}
    assert all(s["evidence"] for s in incident.data["sources"])
    engine.dispose()


def test_re_ingesting_adds_nothing_and_events_of_one_article_stay_apart(db_url):
    engine = get_engine(db_url)
    result = make_result(STORY, url="https://one.example/a", events=2, non_events=0)
    assert save_result(engine, result)
    assert not save_result(engine, result)
    assert _count(engine, IncidentReportRow.report_id) == 2
    assert _count(engine, IncidentRow.incident_id) == 2  # one article's two events are two incidents
    engine.dispose()


def test_sql_index_links_like_the_memory_index(db_url):
    reports = [
        make_report(evidence="Okafor Wanjiru shot Gikomba market", published="2021-09-06"),
        make_report(evidence="Kamau Otieno wounded Kariokor", published="2021-09-07"),
        make_report(evidence="Okafor Wanjiru shot Gikomba market Kamau Otieno wounded Kariokor", published="2021-09-08"),
        make_report(evidence="Police fired on protesters in Kisumu", location="Kisumu", latitude=-0.1022,
                    longitude=34.7617, geonameid=191245),
    ]
    in_memory = [o.incident_id for o in IncidentLinker(MemoryIndex()).link_many(reports)]
    engine = get_engine(db_url)
    with engine.begin() as connection:
        linker = IncidentLinker(SqlIndex(connection))
        outcomes = linker.link_many(reports)
        assert [o.merged for o in outcomes][2]  # the third report bridges the first two
        assert [linker.resolve(o.incident_id) for o in outcomes] == [linker.resolve(i) for i in in_memory]
        assert linker.incident(outcomes[1].incident_id).n_reports == 3  # the merged-away id resolves
    with engine.begin() as connection:
        linker = IncidentLinker(SqlIndex(connection))
        survivor = linker.resolve(outcomes[1].incident_id)
        new_id = linker.split(survivor, [reports[2].report_id])
        assert linker.incident_of(reports[2].report_id) == new_id
        assert linker.index.kept_apart(survivor, new_id)
    assert _count(engine, IncidentRedirectRow.old_id) == 1
    engine.dispose()


def test_concurrent_writers_link_each_incident_once(db_url):
    engine = get_engine(db_url, pool_size=4)
    stories = [_story(f"outlet{number}.example", f"Report number {number}.") for number in range(6)]
    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(lambda result: save_result(engine, result), stories))
    with engine.connect() as connection:
        counts = connection.execute(select(IncidentRow.n_reports)).scalars().all()
    assert counts == [6]
    engine.dispose()


def test_events_stored_before_incidents_are_linked_afterwards(sqlite_url):
    from eventatlas.api.synthetic import seed_database
    from eventatlas.incidents.store import link_stored_events
    from eventatlas.store.db import init_db

    engine = get_engine(sqlite_url)
    init_db(engine)
    seed_database(engine, 60, seed=1)  # written straight to the tables, not linked
    assert link_stored_events(engine) == 60
    assert _count(engine, IncidentReportRow.report_id) == 60
    assert 0 < _count(engine, IncidentRow.incident_id) <= 60
    assert link_stored_events(engine) == 0
    engine.dispose()


def test_a_database_from_before_incidents_upgrades_and_links(sqlite_url):
    from eventatlas.api.synthetic import seed_database
    from eventatlas.incidents.store import link_stored_events
    from eventatlas.store.migrations import head_revision, upgrade

    engine = get_engine(sqlite_url)
    assert upgrade(engine, "0002") == "0002"
    seed_database(engine, 20, seed=2)
    assert upgrade(engine) == head_revision()
    assert link_stored_events(engine) == 20
    assert _count(engine, IncidentReportRow.report_id) == 20
    engine.dispose()
