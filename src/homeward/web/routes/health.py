"""`/healthz`: the process answers (no database, no session): for probes and load baselines.
`/readyz`: the worker has built its name tables and read the linkage model (503 until then)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

router = APIRouter(include_in_schema=False)


@router.get("/healthz", response_class=PlainTextResponse)
def healthz() -> str:
    return "ok"


@router.get("/readyz", response_class=PlainTextResponse)
def readyz(request: Request) -> PlainTextResponse:
    if request.app.state.ready.is_set():
        return PlainTextResponse("ready")
    return PlainTextResponse("warming up", status_code=503)
