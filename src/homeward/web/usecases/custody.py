"""The bureau's pages and API: each function checks the caller's permission and calls the custody
services (which write their audit entries), in the request's transaction; the page and its API
route call the same function."""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.custody import dossier, papers, records, service
from homeward.custody.clocks import Obligation
from homeward.custody.dossier import PrisonerFile, prisoner_file
from homeward.custody.loading import ClockRow, clock_rows
from homeward.custody.models import Internment
from homeward.custody.notify import send_batch
from homeward.custody.schemas import (
    IDENTITY_SET,
    AnnexFindingIn,
    Answer,
    DeathNoticeIn,
    DisposalIn,
    EffectIn,
    EnquiryIn,
    EventIn,
    HealthReportIn,
    InspectionIn,
    LetterIn,
    ProfileIn,
    RegistrationIn,
)
from homeward.errors import InvalidInput, NotFound
from homeward.linkage.candidates import find_candidates
from homeward.registry.models import Person
from homeward.registry.schemas import validated
from homeward.registry.vocab import Side
from homeward.text import ascii_number
from homeward.web.paging import Pages
from homeward.web.usecases.intake import link_record, linkage_model
from homeward.web.usecases.review import MAX_ID

STATES = ("due", "late", "done", "done_late")


@dataclass
class ObligationCount:
    obligation: Obligation
    article: str
    counts: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    prisoners: int
    obligations: list[ObligationCount]
    late: list[ClockRow]  # the page asked for of the late obligations, by camp, then prisoner
    by_camp: dict[str, int]
    pages: Pages  # of the late obligations


LATE_PER_PAGE = 100


def dashboard(
    session: Session, actor: Actor, *, as_of: date | None = None, page: int = 1
) -> Dashboard:
    """Every obligation with how many are due, late and done; the late ones by camp and
    prisoner."""
    actor.require(Permission.CUSTODY)
    today = as_of or date.today()
    rows = clock_rows(session, actor=actor, as_of=today)
    counts = {o: ObligationCount(o, "") for o in Obligation}
    for row in rows:
        item = counts[row.duty.obligation]
        item.article = row.duty.article
        item.counts[row.duty.state] += 1
    late = sorted(
        (r for r in rows if r.duty.late and r.duty.done is None),
        key=lambda r: (r.camp or "", r.name, r.duty.person_id, r.duty.due),
    )
    by_camp: dict[str, int] = defaultdict(int)
    for row in late:
        by_camp[row.camp or ""] += 1
    pages = Pages.of(page, per_page=LATE_PER_PAGE, total=len(late), path="/custody")
    shown = late[pages.offset : pages.offset + LATE_PER_PAGE]
    audit.log(
        session,
        actor,
        AuditAction.VIEW_CUSTODY,
        detail={
            "late": len(late),
            "prisoners": sorted({r.duty.person_id for r in shown}),
            **({"page": pages.page} if pages.page > 1 else {}),
        },
    )
    return Dashboard(
        as_of=today,
        prisoners=len({r.duty.person_id for r in rows}),
        obligations=[c for c in counts.values() if c.counts],
        late=shown,
        by_camp=dict(sorted(by_camp.items(), key=lambda kv: -kv[1])),
        pages=pages,
    )


def clocks_json(
    session: Session, actor: Actor, *, late_only: bool, person_ids: list[int] | None
) -> list[dict[str, Any]]:
    actor.require(Permission.CUSTODY)
    rows = clock_rows(
        session, actor=actor, as_of=date.today(), late_only=late_only, person_ids=person_ids
    )
    audit.log(session, actor, AuditAction.VIEW_CUSTODY, detail={"clocks": len(rows)})
    return [row.to_json() for row in rows]


# --- registration --------------------------------------------------------------------------

FORM_FIELDS = (
    *IDENTITY_SET,
    "captured_on",
    "captured_at",
    "sector",
    "capturing_unit",
    "unit",
    "citizenship",
    "identified_by",
    "language",
    "person_id",
)


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    status: str
    birth: Any
    percent: float
    likely: bool


