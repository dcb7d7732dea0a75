"""Violations: an act may name the mention it was recorded from, an evidence file may belong to
a debriefing, and corrections of acts and alleged perpetrators keep the old values in
`violation_history`

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import homeward.db

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("acts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mention_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_acts_mention_id_testimony_mentions"),
            "testimony_mentions",
            ["mention_id"],
            ["id"],
        )
        batch_op.create_index(batch_op.f("ix_acts_mention_id"), ["mention_id"], unique=False)
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("debriefing_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_files_debriefing_id_testimony_debriefings"),
            "testimony_debriefings",
            ["debriefing_id"],
            ["id"],
        )
        batch_op.create_index(
            batch_op.f("ix_evidence_files_debriefing_id"), ["debriefing_id"], unique=False
        )
    op.create_table(
        "violation_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_violation_history_incident_id_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_violation_history")),
    )
    with op.batch_alter_table("violation_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_violation_history_object_id"), ["object_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_violation_history_incident_id"), ["incident_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("violation_history")
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_files_debriefing_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_evidence_files_debriefing_id_testimony_debriefings"),
            type_="foreignkey",
        )
        batch_op.drop_column("debriefing_id")
    with op.batch_alter_table("acts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acts_mention_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_acts_mention_id_testimony_mentions"), type_="foreignkey"
        )
        batch_op.drop_column("mention_id")
