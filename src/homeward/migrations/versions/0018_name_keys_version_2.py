"""Names: the stored keys recomputed for the names' key version 2 (a Latin surname with "ou"
for у, which no dictionary knows, is read as French first and keys as its Cyrillic spelling)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 18:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from homeward.registry.rekey import rekey_names

    rekey_names(op.get_bind())


def downgrade() -> None:
    """Nothing to undo: the keys of version 1 are not kept, and keys of version 2 on the schema
    of 0017 only make a few French spellings findable as their Cyrillic ones."""
