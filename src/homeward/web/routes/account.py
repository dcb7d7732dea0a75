"""The signed-in user's own account: changing one's own password."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from homeward.access.passwords import MIN_LENGTH
from homeward.access.users import Throttled, change_own_password
from homeward.errors import InvalidInput, NotFound
from homeward.web.deps import Caller, CurrentCaller, Db, client_address
from homeward.web.pages import render
from homeward.web.routes.auth import set_session_cookie
from homeward.web.uploads import UploadStore

router = APIRouter(include_in_schema=False)
Secret = Annotated[str, Form(max_length=1000)]


def _page(request: Request, caller: Caller, *, status_code: int = 200, **extra: Any) -> Response:
    return render(
        request, "account_password.html", caller, status_code=status_code,
        min_length=MIN_LENGTH, **extra,
    )  # fmt: skip


@router.get("/account/password")
def password_page(request: Request, caller: CurrentCaller) -> Response:
    return _page(request, caller, done=request.query_params.get("done") == "1")


@router.post("/account/password")
def change_password(
    request: Request,
    session: Db,
    caller: CurrentCaller,
    current_password: Secret = "",
    new_password: Secret = "",
    new_password_again: Secret = "",
) -> Response:
    """On success every session of the user ends and this browser gets a new one: a session
    left open elsewhere, or a token someone took, is worth nothing after the change."""
    try:
        token = change_own_password(
            session, username=caller.user.username, current=current_password,
            new=new_password, again=new_password_again, client=client_address(request),
        )  # fmt: skip
    except Throttled as error:  # answered, not raised: the attempt stays in the audit log
        page = _page(request, caller, status_code=429, error=error.as_message())
        page.headers["Retry-After"] = str(error.values["seconds"])
        return page
    except InvalidInput as error:
        return _page(request, caller, status_code=422, error=error, field=error.field)
    except NotFound:  # disabled meanwhile
        return RedirectResponse("/sign-in", status_code=303)
    UploadStore(caller.csrf_token).clear()  # the ended session's lists, never imported
    response = RedirectResponse("/account/password?done=1", status_code=303)
    set_session_cookie(request, response, token)
    return response
