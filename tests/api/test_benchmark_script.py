"""The API speed benchmark runs end to end at a tiny size (its figures are not checked here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_api_speed_benchmark_runs_at_tiny_size(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "api_speed.py"), "--events", "2000", "--repeat", "2",
         "--no-browser", "--db", str(tmp_path / "bench.db")],
        capture_output=True, text=True, timeout=180, cwd=REPO, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "created 2,000 events" in result.stdout
    for name in ("bbox", "actor", "event_type", "q (rarer words)"):
        assert name in result.stdout


@pytest.mark.slow
def test_api_load_benchmark_runs_at_tiny_size():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "api_load.py"), "--events", "300", "--clients", "8",
         "--seconds", "2", "--databases", "sqlite"],
        capture_output=True, text=True, timeout=180, cwd=REPO, check=False,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]  # 1: the target missed (not checked here)
    row = next(line for line in result.stdout.splitlines() if line.startswith("sqlite"))
    requests, errors = (int(value) for value in row.split()[1:3])
    assert requests > 0 and errors == 0
