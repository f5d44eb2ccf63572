"""Crash safety: an ingest with two worker processes writing at once, killed with SIGKILL
part-way (the whole process group, as the OOM killer or a lost machine would), then run again,
stores every document exactly once, each with its full-text row, and the counts of the second
run add up. Workers never outlive the process that started them."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from eventatlas.ingest.run import ingest

N_DOCUMENTS = 60


def stored(path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
def test_sigkill_then_rerun_stores_everything_once(tmp_path, pipeline):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {
                    "text": f"Report {n}: residents of ward {n} marched to the town hall on Monday.",
                    "url": f"https://example.com/r/{n}",
                }
            )
            + "\n"
            for n in range(N_DOCUMENTS)
        )
    )
    path = tmp_path / "events.db"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eventatlas.ingest",
            str(corpus),
            "--db",
            str(path),
            "--workers",
            "2",
            "--batch-size",
            "2",
            "--no-progress",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )
    deadline = time.monotonic() + 120
    try:
        while stored(path) < 5:
            assert process.poll() is None, (
                f"ingest ended before it could be killed: {process.stderr.read().decode()[-2000:]}"
            )
            assert time.monotonic() < deadline, "ingest stored nothing in 120 s"
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == -signal.SIGKILL
    before = stored(path)
    assert 5 <= before < N_DOCUMENTS, "the kill came too late to test anything"

    summary = ingest([corpus], db=f"sqlite:///{path}", batch_size=8)
    assert summary.failed == 0
    assert summary.added + summary.skipped == N_DOCUMENTS  # every input counted once
    assert summary.added == N_DOCUMENTS - before  # nothing stored twice, nothing lost
    with sqlite3.connect(path) as connection:
        one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        assert one("SELECT count(*) FROM documents") == N_DOCUMENTS
        assert one("SELECT count(DISTINCT url) FROM documents") == N_DOCUMENTS
        assert one("SELECT count(*) FROM documents_fts") == N_DOCUMENTS  # written in the same transactions
        assert one("SELECT count(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)") == 0
        runs = connection.execute("SELECT status, documents_added FROM ingest_runs ORDER BY id").fetchall()
    # The killed run is found orphaned by the next one, and marked with what it stored.
    assert runs == [("interrupted", before), ("finished", summary.added)]


WORKER_SCRIPT = """
import multiprocessing, sys, time
from eventatlas.ingest.process import die_with_parent

def work():
    die_with_parent()
    time.sleep(120)

if __name__ == "__main__":
    child = multiprocessing.get_context("spawn").Process(target=work)
    child.start()
    print(child.pid, flush=True)
    time.sleep(120)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_their_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(WORKER_SCRIPT)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        time.sleep(0.5)  # killed while the child may still be starting: it must end all the same
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 60
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(child), "the worker outlived its killed parent"
    finally:
        if parent.poll() is None:
            parent.kill()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting to be reaped is gone too
        return stat.read().split(") ")[-1][0] != "Z"
