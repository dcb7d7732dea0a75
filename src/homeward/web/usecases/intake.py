"""Intake of a relative's report: who in the register it may be about, then, in one go, the
report, the person (found or new), the evidence the report carries and the relative's contact.

The operator sees the likely persons while typing, so that a duplicate is caught before it is
made; a submission without a choice while a likely person exists is refused. Input is checked in
full before anything is written, and every problem is named by its field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate, parse_partial_date
from homeward.errors import InvalidInput, NotFound
from homeward.linkage.batch import Thresholds
from homeward.linkage.candidates import find_candidates
from homeward.linkage.features import LinkRecord, features
from homeward.linkage.model import LinkageModel
from homeward.registry.evidence import record_report_evidence
from homeward.registry.models import Evidence, Person, Report
from homeward.registry.schemas import ContactIn, NameIn, PersonIn, ReportIn, SourceIn, validated
from homeward.registry.service import add_name, create_person, get_person
from homeward.registry.sources import add_contact, add_report
from homeward.registry.vocab import EvidenceKind, Reliability, Sex, Side, SourceKind
from homeward.web.usecases.review import MAX_ID, Weight, floor_percent, weights_of

# The review threshold: a candidate this likely is "probably the same person".
LIKELY = Thresholds().review
SOURCE = SourceIn(kind=SourceKind.RELATIVE, name="Relatives' reports")
RELATIONS = (
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "grandparent",
    "other",
)
IDENTITY_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "sex",
    "birth_date",
    "unit",
    "missing_date",
    "missing_place",
)
FORM_FIELDS = (
    *IDENTITY_FIELDS,
    "circumstances",
    "relative_name",
    "relative_relation",
    "relative_phone",
    "relative_email",
    "relative_address",
    "consent_contact",
    "consent_share",
    "person_id",
)
NEW_PERSON = "new"
_PHONE = re.compile(r"^[0-9+()\-.\s/]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_YES = {"on", "true", "1", "yes"}


def _(message: str) -> str:
    """Marks a message for translation; the page translates it in the user's language."""
    return message


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field: an English message with named values."""

    message: str
    values: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        return self.message % self.values if self.values else self.message


class IntakeInvalid(InvalidInput):
    """The form's problems, every one named by its field; nothing was written."""

    def __init__(self, problems: dict[str, Problem]) -> None:
        first, problem = next(iter(problems.items()))
        super().__init__(first, problem.message, **problem.values)
        self.problems = problems


@dataclass(frozen=True)
class Intake:
    """A checked report: the person as the relative describes them and the relative."""

    person: PersonIn
    contact: ContactIn
    payload: dict[str, Any]  # the report as received
    evidence_on: PartialDate | None  # the report's date of disappearance: no date, no evidence
    person_id: int | None  # the person the operator chose
    new_person: bool  # the operator confirmed that it is nobody in the register


@dataclass(frozen=True)
class CandidateView:
    person_id: int
    name: str
    spelling: str | None  # the spelling that matched, when the register's name is another
    status: str
    birth: PartialDate | None
    unit: str | None
    probability: float
    vetoed: str | None
    explanation: str
    weights: tuple[Weight, ...]

    @property
    def likely(self) -> bool:
        return self.probability >= LIKELY

    @property
    def percent(self) -> float:
        return floor_percent(self.probability)


@dataclass(frozen=True)
class IntakeDone:
    report_id: int
    person_id: int
    person_name: str
    new_person: bool
    contact_id: int | None
    evidence: bool


@cache
def linkage_model() -> LinkageModel:
    """The default linkage model, read once."""
    return LinkageModel.load()


def prepare() -> None:
    """Read the linkage model and build the name tables now (several seconds), so that the
    first lookup at intake does not wait for them: for the application's start."""
    linkage_model()
    features(LinkRecord("warm-up", "Коваленко", "Олександр", "Петрович", unit="А0536"))


def _clean(form: Mapping[str, object], name: str) -> str:
    value = form.get(name)
    if value is None or isinstance(value, bool):
        return ""
    return " ".join(str(value).split())


