"""A document with no coded event, linked at write time by its look-alike: the incident it
starts stays latent (no ``incidents`` row) until an event report of the same incident joins."""

from __future__ import annotations

from sqlalchemy import func, select

from eventatlas.incidents.store import link_result
from eventatlas.store.db import get_engine, init_db
from eventatlas.store.schema import IncidentReportRow, IncidentRow
from eventatlas.store.write import save_result
from tests.incidents.conftest import make_report
from tests.store.conftest import make_result

STORY = "Gunmen shot two guards outside the Shar-e Naw bank branch in central Kabul before dawn"
KABUL = dict(country_code="AF", admin1="Kabul", location="Kabul", latitude=34.53, longitude=69.17,
             geonameid=1138958, geo_precision=1, event_date="2024-05-01", published="2024-05-06")


def _count(engine, column) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count(column))).scalar()


def test_a_look_alike_stays_latent_until_an_event_of_its_incident_joins(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'events.db'}")
    init_db(engine)
    quiet = make_result(STORY, url="https://one.example/a", events=0, non_events=0)
    assert save_result(engine, quiet)  # no event: ingest links nothing by itself
    assert _count(engine, IncidentReportRow.report_id) == 0
    look_alike = make_report(report_id=f"{quiet.document.id[:8]}-crime-0", document_id=quiet.document.id,
                             kind="non_event", event_type="CRIME", sub_event_type="CRIME", evidence=STORY,
                             url="https://one.example/a", **KABUL)
    with engine.begin() as connection:
        (started,) = link_result(connection, quiet, look_alike=look_alike)
    assert started.started
    assert _count(engine, IncidentReportRow.report_id) == 1
    assert _count(engine, IncidentRow.incident_id) == 0  # the atlas shows coded events only

    told = make_result(f"{STORY}. The bank stayed shut.", url="https://two.example/b", events=1, non_events=0)
    told.events[0].event_type, told.events[0].sub_event_type = "Violence against civilians", "Attack"
    assert save_result(engine, told)
    with engine.connect() as connection:
        rows = connection.execute(select(IncidentRow)).all()
    assert [row.incident_id for row in rows] == [started.incident_id]
    assert (rows[0].n_reports, rows[0].n_sources) == (2, 2)
    assert rows[0].event_type == "Violence against civilians"  # the event's type, not the look-alike's
    assert rows[0].data["event"]["actor1"] == "Protesters (Afghanistan)"  # exports read the coded event
    engine.dispose()


def test_a_document_with_events_is_linked_by_them_not_by_its_look_alike(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'events.db'}")
    init_db(engine)
    result = make_result(STORY, url="https://one.example/a", events=1, non_events=0)
    look_alike = make_report(document_id=result.document.id, kind="non_event", event_type="CRIME",
                             sub_event_type="CRIME", **KABUL)
    with engine.begin() as connection:
        outcomes = link_result(connection, result, look_alike=look_alike)
    with engine.connect() as connection:
        linked = connection.execute(select(IncidentReportRow.report_id)).scalars().all()
    assert len(outcomes) == 1 and linked == [result.events[0].event_id]
    assert _count(engine, IncidentRow.incident_id) == 1
    engine.dispose()


def test_save_result_links_the_look_alike_it_is_given(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'events.db'}")
    init_db(engine)
    quiet = make_result(STORY, url="https://one.example/a", events=0, non_events=0)
    look_alike = make_report(report_id=f"{quiet.document.id[:8]}-crime-0", document_id=quiet.document.id,
                             kind="non_event", event_type="CRIME", sub_event_type="CRIME", evidence=STORY,
                             url="https://one.example/a", **KABUL)
    assert save_result(engine, quiet, look_alike=look_alike)  # what ingest does
    assert _count(engine, IncidentReportRow.report_id) == 1
    assert _count(engine, IncidentRow.incident_id) == 0
    engine.dispose()
