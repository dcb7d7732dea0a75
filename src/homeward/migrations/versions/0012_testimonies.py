"""Testimonies: debriefings, their mentions, the resolutions of each mention, and the persons
linkage proposes for open mentions

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 02:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import homeward.db

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

WHEN = homeward.db.UTCDateTime(timezone=True)
ACTOR = sa.String(length=100)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "testimony_debriefings",
        _id(),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("witness_person_id", sa.Integer(), nullable=True),
        sa.Column("witness_name", sa.String(length=300), nullable=False),
        sa.Column("interviewer", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", ACTOR, nullable=False),
        _fk("testimony_debriefings", "source_id", "sources"),
        _fk("testimony_debriefings", "witness_person_id", "persons"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_debriefings")),
        sa.UniqueConstraint("source_id", name=op.f("uq_testimony_debriefings_source_id")),
    )
    _indexes("testimony_debriefings", "witness_person_id")
    op.create_table(
        "testimony_mentions",
        _id(),
        sa.Column("debriefing_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_heard", sa.String(length=300), nullable=True),
        sa.Column("age_low", sa.Integer(), nullable=True),
        sa.Column("age_high", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("place_heard", sa.String(length=200), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("seen_from", sa.Date(), nullable=True),
        sa.Column("seen_from_precision", sa.String(length=7), nullable=True),
        sa.Column("seen_to", sa.Date(), nullable=True),
        sa.Column("seen_to_precision", sa.String(length=7), nullable=True),
        sa.Column("condition", sa.String(length=10), nullable=True),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("examined_through", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", ACTOR, nullable=False),
        sa.CheckConstraint(
            "age_low IS NULL OR age_low <= age_high", name=op.f("ck_testimony_mentions_age")
        ),
        _fk("testimony_mentions", "debriefing_id", "testimony_debriefings"),
        _fk("testimony_mentions", "place_id", "places"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_mentions")),
        sa.UniqueConstraint(
            "debriefing_id", "position", name=op.f("uq_testimony_mentions_debriefing_id")
        ),
    )
    _indexes("testimony_mentions", "debriefing_id", "place_id")
    op.create_table(
        "testimony_resolutions",
        _id(),
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("probability", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_at", WHEN, nullable=False),
        sa.Column("decided_by", ACTOR, nullable=False),
        sa.CheckConstraint(
            "decision in ('linked', 'not_in_register')",
            name=op.f("ck_testimony_resolutions_decision"),
        ),
        sa.CheckConstraint(
            "(decision = 'linked') = (person_id IS NOT NULL)",
            name=op.f("ck_testimony_resolutions_linked_has_person"),
        ),
        _fk("testimony_resolutions", "mention_id", "testimony_mentions"),
        _fk("testimony_resolutions", "person_id", "persons"),
        _fk("testimony_resolutions", "evidence_id", "evidence"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_resolutions")),
        sa.UniqueConstraint("evidence_id", name=op.f("uq_testimony_resolutions_evidence_id")),
    )
    _indexes("testimony_resolutions", "mention_id", "person_id")
    op.create_table(
        "testimony_proposals",
        _id(),
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("proposed_at", WHEN, nullable=False),
        _fk("testimony_proposals", "mention_id", "testimony_mentions"),
        _fk("testimony_proposals", "person_id", "persons"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_proposals")),
        sa.UniqueConstraint(
            "mention_id", "person_id", name=op.f("uq_testimony_proposals_mention_id")
        ),
    )
    _indexes("testimony_proposals", "mention_id", "person_id")


def downgrade() -> None:
    for table in (
        "testimony_proposals",
        "testimony_resolutions",
        "testimony_mentions",
        "testimony_debriefings",
    ):
        op.drop_table(table)
