"""The dashboard, the first page after sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.usecases.dashboard import dashboard
from homeward.web.usecases.stats import dashboard_charts

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(
    request: Request, session: Db, caller: Annotated[Caller, needs(Permission.READ)]
) -> Response:
    days = int(request.app.state.settings.incommunicado_days)
    return render(
        request,
        "dashboard.html",
        caller,
        board=dashboard(session, caller.actor),
        charts=dashboard_charts(session, caller.actor, days, lang=caller.lang),
    )
