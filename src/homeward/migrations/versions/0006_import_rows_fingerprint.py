"""Imports remember their rows' fingerprint: the same list in other bytes is recognised

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: the imports made before have no fingerprint, and stay recognised by their bytes.
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rows_sha256", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_imports_rows_sha256"), ["rows_sha256"])


def downgrade() -> None:
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_imports_rows_sha256"), type_="unique")
        batch_op.drop_column("rows_sha256")
