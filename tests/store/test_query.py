"""store.query: the filter model, the SELECT it builds, capped counts and aggregates."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from eventatlas.store.query import (
    EventFilters,
    aggregate_events,
    count_events,
    iter_events,
    parse_sort,
    row_to_event,
    select_events,
)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from eventatlas.api.synthetic import add_document_with_events, seed_database
    from eventatlas.store.db import get_engine, init_db, session_factory

    engine = get_engine(f"sqlite:///{tmp_path_factory.mktemp('query') / 'q.db'}")
    init_db(engine)
    seed_database(engine, 300, seed=2)
    text = "Fishermen; protested. Fishermen protested at the harbour in Portville on Tuesday."
    add_document_with_events(
        engine,
        text,
        [{"event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": "2022-02-01",
          "actor1": "Protesters (Portland)", "assoc_actor_1": "Fishermen 100%_union; Dock Workers",
          "country": "Portugal", "country_code": "PT", "latitude": 41.1, "longitude": -8.6,
          "evidence_text": "Fishermen protested at the harbour in Portville on Tuesday."}],
    )
    with session_factory(engine)() as db_session:
        yield db_session
    engine.dispose()


def ids(session, filters, **kw):
    return [row.event_id for row in session.scalars(select_events(filters, limit=1000, **kw))]


def test_filters_validate_and_normalise():
    filters = EventFilters(event_type="Battles", bbox="1, 2, 3, 4", country=" AF ", q="  ")
    assert filters.event_type == ["Battles"] and filters.bbox == (1.0, 2.0, 3.0, 4.0)
    assert filters.country == "AF" and filters.q is None
    assert EventFilters().is_empty() and not filters.is_empty()
    for bad in ({"bbox": "1,2"}, {"bbox": (0, 50, 10, 40)}, {"geo_precision": 0}, {"certainty": "perhaps"},
                {"start_date": dt.date(2021, 1, 2), "end_date": dt.date(2021, 1, 1)}, {"colour": "red"}):
        with pytest.raises(ValidationError):
            EventFilters(**bad)


def test_sort_keys():
    assert len(parse_sort("-fatalities,event_date")) == 3  # + event id tie-breaker
    with pytest.raises(ValueError, match="unknown sort key"):
        parse_sort("evil; DROP TABLE events")


def test_actor_list_membership_is_literal(session):
    # LIKE wildcards in a name are matched literally; membership is by whole "; "-separated name.
    assert len(ids(session, EventFilters(actor="Fishermen 100%_union"))) == 1
    assert len(ids(session, EventFilters(actor="Dock Workers"))) == 1
    assert ids(session, EventFilters(actor="Fishermen 1000xunion")) == []
    assert ids(session, EventFilters(actor="Workers")) == []


def test_filters_combine_with_and(session):
    both = ids(session, EventFilters(event_type="Protests", country="PT"))
    assert len(both) >= 1
    rows = [r for r in session.scalars(select_events(EventFilters(event_type="Protests"), limit=1000))]
    assert set(both) == {r.event_id for r in rows if r.country_code == "PT"}


def test_count_with_cap_and_exact(session):
    exact = count_events(session)
    assert exact == 301
    assert count_events(session, cap=50) == 50
    assert count_events(session, EventFilters(event_type="Battles")) == len(ids(session, EventFilters(event_type="Battles")))


def test_aggregates(session):
    by_certainty = aggregate_events(session, by="certainty")
    assert sum(i["count"] for i in by_certainty) == 301
    with pytest.raises(ValueError):
        aggregate_events(session, by="colour")  # type: ignore[arg-type]


def test_rows_convert_to_contract_events_and_stream(session):
    events = [row_to_event(row) for row in iter_events(session, EventFilters(country="PT"), batch_size=7)]
    assert events and all(e.country_code == "PT" for e in events)
    assert all(e.evidence and e.evidence[0].end > e.evidence[0].start for e in events)


def test_select_compiles_for_postgresql_without_an_engine():
    from sqlalchemy.dialects import postgresql

    sql = str(select_events(EventFilters(q="air strike", actor="X")).compile(dialect=postgresql.dialect()))
    assert "websearch_to_tsquery" in sql and "documents_fts" not in sql


@pytest.mark.parametrize(
    "filters",
    [
        EventFilters(bbox=(-20, -40, 60, 40)),
        EventFilters(bbox=(170, -40, -170, 40)),
        EventFilters(actor="Civilians"),
        EventFilters(actor="Dock Workers"),
        EventFilters(q="harbour"),
        EventFilters(q="air strike", event_type="Explosions/Remote violence"),
    ],
)
def test_plan_strategies_change_speed_not_results(session, filters):
    expected = ids(session, filters)
    for strategy in ("candidates", "in_order"):
        assert ids(session, filters, strategy=strategy) == expected, strategy
        assert count_events(session, filters, strategy=strategy) == len(expected)


def test_page_events_pages_and_totals(session, monkeypatch):
    from eventatlas.store import query

    filters = EventFilters(actor="Civilians")
    everything = ids(session, filters)
    for threshold in (1, 10**9):  # force the date-index walk, then the candidate sort
        monkeypatch.setattr(query, "IN_ORDER_MIN_MATCHES", threshold)
        first = query.page_events(session, filters, limit=10, offset=0, count_cap=len(everything) + 5)
        second = query.page_events(session, filters, limit=10, offset=10)
        assert [r.event_id for r in first.rows + second.rows] == everything[:20]
        assert first.total == len(everything) and first.total_is_exact and first.has_more
    capped = query.page_events(session, EventFilters(), limit=5, count_cap=100)
    assert capped.total == 100 and not capped.total_is_exact
    last = query.page_events(session, filters, limit=10, offset=len(everything) - 3)
    assert len(last.rows) == 3 and last.total == len(everything) and not last.has_more
