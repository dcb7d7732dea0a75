"""Custody: the Geneva Convention bureau's records for the prisoners our side holds

Internments with serial numbers that are never reused (AUTOINCREMENT on SQLite, a sequence on
PostgreSQL), identity answers (refused / not known), capture cards, notification batches and the
events they notified, correspondence, medical inspections, weekly health reports, Annex I
findings, visits, death notices, enquiries, the effects ledger and the profile. The prisoner's
fate stays evidence on the person.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import homeward.db

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = (
    "custody_identity_answers",
    "custody_capture_cards",
    "custody_notified_events",
    "custody_internments",
    "custody_death_notices",
    "custody_visit_interviews",
    "custody_visits",
    "custody_profiles",
    "custody_medical_inspections",
    "custody_health_reports",
    "custody_enquiries",
    "custody_effects",
    "custody_correspondence",
    "custody_annex_findings",
    "custody_notification_batches",
)


def upgrade() -> None:
    op.create_table(
        "custody_notification_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_notification_batches")),
    )
    op.create_table(
        "custody_annex_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("condition", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("doctor", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_annex_findings_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_annex_findings")),
    )
    with op.batch_alter_table("custody_annex_findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_annex_findings_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_correspondence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "direction IS NULL OR direction in ('sent', 'received')",
            name=op.f("ck_custody_correspondence_direction"),
        ),
        sa.CheckConstraint(
            "kind in ('letter', 'card', 'declined', 'obstructed')",
            name=op.f("ck_custody_correspondence_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_correspondence_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_correspondence")),
    )
    with op.batch_alter_table("custody_correspondence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_correspondence_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_effects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("receipt", sa.String(length=50), nullable=False),
        sa.Column("disposed_on", sa.Date(), nullable=True),
        sa.Column("disposal", sa.String(length=15), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "disposal IS NULL OR disposal in ('returned', 'sealed_packet')",
            name=op.f("ck_custody_effects_way"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_effects_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_effects")),
    )
    with op.batch_alter_table("custody_effects", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_effects_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_enquiries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("finding", sa.Text(), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_enquiries_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_enquiries")),
    )
    with op.batch_alter_table("custody_enquiries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_enquiries_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_health_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_health_reports_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_health_reports")),
    )
    with op.batch_alter_table("custody_health_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_health_reports_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_medical_inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("seriously_ill", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("doctor", sa.String(length=200), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "weight_kg IS NULL OR (weight_kg >= 20 AND weight_kg <= 300)",
            name=op.f("ck_custody_medical_inspections_kg"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_custody_medical_inspections_person_id_persons"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_medical_inspections")),
    )
    with op.batch_alter_table("custody_medical_inspections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_medical_inspections_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interviewed_on", sa.Date(), nullable=False),
        sa.Column("voluntary", sa.Boolean(), nullable=False),
        sa.Column("rank_category", sa.String(length=20), nullable=True),
        sa.Column("service_route", sa.String(length=20), nullable=True),
        sa.Column("citizenship", sa.String(length=3), nullable=True),
        sa.Column("coercion_or_deception", sa.Boolean(), nullable=True),
        sa.Column("previous_convictions", sa.Boolean(), nullable=True),
        sa.Column("education", sa.String(length=20), nullable=True),
        sa.Column("worked_before_war", sa.Boolean(), nullable=True),
        sa.Column("children", sa.Integer(), nullable=True),
        sa.Column("chronic_conditions", sa.Text(), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("voluntary", name=op.f("ck_custody_profiles_voluntary")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_profiles_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_profiles")),
    )
    with op.batch_alter_table("custody_profiles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_profiles_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("visitor", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "visitor in ('icrc', 'protecting_power')", name=op.f("ck_custody_visits_visitor")
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_custody_visits_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_visits")),
    )
    with op.batch_alter_table("custody_visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_custody_visits_place_id"), ["place_id"], unique=False)

    op.create_table(
        "custody_visit_interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_custody_visit_interviews_person_id_persons"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["custody_visits.id"],
            name=op.f("fk_custody_visit_interviews_visit_id_custody_visits"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_visit_interviews")),
        sa.UniqueConstraint(
            "visit_id", "person_id", name=op.f("uq_custody_visit_interviews_visit_id")
        ),
    )
    with op.batch_alter_table("custody_visit_interviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_visit_interviews_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_custody_visit_interviews_visit_id"), ["visit_id"], unique=False
        )

    op.create_table(
        "custody_death_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("death_evidence_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=True),
        sa.Column("caused_by_another", sa.Boolean(), nullable=False),
        sa.Column("buried_on", sa.Date(), nullable=True),
        sa.Column("burial_place", sa.String(length=300), nullable=True),
        sa.Column("grave", sa.String(length=300), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["death_evidence_id"],
            ["evidence.id"],
            name=op.f("fk_custody_death_notices_death_evidence_id_evidence"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_death_notices_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_death_notices")),
    )
    with op.batch_alter_table("custody_death_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_death_notices_death_evidence_id"),
            ["death_evidence_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_custody_death_notices_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_internments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial_number", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("capture_evidence_id", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("power", sa.String(length=3), nullable=True),
        sa.Column("sector", sa.String(length=200), nullable=True),
        sa.Column("capturing_unit", sa.String(length=200), nullable=True),
        sa.Column("identified_by", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("letters_per_month", sa.Integer(), nullable=True),
        sa.Column("cards_per_month", sa.Integer(), nullable=True),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "cards_per_month IS NULL OR cards_per_month >= 4",
            name=op.f("ck_custody_internments_cards"),
        ),
        sa.CheckConstraint(
            "letters_per_month IS NULL OR letters_per_month >= 2",
            name=op.f("ck_custody_internments_letters"),
        ),
        sa.ForeignKeyConstraint(
            ["capture_evidence_id"],
            ["evidence.id"],
            name=op.f("fk_custody_internments_capture_evidence_id_evidence"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_internments_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_internments")),
        sa.UniqueConstraint(
            "capture_evidence_id", name=op.f("uq_custody_internments_capture_evidence_id")
        ),
        sa.UniqueConstraint("serial_number", name=op.f("uq_custody_internments_serial_number")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("custody_internments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_internments_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_notified_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["custody_notification_batches.id"],
            name=op.f("fk_custody_notified_events_batch_id_custody_notification_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence.id"],
            name=op.f("fk_custody_notified_events_evidence_id_evidence"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_notified_events_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_notified_events")),
        sa.UniqueConstraint("evidence_id", name=op.f("uq_custody_notified_events_evidence_id")),
    )
    with op.batch_alter_table("custody_notified_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_notified_events_batch_id"), ["batch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_custody_notified_events_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_capture_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("internment_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("created_at", homeward.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["internment_id"],
            ["custody_internments.id"],
            name=op.f("fk_custody_capture_cards_internment_id_custody_internments"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_custody_capture_cards_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_capture_cards")),
    )
    with op.batch_alter_table("custody_capture_cards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_capture_cards_internment_id"), ["internment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_custody_capture_cards_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "custody_identity_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("internment_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "answer in ('refused', 'not_known')", name=op.f("ck_custody_identity_answers_answer")
        ),
        sa.ForeignKeyConstraint(
            ["internment_id"],
            ["custody_internments.id"],
            name=op.f("fk_custody_identity_answers_internment_id_custody_internments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_identity_answers")),
        sa.UniqueConstraint(
            "internment_id", "field", name=op.f("uq_custody_identity_answers_internment_id")
        ),
    )
    with op.batch_alter_table("custody_identity_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custody_identity_answers_internment_id"), ["internment_id"], unique=False
        )


def downgrade() -> None:
    for table in TABLES:  # those that refer to others first
        op.drop_table(table)
