"""The review queue's order: how much deciding each proposal would move the clusters

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("link_proposals", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("priority", sa.Float(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.create_index(
            batch_op.f("ix_link_proposals_status_priority"), ["status", "priority"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("link_proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_proposals_status_priority"))
        batch_op.drop_column("priority")
