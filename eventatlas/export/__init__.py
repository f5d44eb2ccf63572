"""Exports: ACLED CSV, GeoJSON, JSON Lines and Parquet, streamed from any iterable of events."""

from eventatlas.export.formats import FORMATS, ExportFormat, FormatName
from eventatlas.export.records import export_records
from eventatlas.export.writers import (
    ACLED_COLUMNS,
    acled_row,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "ExportFormat",
    "FormatName",
    "acled_row",
    "export_records",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]
