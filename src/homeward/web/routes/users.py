"""User management for administrators (Permission.USERS)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from homeward.access.roles import Permission, Role
from homeward.errors import InvalidInput
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.usecases import users as usecases

router = APIRouter(include_in_schema=False)
Admin = Annotated[Caller, needs(Permission.USERS)]
Text = Annotated[str, Form(max_length=300)]


def _page(
    request: Request, session: Db, caller: Caller, *, status_code: int = 200, **extra: Any
) -> Response:
    return render(
        request,
        "users.html",
        caller,
        status_code=status_code,
        nav="users",
        accounts=usecases.accounts(session, caller.actor),
        roles=list(Role),
        **extra,
    )


@router.get("/users")
def users_page(request: Request, session: Db, caller: Admin) -> Response:
    return _page(request, session, caller, done=request.query_params.get("done"))


@router.post("/users")
def add_user(
    request: Request,
    session: Db,
    caller: Admin,
    username: Text = "",
    role: Text = "",
    name: Text = "",
) -> Response:
    try:
        user, password = usecases.add_account(
            session, caller.actor, username=username, role=role, name=name
        )
    except InvalidInput as error:
        form = {"username": username, "role": role, "name": name}
        return _page(request, session, caller, status_code=422, error=error, form=form)
    # shown once, in this answer only: never in a URL, a log or the database
    return _page(request, session, caller, password_for=user.username, password=password)


@router.post("/users/{username}/{act}")
def user_act(
    request: Request,
    session: Db,
    caller: Admin,
    username: str,
    act: Literal["password", "revoke", "disable"],
) -> Response:
    if act == "password":
        password = usecases.reset_password(session, caller.actor, username)
        return _page(request, session, caller, password_for=username, password=password)
    if act == "revoke":
        usecases.end_sessions(session, caller.actor, username)
    else:
        usecases.disable(session, caller.actor, username)
    return RedirectResponse(f"/users?done={act}", status_code=303)
