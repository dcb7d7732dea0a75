"""Exchanges: the day an exchange was carried out; each prisoner's latest medical inspection
found by an index (the candidate lists read it for every prisoner we hold)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 05:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exchanges") as table:
        table.add_column(sa.Column("carried_out_on", sa.Date(), nullable=True))
    with op.batch_alter_table("custody_medical_inspections") as table:
        table.create_index(
            "ix_custody_medical_inspections_latest",
            ["person_id", "on", "id", "seriously_ill"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("custody_medical_inspections") as table:
        table.drop_index("ix_custody_medical_inspections_latest")
    with op.batch_alter_table("exchanges") as table:
        table.drop_column("carried_out_on")
