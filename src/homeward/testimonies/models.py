"""The testimonies' tables: what is ABOUT a debriefing. What a linked mention says of a
person's fate is a `testimony_sighting` on him (`registry.models.Evidence`), never copied
here. Mentions are never changed: a resolution is a row of its own, and a later one
supersedes an earlier one, so nothing a witness said, or any decision on it, is lost."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from homeward.dates import PartialDate
from homeward.db import Base, UTCDateTime, utcnow
from homeward.registry.models import ACTOR, Place, Source


class Debriefing(Base):
    """A witness's interview: a Source of its own, tied to the witness."""

    __tablename__ = "testimony_debriefings"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), unique=True)
    witness_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    witness_name: Mapped[str] = mapped_column(String(300))  # as the witness gave it
    interviewer: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(5))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    source: Mapped[Source | None] = relationship()
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="debriefing", order_by="Mention.position"
    )


class Mention(Base):
    """One person the witness spoke of, exactly as heard. Never changed."""

    __tablename__ = "testimony_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    debriefing_id: Mapped[int] = mapped_column(ForeignKey("testimony_debriefings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name_heard: Mapped[str | None] = mapped_column(String(300))
    age_low: Mapped[int | None] = mapped_column(Integer)
    age_high: Mapped[int | None] = mapped_column(Integer)
    age_given: Mapped[str | None] = mapped_column(String(20))  # as the witness said it: ~24
    unit: Mapped[str | None] = mapped_column(String(100))
    place_heard: Mapped[str | None] = mapped_column(String(200))  # as the witness named it
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    seen_from: Mapped[date | None] = mapped_column(Date)
    seen_from_precision: Mapped[str | None] = mapped_column(String(7))
    seen_to: Mapped[date | None] = mapped_column(Date)
    seen_to_precision: Mapped[str | None] = mapped_column(String(7))
    condition: Mapped[str | None] = mapped_column(String(10))
    words: Mapped[str | None] = mapped_column(Text)  # what the witness said
    # the highest person id linkage has looked at for this mention (the re-examination's mark)
    examined_through: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    debriefing: Mapped[Debriefing] = relationship(back_populates="mentions")
    place: Mapped[Place | None] = relationship()
    resolutions: Mapped[list[Resolution]] = relationship(order_by="Resolution.id")
    __table_args__ = (
        UniqueConstraint("debriefing_id", "position"),
        CheckConstraint("age_low IS NULL OR age_low <= age_high", name="age"),
    )

    @property
    def seen_start(self) -> PartialDate | None:
        return PartialDate.from_stored(self.seen_from, self.seen_from_precision)

    @property
    def seen_end(self) -> PartialDate | None:
        return PartialDate.from_stored(self.seen_to, self.seen_to_precision)

    @property
    def age(self) -> tuple[int, int] | None:
        if self.age_low is None or self.age_high is None:
            return None
        return self.age_low, self.age_high

    @property
    def age_heard(self) -> str | None:
        """The age as the witness gave it (a guess ~24, a range 25-30); before it was kept,
        the range."""
        if self.age_given:
            return self.age_given
        if self.age_low is None:
            return None
        if self.age_low == self.age_high:
            return str(self.age_low)
        return f"{self.age_low}–{self.age_high}"

    @property
    def current(self) -> Resolution | None:
        """The resolution that stands: the latest."""
        return self.resolutions[-1] if self.resolutions else None


class Resolution(Base):
    """A decision on a mention: linked to a person (with the sighting it made), or not in the
    register. The latest stands; earlier ones are kept."""

    __tablename__ = "testimony_resolutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("testimony_mentions.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"), unique=True)
    probability: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (
        CheckConstraint("decision in ('linked', 'not_in_register')", name="decision"),
        CheckConstraint(
            "(decision = 'linked') = (person_id IS NOT NULL)", name="linked_has_person"
        ),
    )


class Proposal(Base):
    """A person linkage proposes for an open mention when it re-examines the queue."""

    __tablename__ = "testimony_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("testimony_mentions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    probability: Mapped[float] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text)
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("mention_id", "person_id"),)
