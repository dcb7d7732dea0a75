"""A negotiator, who does not read the custody file, sees a prisoner's holds on the prisoner's
person page, with their numbers, and lifts one there: a day and a reason, CSRF-protected,
audited, each refusal said in words beside the holds. Roles that do not prepare exchanges see
no holds there (the custodians have them on the custody page)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.audit import AuditAction
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.vocab import HoldKind
from tests.custody.factories import ago, dmy
from tests.exchanges.factories import NEGOTIATOR, their_prisoner
from tests.web.conftest import ClientFor


def a_held_prisoner(web_db: Engine) -> tuple[int, int]:
    with Session(web_db) as session, session.begin():
        prisoner = their_prisoner(session, birth_date="2003", captured_on=dmy(ago(100)))
        held = service.hold(
            session, actor=NEGOTIATOR, person_id=prisoner, kind=HoldKind.PROCEEDINGS,
            since=ago(50), note="case 7-24",
        ).id  # fmt: skip
    return prisoner, held


def test_a_negotiator_sees_the_holds_on_the_person_page_and_the_read_is_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    prisoner, held = a_held_prisoner(web_db)
    negotiator = client_as(Role.NEGOTIATOR)
    page = negotiator.get(f"/persons/{prisoner}")
    assert page.status_code == 200
    assert f'id="hold-{held}"' in page.text and f"№ {held}" in page.text
    assert "case 7-24" in page.text
    assert f'action="/custody/prisoners/{prisoner}/holds/{held}/lift"' in page.text
    with Session(web_db) as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == AuditAction.VIEW_EXCHANGE.value)
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None
    assert (entry.username, entry.object_type, entry.object_id) == (
        "test-negotiator", "person", str(prisoner),
    )  # fmt: skip
    for role in (Role.ANALYST, Role.OPERATOR, Role.CUSTODIAN, Role.INVESTIGATOR):
        assert 'id="holds"' not in client_as(role).get(f"/persons/{prisoner}").text


def test_a_negotiator_lifts_a_hold_on_the_person_page(client_as: ClientFor, web_db: Engine) -> None:
    prisoner, held = a_held_prisoner(web_db)
    negotiator = client_as(Role.NEGOTIATOR)
    lift = f"/custody/prisoners/{prisoner}/holds/{held}/lift"

    forged = negotiator.post(lift, data={"on": dmy(ago(1)), "reason": "r"})
    assert forged.status_code == 403  # no CSRF token
    early = negotiator.form(lift, {"on": dmy(ago(51)), "reason": "r"})
    assert early.status_code == 422 and 'id="lift-error"' in early.text
    assert dmy(ago(50)) in early.text  # the day it began, in words beside the holds
    no_reason = negotiator.form(lift, {"on": dmy(ago(1)), "reason": " "})
    assert no_reason.status_code == 422 and 'id="lift-error"' in no_reason.text
    assert client_as(Role.ANALYST).form(lift, {"on": dmy(ago(1)), "reason": "r"}).status_code == 403

    done = negotiator.form(lift, {"on": dmy(ago(1)), "reason": "the court acquitted him"})
    assert (done.status_code, done.headers["location"]) == (
        303, f"/persons/{prisoner}?saved=lift#holds",
    )  # fmt: skip
    shown = negotiator.get(f"/persons/{prisoner}?saved=lift").text
    assert "the court acquitted him" in shown and f'action="{lift}"' not in shown
    with Session(web_db) as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == AuditAction.EXCHANGE_HOLD_LIFTED.value)
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None and entry.username == "test-negotiator"
    assert entry.detail["reason"] == "the court acquitted him"
    assert entry.detail["hold"] == held

    twice = negotiator.form(lift, {"on": dmy(ago(0)), "reason": "r"})
    assert twice.status_code == 422 and "test-negotiator" in twice.text  # who lifted it


def test_the_never_offered_list_leads_to_each_ones_holds(
    client_as: ClientFor, web_db: Engine
) -> None:
    prisoner, _held = a_held_prisoner(web_db)
    with Session(web_db) as session, session.begin():
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін", days=[date.today()], categories=["under_25"]
        ).id
    page = client_as(Role.NEGOTIATOR).get(f"/exchanges/{exchange}/builder?side=adversary")
    assert f'href="/persons/{prisoner}#holds"' in page.text


def test_a_woman_prisoners_page_says_her_events_in_the_feminine_and_her_holds_neutrally(
    client_as: ClientFor, web_db: Engine
) -> None:
    """The duties' basis ("captured on …") and the holds' words fit a woman as well as a man."""
    with Session(web_db) as session, session.begin():
        prisoner = their_prisoner(
            session, sex="F", surname="Семёнова", given_name="Анна", patronymic=None,
            birth_date="2003", captured_on=dmy(ago(100)),
        )  # fmt: skip
    page = client_as(Role.ADMIN).get(f"/custody/prisoners/{prisoner}").text
    assert "Взята в полон" in page and "Взятий у полон" not in page
    assert "Обмежень немає: можна запропонувати до обміну." in page
    assert "Не затриманий" not in page
