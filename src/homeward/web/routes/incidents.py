"""The investigator's pages: incidents (a list with filters by act type, place and period; an
incident's page; the forms that record incidents, acts and alleged perpetrators), their exports
and case files. No SQL and no rules here: `usecases.incidents` and `homeward.violations`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.errors import InvalidInput, NotFound
from homeward.text import ascii_number
from homeward.violations.service import act_period
from homeward.violations.vocab import act_types
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.paging import page_of
from homeward.web.usecases import incident_exports
from homeward.web.usecases import incidents as usecases

router = APIRouter(include_in_schema=False)

Reader = Annotated[Caller, needs(Permission.INCIDENTS_READ)]
Investigator = Annotated[Caller, needs(Permission.INCIDENTS)]
MAX_ID = 2**31 - 1


def incident_id_of(text: str) -> int:
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise NotFound("there is no incident %(incident_id)s", incident_id=text[:20])
    return number


async def read_form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


Form = Annotated[dict[str, str], Depends(read_form)]


def _attempt(session: Session, act: Callable[[], Any]) -> Any:
    """Run a change in a savepoint: bad input leaves nothing of it written."""
    with session.begin_nested():
        return act()


def _context(session: Session, form_for: Caller | None = None) -> dict[str, Any]:
    """What the incident pages share; `form_for`: the caller shown the act form, whose list
    of alleged perpetrators is then read (and audited)."""
    return {
        "nav": "incidents",
        "choices": usecases.choices(session, form_for.actor if form_for else None),
        "iword": usecases.word,
        "period": act_period,
        "field_words": usecases.FIELD_WORDS,
        "act_kinds": act_types(),
    }


@router.get("/incidents")
def incident_list(request: Request, session: Db, caller: Reader) -> Response:
    query = dict(request.query_params)
    error = None
    try:
        filters = usecases.filters_from(query)
        found = usecases.incident_list(
            session,
            caller.actor,
            filters,
            page=page_of(query.get("page")),
            params=request.query_params.multi_items(),
        )
    except InvalidInput as problem:
        error, found = problem, usecases.IncidentList([], {})
    return render(
        request,
        "incidents.html",
        caller,
        status_code=422 if error else 200,
        found=found,
        query=query,
        error=error,
        **_context(session),
    )


@router.get("/incidents/new")
def incident_new(request: Request, session: Db, caller: Investigator) -> Response:
    return render(request, "incident_new.html", caller, form={}, **_context(session, caller))


@router.post("/incidents")
def incident_create(request: Request, session: Db, caller: Investigator, form: Form) -> Response:
    try:
        incident = _attempt(session, lambda: usecases.record_incident(session, caller.actor, form))
    except InvalidInput as error:
        return render(
            request,
            "incident_new.html",
            caller,
            status_code=422,
            form=form,
            error=error,
            **_context(session, caller),
        )
    return RedirectResponse(f"/incidents/{incident.id}?saved=incident", status_code=303)


def _incident_page(
    request: Request,
    session: Session,
    caller: Caller,
    incident_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    page = usecases.incident_page(session, caller.actor, incident_id)
    return render(
        request,
        "incident.html",
        caller,
        status_code=status_code,
        page=page,
        incident=page.incident,
        saved=request.query_params.get("saved"),
        **_context(session, caller),
        **extra,
    )


@router.get("/incidents/{incident_id}")
def incident_page(request: Request, session: Db, caller: Reader, incident_id: str) -> Response:
    return _incident_page(request, session, caller, incident_id_of(incident_id))


@router.post("/incidents/{incident_id}/acts")
def act_add(
    request: Request, session: Db, caller: Investigator, incident_id: str, form: Form
) -> Response:
    number = incident_id_of(incident_id)
    try:
        _attempt(session, lambda: usecases.add_act(session, caller.actor, number, form))
    except InvalidInput as error:
        return _incident_page(
            request, session, caller, number, status_code=422, act_error=error, form=form
        )
    return RedirectResponse(f"/incidents/{number}?saved=act#acts", status_code=303)


@router.post("/perpetrators")
def perpetrator_add(request: Request, session: Db, caller: Investigator, form: Form) -> Response:
    back = ascii_number(form.get("incident_id", ""), most=MAX_ID)
    try:
        _attempt(session, lambda: usecases.record_perpetrator(session, caller.actor, form))
    except InvalidInput as error:
        if back is None:
            raise
        return _incident_page(
            request, session, caller, back, status_code=422, perpetrator_error=error
        )
    target = f"/incidents/{back}?saved=perpetrator#acts" if back else "/incidents/new"
    return RedirectResponse(target, status_code=303)


@router.get("/incidents-export/{file_format}")
def incidents_export(request: Request, session: Db, caller: Reader, file_format: str) -> Response:
    filters = usecases.filters_from(dict(request.query_params))
    made = incident_exports.export_incidents(
        session, caller.actor, filters, file_format=file_format, lang=caller.lang
    )
    return Response(
        made.content,
        media_type=made.media_type,
        headers={"Content-Disposition": f'attachment; filename="{made.name}"'},
    )


@router.get("/incidents/{incident_id}/case-file")
def case_file(request: Request, session: Db, caller: Reader, incident_id: str) -> Response:
    number = incident_id_of(incident_id)
    lang = request.query_params.get("lang") or caller.lang
    pdf = incident_exports.case_file(session, caller.actor, number, lang=lang)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="case-file-{number}.pdf"'},
    )


# --- corrections: an act, an alleged perpetrator (the old values kept in the history) ------


def act_id_of(text: str) -> int:
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise NotFound("there is no act %(act_id)s", act_id=text[:20])
    return number


def perpetrator_id_of(text: str) -> int:
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise NotFound("there is no perpetrator %(perpetrator_id)s", perpetrator_id=text[:20])
    return number


def _act_edit_page(
    request: Request,
    session: Session,
    caller: Caller,
    act_id: int,
    form: dict[str, str] | None = None,
    *,
    error: InvalidInput | None = None,
) -> Response:
    act = usecases.act_to_correct(session, caller.actor, act_id)
    return render(
        request,
        "act_edit.html",
        caller,
        status_code=422 if error else 200,
        act=act,
        form=form if form is not None else usecases.act_form(act),
        error=error,
        **_context(session, caller),
    )


@router.get("/acts/{act_id}/edit")
def act_edit(request: Request, session: Db, caller: Investigator, act_id: str) -> Response:
    return _act_edit_page(request, session, caller, act_id_of(act_id))


@router.post("/acts/{act_id}/edit")
def act_correct(
    request: Request, session: Db, caller: Investigator, act_id: str, form: Form
) -> Response:
    number = act_id_of(act_id)
    try:
        act = _attempt(session, lambda: usecases.correct_act(session, caller.actor, number, form))
    except InvalidInput as error:
        return _act_edit_page(request, session, caller, number, form, error=error)
    return RedirectResponse(
        f"/incidents/{act.incident_id}?saved=correction#act-{act.id}", status_code=303
    )


@router.get("/perpetrators")
def perpetrator_list(request: Request, session: Db, caller: Reader, page: str = "") -> Response:
    shown = usecases.perpetrator_list(session, caller.actor, page=page_of(page))
    return render(
        request, "perpetrators.html", caller, rows=shown.rows, pages=shown.pages,
        **_context(session),
    )  # fmt: skip


def _perpetrator_page(
    request: Request,
    session: Session,
    caller: Caller,
    perpetrator_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    page = usecases.perpetrator_page(session, caller.actor, perpetrator_id)
    return render(
        request,
        "perpetrator.html",
        caller,
        status_code=status_code,
        page=page,
        alleged=page.view.perpetrator,
        saved=request.query_params.get("saved"),
        **_context(session),
        **extra,
    )


@router.get("/perpetrators/{perpetrator_id}")
def perpetrator_page(
    request: Request, session: Db, caller: Reader, perpetrator_id: str
) -> Response:
    return _perpetrator_page(request, session, caller, perpetrator_id_of(perpetrator_id))


@router.post("/perpetrators/{perpetrator_id}/edit")
def perpetrator_correct(
    request: Request, session: Db, caller: Investigator, perpetrator_id: str, form: Form
) -> Response:
    number = perpetrator_id_of(perpetrator_id)
    try:
        _attempt(session, lambda: usecases.correct_perpetrator(session, caller.actor, number, form))
    except InvalidInput as error:
        return _perpetrator_page(
            request, session, caller, number, status_code=422, error=error, form=form
        )
    return RedirectResponse(f"/perpetrators/{number}?saved=correction", status_code=303)
