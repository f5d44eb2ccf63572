"""``/api/export``: the matching incidents (default) or reports (``unit=reports``) as a download,
streamed (any number of rows)."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session, sessionmaker

from eventatlas.api.dependencies import Filters, SessionsDep, Sort, sort_parsed_by
from eventatlas.export import FORMATS, ExportFormat, FormatName, export_records
from eventatlas.export.records import export_incident_records
from eventatlas.store.incidents import parse_incident_sort
from eventatlas.store.query import EventFilters

router = APIRouter(tags=["export"])

CHUNK_BYTES = 1 << 16


@router.get("/api/export", summary=f"Download matching events ({', '.join(FORMATS)})")
def export(
    sessions: SessionsDep,
    filters: Filters,
    sort: Sort,
    format: FormatName = FormatName.acled_csv,
    unit: Literal["incidents", "reports"] = "incidents",
) -> StreamingResponse:
    spec = FORMATS[format.value]
    if spec.missing():
        raise HTTPException(501, spec.missing())
    if unit == "incidents":
        sort_parsed_by(parse_incident_sort, sort)
    headers = {"Content-Disposition": f'attachment; filename="eventatlas-{unit}.{spec.extension}"'}
    chunks = export_stream(sessions, filters, spec, sort, unit)
    # The first chunk is made before the answer starts: a query that fails then is an error
    # status, not a 200 whose body breaks off.
    first = next(chunks, b"")
    return StreamingResponse(itertools.chain([first], chunks), media_type=spec.media_type, headers=headers)


def export_stream(
    sessions: sessionmaker[Session], filters: EventFilters, spec: ExportFormat, sort: str, unit: str = "reports"
) -> Iterator[bytes]:
    """An export in chunks of about 64 KB (the session lives as long as the response)."""
    with sessions() as session:
        records = (export_incident_records if unit == "incidents" else export_records)(session, filters, sort=sort)
        if spec.binary:
            # A binary format (Parquet) needs a seekable file: spool to disk, then stream it out.
            with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
                spec.write(records, spool)
                spool.seek(0)
                while chunk := spool.read(CHUNK_BYTES):
                    yield chunk
            return
        pending: list[str] = []
        size = 0
        for piece in spec.pieces(records):
            pending.append(piece)
            size += len(piece)
            if size >= CHUNK_BYTES:
                yield "".join(pending).encode("utf-8")
                pending, size = [], 0
        if pending:
            yield "".join(pending).encode("utf-8")
