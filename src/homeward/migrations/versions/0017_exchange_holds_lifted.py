"""Exchanges: a hold is lifted with a reason, by someone (the day was already kept)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exchange_holds") as table:
        table.add_column(sa.Column("lifted_reason", sa.Text(), nullable=True))
        table.add_column(sa.Column("lifted_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("exchange_holds") as table:
        table.drop_column("lifted_by")
        table.drop_column("lifted_reason")
