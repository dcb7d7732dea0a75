from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput, NotFound
from homeward.registry.dossier import person_dossier
from homeward.registry.evidence import add_evidence, evidence_of
from homeward.registry.history import person_history
from homeward.registry.schemas import EvidenceIn
from homeward.registry.service import create_person
from homeward.registry.vocab import Status
from tests.factories import OPERATOR, evidence_in, person_in


def test_evidence_derives_the_status_at_once(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in("reported_missing", "24.02.2022"),
    )
    assert person.status == Status.MISSING
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in(
            "icrc_notification",
            "01.02.2024",
            reliability="high",
            source={"kind": "organisation", "name": "ICRC notification 2024-02"},
        ),
    )
    assert person.status == Status.CAPTIVITY_CONFIRMED
    assert person.status_since == date(2024, 2, 1)
    assert person.version == 1  # deriving the status is not an edit


def test_the_dossier_explains_the_status_in_plain_words(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in("icrc_notification", "01.02.2024"),
    )
    dossier = person_dossier(session, person.id, as_of=date(2024, 3, 1))
    assert dossier.explanation() == "Captivity confirmed on 1 February 2024: the ICRC notified it."
    assert dossier.explanation("uk") == (
        "Полон підтверджено 1 лютого 2024 р.: про це повідомив МКЧХ."
    )


def test_a_retraction_is_new_evidence_and_the_old_stays(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    died = add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in("died", "05.2022", reliability="low"),
    )
    assert person.status == Status.DECEASED
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in(
            "retraction", "06.2022", supersedes_id=died.id, note="the video showed another man"
        ),
    )
    assert person.status == Status.NO_INFORMATION
    assert [e.kind for e in evidence_of(session, person.id)] == ["died", "retraction"]
    actions = [h.action for h in person_history(session, person.id)]
    assert actions == ["create", "evidence_added", "evidence_added"]


def test_it_rejects_evidence_of_the_other_side(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    with pytest.raises(InvalidInput) as caught:
        add_evidence(
            session, actor=OPERATOR, person_id=person.id, evidence=evidence_in("captured", "2023")
        )
    assert caught.value.field == "kind"


def test_it_rejects_evidence_before_the_birth(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in(birth_date="1999"))
    with pytest.raises(InvalidInput) as caught:
        add_evidence(
            session,
            actor=OPERATOR,
            person_id=person.id,
            evidence=evidence_in("letter_or_call", "1998"),
        )
    assert caught.value.field == "on"


def test_it_rejects_superseding_another_persons_evidence(session: Session) -> None:
    first = create_person(session, actor=OPERATOR, person=person_in())
    second = create_person(session, actor=OPERATOR, person=person_in(surname="Бойко"))
    other = add_evidence(
        session, actor=OPERATOR, person_id=first.id, evidence=evidence_in("captor_list", "2023")
    )
    with pytest.raises(InvalidInput) as caught:
        add_evidence(
            session,
            actor=OPERATOR,
            person_id=second.id,
            evidence=evidence_in("retraction", "2023", supersedes_id=other.id),
        )
    assert caught.value.field == "supersedes_id"
    assert second.status == Status.NO_INFORMATION


def test_it_says_when_the_person_does_not_exist(session: Session) -> None:
    with pytest.raises(NotFound, match="no person 999999"):
        add_evidence(
            session, actor=OPERATOR, person_id=999999, evidence=evidence_in("captor_list", "2023")
        )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "rumour", "on": "2023"}, "kind"),
        ({"kind": "captor_list", "on": "soon"}, "on"),
        ({"kind": "captor_list", "on": "2999"}, "on"),
        ({"kind": "retraction", "on": "2023"}, "supersedes_id"),
        ({"kind": "captor_list", "on": "2023", "reliability": "certain"}, "reliability"),
    ],
)
def test_bad_evidence_is_rejected_naming_the_field(data: dict[str, str], field: str) -> None:
    from homeward.registry.schemas import validated

    with pytest.raises(InvalidInput) as caught:
        validated(EvidenceIn, data)
    assert caught.value.field == field
