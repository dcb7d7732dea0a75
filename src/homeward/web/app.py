"""The FastAPI application: pages, the JSON API under /api, static files, error pages."""

from __future__ import annotations

import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import RequestResponseEndpoint
from starlette.responses import Response

from homeward.access.roles import Forbidden
from homeward.access.users import Throttled
from homeward.db import READS, SIDE_WRITES, make_engine, session_factory
from homeward.errors import Conflict, HomewardError, InvalidInput, NotFound
from homeward.registry.schemas import invalid_input_of
from homeward.settings import Settings
from homeward.web.deps import NotSignedIn, record_refusal
from homeward.web.limits import BodyGuard
from homeward.web.pages import render
from homeward.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"
ANON_CSRF_COOKIE = "homeward_anon_csrf"


def status_of(error: HomewardError) -> int:
    if isinstance(error, InvalidInput):
        return 422
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, Throttled):
        return 429
    return 400


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_response(
    request: Request,
    status: int,
    message: str,
    *,
    values: dict[str, Any] | None = None,
    field: str | None = None,
) -> Response:
    """The answer to a request that failed: JSON in English for the API (`detail`, and the
    `field` at fault), else the error page in the user's language. `message` is a template
    with named `values`, translated before they are filled in."""
    values = values or {}
    if is_api(request):
        text = message % values if values else message
        body: dict[str, Any] = {"detail": f"{field}: {text}" if field else text}
        if field:
            body["field"] = field
        return JSONResponse(body, status_code=status)
    caller = getattr(request.state, "caller", None)
    return render(
        request,
        "error.html",
        caller,
        status_code=status,
        status=status,
        message=message,
        values=values,
        field=field,
    )


def _field_of(location: tuple[Any, ...]) -> str:
    """A request field's name from a validation error's location ("body", "note" → note)."""
    parts = [str(part) for part in location if part not in ("body", "query", "path", "form")]
    return ".".join(parts) or "request"


@asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """Read the linkage model and build the name tables in the background at start (several
    seconds), so that the first search or intake does not wait for them; `/readyz` answers 200
    once they are built. Then count the day's figures, and again after each midnight, so that
    the dashboard's first view of a day does not wait for them either (a served app only: the
    tests' apps, given an engine, count when asked)."""
    from homeward.web.usecases.intake import prepare
    from homeward.web.usecases.stats import keep_warm

    def warm() -> None:
        prepare()
        app.state.ready.set()
        if app.state.warm_statistics:
            keep_warm(app.state.read_sessions, app.state.settings.incommunicado_days)

    threading.Thread(target=warm, name="homeward-warm-up", daemon=True).start()
    yield


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings()
    given = engine is not None
    engine = engine or make_engine(settings.database_url, concurrent=True)
    # Pages that only read append their audit entry in a short transaction of their own, so
    # that the lock serialising appends (PostgreSQL's advisory lock, SQLite's write lock) is
    # held for milliseconds, not while the page is built. On SQLite they also read in deferred
    # transactions (readers never wait for the write lock), and changes take the write lock
    # when they begin. A given engine (tests) serves everything.
    # Reads get an engine (a pool) of their own on both databases: a request then never waits
    # for a second connection from the pool it already holds one of.
    read_engine = engine if given else make_engine(settings.database_url)
    app = FastAPI(
        lifespan=_warm_up,
        title="Homeward",
        summary="A register of prisoners of war and persons missing under special circumstances",
        version="1",
        docs_url=None,  # served from vendored files by routes/docs.py
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.ready = threading.Event()
    app.state.warm_statistics = not given
    app.state.engine = engine
    app.state.read_engine = read_engine
    app.state.sessions = session_factory(engine)
    app.state.read_sessions = session_factory(read_engine)
    app.state.read_info = {} if given else {READS: read_engine, SIDE_WRITES: app.state.sessions}
    app.state.write_info = {} if given else {READS: read_engine}

    @app.middleware("http")
    async def anonymous_csrf(request: Request, call_next: RequestResponseEndpoint) -> Response:
        """A token for forms shown before sign-in (the sign-in form itself): double-submit."""
        token = request.cookies.get(ANON_CSRF_COOKIE)
        fresh = not token or len(token) > 100
        request.state.anon_csrf = secrets.token_urlsafe(32) if fresh else token
        response = await call_next(request)
        if fresh:
            response.set_cookie(
                ANON_CSRF_COOKIE,
                request.state.anon_csrf,
                httponly=True,
                samesite="lax",
                secure=request.url.scheme == "https",
            )
        return response

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _error: NotSignedIn) -> Response:
        if is_api(request):
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        if request.headers.get("hx-request") == "true":
            return Response(status_code=401, headers={"HX-Redirect": "/sign-in"})
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        from urllib.parse import quote

        return RedirectResponse(f"/sign-in?next={quote(target)}", status_code=303)

    @app.exception_handler(HomewardError)
    async def domain_error(request: Request, error: HomewardError) -> Response:
        if isinstance(error, Forbidden):  # a service refused: the request's work is undone
            caller = getattr(request.state, "caller", None)
            actor = caller.actor if caller else None
            reason = f"needs {error.permission.value}"
            await run_in_threadpool(record_refusal, request, actor, reason)
        field = error.field if isinstance(error, InvalidInput) else None
        return error_response(
            request, status_of(error), error.message, values=error.values, field=field
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return error_response(request, error.status_code, str(error.detail))

    @app.exception_handler(Exception)
    async def server_error(request: Request, _error: Exception) -> Response:
        """A fault of ours: the error page with a way back (the traceback goes to the log)."""
        return error_response(
            request, 500, "An error on our side: nothing was saved. Try again, or tell us."
        )

    @app.exception_handler(RequestValidationError)
    async def request_invalid(request: Request, error: RequestValidationError) -> Response:
        """A parameter of the wrong form: the field and the problem, never the value sent
        back (it may be anything: NaN, megabytes, a secret)."""
        problems = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in error.errors()
        ]
        if is_api(request):
            return JSONResponse({"detail": problems}, status_code=422)
        first = error.errors()[0] if error.errors() else {}
        invalid = invalid_input_of(first)
        return error_response(
            request,
            422,
            invalid.message,
            values=invalid.values,
            field=_field_of(tuple(first.get("loc", ()))),
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    from homeward.web.routes import include_routes

    uploads = include_routes(app)

    async def error_page(
        request: Request, status: int, message: str, values: dict[str, Any]
    ) -> Response:
        if status == 422 and is_api(request):  # shaped as FastAPI's own validation errors
            problem = {"loc": ["body"], "msg": message % values, "type": "value_error"}
            return JSONResponse({"detail": [problem]}, status_code=422)
        return error_response(request, status, message, values=values)

    # innermost: the anonymous CSRF token (which the error page shows) is set before it runs
    limits = {
        path: (route.limit_for(settings), str(route.refusal().detail))
        for path, route in uploads.items()
    }
    app.user_middleware.append(Middleware(BodyGuard, upload_limits=limits, error_page=error_page))
    return app
