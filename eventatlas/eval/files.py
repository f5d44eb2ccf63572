"""Reading an evaluation file: one-line errors that name it, never a traceback."""

from __future__ import annotations

from pathlib import Path

from eventatlas.errors import InputError


def read_eval_text(path: Path, kind: str) -> str:
    """The UTF-8 text of an evaluation file (a BOM is dropped); ``kind`` names what was expected
    ("a CSV file", "a TSV file") in the error for a folder."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), f"is a directory, expected {kind}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"not UTF-8 text ({error.reason} at byte {error.start})") from None
