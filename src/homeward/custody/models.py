"""The bureau's tables: what is ABOUT the work for each prisoner we hold. His fate and
whereabouts (capture, moves, hospital, escape, release, repatriation, death) are evidence on
the person (`registry.models.Evidence`), never copied here."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from homeward.db import Base, UTCDateTime, utcnow
from homeward.registry.models import ACTOR


class Internment(Base):
    """One internment of a prisoner: opened by the bureau at (or after) his capture, with a
    serial number issued once and never reused. A man captured a second time keeps his person
    and gets a second internment."""

    __tablename__ = "custody_internments"

    # AUTOINCREMENT on SQLite (a PostgreSQL sequence anyway): an id, and so a serial number, is
    # never issued twice, even after a rolled-back or deleted row
    id: Mapped[int] = mapped_column(primary_key=True)
    serial_number: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    capture_evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), unique=True)
    opened_on: Mapped[date] = mapped_column(Date)
    power: Mapped[str | None] = mapped_column(String(3))  # the Power on which he depends
    sector: Mapped[str | None] = mapped_column(String(200))  # of the front, at capture
    capturing_unit: Mapped[str | None] = mapped_column(String(200))
    identified_by: Mapped[str | None] = mapped_column(Text)  # how, when he could not say
    language: Mapped[str] = mapped_column(String(2), default="ru")  # his card's language
    letters_per_month: Mapped[int | None] = mapped_column(Integer)
    cards_per_month: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (
        # Art. 71: any limit must allow at least two letters and four cards a month
        CheckConstraint("letters_per_month IS NULL OR letters_per_month >= 2", name="letters"),
        CheckConstraint("cards_per_month IS NULL OR cards_per_month >= 4", name="cards"),
        {"sqlite_autoincrement": True},
    )


class IdentityAnswer(Base):
    """A field of the identity set he refused to give or does not know (Art. 17): distinct
    from a field nobody asked about, which is simply empty."""

    __tablename__ = "custody_identity_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    internment_id: Mapped[int] = mapped_column(ForeignKey("custody_internments.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(String(10))
    __table_args__ = (
        UniqueConstraint("internment_id", "field"),
        CheckConstraint("answer in ('refused', 'not_known')", name="answer"),
    )


class CaptureCard(Base):
    """A capture card made and sent (Art. 70): its date is what the card's clock reads."""

    __tablename__ = "custody_capture_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    internment_id: Mapped[int] = mapped_column(ForeignKey("custody_internments.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    sent_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))


class NotificationBatch(Base):
    """A batch of events sent to the ICRC's Central Tracing Agency on one day."""

    __tablename__ = "custody_notification_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    sent_on: Mapped[date] = mapped_column(Date)
    events: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))  # of the XLSX sent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))


class NotifiedEvent(Base):
    """An event (evidence) and the batch that notified it: each is notified once."""

    __tablename__ = "custody_notified_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("custody_notification_batches.id"), index=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)


class Correspondence(Base):
    """A letter or card sent or received (Art. 71), or a note on why there is none: he declines
    to write, or is obstructed."""

    __tablename__ = "custody_correspondence"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    direction: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (
        CheckConstraint("kind in ('letter', 'card', 'declined', 'obstructed')", name="kind"),
        CheckConstraint("direction IS NULL OR direction in ('sent', 'received')", name="direction"),
    )


class MedicalInspection(Base):
    """A monthly medical inspection (Art. 31), with his weight. Special-category data."""

    __tablename__ = "custody_medical_inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    seriously_ill: Mapped[bool] = mapped_column(Boolean, default=False)
    findings: Mapped[str | None] = mapped_column(Text)
    doctor: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (
        CheckConstraint("weight_kg IS NULL OR (weight_kg >= 20 AND weight_kg <= 300)", name="kg"),
        # each prisoner's latest inspection, for the exchanges' candidate lists
        Index("ix_custody_medical_inspections_latest", "person_id", "on", "id", "seriously_ill"),
    )


class HealthReport(Base):
    """A weekly report on a seriously ill or wounded prisoner's health, sent to the ICRC
    (Art. 122 §6). Special-category data."""

    __tablename__ = "custody_health_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    sent_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))


class AnnexFinding(Base):
    """A doctor's finding of an Annex I condition: eligible for direct repatriation or for
    accommodation in a neutral country (Art. 110). Special-category data."""

    __tablename__ = "custody_annex_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    condition: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(30))
    doctor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))


class Visit(Base):
    """A visit of the ICRC or of the protecting power to a place of internment (Art. 126)."""

    __tablename__ = "custody_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    on: Mapped[date] = mapped_column(Date)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    visitor: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (CheckConstraint("visitor in ('icrc', 'protecting_power')", name="visitor"),)


class VisitInterview(Base):
    """A prisoner the visitors interviewed without witnesses."""

    __tablename__ = "custody_visit_interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("custody_visits.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    __table_args__ = (UniqueConstraint("visit_id", "person_id"),)


class DeathNotice(Base):
    """The death notification (Art. 120): cause, burial and the grave's particulars."""

    __tablename__ = "custody_death_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    death_evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), index=True)
    sent_on: Mapped[date] = mapped_column(Date)
    cause: Mapped[str | None] = mapped_column(Text)  # None: the cause is not known
    caused_by_another: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_on: Mapped[date | None] = mapped_column(Date)
    burial_place: Mapped[str | None] = mapped_column(String(300))
    grave: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))


class Enquiry(Base):
    """The official enquiry into a death whose cause is unknown or that another person may have
    caused (Art. 121)."""

    __tablename__ = "custody_enquiries"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    opened_on: Mapped[date] = mapped_column(Date)
    finding: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))


class Effect(Base):
    """An article or money taken from him, with its receipt (Art. 18), and how it went back:
    returned to him, or sent in a sealed packet through the bureau (Art. 122 §9)."""

    __tablename__ = "custody_effects"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    taken_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(300))
    amount_minor: Mapped[int | None] = mapped_column(Integer)  # money, in kopecks or cents
    currency: Mapped[str | None] = mapped_column(String(3))
    receipt: Mapped[str] = mapped_column(String(50))
    disposed_on: Mapped[date | None] = mapped_column(Date)
    disposal: Mapped[str | None] = mapped_column(String(15))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (
        CheckConstraint(
            "disposal IS NULL OR disposal in ('returned', 'sealed_packet')", name="way"
        ),
    )


class Profile(Base):
    """What he said of himself at interview, given voluntarily. Special-category data: only
    the custodian and the admin read it, every read audited. A new interview adds a row."""

    __tablename__ = "custody_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    interviewed_on: Mapped[date] = mapped_column(Date)
    voluntary: Mapped[bool] = mapped_column(Boolean)
    rank_category: Mapped[str | None] = mapped_column(String(20))
    service_route: Mapped[str | None] = mapped_column(String(20))
    citizenship: Mapped[str | None] = mapped_column(String(3))
    coercion_or_deception: Mapped[bool | None] = mapped_column(Boolean)
    previous_convictions: Mapped[bool | None] = mapped_column(Boolean)
    education: Mapped[str | None] = mapped_column(String(20))
    worked_before_war: Mapped[bool | None] = mapped_column(Boolean)
    children: Mapped[int | None] = mapped_column(Integer)
    chronic_conditions: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (CheckConstraint("voluntary", name="voluntary"),)
