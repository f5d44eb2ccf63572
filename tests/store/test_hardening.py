"""Damaged values never fail a write (NUL bytes, URLs of any length, URLs that are not web
pages), migrations of a new file take turns, killed runs are found and marked, and commands
that read a database refuse a path where there is none."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from eventatlas.ingest.urls import canonical_url
from eventatlas.store.db import get_engine, missing_database
from eventatlas.store.migrations import current_revision, head_revision
from eventatlas.store.schema import DocumentRow, IngestRun
from eventatlas.store.write import save_result, stored_keys

from .conftest import make_result


def test_long_urls_are_stored_and_found_again(db_url):
    engine = get_engine(db_url)
    long_url = "https://example.com/story?" + "&".join(f"k{n}=v{n}" for n in range(900))  # ~8 KB
    assert save_result(engine, make_result("A long address.", url=long_url))
    assert stored_keys(engine, [], [long_url]) == {canonical_url(long_url)}
    assert not save_result(engine, make_result("Same page, new text.", url=long_url))  # one page, once


@pytest.mark.parametrize(
    "url", ["https://example.com/a\x00b", "javascript:alert(1)", "data:text/html,<b>x</b>", "http://[::1"]
)
def test_urls_that_are_not_web_pages_are_not_stored(db_url, url):
    engine = get_engine(db_url)
    assert save_result(engine, make_result(f"A report with the odd address {url!r}.", url=url))
    with engine.connect() as connection:
        assert connection.execute(select(DocumentRow.url)).scalar_one() is None


MIGRATE = "import sys; from eventatlas.store.migrations import upgrade; print(upgrade(sys.argv[1]))"


def test_two_processes_migrating_a_new_file_take_turns(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    for _attempt in range(2):
        processes = [
            subprocess.Popen([sys.executable, "-c", MIGRATE, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(3)
        ]
        outputs = [process.communicate(timeout=120) for process in processes]
        assert [process.returncode for process in processes] == [0, 0, 0], [err.decode()[-500:] for _, err in outputs]
    assert current_revision(url) == head_revision()


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_killed_run_is_marked_interrupted_by_the_next(tmp_path, monkeypatch):
    from eventatlas.ingest.run import _mark_orphaned_runs, prepare_database

    url = f"sqlite:///{tmp_path / 'runs.db'}"
    engine = get_engine(url)
    prepare_database(engine)
    host = socket.gethostname()
    with engine.begin() as connection:
        for pid, where in ((dead_pid(), host), (os.getpid(), host), (dead_pid(), "another-host")):
            connection.execute(
                IngestRun.__table__.insert().values(
                    started_at=dt.datetime.now(dt.timezone.utc), status="running", pid=pid, host=where,
                    documents_added=0, documents_skipped=0, documents_failed=0, events_added=0,
                )
            )
    killed = make_result("Stored by the run that was killed.")
    save_result(engine, killed, run_id=1)
    _mark_orphaned_runs(engine)
    with engine.connect() as connection:
        runs = connection.execute(select(IngestRun.status, IngestRun.documents_added, IngestRun.events_added)).all()
    # Dead here: interrupted, with what it stored. Alive, or on a host this one cannot see: left alone.
    assert runs == [("interrupted", 1, 2), ("running", 0, 0), ("running", 0, 0)]


def test_a_missing_sqlite_file_is_named(tmp_path):
    path = tmp_path / "typo.db"
    assert missing_database(str(path)) == str(path)
    assert missing_database(f"sqlite:///{path}") == str(path)
    path.write_bytes(b"")
    assert missing_database(str(path)) is None
    assert missing_database("postgresql://localhost/x") is None


def test_serve_refuses_a_missing_database(tmp_path):
    import typer
    from typer.testing import CliRunner

    from eventatlas.api.cli import serve_command

    app = typer.Typer()
    app.command()(serve_command)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2 and "no such database" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_concurrent_stored_keys_by_hash(db_url):
    engine = get_engine(db_url)
    urls = [f"https://example.com/{n}" for n in range(20)]
    for n, url in enumerate(urls[:10]):
        save_result(engine, make_result(f"Document number {n}.", url=url))
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda _: stored_keys(engine, [], urls), range(8)))
    assert all(keys == set(urls[:10]) for keys in found)


@pytest.mark.parametrize("versioned", [True, False])
def test_a_database_of_the_first_schema_is_migrated_with_its_urls(tmp_path, versioned):
    """Revision 0001 (or the tables an older ``init_db`` made, with no Alembic version) gets the
    URL hashes of its stored documents, so they are still recognised, and the API reads it."""
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from eventatlas.api.app import create_app
    from eventatlas.store.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0001")
    engine = get_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO documents (id, url, text, ingested_at) "
                "VALUES ('d1', 'https://example.com/old', 'An old report.', '2024-01-01 00:00:00')"
            )
        )
        if not versioned:
            connection.execute(text("DROP TABLE alembic_version"))
    with TestClient(create_app(url, api_token=""), base_url="http://localhost") as client:
        assert client.get("/api/documents").json()["items"][0]["url"] == "https://example.com/old"
    assert current_revision(url) == head_revision()
    assert stored_keys(engine, [], ["https://example.com/old"]) == {"https://example.com/old"}
