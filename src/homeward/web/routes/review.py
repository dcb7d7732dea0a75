"""The review queue: pending pairs, one pair side by side, and the reviewer's decision."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.errors import InvalidInput
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.paging import Pages
from homeward.web.usecases.review import MAX_ID, PER_PAGE, decide, review_pair, review_queue

router = APIRouter(include_in_schema=False)

Reviewer = Annotated[Caller, needs(Permission.REVIEW)]
ProposalId = Annotated[int, Path(ge=1, le=MAX_ID)]
# checked by the use case, which says what is wrong in the page (the body is bounded anyway)
Reason = Annotated[str, Form()]
Decided = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Outcome = Annotated[Literal["accepted", "rejected"] | None, Query()]


@router.get("/review")
def review_list(
    request: Request,
    session: Db,
    caller: Reviewer,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    decided: Decided = None,
    outcome: Outcome = None,
) -> Response:
    queue = review_queue(session, caller.actor, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pages = Pages.of(page, per_page=PER_PAGE, total=queue.total, path="/review")
    if pages.page != page:  # past the last page: the last
        queue = review_queue(session, caller.actor, limit=PER_PAGE, offset=pages.offset)
    return render(
        request,
        "review_list.html",
        caller,
        nav="review",
        queue=queue,
        pages=pages,
        decided=decided,
        outcome=outcome,
    )


@router.get("/review/{proposal_id}")
def review_show(
    request: Request,
    session: Db,
    caller: Reviewer,
    proposal_id: ProposalId,
    decided: Decided = None,
    outcome: Outcome = None,
) -> Response:
    pair = review_pair(session, caller.actor, proposal_id)
    return render(
        request,
        "review_pair.html",
        caller,
        nav="review",
        pair=pair,
        decided=decided,
        outcome=outcome,
        reason="",
        problem=None,
    )


def _decide(
    request: Request,
    session: Db,
    caller: Caller,
    proposal_id: int,
    decision: Literal["accept", "reject"],
    reason: str,
) -> Response:
    try:
        done = decide(session, caller.actor, proposal_id, decision=decision, reason=reason)
    except InvalidInput as error:
        if error.field != "reason":
            raise
        # the reason is checked before anything is written: show the pair again with the problem
        pair = review_pair(session, caller.actor, proposal_id)
        return render(
            request,
            "review_pair.html",
            caller,
            status_code=422,
            nav="review",
            pair=pair,
            decided=None,
            outcome=None,
            reason=reason,
            problem=error.as_message(),
        )
    query = f"?decided={done.proposal_id}&outcome={done.status}"
    target = f"/review/{done.next_id}" if done.next_id else "/review"
    return RedirectResponse(target + query, status_code=303)


@router.post("/review/{proposal_id}/accept")
def review_accept(
    request: Request, session: Db, caller: Reviewer, proposal_id: ProposalId, reason: Reason = ""
) -> Response:
    return _decide(request, session, caller, proposal_id, "accept", reason)


@router.post("/review/{proposal_id}/reject")
def review_reject(
    request: Request, session: Db, caller: Reviewer, proposal_id: ProposalId, reason: Reason = ""
) -> Response:
    return _decide(request, session, caller, proposal_id, "reject", reason)
