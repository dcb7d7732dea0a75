"""Intake of a relative's report: the form, the likely persons while typing, the outcome."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.usecases.intake import (
    FORM_FIELDS,
    LIKELY,
    RELATIONS,
    CandidateView,
    IntakeInvalid,
    Problem,
    candidates,
    intake_outcome,
    take_report,
)
from homeward.web.usecases.review import MAX_ID

router = APIRouter(include_in_schema=False)

Intake = Annotated[Caller, needs(Permission.INTAKE)]


async def read_form(request: Request) -> dict[str, str]:
    """The intake form's own fields, as text (anything else is ignored)."""
    form = await request.form()
    values: dict[str, str] = {}
    for name in FORM_FIELDS:
        value = form.get(name)
        if isinstance(value, str):
            values[name] = value
    return values


IntakeForm = Annotated[dict[str, str], Depends(read_form)]


def _form_page(
    request: Request,
    caller: Caller,
    *,
    form: dict[str, str],
    problems: Mapping[str, Problem],
    found: list[CandidateView] | None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "intake.html",
        caller,
        status_code=status_code,
        nav="intake",
        form=form,
        problems=problems,
        candidates=found,
        chosen=form.get("person_id", ""),
        relations=RELATIONS,
        likely_threshold=LIKELY,
    )


@router.get("/intake")
def intake_page(request: Request, caller: Intake) -> Response:
    return _form_page(request, caller, form={"sex": "U"}, problems={}, found=None)


@router.post("/intake/candidates")
def intake_candidates(request: Request, session: Db, caller: Intake, form: IntakeForm) -> Response:
    """The likely persons for what is typed so far (an HTMX fragment)."""
    found = candidates(session, caller.actor, form)
    return render(
        request,
        "_candidates.html",
        caller,
        candidates=found if form.get("surname", "").strip() else None,
        chosen=form.get("person_id", ""),
        likely_threshold=LIKELY,
    )


@router.post("/intake")
def intake_submit(request: Request, session: Db, caller: Intake, form: IntakeForm) -> Response:
    try:
        done = take_report(session, caller.actor, form)
    except IntakeInvalid as error:  # raised before anything is written
        found = candidates(session, caller.actor, form) if form.get("surname", "").strip() else None
        return _form_page(
            request,
            caller,
            form=form,
            problems=error.problems,
            found=found,
            status_code=422,
        )
    target = f"/intake/done/{done.report_id}" + ("?new=1" if done.new_person else "")
    return RedirectResponse(target, status_code=303)


@router.get("/intake/done/{report_id}")
def intake_done(
    request: Request,
    session: Db,
    caller: Intake,
    report_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    new: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    done = intake_outcome(session, caller.actor, report_id, new_person=bool(new))
    return render(request, "intake_done.html", caller, nav="intake", done=done)
