"""The dashboard's counts as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel

from homeward.access.roles import Permission
from homeward.web.api.imports import ERRORS
from homeward.web.deps import Caller, Db, needs
from homeward.web.usecases.dashboard import dashboard

router = APIRouter(tags=["dashboard"])


class RecentImportOut(BaseModel):
    id: int
    file_name: str
    at: datetime
    rows_imported: int
    rows_rejected: int
    list_kind: str | None


class DashboardOut(BaseModel):
    own_by_status: dict[str, int]
    own_total: int
    adversary_by_status: dict[str, int]
    adversary_total: int
    changes_this_week: int
    persons_changed_this_week: int
    review_queue: int
    recent_imports: list[RecentImportOut]


@router.get("/dashboard", response_model=DashboardOut, responses=ERRORS)
def api_dashboard(session: Db, caller: Annotated[Caller, needs(Permission.READ)]) -> DashboardOut:
    """Persons by status on each side, this week's changes, the review queue, the last imports:
    counts only, no personal data."""
    board = dashboard(session, caller.actor)
    return DashboardOut(
        own_by_status=board.own_by_status,
        own_total=board.own_total,
        adversary_by_status=board.adversary_by_status,
        adversary_total=board.adversary_total,
        changes_this_week=board.changes_this_week,
        persons_changed_this_week=board.persons_changed_this_week,
        review_queue=board.review_queue,
        recent_imports=[RecentImportOut(**vars(item)) for item in board.recent_imports],
    )