def link_record(form: Mapping[str, object]) -> LinkRecord:
    """The missing person as the form describes them, as linkage reads a record."""
    sex = _clean(form, "sex").upper()
    return LinkRecord(
        record_id="intake",
        surname=_clean(form, "surname"),
        given_name=_clean(form, "given_name"),
        patronymic=_clean(form, "patronymic"),
        sex=sex if sex in ("M", "F") else "",
        birth_date=_clean(form, "birth_date"),
        unit=_clean(form, "unit"),
        missing_date=_clean(form, "missing_date"),
        missing_place=_clean(form, "missing_place"),
    )


def _find(session: Session, record: LinkRecord, limit: int) -> list[CandidateView]:
    found = find_candidates(session, record, model=linkage_model(), limit=limit)
    if not found:
        return []
    persons = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.id.in_([c.person_id for c in found])))
    }
    return [
        CandidateView(
            person_id=c.person_id,
            name=c.name,
            spelling=c.spelling,
            status=c.status,
            birth=persons[c.person_id].birth,
            unit=persons[c.person_id].unit,
            probability=c.score.match_probability,
            vetoed=c.score.vetoed,
            explanation=c.explanation,
            weights=weights_of(c.score.fields),
        )
        for c in found
        # a relative reports one of our people: prisoners we hold are never the one
        if persons[c.person_id].side == Side.OWN.value
    ]


def candidates(
    session: Session, actor: Actor, form: Mapping[str, object], *, limit: int = 8
) -> list[CandidateView]:
    """The persons the report may be about, most likely first; the lookup is audited."""
    actor.require(Permission.INTAKE)
    record = link_record(form)
    if not record.surname:
        return []
    found = _find(session, record, limit)
    query = {name: _clean(form, name) for name in IDENTITY_FIELDS if _clean(form, name)}
    audit.log(
        session,
        actor,
        AuditAction.CANDIDATES,
        object_type="intake",
        detail={"query": query, "found": [c.person_id for c in found]},
    )
    return found


def _text(
    form: Mapping[str, object],
    name: str,
    limit: int,
    problems: dict[str, Problem],
    *,
    required: bool = False,
    lines: bool = False,
) -> str | None:
    raw = form.get(name)
    text = "" if raw is None or isinstance(raw, bool) else str(raw)
    value = text.strip() if lines else " ".join(text.split())
    if not value:
        if required:
            problems[name] = Problem(_("is required"))
        return None
    if len(value) > limit:
        problems[name] = Problem(_("is too long: at most %(n)s characters"), {"n": str(limit)})
    return value


def _date(
    form: Mapping[str, object], name: str, problems: dict[str, Problem]
) -> PartialDate | None:
    text = _clean(form, name)
    if not text:
        return None
    if len(text) > 50:
        problems[name] = Problem(_("is too long: at most %(n)s characters"), {"n": "50"})
        return None
    try:
        value = parse_partial_date(text, field=name)
    except InvalidInput as error:
        if "not a real date" in error.problem:
            problems[name] = Problem(_("%(value)s is not a real date"), {"value": text})
        else:
            problems[name] = Problem(
                _("%(value)s is not a date: write dd.mm.yyyy, mm.yyyy or yyyy"), {"value": text}
            )
        return None
    if value is not None and value.earliest > date.today():
        problems[name] = Problem(_("is in the future"))
        return None
    return value


def _yes(form: Mapping[str, object], name: str) -> bool:
    value = form.get(name)
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _YES


