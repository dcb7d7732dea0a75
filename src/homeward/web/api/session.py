"""Sign in and out through the API, and who the caller is."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse, Response

from homeward.access.users import end_session, session_for
from homeward.web.deps import SESSION_COOKIE, CurrentCaller, Db, client_address
from homeward.web.routes.auth import end_previous_session, set_session_cookie
from homeward.web.uploads import UploadStore
from homeward.web.usecases.auth import sign_in

router = APIRouter(tags=["session"])


class Credentials(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class Me(BaseModel):
    username: str
    name: str
    role: str
    permissions: list[str]
    csrf_token: str


def _me(caller_csrf: str, username: str, name: str, role: str) -> Me:
    from homeward.access.roles import GRANTS, Role

    return Me(
        username=username,
        name=name,
        role=role,
        permissions=sorted(p.value for p in GRANTS[Role(role)]),
        csrf_token=caller_csrf,
    )


@router.post("/session", response_model=Me, responses={401: {}, 429: {}})
def api_sign_in(credentials: Credentials, request: Request, session: Db) -> Response:
    """Sign in; the answer carries the CSRF token for unsafe requests, the cookie the session."""
    outcome = sign_in(
        session,
        username=credentials.username,
        password=credentials.password,
        client=client_address(request),
    )
    if outcome.error or outcome.token is None:
        headers = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else None
        return JSONResponse(
            {"detail": str(outcome.error)}, status_code=outcome.status, headers=headers
        )
    end_previous_session(request, session)
    signed_in = session_for(session, outcome.token)
    assert signed_in is not None
    user = signed_in.user
    me = _me(signed_in.web_session.csrf_token, user.username, user.display_name, user.role)
    response = JSONResponse(me.model_dump())
    set_session_cookie(request, response, outcome.token)
    return response


@router.get("/me", response_model=Me, responses={401: {}})
def api_me(caller: CurrentCaller) -> Me:
    user = caller.user
    return _me(caller.csrf_token, user.username, user.display_name, user.role)


@router.delete("/session", status_code=204, responses={401: {}, 403: {}})
def api_sign_out(request: Request, session: Db, caller: CurrentCaller) -> Response:
    signed_in = session_for(session, request.cookies.get(SESSION_COOKIE))
    if signed_in is None:
        raise HTTPException(401, "sign in first")
    end_session(session, signed_in, client=caller.actor.client)
    UploadStore(caller.csrf_token).clear()  # the lists it uploaded and never imported
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
