"""Family access codes and certified extracts: issued by a liaison or an administrator from a
person's contacts workspace; the code shown once (and its letter printed from that page), the
extract's PDF kept as issued."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.errors import InvalidInput
from homeward.families import access, extracts, service
from homeward.families.papers import base_url, code_letter_pdf
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.routes.families import number_of
from homeward.web.routes.persons import person_id_of

router = APIRouter(include_in_schema=False)

Liaison = Annotated[Caller, needs(Permission.FAMILIES)]
MAX_DAYS = 3660


def site(request: Request) -> str:
    return base_url(request.app.state.settings.public_url, str(request.base_url))


def pdf_response(pdf: bytes, file_name: str) -> Response:
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


@router.post("/families/contacts/{contact_id}/codes")
def issue_code(
    request: Request,
    session: Db,
    caller: Liaison,
    contact_id: str,
    valid_days: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """The code, shown this once; the page is never cached (`Cache-Control: no-store`)."""
    cid = number_of(contact_id)
    settings = request.app.state.settings
    days = valid_days.strip() or str(settings.family_code_days)
    if not (days.isascii() and days.isdigit() and 1 <= int(days) <= MAX_DAYS):
        raise InvalidInput("valid_days", "must be from 1 to %(most)s days", most=MAX_DAYS)
    issued = access.issue_code(session, actor=caller.actor, contact_id=cid, valid_days=int(days))
    contact = service.get_contact(session, cid)
    return render(
        request,
        "families_code.html",
        caller,
        nav="families",
        issued=issued,
        contact=contact,
        person=service.surviving_person(session, contact.person_id),
        family_url=f"{site(request)}/family",
    )


@router.post("/families/codes/{code_id}/letter")
def code_letter(
    request: Request,
    session: Db,
    caller: Liaison,
    code_id: str,
    code: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """The letter with the code, printed from the page that showed it: the code comes back
    from that page, since the register keeps only its hash."""
    row = access.get_code(session, number_of(code_id))
    if not access.matches(row, code):
        raise InvalidInput(
            "code", "is not this code: print the letter from the page that showed it"
        )
    contact = service.get_contact(session, row.contact_id)
    access.letter_printed(session, actor=caller.actor, row=row)
    pdf = code_letter_pdf(
        person=service.surviving_person(session, row.person_id),
        contact=contact,
        code=code.strip().upper(),
        expires_at=row.expires_at,
        base=site(request),
        hotline=request.app.state.settings.family_hotline,
    )
    return pdf_response(pdf, f"access-code-{row.id}.pdf")


@router.post("/families/codes/{code_id}/revoke")
def revoke_code(
    session: Db,
    caller: Liaison,
    code_id: str,
    reason: Annotated[str, Form()] = "",
) -> Response:
    row = access.revoke_code(session, actor=caller.actor, code_id=number_of(code_id), reason=reason)
    contact = service.get_contact(session, row.contact_id)
    target = f"/families/persons/{contact.person_id}?saved=revoked#contact-{contact.id}"
    return RedirectResponse(target, status_code=303)


@router.post("/families/persons/{person_id}/extracts")
def issue_extract(
    request: Request,
    session: Db,
    caller: Liaison,
    person_id: str,
    lang: Annotated[str, Form(max_length=5)] = "uk",
) -> Response:
    issued = extracts.issue_extract(
        session,
        actor=caller.actor,
        person_id=person_id_of(person_id),
        base=site(request),
        lang=lang,
    )
    return render(
        request,
        "families_extract.html",
        caller,
        nav="families",
        issued=issued,
        reference=extracts.reference(issued.row.id),
        person=service.surviving_person(session, issued.row.person_id),
    )


@router.get("/families/extracts/{extract_id}/pdf")
def extract_pdf(session: Db, caller: Liaison, extract_id: str) -> Response:
    number = number_of(extract_id)
    pdf = extracts.extract_file(session, actor=caller.actor, extract_id=number)
    return pdf_response(pdf, f"{extracts.reference(number)}.pdf")


@router.post("/families/extracts/{extract_id}/revoke")
def revoke_extract(
    session: Db,
    caller: Liaison,
    extract_id: str,
    reason: Annotated[str, Form()] = "",
) -> Response:
    row = extracts.revoke_extract(
        session, actor=caller.actor, extract_id=number_of(extract_id), reason=reason
    )
    return RedirectResponse(
        f"/families/persons/{row.person_id}?saved=extract-revoked#extracts", status_code=303
    )
