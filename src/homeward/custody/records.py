"""The records of the work done for a prisoner: each is what a duty's clock reads (a card sent,
a letter logged, an inspection, a notice). Services never commit. Medical records and the
profile are special-category data: writing and reading them needs `custody_special`."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.custody import models as m
from homeward.custody.clocks import periods_of
from homeward.custody.schemas import (
    AnnexFindingIn,
    DeathNoticeIn,
    EffectIn,
    EnquiryIn,
    HealthReportIn,
    InspectionIn,
    LetterIn,
    ProfileIn,
    VisitIn,
    Visitor,
)
from homeward.custody.service import (
    PLACES_OF_INTERNMENT,
    audited,
    facts_of,
    held_period,
    internment_for,
    open_internment,
    prisoner,
)
from homeward.documents.formats import day_month_year
from homeward.errors import InvalidInput, NotFound
from homeward.registry.evidence import record_evidence
from homeward.registry.schemas import EvidenceIn, SourceIn
from homeward.registry.sources import find_place
from homeward.registry.vocab import EvidenceKind, Reliability, SourceKind

Row = TypeVar("Row")


def _added(session: Session, actor: Actor, row: Row) -> Row:
    """Store a record and write its audit entry (the record's table and id, never its
    special-category contents)."""
    session.add(row)
    session.flush()
    table = row.__tablename__  # type: ignore[attr-defined]
    action = (
        AuditAction.CAPTURE_CARD if isinstance(row, m.CaptureCard) else AuditAction.CUSTODY_RECORD
    )
    audited(
        session,
        actor,
        action,
        getattr(row, "person_id", None),
        record=table.removeprefix("custody_"),
        id=row.id,  # type: ignore[attr-defined]
    )
    return row


def _within_custody(session: Session, person_id: int, day: date, field: str) -> None:
    """The day must fall within one of his internments, from its capture to its end (or to
    today while it lasts). A record may come late, after he left (a letter he sent while held,
    logged after his repatriation); never for a day he was not ours."""
    prisoner(session, person_id)
    periods = periods_of(facts_of(session, person_id))
    if not periods:
        raise InvalidInput("person", "person %(id)s is not a prisoner we hold", id=person_id)
    for period in periods:
        last = period.end.on.latest if period.end is not None else date.max
        if period.capture.on.earliest <= day <= last:
            return
    first = periods[0].capture.on
    if day < first.earliest:
        raise InvalidInput(
            field, "%(on)s is before his capture on %(captured)s",
            on=day_month_year(day), captured=day_month_year(first),
        )  # fmt: skip
    raise InvalidInput(
        field, "%(on)s is not within his time in our custody", on=day_month_year(day)
    )


def record_card(
    session: Session, *, actor: Actor, person_id: int, language: str, sent_on: date | None = None
) -> m.CaptureCard:
    """A capture card made and sent (Art. 70). His internment is opened first if the bureau had
    not yet issued his serial number (he came by an import or as evidence)."""
    actor.require(Permission.CUSTODY)
    period = held_period(session, person_id)
    internment = internment_for(session, period) or open_internment(
        session, actor=actor, person_id=person_id, language=language
    )
    day = sent_on or date.today()
    if day > date.today():
        raise InvalidInput("sent_on", "is in the future")
    return _added(
        session,
        actor,
        m.CaptureCard(
            internment_id=internment.id,
            person_id=person_id,
            sent_on=day,
            language=language,
            created_by=actor.name,
        ),
    )


def log_letter(session: Session, *, actor: Actor, person_id: int, letter: LetterIn) -> Any:
    actor.require(Permission.CUSTODY)
    _within_custody(session, person_id, letter.on, "on")
    return _added(
        session,
        actor,
        m.Correspondence(
            person_id=person_id,
            on=letter.on,
            kind=letter.kind.value,
            direction=letter.direction.value if letter.direction else None,
            note=letter.note,
            created_by=actor.name,
        ),
    )


def record_inspection(
    session: Session, *, actor: Actor, person_id: int, inspection: InspectionIn
) -> m.MedicalInspection:
    actor.require(Permission.CUSTODY_SPECIAL)
    _within_custody(session, person_id, inspection.on, "on")
    return _added(
        session,
        actor,
        m.MedicalInspection(person_id=person_id, created_by=actor.name, **inspection.model_dump()),
    )


def record_health_report(
    session: Session, *, actor: Actor, person_id: int, report: HealthReportIn
) -> m.HealthReport:
    actor.require(Permission.CUSTODY_SPECIAL)
    _within_custody(session, person_id, report.sent_on, "sent_on")
    return _added(
        session,
        actor,
        m.HealthReport(person_id=person_id, created_by=actor.name, **report.model_dump()),
    )


def record_annex_finding(
    session: Session, *, actor: Actor, person_id: int, finding: AnnexFindingIn
) -> m.AnnexFinding:
    """A doctor's finding of an Annex I condition (the exchange categories read it)."""
    actor.require(Permission.CUSTODY_SPECIAL)
    _within_custody(session, person_id, finding.on, "on")
    data = finding.model_dump()
    data["condition"], data["outcome"] = finding.condition.value, finding.outcome.value
    return _added(
        session, actor, m.AnnexFinding(person_id=person_id, created_by=actor.name, **data)
    )


