"""The dashboard: counts by status, this week's changes, the review queue, recent imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.imports.models import Import
from homeward.linkage.models import LinkProposal
from homeward.registry.models import Person, PersonHistory
from homeward.registry.vocab import Side


@dataclass(frozen=True)
class RecentImport:
    id: int
    file_name: str
    at: datetime
    rows_imported: int
    rows_rejected: int
    list_kind: str | None


@dataclass(frozen=True)
class Dashboard:
    own_by_status: dict[str, int]
    adversary_by_status: dict[str, int]
    changes_this_week: int
    persons_changed_this_week: int
    review_queue: int
    recent_imports: list[RecentImport]

    @property
    def own_total(self) -> int:
        return sum(self.own_by_status.values())

    @property
    def adversary_total(self) -> int:
        return sum(self.adversary_by_status.values())


def _by_status(session: Session, side: Side) -> dict[str, int]:
    rows = session.execute(
        select(Person.status, func.count())
        .where(Person.side == side.value, Person.merged_into_id.is_(None))
        .group_by(Person.status)
        .order_by(func.count().desc())
    )
    return {row[0]: row[1] for row in rows.all()}


def dashboard(session: Session, actor: Actor) -> Dashboard:
    """Aggregates only: no personal data, so nothing here is audited."""
    actor.require(Permission.READ)
    week_ago = utcnow() - timedelta(days=7)
    changes, persons_changed = session.execute(
        select(func.count(), func.count(PersonHistory.person_id.distinct())).where(
            PersonHistory.at >= week_ago
        )
    ).one()
    queue = session.scalar(select(func.count()).where(LinkProposal.status == "pending")) or 0
    imports = session.scalars(select(Import).order_by(Import.at.desc()).limit(5))
    return Dashboard(
        own_by_status=_by_status(session, Side.OWN),
        adversary_by_status=_by_status(session, Side.ADVERSARY),
        changes_this_week=changes,
        persons_changed_this_week=persons_changed,
        review_queue=queue,
        recent_imports=[
            RecentImport(i.id, i.file_name, i.at, i.rows_imported, i.rows_rejected, i.list_kind)
            for i in imports
        ],
    )
