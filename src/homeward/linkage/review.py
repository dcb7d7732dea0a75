"""The review queue: uncertain links wait here for a person to decide, and decisions are kept."""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.linkage.merge import merge_persons
from homeward.linkage.models import LinkProposal
from homeward.linkage.scoring import PairScore, explain
from homeward.registry.evidence import record_report_evidence
from homeward.registry.sources import link_report
from homeward.text import checked_reason

ProposalKind = Literal["person_pair", "report_person"]


def _existing(
    session: Session, *, person_id: int, other_person_id: int | None, report_id: int | None
) -> LinkProposal | None:
    """A proposal already made for the same pair, in either order, in any state."""
    query = select(LinkProposal)
    if report_id is not None:
        query = query.where(
            LinkProposal.report_id == report_id, LinkProposal.person_id == person_id
        )
    else:
        low, high = sorted((person_id, other_person_id or 0))
        query = query.where(LinkProposal.person_id == low, LinkProposal.other_person_id == high)
    return session.scalars(query.limit(1)).first()


def propose(
    session: Session,
    *,
    score: PairScore,
    model_version: str,
    person_id: int,
    other_person_id: int | None = None,
    report_id: int | None = None,
    priority: float | None = None,
    refused: str | None = None,
) -> LinkProposal | None:
    """Queue a link for review; None when this pair was already proposed or decided.

    `priority`: how much deciding it would move the clusters (`clustering.review_priorities`;
    by default its probability, as for a pair of two records alone); `refused`: why a pair
    above the automatic threshold waits for a reviewer (`guards`), told in the explanation."""
    if (other_person_id is None) == (report_id is None):
        raise InvalidInput("proposal", "name either another person or a report")
    if other_person_id is not None:
        person_id, other_person_id = sorted((person_id, other_person_id))
    if _existing(
        session, person_id=person_id, other_person_id=other_person_id, report_id=report_id
    ):
        return None
    proposal = LinkProposal(
        kind="report_person" if report_id is not None else "person_pair",
        person_id=person_id,
        other_person_id=other_person_id,
        report_id=report_id,
        match_probability=score.match_probability,
        match_weight=score.match_weight,
        priority=score.match_probability if priority is None else priority,
        fields=[asdict(f) for f in score.fields],
        explanation=explain(score, refused),
        vetoed=score.vetoed,
        model_version=model_version,
    )
    session.add(proposal)
    session.flush()
    return proposal


def pending(
    session: Session, *, limit: int = 50, offset: int = 0
) -> tuple[list[LinkProposal], int]:
    query = select(LinkProposal).where(LinkProposal.status == "pending")
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    # the decisions that move the clusters most first
    page = query.order_by(
        LinkProposal.priority.desc(), LinkProposal.match_probability.desc(), LinkProposal.id
    )
    return list(session.scalars(page.limit(limit).offset(offset))), total


def get_proposal(session: Session, proposal_id: int) -> LinkProposal:
    proposal = session.get(LinkProposal, proposal_id)
    if proposal is None:
        raise NotFound("there is no proposal %(proposal_id)s", proposal_id=proposal_id)
    return proposal


def _decide(
    session: Session, *, actor: Actor, proposal_id: int, status: str, reason: str
) -> LinkProposal:
    if not (reason or "").strip():
        raise InvalidInput("reason", "say why")
    reason = checked_reason(reason)
    proposal = get_proposal(session, proposal_id)
    if proposal.status != "pending":
        raise Conflict(
            "proposal %(proposal_id)s was already decided (%(status)s by %(decided_by)s)",
            proposal_id=proposal_id,
            status=proposal.status,
            decided_by=proposal.decided_by,
        )
    proposal.status = status
    proposal.decided_by, proposal.decided_at, proposal.decision_reason = (
        actor.name,
        utcnow(),
        reason,
    )
    return proposal


def accept(session: Session, *, actor: Actor, proposal_id: int, reason: str) -> LinkProposal:
    """Accept: merge the two persons (the older record survives) or link the report."""
    actor.require(Permission.REVIEW)
    proposal = _decide(
        session, actor=actor, proposal_id=proposal_id, status="accepted", reason=reason
    )
    if proposal.report_id is not None:
        report = link_report(
            session,
            actor=actor,
            report_id=proposal.report_id,
            person_id=proposal.person_id,
            reason=f"review: {reason}",
        )
        record_report_evidence(session, actor=actor, report=report)
    else:
        assert proposal.other_person_id is not None
        merge_persons(
            session,
            actor=actor,
            survivor_id=proposal.person_id,
            absorbed_id=proposal.other_person_id,
            reason=f"review: {reason}",
            proposal_id=proposal.id,
        )
        _obsolete_proposals_of(session, proposal.other_person_id, keep=proposal.id)
    session.flush()
    return proposal


def reject(session: Session, *, actor: Actor, proposal_id: int, reason: str) -> LinkProposal:
    """Reject: these are different people (or the report is not about this person)."""
    actor.require(Permission.REVIEW)
    proposal = _decide(
        session, actor=actor, proposal_id=proposal_id, status="rejected", reason=reason
    )
    session.flush()
    return proposal


def _obsolete_proposals_of(session: Session, absorbed_id: int, *, keep: int) -> None:
    """Pending proposals about an absorbed person no longer make sense as they stand."""
    query = select(LinkProposal).where(
        LinkProposal.status == "pending",
        LinkProposal.id != keep,
        or_(LinkProposal.person_id == absorbed_id, LinkProposal.other_person_id == absorbed_id),
    )
    for stale in session.scalars(query):
        stale.status = "obsolete"
        stale.decision_reason = f"person {absorbed_id} was merged"


def audit_pair_read(session: Session, actor: Actor, proposal: LinkProposal) -> None:
    """A reviewer was shown a pair (two persons', or a person's and a report's, names and
    dates): audited as a read of both, from the pages and the console alike."""
    audit.log(
        session,
        actor,
        AuditAction.VIEW_REVIEW,
        object_type="link_proposal",
        object_id=proposal.id,
        detail={
            "person_id": proposal.person_id,
            "other_person_id": proposal.other_person_id,
            "report_id": proposal.report_id,
        },
    )
