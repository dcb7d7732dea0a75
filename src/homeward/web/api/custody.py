"""The bureau through the API: the clocks, registration, a prisoner's file, movements and his
capture card. The same use cases as the pages (`usecases.custody`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from homeward.access.roles import Permission
from homeward.custody.schemas import CustodyEvent
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
