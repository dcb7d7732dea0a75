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
    return render(
        request,
        "stats.html",
        caller,
        page=page,
        nav="stats",
        min_documented=usecases.MIN_DOCUMENTED,
    )


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


@router.get("/stats/chart/{name}.svg")
def stats_chart(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.READ)],
    name: str,
    on: str = "",
    lang: str = "",
    narrow: bool = False,
    k: str = "",
) -> Response:
    """One chart of the page as SVG, by the key of its data the page named (`k`): the
    dashboard's charts for any reader, the others for analysts."""
    found = usecases.chart_svg(
        session,
        caller.actor,
        _days(request),
        name=name,
        on=on or None,
        lang=lang or caller.lang,
        narrow=narrow,
        key=k,
    )
    # a key names one drawing: the browser may keep it; drawn anew (the register changed since
    # the page was shown), it is the current chart under an old name, not to be kept
    cache = "private, max-age=86400, immutable" if found.key == k else "private, no-cache"
    return Response(
        found.svg,
        media_type="image/svg+xml",
        headers={
            "Cache-Control": cache,
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )


@router.get("/stats/estimate.csv")
def stats_estimate_csv(
    request: Request, session: Db, caller: Analyst, on: str = "", public: bool = False
) -> Response:
    """The estimate of those on no list, overall and by year and region, as CSV in the reader's
    language; `public=true` hides small numbers documented (docs/statistics.md)."""
    found = usecases.estimate_csv(
        session, caller.actor, _days(request), on=on or None, public=public, lang=caller.lang
    )
    return Response(
        found.content,
        media_type="text/csv; charset=utf-8",
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
