"""The bureau through the API: the clocks, registration, a prisoner's file, movements, his
capture card, and his records (letters, articles taken and returned, death notices (each
printable as the notification) and enquiries, and for `custody_special` inspections, health
reports, Annex I findings and the profile), listed and written. The same use cases as the
pages (`usecases.custody`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from homeward.access.roles import Permission
from homeward.custody.schemas import (
    AnnexCondition,
    AnnexOutcome,
    CustodyEvent,
    Direction,
    Education,
    LetterKind,
    RankCategory,
    ServiceRoute,
)
from homeward.web.api.persons import InputProblem, Problem
from homeward.web.deps import Caller, Db, needs
from homeward.web.usecases import custody as usecases

router = APIRouter(tags=["custody"])

MAX_ID = 2**31 - 1
PersonId = Annotated[int, Path(ge=1, le=MAX_ID, description="the prisoner's person number")]
Custodian = Annotated[Caller, needs(Permission.CUSTODY)]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        401: "not signed in",
        403: "the role does not allow this, or the CSRF token is missing or wrong",
        404: "there is no such person",
        422: "an input value is wrong; `field` names it",
    }
    return {
        code: {"model": InputProblem if code == 422 else Problem, "description": words[code]}
        for code in codes
    }


class Clock(BaseModel):
    """One duty's clock for one prisoner (docs/custody.md)."""

    person_id: int
    obligation: str
    article: str
    rule: str
    due: str
    done: str | None
    late: bool
    state: str
    because: str
    serial_number: str | None
    name: str
    camp: str | None
    note: str | None


class RegistrationBody(BaseModel):
    """The identity set and the capture (GC III Art. 17, 122 §4); `answers` maps a field he
    refused or does not know to `refused` or `not_known`."""

    model_config = ConfigDict(extra="forbid")

    surname: str = Field(max_length=200)
    given_name: str | None = None
    patronymic: str | None = None
    rank: str | None = None
    service_number: str | None = None
    birth_date: str | None = None
    birth_place: str | None = None
    power: str | None = "RUS"
    father_name: str | None = None
    mother_maiden_name: str | None = None
    person_to_inform: str | None = None
    correspondence_address: str | None = None
    unit: str | None = None
    captured_on: str
    captured_at: str
    sector: str | None = None
    capturing_unit: str | None = None
    identified_by: str | None = None
    language: str = "ru"
    answers: dict[str, str] = Field(default_factory=dict)
    person_id: int | None = None


class Registered(BaseModel):
    person_id: int
    serial_number: str


class EventBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: CustodyEvent
    on: str
    place: str | None = None
    note: str | None = None


@router.get("/custody/clocks", response_model=list[Clock], responses=_errors(401, 403, 422))
def clocks(
    session: Db,
    caller: Custodian,
    late: Annotated[bool, Query(description="only the late ones")] = False,
    person: Annotated[
        list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None,
        Query(description="only these prisoners", max_length=1000),
    ] = None,
) -> list[dict[str, Any]]:
    """One clock per prisoner and obligation."""
    return usecases.clocks_json(session, caller.actor, late_only=late, person_ids=person)


