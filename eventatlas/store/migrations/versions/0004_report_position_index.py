"""An index on the incident reports' linking order: each document's linking asks for the last
position, which without it reads the whole table (a cost that grew with the database).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 18:20:00

"""
from typing import Sequence, Union

from alembic import op

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_incident_reports_position", "incident_reports", ["position"])


def downgrade() -> None:
    op.drop_index("ix_incident_reports_position", table_name="incident_reports")
