"""The exchanges' tables: what is ABOUT an exchange (its phases, lists, holds, rosters). A
return is evidence on the person (`registry.models.Evidence`), never copied here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from homeward.db import Base, UTCDateTime, utcnow
from homeward.registry.models import ACTOR


class Exchange(Base):
    __tablename__ = "exchanges"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    mediator: Mapped[str | None] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="proposed")
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    # mode "numbers": {"category": count}, the same for each side
    quotas: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    agreed_reason: Mapped[str | None] = mapped_column(Text)
    carried_out_on: Mapped[date | None] = mapped_column(Date)  # when the persons were handed over
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    phases: Mapped[list[ExchangePhase]] = relationship(
        order_by="ExchangePhase.number", cascade="all, delete-orphan"
    )
    __table_args__ = (
        CheckConstraint("mode in ('all_for_all', 'one_for_one', 'numbers')", name="mode"),
        CheckConstraint(
            "state in ('proposed', 'agreed', 'carried_out', 'reconciled')", name="state"
        ),
    )

    @property
    def day(self) -> date:
        """The exchange day: its first phase's."""
        return self.phases[0].on


class ExchangePhase(Base):
    __tablename__ = "exchange_phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(ForeignKey("exchanges.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    on: Mapped[date] = mapped_column(Date)
    __table_args__ = (UniqueConstraint("exchange_id", "number"),)


class ListVersion(Base):
    """One version of one side's list: who changed it, when and why. Its entries are the whole
    list as it then stood, so that any two versions can be compared."""

    __tablename__ = "exchange_list_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(ForeignKey("exchanges.id"), index=True)
    side: Mapped[str] = mapped_column(String(10))
    number: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    entries: Mapped[list[ListEntry]] = relationship(
        order_by="ListEntry.id", cascade="all, delete-orphan"
    )
    __table_args__ = (
        UniqueConstraint("exchange_id", "side", "number"),
        CheckConstraint("side in ('own', 'adversary')", name="side"),
    )


class ListEntry(Base):
    __tablename__ = "exchange_list_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("exchange_list_versions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)  # the ones he falls under
    __table_args__ = (UniqueConstraint("version_id", "person_id"),)


class Hold(Base):
    """A prisoner we hold who may not be offered: held back for judicial proceedings (Art. 115,
    119) or refusing repatriation (Art. 109). Lifted on `lifted_on` (the first day he may be
    offered again), with the reason and who lifted it."""

    __tablename__ = "exchange_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(15))
    since: Mapped[date] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)
    lifted_reason: Mapped[str | None] = mapped_column(Text)
    lifted_by: Mapped[str | None] = mapped_column(String(ACTOR))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (CheckConstraint("kind in ('proceedings', 'refuses')", name="kind"),)


class Reconciliation(Base):
    """A roster reconciled and applied: its figures and the persons behind each."""

    __tablename__ = "exchange_reconciliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(ForeignKey("exchanges.id"), index=True)
    side: Mapped[str] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    applied_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (
        UniqueConstraint("exchange_id", "side"),
        CheckConstraint("side in ('own', 'adversary')", name="side"),
    )


class ReturneeTask(Base):
    """A step of a returnee's life after return done: medical screening, psychological
    rehabilitation, documents restored, back pay; with the day and who did it."""

    __tablename__ = "exchange_returnee_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    task: Mapped[str] = mapped_column(String(40))
    done_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    __table_args__ = (UniqueConstraint("person_id", "task"),)
