"""One fixed split of every development set into a *tune* part and a *test* part.

Settings (thresholds, rule orders, model choices) are chosen by looking at the tune part only;
figures are reported on the test part, which nothing was fitted to. The split is made once,
with a fixed seed, by hashing each item's own id, so it does not depend on file order, on how
many rows a file has, or on which rows a reader skipped.

    >>> part_of("D0001")          # 'tune' or 'test', the same on every machine, forever
    >>> split(rows, key=lambda r: r["sample_id"])["test"]

Every evaluation command takes ``--part tune|test|all``.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Literal, TypeVar

SPLIT_SEED = "eventatlas-dev-split-2026-11-29"
TUNE_FRACTION = 0.5

Part = Literal["tune", "test", "all"]
PARTS: tuple[str, ...] = ("tune", "test", "all")

T = TypeVar("T")


def part_of(item_id: str, corpus: str = "") -> str:
    """'tune' or 'test' for one item id. ``corpus`` keeps ids of different sets independent."""
    digest = hashlib.sha256(f"{SPLIT_SEED}|{corpus}|{item_id}".encode("utf-8")).digest()
    fraction = int.from_bytes(digest[:8], "big") / 2**64
    return "tune" if fraction < TUNE_FRACTION else "test"


def split(items: Iterable[T], key: Callable[[T], str], corpus: str = "") -> dict[str, list[T]]:
    """Items grouped by part: {'tune': [...], 'test': [...], 'all': [...]} in input order."""
    parts: dict[str, list[T]] = {"tune": [], "test": [], "all": []}
    for item in items:
        parts[part_of(str(key(item)), corpus)].append(item)
        parts["all"].append(item)
    return parts


def select(items: Iterable[T], key: Callable[[T], str], part: str, corpus: str = "") -> list[T]:
    """The items of one part ('tune', 'test' or 'all')."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: expected one of {', '.join(PARTS)}")
    return split(items, key, corpus)[part]


def check_part(part: str) -> str:
    """``part`` itself, or a one-line InputError naming the option when it is not a part."""
    from eventatlas.errors import InputError

    if part not in PARTS:
        raise InputError("--part", f"{part!r}: expected one of {', '.join(PARTS)}")
    return part


def report_console():
    """The console evaluation commands print to: the terminal's width, or 150 columns in logs
    and CI so that tables do not wrap."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=150)
