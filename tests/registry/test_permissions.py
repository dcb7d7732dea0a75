"""The register's services check the role themselves, whatever channel calls them: a role without
the permission gets `Forbidden` and nothing is written; the console (no role) may do everything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import GRANTS, Forbidden, Permission, Role
from homeward.registry.evidence import add_evidence, record_report_evidence
from homeward.registry.models import (
    Contact,
    Evidence,
    Identifier,
    Person,
    PersonHistory,
    PersonName,
    Report,
)
from homeward.registry.schemas import ContactIn, IdentifierIn, NameIn, ReportIn, SourceIn
from homeward.registry.service import (
    add_identifier,
    add_name,
    create_person,
    edit_person,
    get_person,
)
from homeward.registry.sources import add_contact, add_report, link_report
from tests.factories import evidence_in, person_in

CONSOLE = Actor("console", Channel.CLI)  # no role: the server's operator
SOURCE = SourceIn(kind="relative", name="Mother")
REPORT = ReportIn(source=SOURCE, payload={"surname": "Тестенко"})
CONTACT = ContactIn(name="Тестенко Марія", relation="mother", phone="+380 00 000 0000")


def _without(permission: Permission) -> list[Actor]:
    return [
        Actor(f"test-{role.value}", Channel.WEB, role)
        for role in Role
        if permission not in GRANTS[role]
    ]


def _rows(session: Session) -> dict[str, int]:
    models: tuple[Any, ...] = (
        Person,
        PersonName,
        Identifier,
        Evidence,
        Report,
        Contact,
        PersonHistory,
    )
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in models
    }


def _person(session: Session) -> int:
    return create_person(session, actor=CONSOLE, person=person_in(surname="Тестенко")).id


Act = Callable[[Session, Actor, int], object]

ACTS: dict[str, tuple[Permission, Act]] = {
    "create_person": (
        Permission.INTAKE,
        lambda s, a, _pid: create_person(s, actor=a, person=person_in(surname="Інший")),
    ),
    "edit_person": (
        Permission.INTAKE,
        lambda s, a, pid: edit_person(
            s,
            actor=a,
            person_id=pid,
            expected_version=get_person(s, pid).version,
            changes={"unit": "А1234"},
            reason="a correction",
        ),
    ),
    "add_name": (
        Permission.INTAKE,
        lambda s, a, pid: add_name(s, actor=a, person_id=pid, name=NameIn(surname="Testenko")),
    ),
    "add_identifier": (
        Permission.INTAKE,
        lambda s, a, pid: add_identifier(
            s,
            actor=a,
            person_id=pid,
            identifier=IdentifierIn(kind="passport", value="ТТ000001"),
        ),
    ),
    "add_evidence": (
        Permission.EVIDENCE,
        lambda s, a, pid: add_evidence(
            s, actor=a, person_id=pid, evidence=evidence_in("reported_missing", "01.03.2022")
        ),
    ),
    "add_report": (
        Permission.INTAKE,
        lambda s, a, pid: add_report(s, actor=a, report=REPORT, person_id=pid),
    ),
    "add_contact": (
        Permission.CONTACTS_WRITE,
        lambda s, a, pid: add_contact(s, actor=a, person_id=pid, contact=CONTACT),
    ),
}

CASES = [
    pytest.param(name, actor, id=f"{name}-{actor.role}")
    for name, (permission, _act) in ACTS.items()
    for actor in _without(permission)
]


@pytest.mark.parametrize(("name", "actor"), CASES)
def test_a_role_without_the_permission_is_refused_and_nothing_is_written(
    session: Session, name: str, actor: Actor
) -> None:
    permission, act = ACTS[name]
    person_id = _person(session)
    before = _rows(session)
    with pytest.raises(Forbidden) as refused:
        act(session, actor, person_id)
    assert refused.value.permission is permission
    session.flush()
    assert _rows(session) == before


@pytest.mark.parametrize("name", list(ACTS))
def test_the_console_may_do_everything(session: Session, name: str) -> None:
    _permission, act = ACTS[name]
    person_id = _person(session)
    before = _rows(session)
    act(session, CONSOLE, person_id)
    session.flush()
    assert _rows(session) != before


@pytest.mark.parametrize("name", list(ACTS))
def test_a_role_with_the_permission_may(session: Session, name: str) -> None:
    permission, act = ACTS[name]
    role = next(r for r in (Role.OPERATOR, Role.LIAISON) if permission in GRANTS[r])
    person_id = _person(session)
    act(session, Actor(f"test-{role.value}", Channel.WEB, role), person_id)


def _unlinked_report_with_evidence(session: Session) -> int:
    report = add_report(
        session,
        actor=CONSOLE,
        report=ReportIn(
            source=SourceIn(kind="list", name="A captor's list"),
            payload={
                "surname": "Тестенко",
                "evidence": {"kind": "captor_list", "on": "2022-05-01", "reliability": "high"},
            },
        ),
    )
    return report.id


@pytest.mark.parametrize("actor", _without(Permission.INTAKE), ids=lambda a: str(a.role))
def test_linking_a_report_needs_intake_or_review(session: Session, actor: Actor) -> None:
    person_id = _person(session)
    report_id = _unlinked_report_with_evidence(session)
    before = _rows(session)
    if actor.role is Role.ANALYST:  # a reviewer links a report by accepting a proposal
        report = link_report(session, actor=actor, report_id=report_id, person_id=person_id)
        assert record_report_evidence(session, actor=actor, report=report)
        return
    with pytest.raises(Forbidden):
        link_report(session, actor=actor, report_id=report_id, person_id=person_id)
    unlinked = session.get(Report, report_id)
    assert unlinked is not None and unlinked.person_id is None
    unlinked.person_id = person_id  # as if linked: the carried evidence still needs the right
    with pytest.raises(Forbidden):
        record_report_evidence(session, actor=actor, report=unlinked)
    unlinked.person_id = None
    session.flush()
    assert _rows(session) == before


def test_an_operator_links_a_report_and_records_its_evidence(session: Session) -> None:
    operator = Actor("test-operator", Channel.WEB, Role.OPERATOR)
    person_id = _person(session)
    report = link_report(
        session,
        actor=operator,
        report_id=_unlinked_report_with_evidence(session),
        person_id=person_id,
    )
    assert record_report_evidence(session, actor=operator, report=report)
    assert get_person(session, person_id).status != "no_information"
