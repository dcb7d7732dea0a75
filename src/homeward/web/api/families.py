"""Families through the API: a person's contacts, the queue of families to inform, telling a
family, family access codes and certified extracts (the same services as the pages)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from homeward.access.roles import Permission
from homeward.families import access, extracts, queue, service
from homeward.families.papers import base_url
from homeward.families.schemas import MAX_TOLD, InformedIn
from homeward.families.service import contact_json
from homeward.families.vocab import ContactChannel, LogKind
from homeward.registry.models import Contact
from homeward.registry.schemas import validated
from homeward.registry.vocab import EvidenceKind, Status
from homeward.web.api.persons import MAX_ID, PersonId, _errors
from homeward.web.deps import Caller, Db, needs

router = APIRouter(tags=["families"])

ContactId = Annotated[int, Path(ge=1, le=MAX_ID, description="the contact's number")]
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]
Liaison = Annotated[Caller, needs(Permission.FAMILIES)]


class ContactOut(BaseModel):
    id: int
    person_id: int
    name: str
    relation: str
    phone: str | None
    email: str | None
    address: str | None
    language: str
    channel: ContactChannel
    consent_contact: bool
    consent_share: bool
    consent_withdrawn_at: str | None = Field(description="when the consents were withdrawn")
    version: int


def contact_out(contact: Contact) -> ContactOut:
    return ContactOut.model_validate(contact_json(contact))


@router.get(
    "/persons/{person_id}/contacts",
    response_model=list[ContactOut],
    responses=_errors(401, 403, 404, 422),
)
def person_contacts(
    session: Db,
    caller: Annotated[Caller, needs(Permission.CONTACTS_READ)],
    person_id: PersonId,
) -> list[ContactOut]:
    """A person's contacts (a merged person's are the survivor's); the read is audited."""
    person = service.surviving_person(session, person_id)
    found = service.contacts_of_person(session, actor=caller.actor, person_id=person.id)
    return [contact_out(contact) for contact in found]


class NewsOut(BaseModel):
    before: Status = Field(description="the status the family knows")
    after: Status = Field(description="the status now")
    since: str | None
    new: list[EvidenceKind] = Field(description="facts the family was not told of")
    in_person: bool = Field(description="a death: told in person, never by message")
    told: list[int] = Field(description="the evidence to name when the family is informed")


class QueueItemOut(BaseModel):
    contact: ContactOut
    person_id: int
    news: NewsOut


@router.get("/families/queue", response_model=list[QueueItemOut], responses=_errors(401, 403, 422))
def families_queue(
    session: Db,
    caller: Liaison,
    limit: Annotated[int, Query(ge=1, le=1000, description="families at most")] = 500,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="families skipped")] = 0,
) -> list[QueueItemOut]:
    """The families to inform, derived from the evidence, in the queue's order (deaths to tell
    in person first); `offset` pages on through the whole queue. The read is audited."""
    return [
        QueueItemOut(
            contact=contact_out(item.contact),
            person_id=item.person.id,
            news=NewsOut(
                before=item.news.before,
                after=item.news.after,
                since=item.news.since.iso() if item.news.since else None,
                new=[fact.kind for fact in item.news.new],
                in_person=item.news.in_person,
                told=list(item.snapshot),
            ),
        )
        for item in queue.families_to_inform(
            session, actor=caller.actor, offset=offset, limit=limit
        )
    ]


class InformedBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: LogKind
    summary: str | None = Field(default=None, max_length=4000)
    told: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(default=[], max_length=MAX_TOLD)


class InformedOut(BaseModel):
    id: int
    contact_id: int
    told_status: str | None
    told_evidence: list[int]


@router.post(
    "/contacts/{contact_id}/informed",
    status_code=201,
    response_model=InformedOut,
    responses=_errors(401, 403, 404, 422),
)
def informed(
    session: Db, caller: Liaison, contact_id: ContactId, body: InformedBody
) -> InformedOut:
    """The family was told the news (`told`: the evidence the queue's item named)."""
    row = queue.record_informed(
        session,
        actor=caller.actor,
        contact_id=contact_id,
        informed=validated(InformedIn, body.model_dump()),
    )
    return InformedOut(
        id=row.id,
        contact_id=row.contact_id,
        told_status=row.told_status,
        told_evidence=list(row.told_evidence or []),
    )


class CodeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    valid_days: int = Field(default=365, ge=1, le=3660)


class CodeOut(BaseModel):
    id: int
    code: str = Field(description="shown this once: only its hash is kept")
    person_id: int
    contact_id: int
    expires_at: str


@router.post(
    "/contacts/{contact_id}/family-codes",
    status_code=201,
    response_model=CodeOut,
    responses=_errors(401, 403, 404, 409, 422),
)
def issue_code(session: Db, caller: Liaison, contact_id: ContactId, body: CodeBody) -> CodeOut:
    """A family access code for the contact's person; the code is in this answer only."""
    issued = access.issue_code(
        session, actor=caller.actor, contact_id=contact_id, valid_days=body.valid_days
    )
    row = issued.row
    return CodeOut(
        id=row.id,
        code=issued.code,
        person_id=row.person_id,
        contact_id=row.contact_id,
        expires_at=row.expires_at.isoformat(),
    )


class RevokeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


class Revoked(BaseModel):
    id: int
    revoked_at: str | None


@router.post(
    "/family-codes/{code_id}/revoke",
    response_model=Revoked,
    responses=_errors(401, 403, 404, 422),
)
def revoke_code(session: Db, caller: Liaison, code_id: RecordId, body: RevokeBody) -> Revoked:
    """The code and every page opened with it stop working at once."""
    row = access.revoke_code(session, actor=caller.actor, code_id=code_id, reason=body.reason)
    return Revoked(id=row.id, revoked_at=row.revoked_at.isoformat() if row.revoked_at else None)


class ExtractBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lang: Literal["uk", "en"] = "uk"


class ExtractOut(BaseModel):
    id: int
    reference: str
    person_id: int
    status: Status
    status_since: str | None
    as_of: date
    verification_code: str
    verification_url: str
    pdf_url: str = Field(description="the PDF as issued (a page of the application)")


@router.post(
    "/persons/{person_id}/extracts",
    status_code=201,
    response_model=ExtractOut,
    responses=_errors(401, 403, 404, 422),
)
def issue_extract(
    request: Request, session: Db, caller: Liaison, person_id: PersonId, body: ExtractBody
) -> ExtractOut:
    """A certified extract of the person's entry and status today."""
    site = base_url(request.app.state.settings.public_url, str(request.base_url))
    issued = extracts.issue_extract(
        session, actor=caller.actor, person_id=person_id, base=site, lang=body.lang
    )
    row = issued.row
    return ExtractOut(
        id=row.id,
        reference=extracts.reference(row.id),
        person_id=row.person_id,
        status=Status(row.status),
        status_since=row.status_since.isoformat() if row.status_since else None,
        as_of=row.as_of,
        verification_code=issued.code,
        verification_url=f"{site}/verify/{issued.code}",
        pdf_url=f"{site}/families/extracts/{row.id}/pdf",
    )


@router.post(
    "/extracts/{extract_id}/revoke",
    response_model=Revoked,
    responses=_errors(401, 403, 404, 422),
)
def revoke_extract(session: Db, caller: Liaison, extract_id: RecordId, body: RevokeBody) -> Revoked:
    """From now on `/verify` says that the extract was revoked."""
    row = extracts.revoke_extract(
        session, actor=caller.actor, extract_id=extract_id, reason=body.reason
    )
    return Revoked(id=row.id, revoked_at=row.revoked_at.isoformat() if row.revoked_at else None)
