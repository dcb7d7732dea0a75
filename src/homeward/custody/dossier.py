"""A prisoner's file as the bureau reads it: his status and internments, his duties with their
clocks, the work recorded — and, for the roles that may read them, his medical records and
profile (special-category data: every read is audited)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission, allows
from homeward.custody import clocks
from homeward.custody import models as m
from homeward.custody.loading import read_prisoners
from homeward.custody.service import prisoner
from homeward.registry.evidence import person_status
from homeward.registry.models import Person
from homeward.registry.status.rules import StatusResult


@dataclass(frozen=True)
class Special:
    """Medical records and the profile: only for `custody_special`."""

    inspections: list[m.MedicalInspection]
    health_reports: list[m.HealthReport]
    annex_findings: list[m.AnnexFinding]
    profiles: list[m.Profile]


@dataclass(frozen=True)
class PrisonerFile:
    person: Person
    status: StatusResult
    internments: list[m.Internment]
    answers: dict[str, str]
    duties: list[clocks.Duty]  # every instance, oldest first
    current: list[clocks.Duty]  # one per obligation: the one that matters now
    camp: str | None
    cards: list[m.CaptureCard]
    letters: list[m.Correspondence]
    effects: list[m.Effect]
    death_notices: list[m.DeathNotice]
    special: Special | None = None
    held: bool = True  # his last internment is still open (else the page says records come late)
    extra: dict[str, Any] = field(default_factory=dict)


def _rows(session: Session, model: Any, person_id: int, order: Any) -> list[Any]:
    query = select(model).where(model.person_id == person_id).order_by(order, model.id)
    return list(session.scalars(query))


def prisoner_file(
    session: Session, *, actor: Actor, person_id: int, as_of: date | None = None
) -> PrisonerFile:
    actor.require(Permission.CUSTODY)
    today = as_of or date.today()
    person = prisoner(session, person_id)
    found = read_prisoners(session, [person_id])
    record = found[0] if found else clocks.Prisoner(person_id, ())
    all_duties = clocks.duties(record, as_of=today)
    periods = clocks.periods_of(record.facts)
    internments = _rows(session, m.Internment, person_id, m.Internment.id)
    answers: dict[str, str] = {}
    for internment in internments:
        query = select(m.IdentityAnswer.field, m.IdentityAnswer.answer).where(
            m.IdentityAnswer.internment_id == internment.id
        )
        answers.update(session.execute(query).all())
    special = _special(session, actor, person_id)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_CUSTODY,
        object_type="person",
        object_id=person_id,
        detail={"special": special is not None},
    )
    return PrisonerFile(
        person=person,
        status=person_status(session, person, as_of=today),
        internments=internments,
        answers=answers,
        duties=sorted(all_duties, key=lambda d: (d.due, d.rule)),
        current=clocks.one_per_obligation(all_duties),
        camp=clocks.whereabouts(record.facts, on=today),
        cards=_rows(session, m.CaptureCard, person_id, m.CaptureCard.sent_on),
        letters=_rows(session, m.Correspondence, person_id, m.Correspondence.on),
        effects=_rows(session, m.Effect, person_id, m.Effect.taken_on),
        death_notices=_rows(session, m.DeathNotice, person_id, m.DeathNotice.sent_on),
        special=special,
        held=bool(periods) and periods[-1].end is None,
    )


def _special(session: Session, actor: Actor, person_id: int) -> Special | None:
    """His medical records and profile, for a role that may read them; the read is audited."""
    if not allows(actor.role, Permission.CUSTODY_SPECIAL):
        return None
    special = Special(
        inspections=_rows(session, m.MedicalInspection, person_id, m.MedicalInspection.on),
        health_reports=_rows(session, m.HealthReport, person_id, m.HealthReport.sent_on),
        annex_findings=_rows(session, m.AnnexFinding, person_id, m.AnnexFinding.on),
        profiles=_rows(session, m.Profile, person_id, m.Profile.interviewed_on),
    )
    audit.log(
        session,
        actor,
        AuditAction.VIEW_SPECIAL,
        object_type="person",
        object_id=person_id,
        detail={"medical": True, "profile": True},
    )
    return special


# One kind of a prisoner's records, as the API lists it: its table, the day it is ordered by,
# and whether it is special-category data (medical records and the profile: `custody_special`
# reads them).
RECORD_KINDS: dict[str, tuple[Any, Any, bool]] = {
    "letters": (m.Correspondence, m.Correspondence.on, False),
    "effects": (m.Effect, m.Effect.taken_on, False),
    "inspections": (m.MedicalInspection, m.MedicalInspection.on, True),
    "health_reports": (m.HealthReport, m.HealthReport.sent_on, True),
    "annex_findings": (m.AnnexFinding, m.AnnexFinding.on, True),
    "death_notices": (m.DeathNotice, m.DeathNotice.sent_on, False),
    "enquiries": (m.Enquiry, m.Enquiry.opened_on, False),
    "profiles": (m.Profile, m.Profile.interviewed_on, True),
}


def records_of(
    session: Session, *, actor: Actor, person_id: int, kind: str, limit: int = 200, offset: int = 0
) -> list[Any]:
    """His records of one kind (RECORD_KINDS), oldest first, `limit` of them from the
    `offset`-th. Medical records and the profile need `custody_special`. The read is audited
    with the records returned: `view_special` for those, `view_custody` for the others."""
    return records_page(
        session, actor=actor, person_id=person_id, kind=kind, limit=limit, offset=offset
    )[0]


def records_page(
    session: Session, *, actor: Actor, person_id: int, kind: str, limit: int = 200, offset: int = 0
) -> tuple[list[Any], int]:
    """`records_of`, and how many records of that kind he has in all (one count query, under
    the same permission and audit entry as the records)."""
    model, order, special = RECORD_KINDS[kind]
    actor.require(Permission.CUSTODY_SPECIAL if special else Permission.CUSTODY)
    prisoner(session, person_id)
    query = (
        select(model)
        .where(model.person_id == person_id)
        .order_by(order, model.id)
        .limit(limit)
        .offset(offset)
    )
    rows = list(session.scalars(query))
    total = session.scalar(
        select(func.count()).select_from(model).where(model.person_id == person_id)
    )
    audit.log(
        session,
        actor,
        AuditAction.VIEW_SPECIAL if special else AuditAction.VIEW_CUSTODY,
        object_type="person",
        object_id=person_id,
        detail={
            "records": kind,
            "ids": [row.id for row in rows],
            **({"offset": offset} if offset else {}),
        },
    )
    return rows, total or 0
