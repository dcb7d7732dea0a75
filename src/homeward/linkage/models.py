"""Linkage's tables: proposed links waiting for a reviewer, and merges that can be undone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from homeward.db import Base, UTCDateTime, utcnow
from homeward.registry.models import ACTOR


class LinkProposal(Base):
    """A possible link: two persons who may be one, or a report that may be about a person.

    Kept with its score and the per-field weights behind it, and with the reviewer's decision;
    a rejected pair is not proposed again.
    """

    __tablename__ = "link_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # person_pair | report_person
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    other_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    match_probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    # how much deciding it would move the clusters (`clustering.review_priorities`): the queue's
    # order, most first
    priority: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0"))
    fields: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text)
    vetoed: Mapped[str | None] = mapped_column(String(200))
    model_version: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(ACTOR))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint("kind in ('person_pair', 'report_person')", name="kind"),
        CheckConstraint("status in ('pending', 'accepted', 'rejected', 'obsolete')", name="status"),
        Index(None, "person_id", "other_person_id", "report_id"),
        Index("ix_link_proposals_status_priority", "status", "priority"),
    )


class Merge(Base):
    """One person absorbed into another, with exactly what moved, so that it can be undone."""

    __tablename__ = "merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    absorbed_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("link_proposals.id"))
    # {"reports": [ids], "evidence": [...], "names": [...], "identifiers": [...], "contacts": [...]}
    moved: Mapped[dict[str, list[int]]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(ACTOR))
    channel: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_by: Mapped[str | None] = mapped_column(String(ACTOR))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undo_reason: Mapped[str | None] = mapped_column(Text)
