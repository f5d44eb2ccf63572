"""Incidents: reports linked across articles into incidents (``eventatlas.incidents``), with the
blocking keys, redirects of merged-away ids, pairs a split keeps apart, term frequencies for
TF-IDF, and the merged incidents the API serves.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 06:50:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "incident_reports",
        sa.Column("report_id", sa.String(length=64), primary_key=True),
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("vector", sa.JSON(), nullable=False),
    )
    op.create_index("ix_incident_reports_incident_id", "incident_reports", ["incident_id"])
    op.create_index("ix_incident_reports_document_id", "incident_reports", ["document_id"])
    op.create_table(
        "incident_keys",
        sa.Column("country", sa.String(length=8), primary_key=True),
        sa.Column("day", sa.Integer(), primary_key=True),
        sa.Column("incident_id", sa.String(length=32), primary_key=True),
    )
    op.create_index("ix_incident_keys_day", "incident_keys", ["day"])
    op.create_index("ix_incident_keys_incident", "incident_keys", ["incident_id"])
    op.create_table(
        "incident_redirects",
        sa.Column("old_id", sa.String(length=32), primary_key=True),
        sa.Column("new_id", sa.String(length=32), nullable=False),
    )
    op.create_table(
        "incident_apart",
        sa.Column("a", sa.String(length=32), primary_key=True),
        sa.Column("b", sa.String(length=32), primary_key=True),
    )
    op.create_table(
        "incident_terms",
        sa.Column("term", sa.String(length=128), primary_key=True),
        sa.Column("documents", sa.Integer(), nullable=False),
    )
    _create_incidents()


def _create_incidents() -> None:
    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.String(length=32), primary_key=True),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("actor1", sa.String(length=255), nullable=True),
        sa.Column("actor2", sa.String(length=255), nullable=True),
        sa.Column("location", sa.String(length=255), nullable=True),
        sa.Column("admin1", sa.String(length=255), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("first_reported", sa.String(length=32), nullable=True),
        sa.Column("last_reported", sa.String(length=32), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    for column in ("event_type", "sub_event_type", "event_date", "actor1", "actor2", "admin1", "country_code", "fatalities"):
        op.create_index(f"ix_incidents_{column}", "incidents", [column])
    op.create_index("ix_incidents_date_id", "incidents", ["event_date", "incident_id"])


def downgrade() -> None:
    for table in ("incidents", "incident_terms", "incident_apart", "incident_redirects", "incident_keys", "incident_reports"):
        op.drop_table(table)
