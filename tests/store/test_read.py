"""read_events: stored events back as a DataFrame, filtered through store.query."""

from __future__ import annotations

import sys

import pytest

from eventatlas.store.db import get_engine
from eventatlas.store.read import read_events
from eventatlas.store.write import save_result

from .conftest import make_result

pd = pytest.importorskip("pandas", reason="read_events needs the pandas extra")


def test_read_events_returns_a_filtered_dataframe(db_url):
    engine = get_engine(db_url)
    save_result(
        engine,
        make_result(
            "Teachers rallied for unpaid wages in the city.", url="https://example.com/wages", events=3
        ),
    )
    other = make_result("Fighting broke out near the airport overnight.", events=1)
    other.events[0].event_type, other.events[0].sub_event_type = "Battles", "Armed clash"
    other.events[0].country_code, other.events[0].country = "SO", "Somalia"
    save_result(engine, other)

    everything = read_events(engine)
    assert isinstance(everything, pd.DataFrame)
    assert len(everything) == 4
    assert {
        "event_id",
        "event_type",
        "latitude",
        "evidence",
        "document_id",
        "source_url",
        "published",
    } <= set(everything.columns)
    assert pd.api.types.is_datetime64_any_dtype(everything["event_date"])

    battles = read_events(engine, event_type="Battles")
    assert list(battles["country_code"]) == ["SO"]
    assert len(read_events(engine, country="AF")) == 3
    assert len(read_events(engine, start_date="2024-05-02", end_date="2024-05-03")) == 2
    assert len(read_events(engine, bbox=(60, 30, 75, 40))) == 4
    assert len(read_events(engine, actor="Students (Afghanistan)")) == 4
    wages = read_events(engine, q="wages")
    assert len(wages) == 3 and set(wages["source_url"]) == {"https://example.com/wages"}
    assert len(read_events(engine, limit=2)) == 2
    with pytest.raises(ValueError):
        read_events(engine, colour="red")
    engine.dispose()


def test_read_events_accepts_an_sqlite_path(tmp_path):
    from eventatlas.store.db import init_db

    path = tmp_path / "events.db"
    engine = get_engine(f"sqlite:///{path}")
    init_db(engine)
    save_result(engine, make_result("A sit-in was held at the port.", events=1))
    engine.dispose()
    assert len(read_events(str(path))) == 1


def test_read_events_without_pandas_names_the_extra(db_url, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an install without the extra sees
    with pytest.raises(ImportError, match=r"eventatlas\[pandas\]"):
        read_events(get_engine(db_url))
