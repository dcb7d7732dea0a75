"""Debriefings through the API: the list, and one with its mentions, each resolved or not (the
same services and shapes as the pages and `homeward testimony show --json`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from homeward.access.roles import Permission
from homeward.testimonies import service
from homeward.testimonies.shapes import debriefing_json, debriefing_summary
from homeward.web.api.persons import MAX_ID, _errors
from homeward.web.deps import Caller, Db, needs

router = APIRouter(tags=["testimonies"])

DebriefingId = Annotated[int, Path(ge=1, le=MAX_ID, description="the debriefing's number")]
Reader = Annotated[Caller, needs(Permission.TESTIMONIES_READ)]


class DebriefingSummaryOut(BaseModel):
    id: int
    held_on: str
    witness_name: str
    witness_person_id: int | None
    interviewer: str
    language: str
    mentions: int
    linked: int
    open: int


class ResolutionOut(BaseModel):
    decision: str
    person_id: int | None
    evidence_id: int | None
    reason: str | None
    decided_by: str
    decided_at: str


class MentionOut(BaseModel):
    id: int
    position: int
    name_heard: str | None
    age: list[int] | None
    unit: str | None
    place_heard: str | None
    place_id: int | None
    when: dict[str, str] | None
    condition: str | None
    words: str | None
    resolved: bool
    resolution: ResolutionOut | None
    earlier_resolutions: int


class DebriefingOut(BaseModel):
    id: int
    held_on: str
    witness_name: str
    witness_person_id: int | None
    interviewer: str
    language: str
    linked: int
    open: int
    source_id: int | None
    note: str | None
    created_by: str
    mentions: list[MentionOut]


@router.get("/testimonies", response_model=list[DebriefingSummaryOut], responses=_errors(401, 403))
def list_debriefings(
    session: Db,
    caller: Reader,
    limit: Annotated[int, Query(ge=1, le=1000, description="debriefings at most")] = 200,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="debriefings skipped")] = 0,
) -> list[DebriefingSummaryOut]:
    """The debriefings, the latest first, `limit` of them from the `offset`-th: `offset` pages
    on through them all. The read is audited with the debriefings returned."""
    rows = service.list_debriefings(session, actor=caller.actor, limit=limit, offset=offset)
    return [DebriefingSummaryOut.model_validate(debriefing_summary(d)) for d in rows]


@router.get(
    "/testimonies/{debriefing_id}",
    response_model=DebriefingOut,
    responses=_errors(401, 403, 404, 422),
)
def show_debriefing(session: Db, caller: Reader, debriefing_id: DebriefingId) -> DebriefingOut:
    row = service.get_debriefing(session, actor=caller.actor, debriefing_id=debriefing_id)
    return DebriefingOut.model_validate(debriefing_json(row))
