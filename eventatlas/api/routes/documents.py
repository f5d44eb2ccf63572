"""``/api/documents``: the source articles, searchable, each with its text and events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from sqlalchemy import select

from eventatlas.api.dependencies import Limit, Offset, SessionsDep
from eventatlas.export.records import web_url
from eventatlas.store.fulltext import document_matches
from eventatlas.store.query import (
    MAX_LIMIT,
    MAX_NAME_CHARS,
    MAX_QUERY_CHARS,
    EventFilters,
    event_row_dict,
    select_events,
)
from eventatlas.store.schema import DocumentRow

router = APIRouter(prefix="/api/documents", tags=["documents"])


def document_dict(document: DocumentRow, with_text: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": document.id,
        "title": document.title,
        "url": web_url(document.url),
        "published": document.published.isoformat() if document.published else None,
        "source": document.source,
        "language": document.language,
    }
    if with_text:
        data["text"] = document.text
    return data


@router.get("", summary="List source documents")
def list_documents(
    sessions: SessionsDep,
    q: Annotated[str | None, Query(description="full-text query", max_length=MAX_QUERY_CHARS)] = None,
    source: Annotated[str | None, Query(max_length=MAX_NAME_CHARS)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    statement = select(DocumentRow)
    with sessions() as session:
        if q and q.strip():
            statement = statement.where(document_matches(session.get_bind().dialect.name, q.strip()))
        if source:
            statement = statement.where(DocumentRow.source == source)
        statement = statement.order_by(DocumentRow.published.desc(), DocumentRow.id).limit(limit + 1).offset(offset)
        rows = session.scalars(statement).all()
        items = [document_dict(row, with_text=False) for row in rows[:limit]]
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
    }


@router.get("/{document_id}", summary="One document, its text and events")
def get_document(document_id: Annotated[str, Path(max_length=64)], sessions: SessionsDep) -> dict[str, Any]:
    with sessions() as session:
        document = session.get(DocumentRow, document_id)
        if document is None:
            raise HTTPException(404, f"document {document_id!r} not found")
        data = document_dict(document, with_text=True)
        rows = session.scalars(select_events(EventFilters(document_id=document_id), sort="event_id", limit=MAX_LIMIT))
        data["events"] = [event_row_dict(row) for row in rows]
    return data
