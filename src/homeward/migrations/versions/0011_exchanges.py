"""Exchanges: exchanges and their phases, versioned lists per side, holds (proceedings, refusal
of repatriation), reconciliations of rosters, returnees' checklist

Revision ID: 0011
Revises: 0010 (the lead re-chains it after the migrations merged before it)
Create Date: 2026-12-06 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import homeward.db

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

WHEN = homeward.db.UTCDateTime(timezone=True)
ACTOR = sa.String(length=100)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


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
        "exchanges",
        _id(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("mediator", sa.String(length=200), nullable=True),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("quotas", sa.JSON(), nullable=False),
        sa.Column("agreed_reason", sa.Text(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", ACTOR, nullable=False),
        sa.CheckConstraint(
            "mode in ('all_for_all', 'one_for_one', 'numbers')", name=op.f("ck_exchanges_mode")
        ),
        sa.CheckConstraint(
            "state in ('proposed', 'agreed', 'carried_out', 'reconciled')",
            name=op.f("ck_exchanges_state"),
        ),
        _pk("exchanges"),
    )
    op.create_table(
        "exchange_phases",
        _id(),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        _fk("exchange_phases", "exchange_id", "exchanges"),
        _pk("exchange_phases"),
        sa.UniqueConstraint("exchange_id", "number", name=op.f("uq_exchange_phases_exchange_id")),
    )
    _indexes("exchange_phases", "exchange_id")
    _lists()
    _holds_and_reconciliations()


def _lists() -> None:
    op.create_table(
        "exchange_list_versions",
        _id(),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", ACTOR, nullable=False),
        sa.CheckConstraint(
            "side in ('own', 'adversary')", name=op.f("ck_exchange_list_versions_side")
        ),
        _fk("exchange_list_versions", "exchange_id", "exchanges"),
        _pk("exchange_list_versions"),
        sa.UniqueConstraint(
            "exchange_id",
            "side",
            "number",
            name=op.f("uq_exchange_list_versions_exchange_id"),
        ),
    )
    _indexes("exchange_list_versions", "exchange_id")
    op.create_table(
        "exchange_list_entries",
        _id(),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        _fk("exchange_list_entries", "version_id", "exchange_list_versions"),
        _fk("exchange_list_entries", "person_id", "persons"),
        _pk("exchange_list_entries"),
        sa.UniqueConstraint(
            "version_id", "person_id", name=op.f("uq_exchange_list_entries_version_id")
        ),
    )
    _indexes("exchange_list_entries", "version_id", "person_id")


def _holds_and_reconciliations() -> None:
    op.create_table(
        "exchange_holds",
        _id(),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=15), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", ACTOR, nullable=False),
        sa.CheckConstraint(
            "kind in ('proceedings', 'refuses')", name=op.f("ck_exchange_holds_kind")
        ),
        _fk("exchange_holds", "person_id", "persons"),
        _pk("exchange_holds"),
    )
    _indexes("exchange_holds", "person_id")
    op.create_table(
        "exchange_reconciliations",
        _id(),
        sa.Column("exchange_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("applied_at", WHEN, nullable=False),
        sa.Column("applied_by", ACTOR, nullable=False),
        sa.CheckConstraint(
            "side in ('own', 'adversary')", name=op.f("ck_exchange_reconciliations_side")
        ),
        _fk("exchange_reconciliations", "exchange_id", "exchanges"),
        _pk("exchange_reconciliations"),
        sa.UniqueConstraint(
            "exchange_id", "side", name=op.f("uq_exchange_reconciliations_exchange_id")
        ),
    )
    _indexes("exchange_reconciliations", "exchange_id")
    op.create_table(
        "exchange_returnee_tasks",
        _id(),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=40), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", ACTOR, nullable=False),
        _fk("exchange_returnee_tasks", "person_id", "persons"),
        _pk("exchange_returnee_tasks"),
        sa.UniqueConstraint("person_id", "task", name=op.f("uq_exchange_returnee_tasks_person_id")),
    )
    _indexes("exchange_returnee_tasks", "person_id")


def downgrade() -> None:
    for table in (
        "exchange_returnee_tasks",
        "exchange_reconciliations",
        "exchange_holds",
        "exchange_list_entries",
        "exchange_list_versions",
        "exchange_phases",
        "exchanges",
    ):
        op.drop_table(table)
