"""Write events as ACLED CSV, GeoJSON, JSON Lines or Parquet, streaming.

Every writer takes an iterable of events (``eventatlas.models.Event``, stored ``EventRow`` or
the dicts :func:`eventatlas.export.records.export_records` yields, which add the source
document's ``source``/``url``/``ingested_at``) and writes them one at a time (Parquet: one
batch at a time), so a million events never sit in memory. Each returns the number written.

ACLED CSV choices (documented for users):
* columns and their order follow ACLED's current export (codebook 2023+), see ``data/acled.json``;
* ``inter1``/``inter2``/``interaction`` are written as *names* ("State forces",
  "State forces-Protesters", "Protesters only"), as in ACLED's current exports; pass
  ``inter_style="numbers"`` for the older numeric codes (1..8, interaction "16", "60");
* ``event_date`` is ISO ``yyyy-mm-dd`` (as ACLED's API returns it); ``iso`` is the ISO 3166
  numeric code; ``event_id_cnty`` has ACLED's form, the country's ISO alpha-3 code and a number
  (``KEN48213507``), the number derived from EventAtlas's event id so it is stable across exports
  (``XXX`` when the country is unknown); ``region`` is ACLED's region of the country
  (``reference/data/acled_regions.tsv``); ``admin3`` and ``source_scale`` are left empty
  (EventAtlas does not code them); ``tags`` carries the crowd
  size as ACLED does (``crowd size=...``); ``timestamp`` is when the document was ingested.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import IO, Any, Literal

from eventatlas.models import Event
from eventatlas.reference import acled_region

InterStyle = Literal["names", "numbers"]

# Properties carried by each GeoJSON feature / Parquet column set (Event fields + source).
RECORD_FIELDS = [name for name, field in Event.model_fields.items() if not field.exclude] + [
    "document_id",
    "source",
    "source_url",
]


@lru_cache(maxsize=1)
def acled_spec() -> dict[str, Any]:
    return json.loads(resources.files("eventatlas.export").joinpath("data/acled.json").read_text("utf-8"))


ACLED_COLUMNS: list[str] = acled_spec()["columns"]


@lru_cache(maxsize=1)
def _iso_numeric() -> dict[str, int]:
    from eventatlas.reference import countries

    return {c.code: c.numeric for c in countries()}


def as_record(item: Any) -> dict[str, Any]:
    """One event, whatever its form, as a plain dict of Event fields (+ source fields)."""
    if isinstance(item, dict):
        return item
    if isinstance(item, Event):
        return item.model_dump(mode="json")
    # A stored EventRow (imported lazily: the writers need no database).
    from eventatlas.store.query import event_row_dict

    return event_row_dict(item)


def _records(events: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for item in events:
        yield as_record(item)


def iter_jsonl(events: Iterable[Any]) -> Iterator[str]:
    """JSON Lines, one piece per event (for streaming responses)."""
    for record in _records(events):
        yield json.dumps(record, ensure_ascii=False, default=_json_default) + "\n"


def write_jsonl(events: Iterable[Any], out: IO[str]) -> int:
    """One JSON object per line."""
    return _write(iter_jsonl(events), out, header_pieces=0)


def _write(pieces: Iterable[str], out: IO[str], header_pieces: int) -> int:
    count = 0
    for piece in pieces:
        out.write(piece)
        count += 1
    return max(0, count - header_pieces)


def geojson_feature(record: dict[str, Any], properties: Iterable[str] | None = None) -> dict[str, Any]:
    """A GeoJSON Feature (Point, or null geometry when the event has no coordinates)."""
    lat, lon = record.get("latitude"), record.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    keys = properties if properties is not None else [k for k in record if k not in ("latitude", "longitude")]
    return {
        "type": "Feature",
        "id": record.get("event_id"),
        "geometry": geometry,
        "properties": {k: record.get(k) for k in keys},
    }


def iter_geojson(events: Iterable[Any]) -> Iterator[str]:
    """An RFC 7946 FeatureCollection in pieces: the opening, one per feature, the closing."""
    yield '{"type":"FeatureCollection","features":[\n'
    first = True
    for record in _records(events):
        prefix = "" if first else ",\n"
        first = False
        yield prefix + json.dumps(geojson_feature(record), ensure_ascii=False, default=_json_default)
    yield "\n]}\n"


def write_geojson(events: Iterable[Any], out: IO[str]) -> int:
    """An RFC 7946 FeatureCollection, written feature by feature."""
    return _write(iter_geojson(events), out, header_pieces=2)


def _inter(name: str | None, style: InterStyle) -> str:
    if not name:
        return ""
    if style == "numbers":
        code = acled_spec()["inter_codes"].get(name)
        return str(code) if code else ""
    return name


def _interaction(inter1: str | None, inter2: str | None, style: InterStyle) -> str:
    codes = acled_spec()["inter_codes"]
    present = [n for n in (inter1, inter2) if n]
    if not present:
        return ""
    if style == "numbers":
        numbers = sorted(codes.get(n, 0) for n in present)
        if any(n == 0 for n in numbers):
            return ""
        return f"{numbers[0]}0" if len(numbers) == 1 else f"{numbers[0]}{numbers[1]}"
    ordered = sorted(present, key=lambda n: codes.get(n, 99))  # ACLED orders by the lower code
    return f"{ordered[0]} only" if len(ordered) == 1 else f"{ordered[0]}-{ordered[1]}"


@lru_cache(maxsize=1)
def _iso_alpha3() -> dict[str, str]:
    from eventatlas.reference import countries

    return {c.code: c.iso3 for c in countries()}


def acled_event_id(event_id: str | None, country_code: str | None) -> str:
    """ACLED's ``event_id_cnty`` form for an EventAtlas event: ``KEN`` + an 8-digit number."""
    if not event_id:
        return ""
    prefix = _iso_alpha3().get((country_code or "").upper(), "XXX")
    number = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:12], 16) % 10**8
    return f"{prefix}{number}"


