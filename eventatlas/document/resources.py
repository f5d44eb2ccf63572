"""Load the document stage's data files once: settings, patterns and the relevance model."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

DATA_DIR = Path(str(importlib_resources.files("eventatlas.document") / "data"))


def data_path(name: str) -> Path:
    return DATA_DIR / name


@lru_cache(maxsize=None)
def read_json(name: str) -> dict:
    with open(data_path(name), encoding="utf-8") as handle:
        return json.load(handle)


def settings() -> dict:
    """``data/document.json``: thresholds and word lists of the document stage."""
    return read_json("document.json")


@lru_cache(maxsize=None)
def phrase_pattern(*phrases: str) -> re.Pattern[str]:
    """One case-insensitive regular expression matching any of the phrases (each itself a
    regular expression) on word boundaries."""
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


def pattern(section: str, key: str) -> re.Pattern[str]:
    return phrase_pattern(*settings()[section][key])
