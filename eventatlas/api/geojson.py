"""GeoJSON responses shared by the routes that serve points (events and incidents)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Sequence

from fastapi.responses import JSONResponse

from eventatlas.export.writers import geojson_feature


def geojson_response(rows: Sequence[Any], limit: int, properties: Iterable[str]) -> JSONResponse:
    """A FeatureCollection of the first ``limit`` rows (mappings with latitude/longitude);
    ``truncated`` says whether more rows matched (callers fetch ``limit + 1``)."""
    properties = list(properties)
    features = []
    for row in rows[:limit]:
        record = dict(row)
        if isinstance(record.get("event_date"), dt.date):
            record["event_date"] = record["event_date"].isoformat()
        features.append(geojson_feature(record, properties))
    return JSONResponse(
        {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit},
        media_type="application/geo+json",
    )