def candidates(session: Session, actor: Actor, form: Mapping[str, str]) -> list[Candidate]:
    """Prisoners already in the register who may be this man (captured a second time)."""
    actor.require(Permission.CUSTODY)
    record = link_record({**form, "sex": "M"})
    if not record.surname:
        return []
    found = find_candidates(session, record, model=linkage_model(), limit=8)
    ids = [c.person_id for c in found]
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    result = [
        Candidate(
            c.person_id,
            c.name,
            c.status,
            persons[c.person_id].birth,
            round(c.score.match_probability * 100, 1),
            c.score.match_probability >= 0.8,
        )
        for c in found
        if persons[c.person_id].side == Side.ADVERSARY.value
    ]
    audit.log(
        session,
        actor,
        AuditAction.CANDIDATES,
        object_type="custody",
        detail={"surname": record.surname, "found": [c.person_id for c in result]},
    )
    return result


def register(session: Session, actor: Actor, form: Mapping[str, str]) -> Internment:
    """A prisoner from the form: blank fields left out, answers from `<field>_answer`."""
    data: dict[str, Any] = {k: v for k, v in form.items() if k in FORM_FIELDS and v.strip()}
    answers = {
        name: Answer(form[f"{name}_answer"])
        for name in IDENTITY_SET
        if form.get(f"{name}_answer") in (Answer.REFUSED.value, Answer.NOT_KNOWN.value)
    }
    if data.get("person_id") in ("new", None):
        data.pop("person_id", None)
    data.update(side="adversary", sex="M", answers=answers)
    registration = validated(RegistrationIn, data)
    return service.register_prisoner(session, actor=actor, registration=registration)


# --- a prisoner ----------------------------------------------------------------------------


def prisoner(session: Session, actor: Actor, person_id: int) -> PrisonerFile:
    """His file; his medical records and profile only for a role that may read them (the read
    is audited by the service)."""
    return prisoner_file(session, actor=actor, person_id=person_id)


def records_of(
    session: Session, actor: Actor, person_id: int, kind: str, *, limit: int, offset: int
) -> list[Any]:
    """His records of one kind (`dossier.RECORD_KINDS`), oldest first; the read is audited
    (medical records as special-category data)."""
    return dossier.records_of(
        session, actor=actor, person_id=person_id, kind=kind, limit=limit, offset=offset
    )


def records_page(
    session: Session, actor: Actor, person_id: int, kind: str, *, limit: int, offset: int
) -> tuple[list[Any], int]:
    """`records_of`, and how many records of that kind he has in all."""
    return dossier.records_page(
        session, actor=actor, person_id=person_id, kind=kind, limit=limit, offset=offset
    )


def record_event(session: Session, actor: Actor, person_id: int, data: Mapping[str, Any]) -> Any:
    if not str(data.get("on") or "").strip():
        raise InvalidInput("on", "give the date: a day, a month or a year")
    event = validated(EventIn, {k: v for k, v in data.items() if v not in (None, "")})
    return service.record_event(session, actor=actor, person_id=person_id, event=event)


def print_card(session: Session, actor: Actor, person_id: int, language: str | None) -> bytes:
    """His capture card as PDF; making it records it as sent today."""
    internment = service.current_internment(session, person_id)
    chosen = language or (internment.language if internment else "ru")
    if chosen not in papers.CARD_LANGUAGES:
        raise InvalidInput("lang", "the card is printed in Russian (ru) or English (en)")
    records.record_card(session, actor=actor, person_id=person_id, language=chosen)
    context = papers.card_context(session, person_id, issued_on=date.today())
    return papers.card_pdf(context, language=chosen)