@router.post(
    "/custody/prisoners",
    response_model=Registered,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def register(session: Db, caller: Custodian, body: RegistrationBody) -> Registered:
    """Register a prisoner at capture; his serial number is issued."""
    form: dict[str, Any] = {
        k: str(v) for k, v in body.model_dump(exclude={"answers"}).items() if v is not None
    }
    for field, answer in body.answers.items():
        form[f"{field}_answer"] = answer
    internment = usecases.register(session, caller.actor, form)
    return Registered(person_id=internment.person_id, serial_number=internment.serial_number)


@router.get("/custody/prisoners/{person_id}", responses=_errors(401, 403, 404, 422))
def prisoner(session: Db, caller: Custodian, person_id: PersonId) -> dict[str, Any]:
    """His status, internments and duties; medical records and profile only for a role that may
    read them (the read is audited)."""
    found = usecases.prisoner(session, caller.actor, person_id)
    data: dict[str, Any] = {
        "person_id": person_id,
        "status": found.status.status.value,
        "camp": found.camp,
        "internments": [
            {"serial_number": i.serial_number, "opened_on": i.opened_on.isoformat()}
            for i in found.internments
        ],
        "answers": found.answers,
        "duties": [
            {
                "obligation": d.obligation.value,
                "article": d.article,
                "due": d.due.isoformat(),
                "done": d.done.isoformat() if d.done else None,
                "late": d.late,
                "state": d.state,
                "because": str(d.because),
            }
            for d in found.duties
        ],
        "medical": None,
        "profile": None,
    }
    if found.special is not None:
        data["medical"] = [
            {"on": i.on.isoformat(), "weight_kg": i.weight_kg, "seriously_ill": i.seriously_ill}
            for i in found.special.inspections
        ]
        latest = found.special.profiles[-1] if found.special.profiles else None
        data["profile"] = (
            {
                "interviewed_on": latest.interviewed_on.isoformat(),
                "rank_category": latest.rank_category,
                "service_route": latest.service_route,
                "coercion_or_deception": latest.coercion_or_deception,
            }
            if latest
            else None
        )
    return data


@router.post(
    "/custody/prisoners/{person_id}/events",
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def record_event(
    session: Db, caller: Custodian, person_id: PersonId, body: EventBody
) -> dict[str, Any]:
    """A movement, recorded as evidence on him: his status follows."""
    row = usecases.record_event(session, caller.actor, person_id, body.model_dump())
    return {"evidence_id": row.id, "kind": row.kind, "on": row.on.iso()}


@router.post(
    "/custody/prisoners/{person_id}/card",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **_errors(401, 403, 404, 422)},
)
def card(
    session: Db,
    caller: Custodian,
    person_id: PersonId,
    lang: Annotated[str | None, Query(pattern="^(ru|en)$")] = None,
) -> Response:
    """His capture card as PDF; it is recorded as sent today."""
    pdf = usecases.print_card(session, caller.actor, person_id, lang)
    return Response(pdf, media_type="application/pdf")


Out = TypeVar("Out", bound=BaseModel)


# --- his records: letters, articles taken, and (custody_special) medical records ----------
# Each kind is listed oldest first, `limit` from the `offset`-th, the read audited with the
# records returned (`view_custody`; `view_special` for medical records); each is written as
# its form on his page writes it (the same use case), the write audited as `custody_record`.

Special = Annotated[Caller, needs(Permission.CUSTODY_SPECIAL)]
EffectId = Annotated[int, Path(ge=1, le=MAX_ID, description="the article's number")]
Limit = Annotated[int, Query(ge=1, le=1000, description="records at most")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="records skipped")]
TypedDay = Annotated[str, Field(max_length=50, description="dd.mm.yyyy (or yyyy-mm-dd)")]
NOTE_MAX = 5000


class Written(BaseModel):
    id: int
    person_id: int
    created_at: str
    created_by: str


class LetterOut(Written):
    on: str
    kind: str
    direction: str | None
    note: str | None


class EffectOut(Written):
    taken_on: str
    description: str
    amount_minor: int | None
    currency: str | None
    receipt: str
    disposed_on: str | None
    disposal: str | None


class InspectionOut(Written):
    on: str
    weight_kg: float | None
    seriously_ill: bool
    findings: str | None
    doctor: str | None


class HealthReportOut(Written):
    sent_on: str
    summary: str | None


class AnnexFindingOut(Written):
    on: str
    condition: str
    outcome: str
    doctor: str
    note: str | None


class LetterBody(BaseModel):
    """A letter or a card sent or received (Art. 70–71), or that he declined to write or
    could not: `direction` for a letter or a card only."""

    model_config = ConfigDict(extra="forbid")

    on: TypedDay
    kind: LetterKind
    direction: Direction | None = None
    note: str | None = Field(default=None, max_length=NOTE_MAX)


class EffectBody(BaseModel):
    """An article or money taken from him against a receipt (Art. 18); money has an amount
    in minor units (kopecks, cents) and a currency."""

    model_config = ConfigDict(extra="forbid")

    taken_on: TypedDay
    description: str = Field(max_length=300)
    amount_minor: int | None = Field(default=None, ge=0, le=10**12)
    currency: str | None = Field(default=None, max_length=3)
    receipt: str = Field(max_length=50)


class DisposalBody(BaseModel):
    """The article went back: returned to him, or sent in a sealed packet (Art. 122 §9)."""

    model_config = ConfigDict(extra="forbid")

    on: TypedDay
    disposal: Literal["returned", "sealed_packet"] = "returned"


