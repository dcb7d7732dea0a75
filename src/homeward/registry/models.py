"""The register's tables. Reports and evidence are immutable; persons change only through the
services, which keep every prior value in `person_history`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from homeward.dates import PartialDate
from homeward.db import Base, UTCDateTime, utcnow

ACTOR = 100  # who made a change: a user name


class Place(Base):
    """A detention site (SIZO, colony, camp, hospital) or another place that evidence names."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # the name cleaned and case-folded in Python (`registry.sources.place_key`): SQLite's
    # lower() folds no Cyrillic, so the database never compares names itself
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(3))
    aliases: Mapped[list[PlaceAlias]] = relationship(
        back_populates="place", cascade="all, delete-orphan", order_by="PlaceAlias.id"
    )


class PlaceAlias(Base):
    __tablename__ = "place_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), index=True)
    place: Mapped[Place] = relationship(back_populates="aliases")


class Source(Base):
    """Where a report or evidence came from: a relative, the ICRC, a list, a video."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("kind", "name"),)


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    side: Mapped[str] = mapped_column(String(10), index=True)
    # the name as the first source wrote it; later spellings are PersonName rows
    surname: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(200))
    patronymic: Mapped[str | None] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1), default="U")
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_date_precision: Mapped[str | None] = mapped_column(String(7))
    birth_place: Mapped[str | None] = mapped_column(String(200))
    citizenship: Mapped[str | None] = mapped_column(String(3))
    service_status: Mapped[str] = mapped_column(String(10), default="military")
    branch: Mapped[str | None] = mapped_column(String(100))
    unit: Mapped[str | None] = mapped_column(String(100))
    rank: Mapped[str | None] = mapped_column(String(100))
    service_number: Mapped[str | None] = mapped_column(String(50), index=True)
    missing_date: Mapped[date | None] = mapped_column(Date)
    missing_date_precision: Mapped[str | None] = mapped_column(String(7))
    missing_place: Mapped[str | None] = mapped_column(String(200))
    # the Geneva Convention record (GC III Art. 17 and 122)
    father_name: Mapped[str | None] = mapped_column(String(200))
    mother_maiden_name: Mapped[str | None] = mapped_column(String(200))
    person_to_inform: Mapped[str | None] = mapped_column(String(300))
    correspondence_address: Mapped[str | None] = mapped_column(String(500))
    # the status in law (e.g. "missing under special circumstances") is not the evidentiary one
    legal_status: Mapped[str | None] = mapped_column(String(100))
    # a cache of the derived status, refreshed by the services whenever evidence changes, so that
    # lists and exports can select by status; the evidence stays the only truth
    status: Mapped[str] = mapped_column(String(20), default="no_information", index=True)
    status_since: Mapped[date | None] = mapped_column(Date)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", order_by="PersonName.id", cascade="all, delete-orphan"
    )
    identifiers: Mapped[list[Identifier]] = relationship(
        back_populates="person", order_by="Identifier.id", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative form)
    __table_args__ = (
        CheckConstraint("side in ('own', 'adversary')", name="side"),
        CheckConstraint("sex in ('M', 'F', 'U')", name="sex"),
    )

    @property
    def birth(self) -> PartialDate | None:
        return PartialDate.from_stored(self.birth_date, self.birth_date_precision)

    @property
    def missing(self) -> PartialDate | None:
        return PartialDate.from_stored(self.missing_date, self.missing_date_precision)


class PersonName(Base):
    """One spelling of a person's name as one source wrote it, with its match keys."""

    __tablename__ = "person_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    surname: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(200))
    patronymic: Mapped[str | None] = mapped_column(String(200))
    surname_key: Mapped[str] = mapped_column(String(64), index=True)
    given_key: Mapped[str] = mapped_column(String(64))
    patronymic_key: Mapped[str] = mapped_column(String(64))
    surname_phonetic: Mapped[str] = mapped_column(String(64), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    person: Mapped[Person] = relationship(back_populates="names")
    source: Mapped[Source | None] = relationship()
    __table_args__ = (
        Index(None, "surname_key", "given_key"),
        Index(None, "surname_phonetic", "given_key"),
    )


class Identifier(Base):
    """A typed document number: tax number, passport, military ID, service number."""

    __tablename__ = "identifiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(100), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    person: Mapped[Person] = relationship(back_populates="identifiers")


class Report(Base):
    """What one source said about one person at one time, kept exactly as received."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entered_by: Mapped[str] = mapped_column(String(ACTOR))
    channel: Mapped[str] = mapped_column(String(10))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # where an imported report came from, row by row
    origin_file: Mapped[str | None] = mapped_column(String(300))
    origin_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    origin_sheet: Mapped[str | None] = mapped_column(String(100))
    origin_row: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[Source] = relationship()


class Evidence(Base):
    """A dated claim about a person's fate or whereabouts. Never changed: superseded instead."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    occurred_on: Mapped[date] = mapped_column(Date)
    occurred_precision: Mapped[str] = mapped_column(String(7))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    reliability: Mapped[str] = mapped_column(String(10))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    note: Mapped[str | None] = mapped_column(Text)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(ACTOR))
    source: Mapped[Source | None] = relationship()
    place: Mapped[Place | None] = relationship()

    @property
    def on(self) -> PartialDate:
        value = PartialDate.from_stored(self.occurred_on, self.occurred_precision)
        assert value is not None
        return value


class Contact(Base):
    """A relative or another contact of a person, with their consents."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    relation: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500))
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_share: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(ACTOR))
    # how the family wants to be reached (homeward.families): a language and a channel
    language: Mapped[str] = mapped_column(String(5), default="uk", server_default="uk")
    channel: Mapped[str] = mapped_column(String(10), default="phone", server_default="phone")
    # when and by whom the consents were last withdrawn; cleared when consent is given again
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_withdrawn_by: Mapped[str | None] = mapped_column(String(ACTOR))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative form)


class PersonHistory(Base):
    """Every change to a person: who, when, why, through what, and the values before and after."""

    __tablename__ = "person_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(ACTOR))
    channel: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # {"field": {"old": ..., "new": ...}} for edits; what was added for the other actions
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
