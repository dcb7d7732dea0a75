"""Sign in, sign out, and the language switch."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from homeward.access.users import end_session, session_for
from homeward.i18n import LANGUAGES
from homeward.web.deps import (
    CSRF_REFUSED,
    LANGUAGE_COOKIE,
    SESSION_COOKIE,
    CurrentCaller,
    Db,
    client_address,
    record_refusal,
)
from homeward.web.pages import render
from homeward.web.security import tokens_match
from homeward.web.uploads import UploadStore
from homeward.web.usecases.auth import sign_in

router = APIRouter(include_in_schema=False)


def local_target(target: str | None) -> str:
    """Where to go after sign-in: only a path of this site, never another host."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target:
        return "/"
    return target


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def end_previous_session(request: Request, session: Session) -> None:
    """A new sign-in ends the session the browser already had (its token is never valid again,
    the lists it uploaded are dropped): one browser, one session, and a token planted before the
    sign-in is worth nothing after it."""
    previous = session_for(session, request.cookies.get(SESSION_COOKIE))
    if previous is not None:
        end_session(session, previous, client=client_address(request))
        UploadStore(previous.web_session.csrf_token).clear()


@router.get("/sign-in")
def sign_in_page(request: Request, session: Db, next: str | None = None) -> Response:
    if session_for(session, request.cookies.get(SESSION_COOKIE)):
        return RedirectResponse(local_target(next), status_code=303)
    return render(request, "sign_in.html", next=local_target(next), error=None)


@router.post("/sign-in")
def sign_in_submit(
    request: Request,
    session: Db,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    if not tokens_match(request.cookies.get("homeward_anon_csrf"), csrf_token):
        record_refusal(request, None, "security token missing or wrong (sign-in)")
        raise HTTPException(403, CSRF_REFUSED)
    outcome = sign_in(session, username=username, password=password, client=client_address(request))
    if outcome.error:  # no exception: the failed attempt stays in the audit log
        page = render(
            request,
            "sign_in.html",
            status_code=outcome.status,
            next=local_target(next),
            error=outcome.error,
            username=username,
        )
        if outcome.retry_after:
            page.headers["Retry-After"] = str(outcome.retry_after)
        return page
    assert outcome.token is not None
    end_previous_session(request, session)
    response = RedirectResponse(local_target(next), status_code=303)
    set_session_cookie(request, response, outcome.token)
    return response


@router.post("/sign-out")
def sign_out(request: Request, session: Db, caller: CurrentCaller) -> Response:
    signed_in = session_for(session, request.cookies.get(SESSION_COOKIE))
    if signed_in:
        end_session(session, signed_in, client=caller.actor.client)
    UploadStore(caller.csrf_token).clear()  # the lists it uploaded and never imported
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/language/{lang}")
def switch_language(lang: str, next: str | None = None) -> Response:
    if lang not in LANGUAGES:
        raise HTTPException(404, "no such language")
    response = RedirectResponse(local_target(next), status_code=303)
    response.set_cookie(
        LANGUAGE_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True
    )
    return response
