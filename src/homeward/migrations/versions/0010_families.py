"""Families: contacts' language, channel and withdrawn consent; the contact log; family access
codes and their sessions; relatives' messages; certified extracts; the outbox

Revision ID: 0010
Revises: 0009 (the lead re-chains it after the migrations merged before it)
Create Date: 2026-12-06 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import homeward.db

revision = "0010"
down_revision = "0009"
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
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), server_default="uk", nullable=False)
        )
        batch_op.add_column(
            sa.Column("channel", sa.String(length=10), server_default="phone", nullable=False)
        )
        batch_op.add_column(sa.Column("consent_withdrawn_at", WHEN, nullable=True))
        batch_op.add_column(sa.Column("consent_withdrawn_by", ACTOR, nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    _contact_log()
    _codes_and_sessions()
    _messages()
    _extracts()
    _outbox()


def _contact_log() -> None:
    op.create_table(
        "contact_log",
        _id(),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("occurred_at", WHEN, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("told_status", sa.String(length=20), nullable=True),
        sa.Column("told_evidence", sa.JSON(), nullable=True),
        sa.Column("told_through", WHEN, nullable=True),
        sa.Column("recorded_at", WHEN, nullable=False),
        sa.Column("recorded_by", ACTOR, nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        _fk("contact_log", "contact_id", "contacts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_log")),
    )
    _indexes("contact_log", "contact_id")


def _codes_and_sessions() -> None:
    op.create_table(
        "family_codes",
        _id(),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", WHEN, nullable=False),
        sa.Column("issued_by", ACTOR, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.Column("revoked_at", WHEN, nullable=True),
        sa.Column("revoked_by", ACTOR, nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.Column("last_used_at", WHEN, nullable=True),
        _fk("family_codes", "contact_id", "contacts"),
        _fk("family_codes", "person_id", "persons"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_family_codes_code_hash")),
    )
    _indexes("family_codes", "contact_id", "person_id")
    op.create_table(
        "family_sessions",
        _id(),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("client", sa.String(length=100), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("last_seen_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
        _fk("family_sessions", "code_id", "family_codes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_family_sessions_token_hash")),
    )
    _indexes("family_sessions", "code_id")


def _messages() -> None:
    op.create_table(
        "family_messages",
        _id(),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("received_at", WHEN, nullable=False),
        sa.Column("handled_at", WHEN, nullable=True),
        sa.Column("handled_by", ACTOR, nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("handled_note", sa.Text(), nullable=True),
        _fk("family_messages", "code_id", "family_codes"),
        _fk("family_messages", "contact_id", "contacts"),
        _fk("family_messages", "person_id", "persons"),
        _fk("family_messages", "report_id", "reports"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_messages")),
        sa.UniqueConstraint("report_id", name=op.f("uq_family_messages_report_id")),
    )
    _indexes("family_messages", "code_id", "contact_id", "handled_at", "person_id")
    op.create_table(
        "family_attachments",
        _id(),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=50), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        _fk("family_attachments", "message_id", "family_messages"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_attachments")),
        sa.UniqueConstraint("message_id", name=op.f("uq_family_attachments_message_id")),
    )


def _extracts() -> None:
    op.create_table(
        "extracts",
        _id(),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=True),
        sa.Column("status_since_precision", sa.String(length=7), nullable=True),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("issued_at", WHEN, nullable=False),
        sa.Column("issued_by", ACTOR, nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("revoked_at", WHEN, nullable=True),
        sa.Column("revoked_by", ACTOR, nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        _fk("extracts", "person_id", "persons"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extracts")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_extracts_code_hash")),
    )
    _indexes("extracts", "person_id")


def _outbox() -> None:
    op.create_table(
        "family_outbox",
        _id(),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("to_address", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", ACTOR, nullable=False),
        sa.Column("approved_at", WHEN, nullable=True),
        sa.Column("approved_by", ACTOR, nullable=True),
        sa.Column("sent_at", WHEN, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("cancelled_at", WHEN, nullable=True),
        sa.Column("cancelled_by", ACTOR, nullable=True),
        _fk("family_outbox", "contact_id", "contacts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_outbox")),
    )
    _indexes("family_outbox", "contact_id", "sent_at")


def downgrade() -> None:
    for table in (
        "family_outbox",
        "extracts",
        "family_attachments",
        "family_messages",
        "family_sessions",
        "family_codes",
        "contact_log",
    ):
        op.drop_table(table)
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        for column in (
            "version",
            "consent_withdrawn_by",
            "consent_withdrawn_at",
            "channel",
            "language",
        ):
            batch_op.drop_column(column)
