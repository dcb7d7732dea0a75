"""The audit log page, and the check of its hash chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.usecases.audit import (
    ACTION_LABELS,
    DETAIL_WORDS,
    OBJECT_TYPES,
    AuditQuery,
    export_log,
    read_log,
    verify_log,
)

router = APIRouter(include_in_schema=False)
Auditor = Annotated[Caller, needs(Permission.AUDIT)]
Filter = Annotated[str, Query(max_length=100)]


@router.get("/audit")
def audit_page(
    request: Request,
    session: Db,
    caller: Auditor,
    user: Filter = "",
    action: Filter = "",
    object_type: Filter = "",
    object_id: Filter = "",
    since: Filter = "",
    until: Filter = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    query = _query(user, action, object_type, object_id, since, until, page=page)
    log = read_log(session, caller.actor, query)
    return render(
        request,
        "audit.html",
        caller,
        nav="audit",
        log=log,
        action_labels=ACTION_LABELS,
        detail_words=DETAIL_WORDS,
        object_types=OBJECT_TYPES,
    )


def _query(*texts: str, page: int = 1) -> AuditQuery:
    user, action, object_type, object_id, since, until = (text.strip() for text in texts)
    return AuditQuery(user, action, object_type, object_id, page, since=since, until=until)


@router.get("/audit/export.csv")
def audit_export(
    session: Db,
    caller: Auditor,
    user: Filter = "",
    action: Filter = "",
    object_type: Filter = "",
    object_id: Filter = "",
    since: Filter = "",
    until: Filter = "",
) -> Response:
    """The entries the filters select, as CSV (the export is itself in the log)."""
    text = export_log(
        session, caller.actor, _query(user, action, object_type, object_id, since, until)
    )
    headers = {"Content-Disposition": 'attachment; filename="audit-log.csv"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/audit/verify")
def audit_verify_page(request: Request, session: Db, caller: Auditor) -> Response:
    result = verify_log(session, caller.actor)
    partial = request.headers.get("hx-request") == "true"
    template = "_audit_verify.html" if partial else "audit_verify.html"
    return render(request, template, caller, nav="audit", verification=result)
