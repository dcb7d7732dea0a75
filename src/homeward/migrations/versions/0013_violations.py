"""Violations: incidents, their acts with victims, alleged perpetrators and sources; evidence
files (their bytes are in the content-addressed store, outside the database)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import homeward.db

revision = "0013"
down_revision = "0012"
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
        "incidents",
        _id(),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", WHEN, nullable=False),
        sa.Column("recorded_by", ACTOR, nullable=False),
        _fk("incidents", "place_id", "places"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    _indexes("incidents", "place_id")
    op.create_table(
        "perpetrators",
        _id(),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", WHEN, nullable=False),
        sa.Column("recorded_by", ACTOR, nullable=False),
        _fk("perpetrators", "place_id", "places"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perpetrators")),
    )
    _acts()
    _files()


def _acts() -> None:
    op.create_table(
        "acts",
        _id(),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("act_type", sa.String(length=40), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("occurred_precision", sa.String(length=7), nullable=True),
        sa.Column("occurred_until", sa.Date(), nullable=True),
        sa.Column("until_precision", sa.String(length=7), nullable=True),
        sa.Column("latest_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", WHEN, nullable=False),
        sa.Column("recorded_by", ACTOR, nullable=False),
        _fk("acts", "incident_id", "incidents"),
        _fk("acts", "place_id", "places"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acts")),
    )
    _indexes("acts", "act_type", "incident_id", "latest_on", "occurred_on", "place_id")
    for table, column, target in (
        ("act_victims", "person_id", "persons"),
        ("act_perpetrators", "perpetrator_id", "perpetrators"),
    ):
        op.create_table(
            table,
            _id(),
            sa.Column("act_id", sa.Integer(), nullable=False),
            sa.Column(column, sa.Integer(), nullable=False),
            _fk(table, "act_id", "acts"),
            _fk(table, column, target),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint("act_id", column, name=op.f(f"uq_{table}_act_id")),
        )
        _indexes(table, "act_id", column)
    op.create_table(
        "act_sources",
        _id(),
        sa.Column("act_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=10), nullable=False),
        sa.Column("credibility", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _fk("act_sources", "act_id", "acts"),
        _fk("act_sources", "source_id", "sources"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_act_sources")),
        sa.UniqueConstraint("act_id", "source_id", name=op.f("uq_act_sources_act_id")),
    )
    _indexes("act_sources", "act_id", "source_id")


def _files() -> None:
    op.create_table(
        "evidence_files",
        _id(),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("added_at", WHEN, nullable=False),
        sa.Column("added_by", ACTOR, nullable=False),
        _fk("evidence_files", "incident_id", "incidents"),
        _fk("evidence_files", "person_id", "persons"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    _indexes("evidence_files", "incident_id", "person_id", "sha256")


def downgrade() -> None:
    for table in (
        "evidence_files",
        "act_sources",
        "act_perpetrators",
        "act_victims",
        "acts",
        "perpetrators",
        "incidents",
    ):
        op.drop_table(table)