def read_intake(form: Mapping[str, object]) -> Intake:
    """Check the whole form; raise `IntakeInvalid` naming every field with a problem."""
    problems: dict[str, Problem] = {}
    surname = _text(form, "surname", 200, problems, required=True)
    given_name = _text(form, "given_name", 200, problems)
    patronymic = _text(form, "patronymic", 200, problems)
    sex = _clean(form, "sex").upper() or Sex.UNKNOWN.value
    if sex not in {s.value for s in Sex}:
        problems["sex"] = Problem(_("choose male, female or unknown"))
    birth = _date(form, "birth_date", problems)
    unit = _text(form, "unit", 100, problems)
    missing = _date(form, "missing_date", problems)
    if birth and missing and missing.certainly_before(birth):
        problems["missing_date"] = Problem(_("is before the date of birth"))
    missing_place = _text(form, "missing_place", 200, problems)
    circumstances = _text(form, "circumstances", 5000, problems, lines=True)
    relative_name = _text(form, "relative_name", 300, problems, required=True)
    relation = _text(form, "relative_relation", 50, problems, required=True)
    phone = _text(form, "relative_phone", 50, problems)
    email = _text(form, "relative_email", 200, problems)
    address = _text(form, "relative_address", 500, problems, lines=True)
    if phone and (not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 5):
        problems["relative_phone"] = Problem(_("is not a phone number"))
    if email and not _EMAIL.match(email):
        problems["relative_email"] = Problem(_("is not an e-mail address"))
    if not (phone or email or address) and "relative_phone" not in problems:
        problems["relative_phone"] = Problem(_("give a phone, an e-mail or an address"))
    choice = _clean(form, "person_id")
    person_id: int | None = None
    if choice and choice != NEW_PERSON:
        if not (choice.isascii() and choice.isdigit() and len(choice) <= 10) or not (
            0 < int(choice) <= MAX_ID
        ):
            problems["person_id"] = Problem(_("choose a person from the list, or a new person"))
        else:
            person_id = int(choice)
    if missing is None and person_id is None and "missing_date" not in problems:
        # a new person is missing from a day, however roughly known; for a person already in
        # the register a report may add nothing but what it says
        problems["missing_date"] = Problem(_("give the date of disappearance: a year will do"))
    if problems:
        raise IntakeInvalid(problems)
    assert surname is not None
    assert relative_name is not None
    assert relation is not None
    person = validated(
        PersonIn,
        {
            "surname": surname,
            "given_name": given_name,
            "patronymic": patronymic,
            "sex": sex,
            "birth_date": birth,
            "unit": unit,
            "missing_date": missing,
            "missing_place": missing_place,
        },
    )
    contact = validated(
        ContactIn,
        {
            "name": relative_name,
            "relation": relation,
            "phone": phone,
            "email": email,
            "address": address,
            "consent_contact": _yes(form, "consent_contact"),
            "consent_share": _yes(form, "consent_share"),
        },
    )
    evidence_on = missing
    payload: dict[str, Any] = {
        name: value
        for name in ("surname", "given_name", "patronymic", "unit", "missing_place")
        if (value := _clean(form, name))
    }
    payload.update(
        {name: _clean(form, name) for name in ("birth_date", "missing_date") if _clean(form, name)}
    )
    if sex != Sex.UNKNOWN.value:
        payload["sex"] = sex
    if circumstances:
        payload["circumstances"] = circumstances
    payload["relation"] = relation
    if evidence_on is not None:  # a report that gives no date makes no evidence
        payload["evidence"] = {
            "kind": EvidenceKind.REPORTED_MISSING.value,
            "on": evidence_on.iso(),
            "reliability": Reliability.MEDIUM.value,
            "place": missing_place,
        }
    return Intake(
        person=person,
        contact=contact,
        payload=payload,
        evidence_on=evidence_on,
        person_id=person_id,
        new_person=choice == NEW_PERSON,
    )


def _chosen(session: Session, intake: Intake) -> Person | None:
    """The person the report is to be linked to, checked; None for a new person."""
    if intake.person_id is not None:
        person = session.get(Person, intake.person_id)
        if person is None:
            raise IntakeInvalid(
                {
                    "person_id": Problem(
                        _("there is no person %(id)s"), {"id": str(intake.person_id)}
                    )
                }
            )
        if person.merged_into_id is not None:
            raise IntakeInvalid(
                {
                    "person_id": Problem(
                        _("person %(id)s was merged into person %(into)s: choose again"),
                        {"id": str(person.id), "into": str(person.merged_into_id)},
                    )
                }
            )
        if person.side != Side.OWN.value:
            raise IntakeInvalid(
                {
                    "person_id": Problem(
                        _("person %(id)s is a prisoner held by our side, not one of our people"),
                        {"id": str(person.id)},
                    )
                }
            )
        birth = person.birth
        on = intake.evidence_on
        if birth is not None and on is not None and on.certainly_before(birth):
            raise IntakeInvalid(
                {
                    "missing_date": Problem(
                        _("is before the chosen person's date of birth (%(birth)s)"),
                        {"birth": birth.iso()},
                    )
                }
            )
        return person
    if not intake.new_person:
        record = link_record(intake.payload)
        likely = [c for c in _find(session, record, 8) if c.likely]
        if likely:
            raise IntakeInvalid(
                {
                    "person_id": Problem(
                        _(
                            "the register already has a likely match (person %(ids)s): "
                            "choose the person, or confirm that this is a new person"
                        ),
                        {"ids": ", ".join(str(c.person_id) for c in likely)},
                    )
                }
            )
    return None


