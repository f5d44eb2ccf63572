"""Full-text search over document text: SQLite FTS5 or PostgreSQL tsvector.

SQLite keeps a standalone FTS5 table ``documents_fts(document_id UNINDEXED, title, text)``
written in the same transaction as the document. PostgreSQL uses a GIN expression index on
``to_tsvector('english', title || ' ' || text)``, so no extra writes are needed.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Connection, func, literal_column, select, text
from sqlalchemy.engine import Engine

from eventatlas.store.schema import DocumentRow

PG_TSVECTOR = "to_tsvector('english', coalesce(documents.title, '') || ' ' || documents.text)"


def create_fulltext(bind: Engine | Connection) -> None:
    """Create the full-text index for the bind's dialect (idempotent)."""
    statements = {
        "sqlite": [
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
            "document_id UNINDEXED, title, text, tokenize='porter unicode61 remove_diacritics 2')"
        ],
        "postgresql": [f"CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING GIN ({PG_TSVECTOR})"],
    }.get(bind.dialect.name, [])
    if isinstance(bind, Engine):
        with bind.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    else:
        for statement in statements:
            bind.execute(text(statement))


def index_document(connection: Connection, document_id: str, title: str | None, body: str) -> None:
    """Add a document to the full-text index; call inside the transaction that stores it."""
    if connection.dialect.name == "sqlite":
        connection.execute(
            text("INSERT INTO documents_fts(document_id, title, text) VALUES (:id, :title, :text)"),
            {"id": document_id, "title": title or "", "text": body},
        )


def _fts5_query(query: str) -> str:
    # Quote each word so user punctuation cannot break FTS5's query syntax; words are ANDed.
    words = [w.replace('"', '""') for w in query.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words) or '""'


MAX_QUERY_WORDS = 32


def _websearch_query(query: str) -> str:
    """``query`` with what PostgreSQL's parser chokes on removed: a run of ``-`` (each one a
    nested negation: "tsquery stack too small"), a ``-`` before no word, and words past the 32nd."""
    query = re.sub(r"-{2,}", "-", query)
    query = re.sub(r"-(?![\w\"])", " ", query)
    return " ".join(query.split()[:MAX_QUERY_WORDS])


def document_matches(dialect_name: str, query: str) -> ColumnElement[bool]:
    """A WHERE clause on ``documents.id`` selecting documents whose title or text match ``query``."""
    if dialect_name == "sqlite":
        ids = select(literal_column("document_id")).select_from(text("documents_fts")).where(
            text("documents_fts MATCH :fts_query").bindparams(fts_query=_fts5_query(query))
        )
        return DocumentRow.id.in_(ids)
    if dialect_name == "postgresql":
        return literal_column(PG_TSVECTOR).op("@@")(func.websearch_to_tsquery("english", _websearch_query(query)))
    return DocumentRow.text.ilike(f"%{query}%")
