"""Index documents by the SHA-256 of their canonical URL (PostgreSQL cannot index a URL over
about 2.7 KB), and record which process runs an ingest (so a killed run can be marked
interrupted).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 05:40:00

"""
import hashlib
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

documents = sa.table("documents", sa.column("id", sa.String), sa.column("url", sa.Text), sa.column("url_hash", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("ingest_runs") as batch_op:
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("host", sa.String(length=255), nullable=True))
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("url_hash", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(documents.c.id, documents.c.url).where(documents.c.url.isnot(None))).all()
    for document_id, url in rows:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        connection.execute(documents.update().where(documents.c.id == document_id).values(url_hash=digest))
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_url")
        batch_op.create_index("ix_documents_url_hash", ["url_hash"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_url_hash")
        batch_op.create_index("ix_documents_url", ["url"], unique=True)
        batch_op.drop_column("url_hash")
    with op.batch_alter_table("ingest_runs") as batch_op:
        batch_op.drop_column("host")
        batch_op.drop_column("pid")
