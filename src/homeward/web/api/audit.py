"""The audit log through the API: pages of entries with filters, and the hash chain's check."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from homeward.access.roles import Permission
from homeward.web.api.imports import ERRORS
from homeward.web.deps import Caller, Db, needs
from homeward.web.usecases.audit import MAX_PAGE_SIZE, PAGE_SIZE, AuditQuery, read_log, verify_log

router = APIRouter(tags=["audit"])
Auditor = Annotated[Caller, needs(Permission.AUDIT)]
Filter = Annotated[str, Query(max_length=100)]


class AuditEntryOut(BaseModel):
    seq: int
    at: datetime
    username: str
    role: str | None
    action: str
    object_type: str | None
    object_id: str | None
    client: str | None
    detail: dict[str, Any]


class AuditPageOut(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    entries: list[AuditEntryOut]


class BreakOut(BaseModel):
    seq: int
    problem: str


class VerificationOut(BaseModel):
    rows: int
    intact: bool
    breaks: list[BreakOut]


@router.get("/audit", response_model=AuditPageOut, responses=ERRORS)
def api_audit(
    session: Db,
    caller: Auditor,
    user: Filter = "",
    action: Filter = "",
    object_type: Filter = "",
    object_id: Filter = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE,
) -> AuditPageOut:
    """Entries of the audit log, newest first; every filter given must hold. Reading the log is
    itself audited."""
    query = AuditQuery(user.strip(), action, object_type.strip(), object_id.strip(), page, per_page)
    log = read_log(session, caller.actor, query)
    return AuditPageOut(
        total=log.total,
        page=query.page,
        per_page=query.per_page,
        pages=log.pages,
        entries=[AuditEntryOut(**vars(row)) for row in log.rows],
    )


@router.get("/audit/verify", response_model=VerificationOut, responses=ERRORS)
def api_audit_verify(session: Db, caller: Auditor) -> VerificationOut:
    """Walk the audit log's hash chain from the first entry: every entry changed or deleted
    after it was written is named. Reads the whole log."""
    result = verify_log(session, caller.actor)
    return VerificationOut(
        rows=result.rows,
        intact=result.intact,
        breaks=[BreakOut(seq=b.seq, problem=b.problem) for b in result.breaks],
    )