class InspectionBody(BaseModel):
    """A monthly medical inspection (Art. 31)."""

    model_config = ConfigDict(extra="forbid")

    on: TypedDay
    weight_kg: float | None = Field(default=None, ge=20, le=300)
    seriously_ill: bool = False
    findings: str | None = Field(default=None, max_length=NOTE_MAX)
    doctor: str | None = Field(default=None, max_length=200)


class HealthReportBody(BaseModel):
    """A weekly health report sent (Art. 122 §4, 123)."""

    model_config = ConfigDict(extra="forbid")

    sent_on: TypedDay
    summary: str | None = Field(default=None, max_length=NOTE_MAX)


class AnnexFindingBody(BaseModel):
    """A doctor's finding of an Annex I condition (the exchange categories read it)."""

    model_config = ConfigDict(extra="forbid")

    on: TypedDay
    condition: AnnexCondition
    outcome: AnnexOutcome
    doctor: str = Field(max_length=200)
    note: str | None = Field(default=None, max_length=NOTE_MAX)


def _out(row: Any, model: type[Out]) -> Out:
    """A record as its model says: its dates as yyyy-mm-dd, its moment in UTC."""
    values = {}
    for name in model.model_fields:
        value = getattr(row, name)
        values[name] = value.isoformat() if isinstance(value, date | datetime) else value
    return model.model_validate(values)


def _form(body: BaseModel) -> dict[str, Any]:
    """The body as the form's fields: what the use case validates and names in its errors."""
    return {k: v for k, v in body.model_dump(mode="json").items() if v is not None}


TOTAL_HEADER = "X-Total-Count"


def _list_responses() -> dict[int | str, dict[str, Any]]:
    """A list's responses: the errors, and on success the `X-Total-Count` header."""
    return {
        200: {
            "description": "the records asked for, oldest first",
            "headers": {
                TOTAL_HEADER: {
                    "description": "how many records of this kind he has in all, whatever "
                    "`limit` and `offset` say",
                    "schema": {"type": "integer", "minimum": 0},
                }
            },
        },
        **_errors(401, 403, 404, 422),
    }


def _listed(
    session: Db,
    caller: Caller,
    response: Response,
    person_id: int,
    kind: str,
    model: type[Out],
    limit: int,
    offset: int,
) -> list[Out]:
    rows, total = usecases.records_page(
        session, caller.actor, person_id, kind, limit=limit, offset=offset
    )
    response.headers[TOTAL_HEADER] = str(total)
    return [_out(row, model) for row in rows]


