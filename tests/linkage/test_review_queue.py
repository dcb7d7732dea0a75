from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.errors import Conflict, InvalidInput
from homeward.linkage.review import accept, pending, propose, reject
from homeward.linkage.scoring import FieldWeight, PairScore
from homeward.registry.history import person_history
from homeward.registry.schemas import ReportIn, SourceIn
from homeward.registry.service import create_person, get_person
from homeward.registry.sources import add_report, reports_of
from tests.factories import ANALYST, OPERATOR, person_in

SCORE = PairScore(
    match_weight=6.2,
    match_probability=0.987,
    fields=(
        FieldWeight("surname", "same key, rare", 9.1),
        FieldWeight("date of birth", "day and month swapped", 3.2),
    ),
    vetoed=None,
)


def _pair(session: Session) -> tuple[int, int]:
    first = create_person(session, actor=OPERATOR, person=person_in()).id
    second = create_person(
        session, actor=OPERATOR, person=person_in(given_name="Александр", birth_date="03.12.1999")
    ).id
    return first, second


def test_a_proposal_keeps_its_score_and_reasons(session: Session) -> None:
    first, second = _pair(session)
    proposal = propose(
        session, score=SCORE, model_version="test", person_id=second, other_person_id=first
    )
    assert proposal is not None
    assert (proposal.person_id, proposal.other_person_id) == (first, second)
    assert proposal.fields[0] == {
        "field": "surname",
        "level": "same key, rare",
        "weight": 9.1,
        "values": "",
    }
    assert "surname" in proposal.explanation
    assert pending(session)[1] == 1


def test_the_same_pair_is_not_proposed_twice_in_either_order(session: Session) -> None:
    first, second = _pair(session)
    assert propose(session, score=SCORE, model_version="t", person_id=first, other_person_id=second)
    assert not propose(
        session, score=SCORE, model_version="t", person_id=second, other_person_id=first
    )


def test_accepting_merges_into_the_older_record_with_the_reviewers_reason(session: Session) -> None:
    first, second = _pair(session)
    proposal = propose(
        session, score=SCORE, model_version="t", person_id=first, other_person_id=second
    )
    assert proposal is not None
    accept(session, actor=ANALYST, proposal_id=proposal.id, reason="same unit and birth year")
    assert get_person(session, second).merged_into_id == first
    assert (proposal.status, proposal.decided_by) == ("accepted", "analyst")
    merge_entry = person_history(session, first)[-1]
    assert merge_entry.action == "merge" and "same unit and birth year" in (
        merge_entry.reason or ""
    )


def test_a_rejected_pair_is_kept_and_never_proposed_again(session: Session) -> None:
    first, second = _pair(session)
    proposal = propose(
        session, score=SCORE, model_version="t", person_id=first, other_person_id=second
    )
    assert proposal is not None
    reject(session, actor=ANALYST, proposal_id=proposal.id, reason="different fathers")
    assert proposal.status == "rejected" and proposal.decision_reason == "different fathers"
    assert not propose(
        session, score=SCORE, model_version="t", person_id=first, other_person_id=second
    )
    assert get_person(session, second).merged_into_id is None


def test_a_decided_proposal_cannot_be_decided_again(session: Session) -> None:
    first, second = _pair(session)
    proposal = propose(
        session, score=SCORE, model_version="t", person_id=first, other_person_id=second
    )
    assert proposal is not None
    reject(session, actor=ANALYST, proposal_id=proposal.id, reason="different")
    with pytest.raises(Conflict, match="already decided"):
        accept(session, actor=ANALYST, proposal_id=proposal.id, reason="changed my mind")


def test_a_decision_needs_a_reason(session: Session) -> None:
    first, second = _pair(session)
    proposal = propose(
        session, score=SCORE, model_version="t", person_id=first, other_person_id=second
    )
    assert proposal is not None
    with pytest.raises(InvalidInput, match="reason"):
        reject(session, actor=ANALYST, proposal_id=proposal.id, reason="")


def test_accepting_a_report_proposal_links_the_report(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in()).id
    report = add_report(
        session,
        actor=OPERATOR,
        report=ReportIn(source=SourceIn(kind="list", name="ICRC list"), payload={"surname": "K"}),
    )
    proposal = propose(
        session, score=SCORE, model_version="t", person_id=person, report_id=report.id
    )
    assert proposal is not None and proposal.kind == "report_person"
    accept(session, actor=ANALYST, proposal_id=proposal.id, reason="same service number")
    assert [r.id for r in reports_of(session, person)] == [report.id]