def take_report(session: Session, actor: Actor, form: Mapping[str, object]) -> IntakeDone:
    """Record a relative's report in one transaction: checked first, then written whole."""
    actor.require(Permission.INTAKE)
    actor.require(Permission.EVIDENCE)
    actor.require(Permission.CONTACTS_WRITE)
    intake = read_intake(form)
    person = _chosen(session, intake)
    new_person = person is None
    if person is None:
        person = create_person(
            session,
            actor=actor,
            person=intake.person,
            source=SOURCE,
            reason="a relative's report at intake",
        )
        audit.log(
            session,
            actor,
            AuditAction.CREATE_PERSON,
            object_type="person",
            object_id=person.id,
            detail={"channel": "intake"},
        )
    elif not _spelled_so(person, intake.person):
        add_name(
            session,
            actor=actor,
            person_id=person.id,
            name=NameIn(
                surname=intake.person.surname,
                given_name=intake.person.given_name,
                patronymic=intake.person.patronymic,
            ),
            source=SOURCE,
        )
    report = add_report(
        session,
        actor=actor,
        report=ReportIn(source=SOURCE, payload=intake.payload),
        person_id=person.id,
    )
    audit.log(
        session,
        actor,
        AuditAction.ADD_REPORT,
        object_type="report",
        object_id=report.id,
        detail={"source": SOURCE.name, "person_id": person.id},
    )
    audit.log(
        session,
        actor,
        AuditAction.LINK_REPORT,
        object_type="report",
        object_id=report.id,
        detail={"person_id": person.id, "new_person": new_person},
    )
    evidence = record_report_evidence(session, actor=actor, report=report)
    if evidence:
        audit.log(
            session,
            actor,
            AuditAction.ADD_EVIDENCE,
            object_type="person",
            object_id=person.id,
            detail={"report_id": report.id, "kind": EvidenceKind.REPORTED_MISSING.value},
        )
    contact = add_contact(session, actor=actor, person_id=person.id, contact=intake.contact)
    audit.log(
        session,
        actor,
        AuditAction.ADD_CONTACT,
        object_type="contact",
        object_id=contact.id,
        detail={
            "person_id": person.id,
            "relation": contact.relation,
            "consent_contact": contact.consent_contact,
            "consent_share": contact.consent_share,
        },
    )
    return IntakeDone(
        report_id=report.id,
        person_id=person.id,
        person_name=_full_name(person),
        new_person=new_person,
        contact_id=contact.id,
        evidence=evidence,
    )


def _full_name(person: Person) -> str:
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


def _spelled_so(person: Person, name: NameIn) -> bool:
    wanted = (name.surname, name.given_name, name.patronymic)
    return any((n.surname, n.given_name, n.patronymic) == wanted for n in person.names)


def intake_outcome(
    session: Session, actor: Actor, report_id: int, *, new_person: bool = False
) -> IntakeDone:
    """What an intake recorded, for the page shown after it (the person's name is audited)."""
    actor.require(Permission.INTAKE)
    report = session.get(Report, report_id)
    if report is None or report.person_id is None:
        raise NotFound("there is no linked report %(report_id)s", report_id=report_id)
    person = get_person(session, report.person_id)
    evidence = session.scalar(select(Evidence.id).where(Evidence.report_id == report.id).limit(1))
    audit.log(
        session,
        actor,
        AuditAction.VIEW_PERSON,
        object_type="person",
        object_id=person.id,
        detail={"report_id": report.id, "page": "intake_done"},
    )
    return IntakeDone(
        report_id=report.id,
        person_id=person.id,
        person_name=_full_name(person),
        new_person=new_person,
        contact_id=None,
        evidence=evidence is not None,
    )
