"""Deciding a proposal, merging and unmerging need the review permission, whatever the channel."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Forbidden, Role
from homeward.linkage.merge import merge_persons, unmerge
from homeward.linkage.models import LinkProposal, Merge
from homeward.linkage.review import accept, propose, reject
from homeward.linkage.scoring import FieldWeight, PairScore
from homeward.registry.service import create_person, get_person
from tests.factories import OPERATOR, person_in

SCORE = PairScore(6.2, 0.987, (FieldWeight("surname", "same key, rare", 9.1),), None)
CONSOLE = Actor("console", Channel.CLI)  # no role: the server's operator
ANALYST = Actor("test-analyst", Channel.WEB, Role.ANALYST)
WITHOUT_REVIEW = [
    Actor(f"test-{r.value}", Channel.WEB, r) for r in Role if r not in (Role.ADMIN, Role.ANALYST)
]


def _pair(session: Session) -> tuple[int, int, int]:
    first = create_person(session, actor=OPERATOR, person=person_in()).id
    second = create_person(session, actor=OPERATOR, person=person_in(given_name="Александр")).id
    proposal = propose(
        session, score=SCORE, model_version="t", person_id=first, other_person_id=second
    )
    assert proposal is not None
    return first, second, proposal.id


def _merges(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Merge)) or 0


@pytest.mark.parametrize("actor", WITHOUT_REVIEW, ids=lambda a: a.name)
def test_a_role_without_review_cannot_accept_and_nothing_is_written(
    session: Session, actor: Actor
) -> None:
    _first, second, proposal_id = _pair(session)
    with pytest.raises(Forbidden):
        accept(session, actor=actor, proposal_id=proposal_id, reason="same man")
    proposal = session.get(LinkProposal, proposal_id)
    assert proposal is not None and proposal.status == "pending"
    assert proposal.decided_by is None
    assert get_person(session, second).merged_into_id is None
    assert _merges(session) == 0


@pytest.mark.parametrize("actor", WITHOUT_REVIEW, ids=lambda a: a.name)
def test_a_role_without_review_cannot_reject(session: Session, actor: Actor) -> None:
    _first, _second, proposal_id = _pair(session)
    with pytest.raises(Forbidden):
        reject(session, actor=actor, proposal_id=proposal_id, reason="different men")
    proposal = session.get(LinkProposal, proposal_id)
    assert proposal is not None and (proposal.status, proposal.decided_by) == ("pending", None)


@pytest.mark.parametrize("actor", WITHOUT_REVIEW, ids=lambda a: a.name)
def test_a_role_without_review_cannot_merge_or_unmerge(session: Session, actor: Actor) -> None:
    first, second, _proposal_id = _pair(session)
    with pytest.raises(Forbidden):
        merge_persons(session, actor=actor, survivor_id=first, absorbed_id=second, reason="same")
    assert get_person(session, second).merged_into_id is None
    assert _merges(session) == 0
    merge = merge_persons(
        session, actor=CONSOLE, survivor_id=first, absorbed_id=second, reason="same"
    )
    with pytest.raises(Forbidden):
        unmerge(session, actor=actor, merge_id=merge.id, reason="not the same")
    session.refresh(merge)
    assert merge.undone_at is None
    assert get_person(session, second).merged_into_id == first


def test_the_console_and_an_analyst_may_decide_merge_and_unmerge(session: Session) -> None:
    first, second, proposal_id = _pair(session)
    accept(session, actor=ANALYST, proposal_id=proposal_id, reason="same unit")
    assert get_person(session, second).merged_into_id == first
    merge = session.scalars(select(Merge)).one()
    unmerge(session, actor=CONSOLE, merge_id=merge.id, reason="two brothers")
    assert get_person(session, second).merged_into_id is None
    merge_persons(session, actor=CONSOLE, survivor_id=first, absorbed_id=second, reason="same")
    assert get_person(session, second).merged_into_id == first
    third = create_person(session, actor=OPERATOR, person=person_in(surname="Бойко")).id
    fourth = create_person(session, actor=OPERATOR, person=person_in(surname="Бойко")).id
    proposal = propose(
        session, score=SCORE, model_version="t", person_id=third, other_person_id=fourth
    )
    assert proposal is not None
    reject(session, actor=CONSOLE, proposal_id=proposal.id, reason="different fathers")
    assert proposal.status == "rejected"
