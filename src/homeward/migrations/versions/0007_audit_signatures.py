"""The audit log's entries signed with a key kept outside the database

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (not a batch copy of the table): the triggers that keep the log
    # append-only stay on it
    op.add_column("audit_log", sa.Column("mac", sa.String(length=64), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE audit_log DROP COLUMN mac")
    else:
        op.drop_column("audit_log", "mac")
