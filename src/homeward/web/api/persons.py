"""Persons through the API: search, the dossier, edits with a version, evidence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from homeward.access.roles import Permission
from homeward.dates import day_bound
from homeward.registry.search import MAX_PER_PAGE, MAX_QUERY_LENGTH, ORDERS, SearchFilters
from homeward.registry.vocab import (
    EvidenceKind,
    Reliability,
    ServiceStatus,
    Sex,
    Side,
    SourceKind,
    Status,
)
from homeward.web.deps import Caller, Db, needs
from homeward.web.usecases import persons as usecases

router = APIRouter(tags=["persons"])

MAX_ID = 2**31 - 1
TypedDay = Annotated[str, Query(max_length=50, description="dd.mm.yyyy, mm.yyyy or yyyy")]
PersonId = Annotated[int, Path(ge=1, le=MAX_ID, description="the person's number")]


class Problem(BaseModel):
    """What went wrong; `field` names the input at fault when there is one."""

    detail: str
    field: str | None = None


class FieldError(BaseModel):
    """One value FastAPI refused before the request reached Homeward."""

    model_config = ConfigDict(extra="allow")

    loc: list[str | int]
    msg: str
    type: str


class InputProblem(BaseModel):
    """A wrong input value: Homeward's sentence with `field`, or FastAPI's list of errors for a
    value of the wrong type or out of range."""

    detail: str | list[FieldError]
    field: str | None = None


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        401: "not signed in",
        403: "the role does not allow this, or the CSRF token is missing or wrong",
        404: "there is no such person",
        409: "someone else changed the person since the given version; nothing was written",
        422: "an input value is wrong; `field` names it",
    }
    return {
        code: {"model": InputProblem if code == 422 else Problem, "description": words[code]}
        for code in codes
    }


# --- search --------------------------------------------------------------------------------


class SearchHitOut(BaseModel):
    person_id: int
    name: str = Field(description="the person's primary name as stored")
    matched_name: str = Field(description="the name variant or document number that matched")
    status: Status
    side: Side
    birth_date: str | None = Field(description="ISO 8601 at the known precision")
    missing_date: str | None
    missing_place: str | None
    unit: str | None
    score: float


class SearchResults(BaseModel):
    hits: list[SearchHitOut]
    total: int = Field(description="persons that match (at most 1000)")
    page: int
    per_page: int
    total_capped: bool = Field(description="more persons matched than were ranked")


@router.get("/persons", response_model=SearchResults, responses=_errors(401, 403, 422))
def search_persons(
    session: Db,
    caller: Annotated[Caller, needs(Permission.READ)],
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH, description="a name or a number")] = "",
    status: Status | None = None,
    side: Side | None = None,
    missing_from: Annotated[
        str, Query(max_length=50, description="dd.mm.yyyy, mm.yyyy or yyyy")
    ] = "",
    missing_to: Annotated[
        str, Query(max_length=50, description="dd.mm.yyyy, mm.yyyy or yyyy")
    ] = "",
    missing_place: Annotated[str | None, Query(max_length=200)] = None,
    unit: Annotated[str | None, Query(max_length=100)] = None,
    order: Annotated[
        str, Query(max_length=20, description="of a list by filters alone: " + ", ".join(ORDERS))
    ] = "number",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
) -> SearchResults:
    """Persons by name in any script or by document number, best first, with filters.
    An empty `q` lists the persons the filters select. Every search is audited."""
    filters = SearchFilters(
        status,
        side,
        day_bound(missing_from, field="missing_from", last=False),
        day_bound(missing_to, field="missing_to", last=True),
        missing_place,
        unit,
        order,
    )
    found = usecases.search(session, caller.actor, q, filters, page=page, per_page=per_page)
    return SearchResults.model_validate(
        {
            "hits": [vars(hit) for hit in found.hits],
            "total": found.total,
            "page": found.page,
            "per_page": found.per_page,
            "total_capped": found.total_capped,
        }
    )


# --- the dossier ---------------------------------------------------------------------------


class Identity(BaseModel):
    side: Side
    surname: str
    given_name: str | None
    patronymic: str | None
    sex: Sex
    birth_date: str | None = Field(description="ISO 8601 at the known precision")
    birth_place: str | None
    citizenship: str | None
    service_status: ServiceStatus
    branch: str | None
    unit: str | None
    rank: str | None
    service_number: str | None
    missing_date: str | None = Field(description="ISO 8601 at the known precision")
    missing_place: str | None
    father_name: str | None
    mother_maiden_name: str | None
    person_to_inform: str | None
    correspondence_address: str | None
    legal_status: str | None


class NameOut(BaseModel):
    surname: str
    given_name: str | None
    patronymic: str | None
    source: str | None
    keys: list[str] = Field(description="the match keys: surname, given name, patronymic")


class IdentifierOut(BaseModel):
    kind: str
    value: str


class StatusOut(BaseModel):
    status: Status
    since: str | None
    rule: str = Field(description="the rule of docs/status.md that decided it")
    explanation: str = Field(description="the status in plain words, in the asked language")
    basis: list[int] = Field(description="the evidence it rests on")
    conflicts: list[int]
    incommunicado: bool
    days_without_contact: int | None


class EvidenceOut(BaseModel):
    id: int
    kind: EvidenceKind
    on: str
    reliability: Reliability
    place: str | None
    source: str | None
    note: str | None
    supersedes: int | None
    in_force: bool
    recorded_by: str


class ReportOut(BaseModel):
    id: int
    source: str
    received_at: str
    payload: dict[str, Any] = Field(description="the report exactly as received")


class ContactOut(BaseModel):
    name: str
    relation: str
    phone: str | None
    email: str | None
    consent_contact: bool
    consent_share: bool


class HistoryOut(BaseModel):
    at: str
    action: str
    actor: str
    channel: str
    reason: str | None
    changes: dict[str, Any]


class MergeOut(BaseModel):
    id: int
    survivor_id: int
    absorbed_id: int
    at: str
    actor: str
    reason: str
    undone_at: str | None
    undone_by: str | None
    undo_reason: str | None


class PersonDossier(BaseModel):
    id: int
    version: int = Field(description="send it back with an edit")
    merged_into: int | None = Field(description="the person this record was merged into")
    identity: Identity
    names: list[NameOut]
    identifiers: list[IdentifierOut]
    status: StatusOut
    evidence: list[EvidenceOut]
    reports: list[ReportOut]
    contacts: list[ContactOut]
    contacts_hidden: bool = Field(description="the role may not read contacts: none are given")
    history: list[HistoryOut]
    merges: list[MergeOut]


@router.get(
    "/persons/{person_id}",
    response_model=PersonDossier,
    responses=_errors(401, 403, 404, 422),
)
def get_person(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.READ)],
    person_id: PersonId,
    lang: Literal["uk", "en"] | None = None,
) -> PersonDossier:
    """Everything the register holds about a person that the caller's role may read; the
    status explained in `lang` (default: the caller's language). The view is audited."""
    view = usecases.view_person(session, caller.actor, person_id, incommunicado_days=_days(request))
    return PersonDossier.model_validate(view.to_json(lang or caller.lang))


def _days(request: Request) -> int:
    return int(request.app.state.settings.incommunicado_days)


# --- edits ---------------------------------------------------------------------------------


class PersonChanges(BaseModel):
    """The fields to change (names are added as variants, never edited); `null` clears one."""

    model_config = ConfigDict(extra="forbid")

    sex: Sex | None = None
    birth_date: str | None = Field(default=None, description="12.03.1999, 03.1999 or 1999")
    birth_place: str | None = None
    citizenship: str | None = None
    service_status: ServiceStatus | None = None
    branch: str | None = None
    unit: str | None = None
    rank: str | None = None
    service_number: str | None = None
    missing_date: str | None = Field(default=None, description="12.03.1999, 03.1999 or 1999")
    missing_place: str | None = None
    father_name: str | None = None
    mother_maiden_name: str | None = None
    person_to_inform: str | None = None
    correspondence_address: str | None = None
    legal_status: str | None = None


class PersonEdit(BaseModel):
    version: int = Field(ge=1, description="the version read; another one is a conflict (409)")
    reason: str = Field(min_length=1, max_length=2000)
    changes: PersonChanges


class PersonVersion(BaseModel):
    id: int
    version: int


@router.patch(
    "/persons/{person_id}",
    response_model=PersonVersion,
    responses=_errors(401, 403, 404, 409, 422),
)
def edit_person(
    session: Db,
    caller: Annotated[Caller, needs(Permission.INTAKE)],
    person_id: PersonId,
    edit: PersonEdit,
) -> PersonVersion:
    """Change some fields of the version you read. If someone changed the person since, the
    answer is 409 and nothing is written: read it again."""
    person = usecases.edit_person(
        session,
        caller.actor,
        person_id,
        version=edit.version,
        changes=edit.changes.model_dump(mode="json", exclude_unset=True),
        reason=edit.reason,
    )
    return PersonVersion(id=person.id, version=person.version)


# --- evidence ------------------------------------------------------------------------------


class SourceBody(BaseModel):
    kind: SourceKind
    name: str = Field(min_length=1, max_length=300)


class EvidenceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: EvidenceKind
    on: str = Field(description="when: 12.03.2022, 03.2022, 2022 or 2022-03-12")
    reliability: Reliability = Reliability.MEDIUM
    place: str | None = Field(default=None, max_length=200)
    note: str | None = None
    source: SourceBody | None = None
    supersedes_id: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="the evidence this corrects or retracts"
    )


class EvidenceAdded(BaseModel):
    id: int
    person_id: int
    status: Status = Field(description="the person's status, derived again")
    status_since: str | None


@router.post(
    "/persons/{person_id}/evidence",
    status_code=201,
    response_model=EvidenceAdded,
    responses=_errors(401, 403, 404, 422),
)
def add_evidence(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.EVIDENCE)],
    person_id: PersonId,
    evidence: EvidenceBody,
) -> EvidenceAdded:
    """Record a dated claim about the person's fate; the status is derived again at once."""
    added = usecases.add_evidence(
        session,
        caller.actor,
        person_id,
        evidence.model_dump(mode="json", exclude_none=True),
        incommunicado_days=_days(request),
    )
    person = added.person
    return EvidenceAdded(
        id=added.evidence.id,
        person_id=person.id,
        status=Status(person.status),
        status_since=person.status_since.isoformat() if person.status_since else None,
    )
