"""A small built-in example corpus (protests, clashes, an airstrike, arrests, a bombing in
varied countries) for ``make demo`` and quick tries: ``eventatlas ingest <PATH> --db demo.db``."""

from pathlib import Path

PATH = Path(__file__).resolve().parent
