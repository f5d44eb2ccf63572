"""``eventatlas serve`` refuses a database it cannot use with one line and exit code 2, before
it starts listening (no traceback, no empty database created)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eventatlas.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "url, words",
    [
        ("postgresq://localhost/events", "unusable database"),  # a mistyped scheme
        ("postgresql://postgres@127.0.0.1:1/events", "unusable database"),  # nothing listens there
    ],
)
def test_an_unusable_database_is_one_line_and_exit_2(url, words):
    result = runner.invoke(app, ["serve", "--db", url, "--port", "1"])
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output


def test_a_missing_sqlite_file_is_not_created(tmp_path):
    path = tmp_path / "typo.db"
    result = runner.invoke(app, ["serve", "--db", f"sqlite:///{path}", "--port", "1"])
    assert result.exit_code == 2 and "no such database file" in result.output
    assert not path.exists()


def test_several_worker_processes_serve_the_same_database(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = tmp_path / "events.db"
    assert runner.invoke(app, ["db", "upgrade", "--db", f"sqlite:///{db}"]).exit_code == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTATLAS_")} | {"EVENTATLAS_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "eventatlas", "serve", "--db", f"sqlite:///{db}", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        answer = None
        for _ in range(120):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.25)
        assert answer is not None and answer.status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/api/events", headers={"Host": "evil.example"}).status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=20)
