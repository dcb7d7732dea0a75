from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.errors import Conflict, InvalidInput
from homeward.registry.history import person_history
from homeward.registry.schemas import ContactIn, ReportIn, SourceIn
from homeward.registry.service import create_person
from homeward.registry.sources import add_contact, add_report, link_report, reports_of
from tests.factories import OPERATOR, person_in

REPORT = ReportIn(
    source=SourceIn(kind="list", name="Captor's list 2022-05"),
    payload={"Фамилия": "КОВАЛЕНКО", "Имя": "Александр", "Дата рождения": "12.03.1999"},
)


def test_a_report_is_kept_exactly_as_received(session: Session) -> None:
    report = add_report(session, actor=OPERATOR, report=REPORT)
    session.expire_all()
    assert report.payload == REPORT.payload
    assert report.person_id is None and report.entered_by == "operator"


def test_linking_a_report_is_recorded_in_the_persons_history(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    report = add_report(session, actor=OPERATOR, report=REPORT)
    link_report(session, actor=OPERATOR, report_id=report.id, person_id=person.id, reason="same")
    assert [r.id for r in reports_of(session, person.id)] == [report.id]
    assert person_history(session, person.id)[-1].action == "report_linked"


def test_a_report_links_to_at_most_one_person(session: Session) -> None:
    first = create_person(session, actor=OPERATOR, person=person_in())
    second = create_person(session, actor=OPERATOR, person=person_in(surname="Бойко"))
    report = add_report(session, actor=OPERATOR, report=REPORT, person_id=first.id)
    with pytest.raises(Conflict, match="already linked"):
        link_report(session, actor=OPERATOR, report_id=report.id, person_id=second.id)


def test_a_relatives_contact_keeps_the_consents(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    contact = add_contact(
        session,
        actor=OPERATOR,
        person_id=person.id,
        contact=ContactIn(
            name="Коваленко Марія",
            relation="mother",
            phone="+380 00 000 0000",
            consent_contact=True,
            consent_share=False,
        ),
    )
    assert (contact.consent_contact, contact.consent_share) == (True, False)
    assert person_history(session, person.id)[-1].action == "contact_added"


def test_a_contact_without_any_way_to_reach_them_is_refused(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    with pytest.raises(InvalidInput, match="phone, an e-mail or an address"):
        add_contact(
            session,
            actor=OPERATOR,
            person_id=person.id,
            contact=ContactIn(name="Коваленко Марія", relation="mother"),
        )
