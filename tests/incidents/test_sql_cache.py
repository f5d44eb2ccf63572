"""The SQL index keeps term counts, blocking keys and incident members on its connection between
transactions (``store._LinkCache``): it must link exactly as the in-memory index does, whatever
commits, rollbacks, savepoints or other connections come between."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import text

from eventatlas.incidents import IncidentLinker, MemoryIndex, Report
from eventatlas.incidents.score import IncidentSummary
from eventatlas.incidents.store import SqlIndex
from eventatlas.store.db import get_engine, init_db

WORDS = ("gunmen opened fire market town district police said officials villagers wounded attack "
         "convoy road checkpoint residents soldiers protest crowd hospital bodies").split()
TYPES = (("Violence against civilians", "Attack"), ("Battles", "Armed clash"), ("Protests", "Peaceful protest"))


def synthetic_reports(count: int, seed: int = 3) -> list[Report]:
    """Reports of a few hundred made-up incidents in eight countries over two months, told one to
    four times, in publication order; some name a person (a capitalised word, so a rare-word
    key), some have no country."""
    rng = random.Random(seed)
    start = date(2021, 3, 1).toordinal()
    dated: list[tuple[int, int, Report]] = []
    number = 0
    while len(dated) < count:
        day = start + rng.randrange(60)
        country = f"K{rng.randrange(8)}"
        lat, lon = rng.uniform(-30, 50), rng.uniform(-20, 90)
        kind = rng.choice(TYPES)
        person = f"Person{number}"
        own = [f"thing{number}x{i}" for i in range(4)]  # what only this incident's reports tell
        for index in range(rng.choice((1, 2, 2, 3, 4))):
            published = day + rng.choice((0, 1, 2))
            words = rng.sample(WORDS, 5) + rng.sample(own, 3) + ([person] if rng.random() < 0.6 else [])
            report = Report(
                report_id=f"s{number}-{index}",
                document_id=f"doc{number}-{index}",
                event_type=kind[0],
                sub_event_type=kind[1],
                event_date=date.fromordinal(day + rng.choice((0, 0, -1))).isoformat(),
                time_precision=1,
                country_code=None if rng.random() < 0.05 else country,
                latitude=lat + rng.uniform(-0.01, 0.01),
                longitude=lon + rng.uniform(-0.01, 0.01),
                geo_precision=1,
                fatalities=rng.choice((0, 1, 3)),
                evidence=" ".join(words),
                published=date.fromordinal(published).isoformat(),
            )
            dated.append((published, len(dated), report))
        number += 1
    return [report for _, _, report in sorted(dated)[:count]]


def outcome_row(outcome) -> tuple:
    return outcome.incident_id, outcome.started, tuple(outcome.merged), outcome.score


def memory_links(reports: list[Report]) -> tuple[list[tuple], dict[str, str], MemoryIndex]:
    index = MemoryIndex()
    linker = IncidentLinker(index)
    outcomes = [outcome_row(linker.link(report)) for report in reports]
    return outcomes, {r.report_id: linker.incident_of(r.report_id) for r in reports}, index


def stored_terms(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(text("SELECT term, documents FROM incident_terms")).all())


def memory_terms(index: MemoryIndex) -> dict[str, int]:
    return {**{term: count for term, count in index._terms.items() if count}, "": index._documents}


@pytest.fixture
def engine(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    init_db(engine)
    yield engine
    engine.dispose()


def fresh(report: Report) -> Report:
    """A copy as it was before linking (the linker sets ``names`` on the report it links)."""
    values = {name: getattr(report, name) for name in Report.__dataclass_fields__}
    return Report(**{**values, "names": ()})


def test_sql_index_links_as_memory_across_transactions(engine):
    reports = synthetic_reports(1200)
    expected, incidents, index = memory_links([fresh(r) for r in reports])
    got = []
    with engine.connect() as connection:
        for start in range(0, len(reports), 37):  # a transaction, and a new SqlIndex, every 37 reports
            with connection.begin():
                linker = IncidentLinker(SqlIndex(connection))
                got += [outcome_row(linker.link(fresh(r))) for r in reports[start : start + 37]]
        with connection.begin():
            linker = IncidentLinker(SqlIndex(connection))
            final = {r.report_id: linker.incident_of(r.report_id) for r in reports}
    assert got == expected
    assert final == incidents
    assert stored_terms(engine) == memory_terms(index)


def test_rollback_and_another_connection_are_seen(engine):
    reports = synthetic_reports(600, seed=5)
    # the other connection links every third report of the days right after the first ones
    first, dropped, rest = reports[:250], reports[520:560], reports[250:520] + reports[560:]
    other, last = rest[:150:3], [r for i, r in enumerate(rest) if i >= 150 or i % 3]
    expected, incidents, index = memory_links([fresh(r) for r in first + other + last])
    got = []
    with engine.connect() as connection, engine.connect() as second:
        for start in range(0, len(first), 50):
            if start == 100:
                transaction = connection.begin()
                linker = IncidentLinker(SqlIndex(connection))
                for report in dropped:  # linked, then rolled back: neither counts nor incidents stay
                    linker.link(fresh(report))
                transaction.rollback()
            with connection.begin():
                linker = IncidentLinker(SqlIndex(connection))
                got += [outcome_row(linker.link(fresh(r))) for r in first[start : start + 50]]
        with second.begin():  # another connection links while the first one waits
            linker = IncidentLinker(SqlIndex(second))
            got += [outcome_row(linker.link(fresh(r))) for r in other]
        with connection.begin():
            linker = IncidentLinker(SqlIndex(connection))
            got += [outcome_row(linker.link(fresh(r))) for r in last]
            final = {r.report_id: linker.incident_of(r.report_id) for r in first + other + last}
    assert got == expected
    assert final == incidents
    assert stored_terms(engine) == memory_terms(index)


def test_rollback_to_a_savepoint_takes_back_only_what_came_after(engine):
    reports = synthetic_reports(300, seed=9)
    kept, dropped, after = reports[:120], reports[120:160], reports[160:]
    expected, _, index = memory_links([fresh(r) for r in kept + after])
    got = []
    with engine.connect() as connection:
        with connection.begin():
            linker = IncidentLinker(SqlIndex(connection))
            got += [outcome_row(linker.link(fresh(r))) for r in kept]
            savepoint = connection.begin_nested()
            for report in dropped:
                linker.link(fresh(report))
            savepoint.rollback()
            linker = IncidentLinker(SqlIndex(connection))
            got += [outcome_row(linker.link(fresh(r))) for r in after]
    assert got == expected
    assert stored_terms(engine) == memory_terms(index)


def test_term_counts_reach_the_database_at_commit(engine):
    reports = synthetic_reports(40, seed=11)
    with engine.connect() as connection:
        with connection.begin():
            linker = IncidentLinker(SqlIndex(connection))
            for report in reports:
                linker.link(fresh(report))
            assert stored_terms(engine).get("", 0) == 0  # another connection sees nothing yet
    assert stored_terms(engine)[""] == len(reports)


def summary_row(summary: IncidentSummary) -> tuple:
    return sorted(summary.event_types), sorted(summary.top.items())


def assert_summaries_are_their_reports(index) -> None:
    for incident_id in index.incident_ids():
        kept = index.incident_summaries([incident_id])[incident_id]
        assert summary_row(kept) == summary_row(IncidentSummary.of(index.reports_of(incident_id)))


def test_incident_summaries_follow_joins_merges_and_splits(engine):
    # the linker passes over incidents by their kept summaries: each must always be the one its
    # reports make now, as reports join, and after a split or a merge moves some
    reports = synthetic_reports(400, seed=7)
    with engine.connect() as connection, connection.begin():
        for linker in (IncidentLinker(MemoryIndex()), IncidentLinker(SqlIndex(connection))):
            index = linker.index
            for report in reports[:200]:
                linker.link(fresh(report))
            index.incident_summaries(index.incident_ids())  # kept from now on, folded forward
            for report in reports[200:]:
                linker.link(fresh(report))
            assert_summaries_are_their_reports(index)
            by_size = sorted(index.incident_ids(), key=lambda i: (-len(index.reports_of(i)), i))
            largest = by_size[0]
            linker.split(largest, [index.reports_of(largest)[-1].report.report_id])
            linker.merge(by_size[1], by_size[2])
            assert_summaries_are_their_reports(index)
