"""``eventatlas incidents show/split/merge`` on a database linked at write time."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventatlas.incidents.cli import incidents_app
from eventatlas.store.db import get_engine, init_db, session_factory
from eventatlas.store.incidents import incident_of_event
from eventatlas.store.write import save_result
from tests.store.conftest import make_result

STORY = "Teachers marched through central Kabul demanding unpaid salaries from the ministry"


def test_split_and_merge_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    engine = get_engine(url)
    init_db(engine)
    results = [make_result(f"{STORY}. At {outlet}.", url=f"https://{outlet}/a", events=1, non_events=0)
               for outlet in ("one.example", "two.example")]
    for result in results:
        save_result(engine, result)
    engine.dispose()
    runner = CliRunner()
    report_id = results[1].events[0].event_id
    assert runner.invoke(incidents_app, ["show", "--db", url, "inc-unknown"]).exit_code != 0
    with session_factory(engine := get_engine(url))() as session:
        incident_id = incident_of_event(session, report_id)
    engine.dispose()
    new_id = runner.invoke(incidents_app, ["split", "--db", url, incident_id, report_id]).stdout.strip()
    assert new_id.startswith("inc-") and new_id != incident_id
    assert json.loads(runner.invoke(incidents_app, ["show", "--db", url, new_id]).stdout)["n_reports"] == 1
    assert runner.invoke(incidents_app, ["merge", "--db", url, incident_id, new_id]).stdout.strip() == incident_id
    assert json.loads(runner.invoke(incidents_app, ["show", "--db", url, new_id]).stdout)["n_reports"] == 2
