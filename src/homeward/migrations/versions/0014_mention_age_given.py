"""Testimonies: a mention keeps the age as the witness gave it (~24, 25-30), beside the range
linkage reads

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 03:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("testimony_mentions") as table:
        table.add_column(sa.Column("age_given", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("testimony_mentions") as table:
        table.drop_column("age_given")
