"""save_result: one transaction per document, idempotent by content hash and by canonical URL,
safe with concurrent writers; on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from eventatlas.store.db import get_engine
from eventatlas.store.fulltext import document_matches
from eventatlas.store.schema import ActorRow, DocumentRow, EventRow, NonEventRow, PlaceRow
from eventatlas.store.write import save_result, stored_keys

from .conftest import make_result


def count(engine, model) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_stores_document_events_places_actors_and_fulltext(db_url):
    engine = get_engine(db_url)
    result = make_result(
        "Teachers marched in Kabul on Monday against unpaid salaries.",
        url="https://News.example.com/a/?utm_source=rss#top",
    )
    assert save_result(engine, result) is True
    assert count(engine, DocumentRow) == 1
    assert count(engine, EventRow) == 2
    assert count(engine, NonEventRow) == 1
    assert count(engine, PlaceRow) == 1
    with engine.connect() as connection:
        document = connection.execute(select(DocumentRow)).one()
        assert (
            document.url == "https://news.example.com/a"
        )  # canonical: host lower-cased, tracking and fragment gone
        assert str(document.published) == "2024-05-06"
        actors = dict(connection.execute(select(ActorRow.name, ActorRow.inter)).all())
        assert actors["Protesters (Afghanistan)"] == "Protesters"
        assert actors["Police Forces of Afghanistan"] == "State forces"
        assert "Students (Afghanistan)" in actors  # associated actors are listed too
        event = connection.execute(select(EventRow).order_by(EventRow.event_id)).first()
        assert event.evidence[0]["start"] == 0 and event.country_code == "AF"
        matches = connection.execute(
            select(DocumentRow.id).where(document_matches(connection.dialect.name, "salaries"))
        ).all()
        assert [m.id for m in matches] == [result.document.id]
    engine.dispose()


def test_same_text_or_same_canonical_url_is_not_added_twice(db_url):
    engine = get_engine(db_url)
    first = make_result(
        "Police dispersed a rally in the capital.", url="https://example.com/story?id=7&utm_medium=feed"
    )
    assert save_result(engine, first) is True
    assert save_result(engine, make_result("Police dispersed a rally in the capital.")) is False  # same text
    updated = make_result(
        "Police dispersed a rally in the capital, officials said.", url="https://EXAMPLE.com/story?id=7"
    )
    assert save_result(engine, updated) is False  # same page, text revised
    assert count(engine, DocumentRow) == 1
    assert count(engine, EventRow) == 2
    assert stored_keys(engine, [first.document.id, "nothere"], ["https://example.com/story?id=7#c"]) == {
        first.document.id,
        "https://example.com/story?id=7",
    }
    engine.dispose()


def test_a_failed_write_leaves_nothing_behind(db_url):
    engine = get_engine(db_url)
    result = make_result("Clashes were reported near the border crossing.")
    result.events[1].event_type = None  # NOT NULL column: the insert of the second event fails
    with pytest.raises(IntegrityError):
        save_result(engine, result)
    assert count(engine, DocumentRow) == 0
    assert count(engine, EventRow) == 0
    assert count(engine, PlaceRow) == 0
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM documents_fts")).scalar_one() == 0
    engine.dispose()


def test_joins_a_transaction_the_caller_opened(db_url):
    from eventatlas.store.db import session_factory

    engine = get_engine(db_url)
    with session_factory(engine)() as session:
        session.begin()
        assert save_result(session, make_result("Students protested outside the ministry.")) is True
        session.rollback()  # the caller decides: nothing was committed
    assert count(engine, DocumentRow) == 0
    with engine.connect() as connection:
        assert save_result(connection, make_result("Students protested outside the ministry.")) is True
    assert count(engine, DocumentRow) == 1
    engine.dispose()


def test_concurrent_writers_store_each_document_once(db_url):
    engine = get_engine(db_url)
    results = [
        make_result(
            f"Report number {n}: a protest took place.",
            url=f"https://example.com/{n % 15}",
            place_id=100 + n % 3,
        )
        for n in range(30)
    ]
    outcomes: list[bool] = []
    errors: list[BaseException] = []

    def write(batch):
        try:
            for result in batch:
                outcomes.append(save_result(engine, result))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    # Four writers over the same documents, in different orders.
    threads = [threading.Thread(target=write, args=(results[::step],)) for step in (1, -1, 1, -1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert outcomes.count(True) == 15  # 15 distinct URLs
    assert count(engine, DocumentRow) == 15
    assert count(engine, PlaceRow) == 3
    engine.dispose()