def acled_row(record: dict[str, Any], inter_style: InterStyle = "names") -> list[Any]:
    """One event as a row of ACLED's columns, in ACLED's order."""
    spec = acled_spec()
    event_type = record.get("event_type") or ""
    sub_event_type = record.get("sub_event_type") or ""
    date = record.get("event_date") or ""
    if isinstance(date, dt.date):
        date = date.isoformat()
    inter1, inter2 = record.get("inter1"), record.get("inter2")
    tags = f"crowd size={record['crowd_size_text']}" if record.get("crowd_size_text") else ""
    ingested = record.get("ingested_at")
    if isinstance(ingested, str):
        ingested = dt.datetime.fromisoformat(ingested)
    if isinstance(ingested, dt.datetime) and ingested.tzinfo is None:
        ingested = ingested.replace(tzinfo=dt.UTC)  # stored as UTC (SQLite drops the zone)
    values = {
        "event_id_cnty": acled_event_id(record.get("event_id"), record.get("country_code")),
        "event_date": date,
        "year": date[:4] if date else "",
        "time_precision": record.get("time_precision") or "",
        "disorder_type": spec["disorder_type_by_sub_event_type"].get(sub_event_type)
        or spec["disorder_type"].get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": record.get("actor1") or "",
        "assoc_actor_1": record.get("assoc_actor_1") or "",
        "inter1": _inter(inter1, inter_style),
        "actor2": record.get("actor2") or "",
        "assoc_actor_2": record.get("assoc_actor_2") or "",
        "inter2": _inter(inter2, inter_style),
        "interaction": _interaction(inter1, inter2, inter_style),
        "civilian_targeting": "Civilian targeting" if "Civilians" in (inter1, inter2) else "",
        "iso": _iso_numeric().get((record.get("country_code") or "").upper(), ""),
        "region": acled_region(record.get("country_code")),
        "country": record.get("country") or "",
        "admin1": record.get("admin1") or "",
        "admin2": record.get("admin2") or "",
        "admin3": "",
        "location": record.get("location") or "",
        "latitude": "" if record.get("latitude") is None else record["latitude"],
        "longitude": "" if record.get("longitude") is None else record["longitude"],
        "geo_precision": record.get("geo_precision") or "",
        "source": record.get("source") or "",
        "source_scale": "",
        "notes": record.get("notes") or "",
        "fatalities": record.get("fatalities") or 0,
        "tags": tags,
        "timestamp": int(ingested.timestamp()) if isinstance(ingested, dt.datetime) else "",
    }
    return [values[column] for column in ACLED_COLUMNS]


def _csv_line(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def iter_acled_csv(events: Iterable[Any], inter_style: InterStyle = "names") -> Iterator[str]:
    """The ACLED CSV in pieces: the header line, then one line per event."""
    yield _csv_line(ACLED_COLUMNS)
    for record in _records(events):
        yield _csv_line(acled_row(record, inter_style))


def write_acled_csv(events: Iterable[Any], out: IO[str], inter_style: InterStyle = "names") -> int:
    """ACLED's columns in ACLED's order, one row per event (header first)."""
    return _write(iter_acled_csv(events, inter_style), out, header_pieces=1)


def _parquet_schema() -> Any:
    import pyarrow as pa

    types = {
        "time_precision": pa.int32(),
        "geo_precision": pa.int32(),
        "fatalities": pa.int32(),
        "crowd_size": pa.int64(),
        "geonameid": pa.int64(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "confidence": pa.float64(),
        "background": pa.bool_(),
        "event_date": pa.date32(),
        "evidence": pa.list_(pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in RECORD_FIELDS])


def _parquet_value(name: str, value: Any) -> Any:
    if name == "event_date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def write_parquet(events: Iterable[Any], out: Any, batch_size: int = 10_000) -> int:
    """A Parquet file (a path or a binary file object), written in row groups of ``batch_size``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in _records(events):
            batch.append({name: _parquet_value(name, record.get(name)) for name in RECORD_FIELDS})
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")