@router.get(
    "/custody/prisoners/{person_id}/letters",
    response_model=list[LetterOut],
    responses=_list_responses(),
)
def list_letters(
    session: Db,
    caller: Custodian,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[LetterOut]:
    """His letters and cards, and the months he declined or could not write, oldest first."""
    return _listed(session, caller, response, person_id, "letters", LetterOut, limit, offset)


@router.post(
    "/custody/prisoners/{person_id}/letters",
    response_model=LetterOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def log_letter(session: Db, caller: Custodian, person_id: PersonId, body: LetterBody) -> LetterOut:
    """Log a letter or a card, or that he declined or could not write; the day must fall within
    his time in our custody."""
    return _out(usecases.log_letter(session, caller.actor, person_id, _form(body)), LetterOut)


@router.get(
    "/custody/prisoners/{person_id}/effects",
    response_model=list[EffectOut],
    responses=_list_responses(),
)
def list_effects(
    session: Db,
    caller: Custodian,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[EffectOut]:
    """His ledger of articles and money taken, each with its return once it went back."""
    return _listed(session, caller, response, person_id, "effects", EffectOut, limit, offset)


@router.post(
    "/custody/prisoners/{person_id}/effects",
    response_model=EffectOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def take_effect(session: Db, caller: Custodian, person_id: PersonId, body: EffectBody) -> EffectOut:
    """Record an article or money taken from him against a receipt."""
    row = usecases.record(session, caller.actor, person_id, "effect", _form(body))
    return _out(row, EffectOut)


@router.post(
    "/custody/prisoners/{person_id}/effects/{effect_id}/disposal",
    response_model=EffectOut,
    responses=_errors(401, 403, 404, 422),
)
def dispose_effect(
    session: Db, caller: Custodian, person_id: PersonId, effect_id: EffectId, body: DisposalBody
) -> EffectOut:
    """An article of his ledger went back, on a day between the day it was taken and today."""
    row = usecases.dispose_effect(session, caller.actor, person_id, str(effect_id), _form(body))
    return _out(row, EffectOut)


@router.get(
    "/custody/prisoners/{person_id}/inspections",
    response_model=list[InspectionOut],
    responses=_list_responses(),
)
def list_inspections(
    session: Db,
    caller: Special,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[InspectionOut]:
    """His medical inspections, oldest first (special-category data)."""
    return _listed(
        session, caller, response, person_id, "inspections", InspectionOut, limit, offset
    )


@router.post(
    "/custody/prisoners/{person_id}/inspections",
    response_model=InspectionOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def record_inspection(
    session: Db, caller: Special, person_id: PersonId, body: InspectionBody
) -> InspectionOut:
    """Record a medical inspection (special-category data)."""
    row = usecases.record_inspection(session, caller.actor, person_id, _form(body))
    return _out(row, InspectionOut)


@router.get(
    "/custody/prisoners/{person_id}/health-reports",
    response_model=list[HealthReportOut],
    responses=_list_responses(),
)
def list_health_reports(
    session: Db,
    caller: Special,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[HealthReportOut]:
    """The weekly health reports sent about him, oldest first (special-category data)."""
    return _listed(
        session, caller, response, person_id, "health_reports", HealthReportOut, limit, offset
    )


@router.post(
    "/custody/prisoners/{person_id}/health-reports",
    response_model=HealthReportOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def record_health_report(
    session: Db, caller: Special, person_id: PersonId, body: HealthReportBody
) -> HealthReportOut:
    """Record a weekly health report sent (special-category data)."""
    row = usecases.record(session, caller.actor, person_id, "health_report", _form(body))
    return _out(row, HealthReportOut)


@router.get(
    "/custody/prisoners/{person_id}/annex-findings",
    response_model=list[AnnexFindingOut],
    responses=_list_responses(),
)
def list_annex_findings(
    session: Db,
    caller: Special,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[AnnexFindingOut]:
    """The doctors' findings of Annex I conditions, oldest first (special-category data)."""
    return _listed(
        session, caller, response, person_id, "annex_findings", AnnexFindingOut, limit, offset
    )


@router.post(
    "/custody/prisoners/{person_id}/annex-findings",
    response_model=AnnexFindingOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def record_annex_finding(
    session: Db, caller: Special, person_id: PersonId, body: AnnexFindingBody
) -> AnnexFindingOut:
    """Record a doctor's finding of an Annex I condition (special-category data)."""
    row = usecases.record(session, caller.actor, person_id, "annex_finding", _form(body))
    return _out(row, AnnexFindingOut)


# --- a death: the notice (Art. 120) and the enquiry (Art. 121); the profile (custody_special) -

NoticeId = Annotated[int, Path(ge=1, le=MAX_ID, description="the death notice's number")]


class DeathNoticeOut(Written):
    death_evidence_id: int
    sent_on: str
    cause: str | None
    caused_by_another: bool
    buried_on: str | None
    burial_place: str | None
    grave: str | None


class EnquiryOut(Written):
    opened_on: str
    finding: str | None


class ProfileOut(Written):
    interviewed_on: str
    voluntary: bool
    rank_category: str | None
    service_route: str | None
    citizenship: str | None
    coercion_or_deception: bool | None
    previous_convictions: bool | None
    education: str | None
    worked_before_war: bool | None
    children: int | None
    chronic_conditions: str | None


class DeathNoticeBody(BaseModel):
    """The death notification sent (Art. 120): the cause (left out: not known, and an enquiry
    is owed, as it is when another person may have caused the death), the burial and the
    grave. His death must be recorded first (a `died` movement)."""

    model_config = ConfigDict(extra="forbid")

    sent_on: TypedDay
    cause: str | None = Field(default=None, max_length=NOTE_MAX)
    caused_by_another: bool = False
    buried_on: TypedDay | None = None
    burial_place: str | None = Field(default=None, max_length=300)
    grave: str | None = Field(default=None, max_length=300)


class EnquiryBody(BaseModel):
    """The official enquiry into a death (Art. 121), owed by a notice whose cause is not known
    or that says another person may have caused it."""

    model_config = ConfigDict(extra="forbid")

    opened_on: TypedDay
    finding: str | None = Field(default=None, max_length=NOTE_MAX)


class ProfileBody(BaseModel):
    """What he said of himself at interview; recorded only when he gave it voluntarily
    (`voluntary` true: Art. 17, no coercion). A new interview adds a profile."""

    model_config = ConfigDict(extra="forbid")

    interviewed_on: TypedDay
    voluntary: bool = False
    rank_category: RankCategory | None = None
    service_route: ServiceRoute | None = None
    citizenship: str | None = Field(default=None, max_length=3)
    coercion_or_deception: bool | None = None
    previous_convictions: bool | None = None
    education: Education | None = None
    worked_before_war: bool | None = None
    children: int | None = Field(default=None, ge=0, le=30)
    chronic_conditions: str | None = Field(default=None, max_length=NOTE_MAX)


@router.get(
    "/custody/prisoners/{person_id}/death-notices",
    response_model=list[DeathNoticeOut],
    responses=_list_responses(),
)
def list_death_notices(
    session: Db,
    caller: Custodian,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[DeathNoticeOut]:
    """The death notifications sent about him, oldest first."""
    return _listed(
        session, caller, response, person_id, "death_notices", DeathNoticeOut, limit, offset
    )


@router.post(
    "/custody/prisoners/{person_id}/death-notices",
    response_model=DeathNoticeOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def record_death_notice(
    session: Db, caller: Custodian, person_id: PersonId, body: DeathNoticeBody
) -> DeathNoticeOut:
    """Record the death notification sent, on a day not before his death."""
    row = usecases.record(session, caller.actor, person_id, "death_notice", _form(body))
    return _out(row, DeathNoticeOut)


@router.get(
    "/custody/prisoners/{person_id}/death-notices/{notice_id}/notification",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **_errors(401, 403, 404, 422)},
)
def death_notification(
    session: Db,
    caller: Custodian,
    person_id: PersonId,
    notice_id: NoticeId,
    lang: Annotated[str | None, Query(pattern="^(ru|en)$")] = None,
) -> Response:
    """His death notice as the notification, PDF (in his card's language unless `lang`); a
    notice of another prisoner is not found."""
    pdf = usecases.death_notification(session, caller.actor, person_id, notice_id, lang)
    return Response(pdf, media_type="application/pdf")


@router.get(
    "/custody/prisoners/{person_id}/enquiries",
    response_model=list[EnquiryOut],
    responses=_list_responses(),
)
def list_enquiries(
    session: Db,
    caller: Custodian,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[EnquiryOut]:
    """The official enquiries into his death, oldest first."""
    return _listed(session, caller, response, person_id, "enquiries", EnquiryOut, limit, offset)


@router.post(
    "/custody/prisoners/{person_id}/enquiries",
    response_model=EnquiryOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def open_enquiry(
    session: Db, caller: Custodian, person_id: PersonId, body: EnquiryBody
) -> EnquiryOut:
    """Record the official enquiry into his death; a notice must call for one."""
    row = usecases.record(session, caller.actor, person_id, "enquiry", _form(body))
    return _out(row, EnquiryOut)


@router.get(
    "/custody/prisoners/{person_id}/profiles",
    response_model=list[ProfileOut],
    responses=_list_responses(),
)
def list_profiles(
    session: Db,
    caller: Special,
    response: Response,
    person_id: PersonId,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[ProfileOut]:
    """What he said of himself at each interview, oldest first: the last is his profile
    (special-category data)."""
    return _listed(session, caller, response, person_id, "profiles", ProfileOut, limit, offset)


@router.post(
    "/custody/prisoners/{person_id}/profiles",
    response_model=ProfileOut,
    status_code=201,
    responses=_errors(401, 403, 404, 422),
)
def record_profile(
    session: Db, caller: Special, person_id: PersonId, body: ProfileBody
) -> ProfileOut:
    """Record what he said of himself at interview, given voluntarily (special-category
    data)."""
    return _out(usecases.record_profile(session, caller.actor, person_id, _form(body)), ProfileOut)
