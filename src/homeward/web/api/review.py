"""The review queue through the API: pending proposals, one pair, and the decision."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from homeward.access.roles import Permission
from homeward.web.deps import Caller, Db, needs
from homeward.web.usecases.review import (
    MAX_ID,
    PairSide,
    Weight,
    decide,
    review_pair,
    review_queue,
)

router = APIRouter(tags=["review"])

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "not signed in"},
    403: {"description": "the role does not allow this, or the CSRF token is missing"},
}
Reviewer = Annotated[Caller, needs(Permission.REVIEW)]
ProposalId = Annotated[int, Path(ge=1, le=MAX_ID)]


class WeightOut(BaseModel):
    field: str = Field(examples=["surname"])
    level: str = Field(examples=["same key, rare"])
    weight: float = Field(description="in bits: positive for a match, negative against")
    values: str = Field(description="both values, when the level quotes them")


def weight_out(weight: Weight) -> WeightOut:
    return WeightOut(
        field=weight.field,
        level=weight.full_level,
        weight=round(weight.weight, 3),
        values=weight.values,
    )


class ProposalSummary(BaseModel):
    id: int
    kind: Literal["person_pair", "report_person"]
    person_id: int
    person_name: str
    other_person_id: int | None
    report_id: int | None
    other_name: str
    match_probability: float
    vetoed: str | None


class ReviewQueueOut(BaseModel):
    total: int
    limit: int
    offset: int
    proposals: list[ProposalSummary]


class SideOut(BaseModel):
    kind: Literal["person", "report"]
    id: int
    name: str
    values: dict[str, str] = Field(description="identity fields; dates in ISO 8601")
    person_id: int | None
    merged_into: int | None
    status: str | None
    other_names: list[str]
    source: str | None
    received_at: datetime | None


class ProposalOut(BaseModel):
    id: int
    kind: Literal["person_pair", "report_person"]
    status: Literal["pending", "accepted", "rejected", "obsolete"]
    match_probability: float
    match_weight: float
    explanation: str
    vetoed: str | None
    model_version: str
    created_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    left: SideOut
    right: SideOut
    fields: list[WeightOut]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=10_000, description="why: kept with the decision")


class DecisionOut(BaseModel):
    proposal_id: int
    status: Literal["accepted", "rejected"]
    person_id: int = Field(description="the person the decision leaves standing")
    merge_id: int | None = Field(description="the merge made by accepting two persons")
    report_id: int | None
    next_id: int | None = Field(description="the next pending proposal")


def _side(side: PairSide) -> SideOut:
    return SideOut(
        kind=side.kind,
        id=side.id,
        name=side.name,
        values=side.values,
        person_id=side.person_id,
        merged_into=side.merged_into,
        status=side.status,
        other_names=list(side.other_names),
        source=side.source,
        received_at=side.received_at,
    )


@router.get("/review", response_model=ReviewQueueOut, responses={**ERRORS, 422: {}})
def api_review_queue(
    session: Db,
    caller: Reviewer,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
) -> ReviewQueueOut:
    """Pending proposals, most likely first (audited)."""
    queue = review_queue(session, caller.actor, limit=limit, offset=offset)
    return ReviewQueueOut(
        total=queue.total,
        limit=queue.limit,
        offset=queue.offset,
        proposals=[
            ProposalSummary(
                id=i.id,
                kind=i.kind,
                person_id=i.person_id,
                person_name=i.person_name,
                other_person_id=i.other_person_id,
                report_id=i.report_id,
                other_name=i.other_name,
                match_probability=round(i.probability, 6),
                vetoed=i.vetoed,
            )
            for i in queue.items
        ],
    )


@router.get(
    "/review/{proposal_id}",
    response_model=ProposalOut,
    responses={**ERRORS, 404: {"description": "no such proposal"}, 422: {}},
)
def api_review_pair(session: Db, caller: Reviewer, proposal_id: ProposalId) -> ProposalOut:
    """One proposal: both records side by side, the weight of each field, the vetoes (audited)."""
    pair = review_pair(session, caller.actor, proposal_id)
    return ProposalOut(
        id=pair.id,
        kind=pair.kind,
        status=pair.status,
        match_probability=round(pair.probability, 6),
        match_weight=round(pair.match_weight, 3),
        explanation=pair.explanation,
        vetoed=pair.vetoed,
        model_version=pair.model_version,
        created_at=pair.created_at,
        decided_by=pair.decided_by,
        decided_at=pair.decided_at,
        decision_reason=pair.decision_reason,
        left=_side(pair.left),
        right=_side(pair.right),
        fields=[weight_out(w) for w in pair.weights],
    )


DECISION_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"description": "no such proposal"},
    409: {"description": "the proposal was already decided, or a person was merged since"},
    422: {"description": "no reason given"},
}


def _decision(
    session: Db,
    caller: Caller,
    proposal_id: int,
    decision: Literal["accept", "reject"],
    body: DecisionIn,
) -> DecisionOut:
    done = decide(session, caller.actor, proposal_id, decision=decision, reason=body.reason)
    return DecisionOut(
        proposal_id=done.proposal_id,
        status=done.status,
        person_id=done.person_id,
        merge_id=done.merge_id,
        report_id=done.report_id,
        next_id=done.next_id,
    )


@router.post("/review/{proposal_id}/accept", response_model=DecisionOut, responses=DECISION_ERRORS)
def api_review_accept(
    body: DecisionIn, session: Db, caller: Reviewer, proposal_id: ProposalId
) -> DecisionOut:
    """Accept: two persons are merged (the older record survives); a report is linked and the
    evidence it carries recorded. Audited, with the reason."""
    return _decision(session, caller, proposal_id, "accept", body)


@router.post("/review/{proposal_id}/reject", response_model=DecisionOut, responses=DECISION_ERRORS)
def api_review_reject(
    body: DecisionIn, session: Db, caller: Reviewer, proposal_id: ProposalId
) -> DecisionOut:
    """Reject: different persons (or the report is not about this person); never proposed
    again. Audited, with the reason."""
    return _decision(session, caller, proposal_id, "reject", body)