def record_visit(session: Session, *, actor: Actor, visit: VisitIn) -> m.Visit:
    """A visit to a place of internment (Art. 126); an ICRC interview is evidence that the
    prisoner was there that day."""
    actor.require(Permission.CUSTODY)
    place = find_place(session, visit.place)
    if place is None or place.kind not in PLACES_OF_INTERNMENT:
        raise InvalidInput(
            "place", "no camp, transit camp or hospital is called %(name)s", name=visit.place
        )
    row = _added(
        session,
        actor,
        m.Visit(
            on=visit.on,
            place_id=place.id,
            visitor=visit.visitor.value,
            note=visit.note,
            created_by=actor.name,
        ),
    )
    for person_id in dict.fromkeys(visit.interviewed):
        held_period(session, person_id)
        session.add(m.VisitInterview(visit_id=row.id, person_id=person_id))
        if visit.visitor is Visitor.ICRC:
            record_evidence(
                session,
                actor=actor,
                person_id=person_id,
                evidence=EvidenceIn(
                    kind=EvidenceKind.ICRC_VISIT,
                    on=visit.on,
                    reliability=Reliability.HIGH,
                    place=place.name,
                    source=SourceIn(kind=SourceKind.ORGANISATION, name="ICRC"),
                ),
            )
    session.flush()
    return row


def record_death_notice(
    session: Session, *, actor: Actor, person_id: int, notice: DeathNoticeIn
) -> m.DeathNotice:
    """The death notification (Art. 120); it needs the death recorded as evidence first."""
    actor.require(Permission.CUSTODY)
    prisoner(session, person_id)
    periods = periods_of(facts_of(session, person_id))
    end = periods[-1].end if periods else None
    if end is None or end.kind not in (EvidenceKind.DIED, EvidenceKind.REMAINS_IDENTIFIED):
        raise InvalidInput(
            "person", "no death of person %(id)s is recorded: record it first", id=person_id
        )
    if notice.sent_on < end.on.earliest:
        raise InvalidInput("sent_on", "is before his death")
    return _added(
        session,
        actor,
        m.DeathNotice(
            person_id=person_id,
            death_evidence_id=end.id,
            created_by=actor.name,
            **notice.model_dump(),
        ),
    )


def open_enquiry(
    session: Session, *, actor: Actor, person_id: int, enquiry: EnquiryIn
) -> m.Enquiry:
    """The official enquiry into a death (Art. 121)."""
    actor.require(Permission.CUSTODY)
    prisoner(session, person_id)
    notices = session.scalars(select(m.DeathNotice).where(m.DeathNotice.person_id == person_id))
    if not any(n.cause is None or n.caused_by_another for n in notices):
        raise InvalidInput(
            "person",
            "no death notice of person %(id)s calls for an enquiry (cause unknown, or another "
            "person may have caused it)",
            id=person_id,
        )
    return _added(
        session,
        actor,
        m.Enquiry(person_id=person_id, created_by=actor.name, **enquiry.model_dump()),
    )


def death_notice(
    session: Session, *, actor: Actor, person_id: int, notice_id: int
) -> m.DeathNotice:
    """His death notice `notice_id`: a notice of another person, or none, is not found."""
    actor.require(Permission.CUSTODY)
    prisoner(session, person_id)
    notice = session.get(m.DeathNotice, notice_id)
    if notice is None or notice.person_id != person_id:
        raise NotFound("there is no record %(text)s", text=str(notice_id))
    return notice


def take_effect(session: Session, *, actor: Actor, person_id: int, effect: EffectIn) -> m.Effect:
    """An article or money taken from him, against a receipt (Art. 18)."""
    actor.require(Permission.CUSTODY)
    _within_custody(session, person_id, effect.taken_on, "taken_on")
    return _added(
        session, actor, m.Effect(person_id=person_id, created_by=actor.name, **effect.model_dump())
    )


def dispose_effect(
    session: Session,
    *,
    actor: Actor,
    effect_id: int,
    on: date,
    disposal: str,
    person_id: int | None = None,
) -> m.Effect:
    """Returned to him, or sent in a sealed packet through the bureau (Art. 122 §9). With
    `person_id`, the article must be in his ledger (a form on his page names both)."""
    actor.require(Permission.CUSTODY)
    effect = session.get(m.Effect, effect_id)
    if effect is None or person_id not in (None, effect.person_id):
        raise NotFound("there is no article %(id)s in the ledger", id=effect_id)
    if disposal not in ("returned", "sealed_packet"):
        raise InvalidInput("disposal", "returned, or sealed_packet")
    if effect.disposed_on is not None:
        raise InvalidInput("effect", "article %(id)s went back already", id=effect_id)
    if on < effect.taken_on or on > date.today():
        raise InvalidInput("on", "must fall between the day it was taken and today")
    effect.disposed_on, effect.disposal = on, disposal
    session.flush()
    audited(
        session,
        actor,
        AuditAction.CUSTODY_RECORD,
        effect.person_id,
        record="effect",
        id=effect.id,
        disposal=disposal,
    )
    return effect


def record_profile(
    session: Session, *, actor: Actor, person_id: int, profile: ProfileIn
) -> m.Profile:
    """What he said of himself at interview, given voluntarily (special-category data)."""
    actor.require(Permission.CUSTODY_SPECIAL)
    prisoner(session, person_id)
    if not periods_of(facts_of(session, person_id)):
        raise InvalidInput("person", "person %(id)s is not a prisoner we hold", id=person_id)
    data = profile.model_dump()
    for key in ("rank_category", "service_route", "education"):
        data[key] = data[key].value if data[key] is not None else None
    row = m.Profile(person_id=person_id, created_by=actor.name, **data)
    return _added(session, actor, row)


def latest_profiles(session: Session, *, actor: Actor) -> list[m.Profile]:
    """Every prisoner's latest profile (special-category data, for an export)."""
    actor.require(Permission.CUSTODY_SPECIAL)
    latest: dict[int, m.Profile] = {}
    for row in session.scalars(select(m.Profile).order_by(m.Profile.interviewed_on, m.Profile.id)):
        latest[row.person_id] = row
    return [latest[pid] for pid in sorted(latest)]
