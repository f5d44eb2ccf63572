"""Shared fixtures. Evaluation data and the seed article are read from ../shared at run time
(or from EVENTATLAS_SHARED); tests that need them skip with the reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_path() -> Path:
    return Path(os.environ.get("EVENTATLAS_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = shared_path()
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} is absent (set EVENTATLAS_SHARED to its location)")
    return path


@pytest.fixture(scope="session")
def seed_dir(shared_dir: Path) -> Path:
    path = shared_dir / "seed"
    if not (path / "article.txt").is_file() or not (path / "gold.json").is_file():
        pytest.skip(f"seed article or gold coding missing under {path}")
    return path


@pytest.fixture(scope="session")
def nlp():
    from eventatlas.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def pipeline():
    from eventatlas.pipeline import Pipeline

    return Pipeline()
