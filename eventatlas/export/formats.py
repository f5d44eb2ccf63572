"""The export formats, in one registry that the CLI (``eventatlas export --format``) and the API
(``/api/export?format=``) both read: a format added here is offered by both.

Text formats stream as string pieces (the API sends them as they come); Parquet needs a
seekable binary file. ``write`` handles either, given a path or an open file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import IO, Any

from eventatlas import extras
from eventatlas.export.writers import iter_acled_csv, iter_geojson, iter_jsonl, write_parquet


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    description: str
    # Text formats: the pieces to write, and how many of them are not events (header, brackets).
    pieces: Callable[..., Iterator[str]] | None = None
    framing_pieces: int = 0
    # Binary formats: writes a file (path or binary file object), returns the events written.
    write_binary: Callable[[Iterable[Any], Any], int] | None = None
    # A module the format needs that the default install leaves out (its extra: ``eventatlas.extras``).
    requires: str | None = None

    @property
    def binary(self) -> bool:
        return self.pieces is None

    def missing(self) -> str | None:
        """Why this format cannot be written here (one line), or None when it can."""
        return None if self.requires is None else extras.missing(self.name, self.requires)

    def write(self, records: Iterable[Any], out: IO[str] | Any, **options: Any) -> int:
        """Write ``records`` to ``out`` (a text file for text formats; a path or binary file for
        binary ones) and return how many events were written."""
        if self.write_binary is not None:
            return self.write_binary(records, out)
        count = 0
        for piece in self.pieces(records, **options):
            out.write(piece)
            count += 1
        return max(0, count - self.framing_pieces)


FORMATS: dict[str, ExportFormat] = {
    spec.name: spec
    for spec in (
        ExportFormat(
            "acled-csv",
            "text/csv",
            "csv",
            "ACLED's columns in ACLED's order",
            pieces=lambda records, inter_style="names": iter_acled_csv(records, inter_style),
            framing_pieces=1,
        ),
        ExportFormat(
            "geojson",
            "application/geo+json",
            "geojson",
            "an RFC 7946 FeatureCollection",
            pieces=lambda records, **_: iter_geojson(records),
            framing_pieces=2,
        ),
        ExportFormat(
            "jsonl",
            "application/x-ndjson",
            "jsonl",
            "one JSON object per event",
            pieces=lambda records, **_: iter_jsonl(records),
        ),
        ExportFormat(
            "parquet",
            "application/vnd.apache.parquet",
            "parquet",
            "columnar, typed (pandas, DuckDB, Arrow)",
            write_binary=write_parquet,
            requires="pyarrow",
        ),
    )
}

# The names as an Enum, the form typer and FastAPI both offer as a fixed choice.
FormatName = Enum("FormatName", {spec.name.replace("-", "_"): spec.name for spec in FORMATS.values()}, type=str)
