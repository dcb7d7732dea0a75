"""`/verify/CODE`: anyone holding an extract confirms that the register issued it, when, and the
status it stated, and whether it was revoked — nothing more (no name, no other field). Checks
are audited; codes that never existed are counted per address and slow a guesser down."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from homeward.families import extracts
from homeward.families.access import FamilyRefused
from homeward.web.deps import Db, client_address
from homeward.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/verify")
def verify_form(request: Request, code: Annotated[str, Query(max_length=100)] = "") -> Response:
    if code.strip():
        return RedirectResponse(f"/verify/{quote(code.strip(), safe='')}", status_code=303)
    return render(request, "family_verify.html", verified=None, refusal=None, typed="")


@router.get("/verify/{code}")
def verify(request: Request, session: Db, code: str) -> Response:
    typed = code[:100]
    try:
        verified = extracts.verify(session, typed=typed, client=client_address(request))
    except FamilyRefused as refused:
        return render(
            request,
            "family_verify.html",
            status_code=refused.status,
            verified=None,
            refusal=refused.as_message(),
            typed=typed,
        )
    return render(request, "family_verify.html", verified=verified, refusal=None, typed=typed)
