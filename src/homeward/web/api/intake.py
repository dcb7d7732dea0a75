"""Intake through the API: the likely persons for a report, and the report recorded."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from homeward.access.roles import Permission
from homeward.web.api.review import ERRORS, WeightOut, weight_out
from homeward.web.deps import Caller, Db, needs
from homeward.web.usecases.intake import LIKELY, IntakeInvalid, candidates, take_report

router = APIRouter(tags=["intake"])


class MissingPerson(BaseModel):
    """The missing person as the relative describes them; values as typed ("" when unknown)."""

    model_config = ConfigDict(extra="forbid")

    surname: str = Field("", max_length=1000, examples=["Коваленко"])
    given_name: str = Field("", max_length=1000, examples=["Олександр"])
    patronymic: str = Field("", max_length=1000, examples=["Петрович"])
    sex: str = Field("U", max_length=10, description="M, F or U (unknown)")
    birth_date: str = Field("", max_length=100, description="dd.mm.yyyy, mm.yyyy or yyyy")
    unit: str = Field("", max_length=1000)
    missing_date: str = Field("", max_length=100, description="dd.mm.yyyy, mm.yyyy or yyyy")
    missing_place: str = Field("", max_length=1000)


class IntakeRequest(MissingPerson):
    """A relative's report. Without `person_id`, a new person is created, unless the register
    holds a likely match: then confirm with `new_person` (see `POST /api/intake/candidates`)."""

    circumstances: str = Field("", max_length=10_000)
    relative_name: str = Field(max_length=1000)
    relative_relation: str = Field(
        max_length=100, description="mother, father, wife, husband, son, daughter, …"
    )
    relative_phone: str = Field("", max_length=100)
    relative_email: str = Field("", max_length=1000)
    relative_address: str = Field("", max_length=2000)
    consent_contact: bool = Field(False, description="the relative agrees to be contacted")
    consent_share: bool = Field(
        False, description="the relative agrees that the data are shared with the ICRC/ombudsman"
    )
    person_id: int | None = Field(None, ge=1, description="the person the report is about")
    new_person: bool = Field(False, description="confirms that it is nobody in the register")


class CandidateOut(BaseModel):
    person_id: int
    name: str
    status: str
    birth_date: str | None = Field(description="ISO 8601 to the known precision")
    unit: str | None
    match_probability: float
    likely: bool = Field(description="at or above the review threshold: probably this person")
    vetoed: str | None
    explanation: str
    fields: list[WeightOut]


class CandidatesOut(BaseModel):
    likely_threshold: float
    candidates: list[CandidateOut]


class IntakeCreated(BaseModel):
    report_id: int
    person_id: int
    new_person: bool
    contact_id: int | None
    evidence_recorded: bool


class IntakeProblems(BaseModel):
    detail: str
    field: str
    problems: dict[str, str]


@router.post(
    "/intake/candidates",
    response_model=CandidatesOut,
    responses={**ERRORS, 422: {"description": "a value that cannot be read"}},
)
def api_candidates(
    query: MissingPerson, session: Db, caller: Annotated[Caller, needs(Permission.INTAKE)]
) -> CandidatesOut:
    """The persons of the register the report may be about, most likely first, with the weight
    of each field. The lookup is audited."""
    found = candidates(session, caller.actor, query.model_dump())
    return CandidatesOut(
        likely_threshold=LIKELY,
        candidates=[
            CandidateOut(
                person_id=c.person_id,
                name=c.name,
                status=c.status,
                birth_date=c.birth.iso() if c.birth else None,
                unit=c.unit,
                match_probability=round(c.probability, 6),
                likely=c.likely,
                vetoed=c.vetoed,
                explanation=c.explanation,
                fields=[weight_out(w) for w in c.weights],
            )
            for c in found
        ],
    )


@router.post(
    "/intake",
    status_code=201,
    response_model=IntakeCreated,
    responses={
        **ERRORS,
        422: {
            "description": "a value that cannot be accepted: `field` names the first, `problems` "
            "maps every field with a problem to what is wrong (or FastAPI's validation errors "
            "for a malformed body)"
        },
    },
)
def api_intake(
    report: IntakeRequest, session: Db, caller: Annotated[Caller, needs(Permission.INTAKE)]
) -> Response:
    """Record a relative's report in one transaction: the report, the person (chosen or new),
    the evidence it carries and the relative's contact with their consent."""
    data: dict[str, Any] = report.model_dump(exclude={"person_id", "new_person"})
    if report.person_id is not None:
        data["person_id"] = str(report.person_id)
    elif report.new_person:
        data["person_id"] = "new"
    try:
        done = take_report(session, caller.actor, data)
    except IntakeInvalid as error:  # raised before anything is written
        body = IntakeProblems(
            detail=str(error),
            field=error.field,
            problems={name: problem.text() for name, problem in error.problems.items()},
        )
        return JSONResponse(body.model_dump(), status_code=422)
    created = IntakeCreated(
        report_id=done.report_id,
        person_id=done.person_id,
        new_person=done.new_person,
        contact_id=done.contact_id,
        evidence_recorded=done.evidence,
    )
    return JSONResponse(created.model_dump(), status_code=201)
