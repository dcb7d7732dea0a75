"""The family page: a relative enters their access code and sees their person, and only theirs.

No staff session counts here, and none is made: a code opens a session of its own (a cookie
only for /family, tied to one code and so to one person). No path, query, form field or header
chooses the person: the code does, on every request, and a withdrawn or expired code ends the
session at once. Mobile first, Ukrainian by default, plain words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from homeward.db import SIDE_WRITES
from homeward.errors import InvalidInput
from homeward.families import messages, page, sessions
from homeward.families.access import FamilyRefused
from homeward.families.attachments import MAX_ATTACHMENT_BYTES, TOO_LARGE
from homeward.families.sessions import Family
from homeward.web.deps import CSRF_REFUSED, Db, client_address, record_refusal
from homeward.web.pages import render
from homeward.web.security import UNSAFE_METHODS, tokens_match
from homeward.web.uploads import UploadRoute, safe_file_name

router = APIRouter(include_in_schema=False)

FAMILY_COOKIE = "homeward_family"
ANON_CSRF_COOKIE = "homeward_anon_csrf"
_SLACK = 256 * 1024  # the form's other fields beside the file


def family_of(request: Request, session: Db) -> Family | None:
    """The family of this request's cookie, or None. A writing request reads it outside its
    transaction (its counters are claimed first, `families.sessions.detached_family`)."""
    token = request.cookies.get(FAMILY_COOKIE)
    client = client_address(request)
    if request.method not in UNSAFE_METHODS:
        return sessions.family_for(session, token, client=client)
    side_writes = request.app.state.read_info.get(SIDE_WRITES)
    return sessions.detached_family(session, token, client=client, side_writes=side_writes)


MaybeFamily = Annotated[Family | None, Depends(family_of)]


def check_csrf(request: Request, family: Family, submitted: str) -> None:
    if not tokens_match(family.csrf_token, submitted):
        record_refusal(request, family.actor, "security token missing or wrong (family page)")
        raise HTTPException(403, CSRF_REFUSED)


def code_page(
    request: Request, *, status_code: int = 200, refusal: object = None, typed: str = ""
) -> Response:
    return render(
        request, "family_code.html", status_code=status_code, refusal=refusal, typed=typed
    )


@router.get("/family")
def family_home(request: Request, session: Db, family: MaybeFamily) -> Response:
    if family is None:
        refusal = sessions.code_refusal(session, request.cookies.get(FAMILY_COOKIE))
        return code_page(request, refusal=refusal)
    shown = page.family_page(session, family, as_of=date.today())
    return render(
        request,
        "family_person.html",
        csrf_token=family.csrf_token,
        page=shown,
        hotline=request.app.state.settings.family_hotline,
        notice=request.query_params.get("done"),
    )


@dataclass(frozen=True)
class CodeForm:
    code: str
    csrf_token: str


async def code_form(request: Request) -> CodeForm:
    form = await request.form(max_files=0, max_fields=5)
    code, token = form.get("code"), form.get("csrf_token")
    return CodeForm(
        code[:200] if isinstance(code, str) else "",
        token[:200] if isinstance(token, str) else "",
    )


@router.post("/family")
def enter_code(
    request: Request, session: Db, form: Annotated[CodeForm, Depends(code_form)]
) -> Response:
    if not tokens_match(request.cookies.get(ANON_CSRF_COOKIE), form.csrf_token):
        record_refusal(request, None, "security token missing or wrong (family code)")
        raise HTTPException(403, CSRF_REFUSED)
    try:
        token, _row = sessions.enter_code(session, typed=form.code, client=client_address(request))
    except FamilyRefused as refused:
        page_ = code_page(
            request, status_code=refused.status, refusal=refused.as_message(), typed=form.code
        )
        if refused.status == 429:
            page_.headers["Retry-After"] = str(60 * int(str(refused.values.get("minutes", 1))))
        return page_
    response = RedirectResponse("/family", status_code=303)
    response.set_cookie(
        FAMILY_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/family",
    )
    return response


@router.get("/family/message")
def message_page(request: Request, family: MaybeFamily) -> Response:
    if family is None:
        return RedirectResponse("/family", status_code=303)
    return render(request, "family_message.html", csrf_token=family.csrf_token, form_text="")


@dataclass(frozen=True)
class MessageForm:
    csrf_token: str
    text: str
    attachment: tuple[str, bytes] | None
    too_large: bool = False


async def message_form(request: Request) -> MessageForm:
    """The message and its file, the file read only up to the limit: a larger one is refused
    before the rest of it is kept (the whole request is bounded first by its length)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_ATTACHMENT_BYTES + _SLACK:
        return MessageForm("", "", None, too_large=True)
    form = await request.form(max_files=1, max_fields=5)
    token, text, upload = form.get("csrf_token"), form.get("message"), form.get("attachment")
    attachment = None
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_ATTACHMENT_BYTES + 1)
        if len(data) > MAX_ATTACHMENT_BYTES:
            return MessageForm("", "", None, too_large=True)
        attachment = (safe_file_name(upload.filename), data)
    return MessageForm(
        token if isinstance(token, str) else "",
        text if isinstance(text, str) else "",
        attachment,
    )


def message_submit(
    request: Request,
    session: Db,
    family: MaybeFamily,
    form: Annotated[MessageForm, Depends(message_form)],
) -> Response:
    if family is None:
        return RedirectResponse("/family", status_code=303)
    problem: object = None
    status = 422
    if form.too_large:
        problem = InvalidInput("attachment", TOO_LARGE).as_message()
        status = 413
    else:
        check_csrf(request, family, form.csrf_token)
        try:
            messages.send_message(session, family, text=form.text, attachment=form.attachment)
        except InvalidInput as error:
            problem = error.as_message()
        except FamilyRefused as refused:
            problem, status = refused.as_message(), refused.status
    if problem is not None:
        return render(
            request,
            "family_message.html",
            status_code=status,
            csrf_token=family.csrf_token,
            problem=problem,
            form_text=form.text,
        )
    return RedirectResponse("/family?done=sent", status_code=303)


router.add_api_route(
    "/family/message", message_submit, methods=["POST"], route_class_override=UploadRoute
)


@router.get("/family/consent")
def consent_page(request: Request, family: MaybeFamily) -> Response:
    if family is None:
        return RedirectResponse("/family", status_code=303)
    return render(
        request,
        "family_consent.html",
        csrf_token=family.csrf_token,
        withdrawn_at=family.contact.consent_withdrawn_at,
    )


@dataclass(frozen=True)
class TokenForm:
    csrf_token: str


async def token_form(request: Request) -> TokenForm:
    form = await request.form(max_files=0, max_fields=5)
    token = form.get("csrf_token")
    return TokenForm(token[:200] if isinstance(token, str) else "")


Token = Annotated[TokenForm, Depends(token_form)]


@router.post("/family/consent")
def withdraw_consent(request: Request, session: Db, family: MaybeFamily, form: Token) -> Response:
    if family is None:
        return RedirectResponse("/family", status_code=303)
    check_csrf(request, family, form.csrf_token)
    page.withdraw_consent(session, family)
    return RedirectResponse("/family?done=withdrawn", status_code=303)


@router.post("/family/leave")
def leave(request: Request, session: Db, family: MaybeFamily, form: Token) -> Response:
    response = RedirectResponse("/family", status_code=303)
    if family is not None:
        check_csrf(request, family, form.csrf_token)
        sessions.leave(session, family)
    response.delete_cookie(FAMILY_COOKIE, path="/family")
    return response
