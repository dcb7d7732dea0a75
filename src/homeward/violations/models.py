"""The tables of incidents and their evidence files.

An incident holds acts; an act names its victims (persons in the register), its alleged
perpetrators (records of their own), and the sources that support it with the reliability of
each source and the credibility of what it says. An evidence file is a row here and its bytes in
the content-addressed store (`violations.files`), named by their SHA-256.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from homeward.db import Base, UTCDateTime, utcnow
from homeward.registry.models import ACTOR, Place, Source


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(ACTOR))
    place: Mapped[Place | None] = relationship()
    acts: Mapped[list[Act]] = relationship(back_populates="incident", order_by="Act.id")


class Perpetrator(Base):
    """An alleged perpetrator: a unit, a facility's staff or a named individual, recorded once
    and named by the acts alleged against it."""

    __tablename__ = "perpetrators"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(ACTOR))
    place: Mapped[Place | None] = relationship()


class Act(Base):
    """One act of an incident: its type (`act_types.toml`), where and when (a partial date, or
    a range from `occurred_on` to `occurred_until`)."""

    __tablename__ = "acts"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    act_type: Mapped[str] = mapped_column(String(40), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    occurred_on: Mapped[date | None] = mapped_column(Date, index=True)
    occurred_precision: Mapped[str | None] = mapped_column(String(7))
    occurred_until: Mapped[date | None] = mapped_column(Date)
    until_precision: Mapped[str | None] = mapped_column(String(7))
    # the last day the act may have happened on (the end of the range, or of the month or year
    # a partial date names): what a filter by period compares
    latest_on: Mapped[date | None] = mapped_column(Date, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    # the debriefing's mention the act was recorded from, when a witness told of it
    mention_id: Mapped[int | None] = mapped_column(ForeignKey("testimony_mentions.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(ACTOR))
    incident: Mapped[Incident] = relationship(back_populates="acts")
    place: Mapped[Place | None] = relationship()
    victims: Mapped[list[ActVictim]] = relationship(order_by="ActVictim.id")
    perpetrators: Mapped[list[ActPerpetrator]] = relationship(order_by="ActPerpetrator.id")
    sources: Mapped[list[ActSource]] = relationship(order_by="ActSource.id")


class ActVictim(Base):
    __tablename__ = "act_victims"
    __table_args__ = (UniqueConstraint("act_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("acts.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)


class ActPerpetrator(Base):
    __tablename__ = "act_perpetrators"
    __table_args__ = (UniqueConstraint("act_id", "perpetrator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("acts.id"), index=True)
    perpetrator_id: Mapped[int] = mapped_column(ForeignKey("perpetrators.id"), index=True)
    perpetrator: Mapped[Perpetrator] = relationship()


class ActSource(Base):
    """A source that supports an act: how reliable the source is, how credible what it says."""

    __tablename__ = "act_sources"
    __table_args__ = (UniqueConstraint("act_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("acts.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    reliability: Mapped[str] = mapped_column(String(10))
    credibility: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[Source] = relationship()


class EvidenceFile(Base):
    """A file attached to an incident, a person or a debriefing. Its bytes are in the store
    under their SHA-256, never altered; who added, viewed and exported it is in the audit log
    (object_type "evidence_file"). `restricted`: footage of captives (GC III Art. 13)."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    debriefing_id: Mapped[int | None] = mapped_column(
        ForeignKey("testimony_debriefings.id"), index=True
    )
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(ACTOR))


class ViolationHistory(Base):
    """A correction of an act or an alleged perpetrator: who, when, why, through what, and the
    values before and after ({"field": {"old": ..., "new": ...}}), as `person_history` keeps
    the edits of a person. The row corrected holds the new values; nothing is lost."""

    __tablename__ = "violation_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(20))  # act, perpetrator
    object_id: Mapped[int] = mapped_column(Integer, index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(ACTOR))
    channel: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