def death_notification(
    session: Session, actor: Actor, person_id: int, notice_id: int, language: str | None
) -> bytes:
    """His death notice `notice_id` printed again as the notification (Art. 120), in his card's
    language unless another is asked for; the read is audited with the notice."""
    notice = records.death_notice(session, actor=actor, person_id=person_id, notice_id=notice_id)
    internment = service.current_internment(session, person_id)
    chosen = language or (internment.language if internment else "ru")
    if chosen not in papers.CARD_LANGUAGES:
        raise InvalidInput("lang", "is not one of: %(expected)s", expected="ru, en")
    audit.log(
        session,
        actor,
        AuditAction.VIEW_CUSTODY,
        object_type="person",
        object_id=person_id,
        detail={"records": "death_notices", "ids": [notice.id], "printed": chosen},
    )
    return papers.death_pdf(papers.death_context(session, person_id, notice), language=chosen)


def log_letter(session: Session, actor: Actor, person_id: int, data: Mapping[str, Any]) -> Any:
    letter = validated(LetterIn, {k: v for k, v in data.items() if v not in (None, "")})
    return records.log_letter(session, actor=actor, person_id=person_id, letter=letter)


def dispose_effect(
    session: Session, actor: Actor, person_id: int, effect_id: str, data: Mapping[str, Any]
) -> Any:
    """An article of his ledger returned to him, or sent in a sealed packet."""
    number = ascii_number(effect_id, most=MAX_ID)
    if number is None:
        raise NotFound("there is no article %(id)s in the ledger", id=effect_id[:20])
    went = validated(DisposalIn, {k: v for k, v in data.items() if v not in (None, "")})
    return records.dispose_effect(
        session,
        actor=actor,
        effect_id=number,
        on=went.on,
        disposal=went.disposal,
        person_id=person_id,
    )


def record_inspection(
    session: Session, actor: Actor, person_id: int, data: Mapping[str, Any]
) -> Any:
    inspection = validated(InspectionIn, {k: v for k, v in data.items() if v not in (None, "")})
    return records.record_inspection(
        session, actor=actor, person_id=person_id, inspection=inspection
    )


def record_profile(session: Session, actor: Actor, person_id: int, data: Mapping[str, Any]) -> Any:
    profile = validated(ProfileIn, {k: v for k, v in data.items() if v not in (None, "")})
    return records.record_profile(session, actor=actor, person_id=person_id, profile=profile)


RECORDS: dict[str, tuple[Any, Any, str]] = {
    # kind: (input model, service, the service's keyword for it)
    "health_report": (HealthReportIn, records.record_health_report, "report"),
    "annex_finding": (AnnexFindingIn, records.record_annex_finding, "finding"),
    "death_notice": (DeathNoticeIn, records.record_death_notice, "notice"),
    "enquiry": (EnquiryIn, records.open_enquiry, "enquiry"),
    "effect": (EffectIn, records.take_effect, "effect"),
}


def record(
    session: Session, actor: Actor, person_id: int, kind: str, data: Mapping[str, Any]
) -> Any:
    """One of the bureau's other records from a form: a weekly health report, an Annex I
    finding, a death notice, an enquiry, an article taken (the services check the permission,
    the special one for medical records)."""
    if kind not in RECORDS:
        raise InvalidInput("kind", "no such record: %(kind)s", kind=kind[:40])
    model, write, keyword = RECORDS[kind]
    value = validated(model, {k: v for k, v in data.items() if v not in (None, "")})
    return write(session, actor=actor, person_id=person_id, **{keyword: value})


def notify(session: Session, actor: Actor) -> tuple[str, bytes]:
    """The batch of events not yet notified, as XLSX; they are marked notified today."""
    with tempfile.TemporaryDirectory(prefix="homeward-batch-") as folder:
        name = f"cta-{date.today().isoformat()}.xlsx"
        sent = send_batch(session, actor=actor, out=Path(folder) / name)
        return f"cta-{date.today().isoformat()}-{sent.batch.id}.xlsx", sent.path.read_bytes()
