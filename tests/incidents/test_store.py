"""The SQL index links as the in-memory one does, rare-word keys and all, on the driver's own
cursor inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import func, select

from eventatlas.incidents import IncidentLinker
from eventatlas.incidents.store import SqlIndex
from eventatlas.store.db import get_engine, init_db
from eventatlas.store.schema import IncidentReportRow
from tests.incidents.conftest import make_report

SHOOTING = "Police said Okafor Wanjiru was shot dead at Gikomba market"
ARREST = "Police charged a man with the murder of Okafor Wanjiru at Gikomba market last month"


def _other_news(n: int):
    return make_report(evidence=f"Police said a man was shot in Nairobi, case {n}", event_date="2021-08-20",
                       published="2021-08-20")


def test_a_follow_up_meets_its_incident_by_a_rare_name_in_sqlite(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'events.db'}")
    init_db(engine)
    with engine.begin() as connection:
        linker = IncidentLinker(SqlIndex(connection))
        for n in range(30):
            linker.link(_other_news(n))
        shooting = linker.link(make_report(evidence=SHOOTING))
    with engine.begin() as connection:  # a later transaction, as a later document's
        arrest = IncidentLinker(SqlIndex(connection)).link(
            make_report(evidence=ARREST, event_date="2021-10-12", published="2021-10-12"))
    assert arrest.incident_id == shooting.incident_id
    engine.dispose()


def test_linking_on_a_connection_without_begin_is_kept_by_its_commit(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'events.db'}")
    init_db(engine)
    with engine.connect() as connection:
        IncidentLinker(SqlIndex(connection)).link(make_report(evidence=SHOOTING))
        connection.commit()
    with engine.connect() as connection:
        assert connection.execute(select(func.count(IncidentReportRow.report_id))).scalar() == 1
    engine.dispose()
