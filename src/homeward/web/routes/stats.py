"""The statistics page for analysts: charts drawn on the server with their tables, the estimate of
those on no list, and each table as CSV. No SQL and no figures here: `usecases.stats` does it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.usecases import stats as usecases

router = APIRouter(include_in_schema=False)

Analyst = Annotated[Caller, needs(Permission.EXPORT)]


def _days(request: Request) -> int:
    return int(request.app.state.settings.incommunicado_days)


@router.get("/stats")
def stats_page(request: Request, session: Db, caller: Analyst, on: str = "") -> Response:
    page = usecases.statistics_page(
        session, caller.actor, _days(request), on=on or None, lang=caller.lang
    )
    return render(request, "stats.html", caller, page=page, nav="stats")


@router.get("/stats/report.pdf")
def stats_report(
    request: Request,
    session: Db,
    caller: Analyst,
    on: str = "",
    public: bool = False,
    lang: str = "",
) -> Response:
    """The printable report of one day (public: small counts hidden), in Ukrainian or English."""
    found = usecases.report_file(
        session,
        caller.actor,
        _days(request),
        on=on or None,
        public=public,
        lang=lang if lang in ("uk", "en") else caller.lang,
    )
    return Response(
        found.content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{found.name}"'},
    )


@router.get("/stats/{name}.csv")
def stats_csv(
    request: Request, session: Db, caller: Analyst, name: str, on: str = "", public: bool = False
) -> Response:
    """One table as CSV; `public=true` suppresses small cells (docs/statistics.md)."""
    found = usecases.table_csv(
        session, caller.actor, _days(request), name=name, on=on or None, public=public
    )
    return Response(
        found.content,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{found.name}"'},
    )
