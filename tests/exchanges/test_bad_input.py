"""Bad input: a clear message naming what and where, and nothing half-written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.models import Exchange, Hold, ListVersion
from homeward.exchanges.reconcile import Roster, apply_reconciliation
from homeward.exchanges.vocab import HoldKind, ListSide, Mode
from tests.exchanges.factories import (
    ADMIN,
    NEGOTIATOR,
    an_exchange,
    our_captive,
    their_prisoner,
)


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"categories": ["young"]}, "category", "'young' is no category"),
        ({"categories": ["under_25"], "quotas": {"over_60": 3}}, "quota", "not a category"),
        ({"categories": ["under_25"], "quotas": {"under_25": -1}}, "quota", "negative"),
        ({"name": " "}, "name", "is required"),
        ({"days": []}, "on", "needs a day"),
    ],
)
def test_a_bad_exchange_is_refused_naming_the_field(
    session: Session, kwargs: dict[str, object], field: str, message: str
) -> None:
    values: dict[str, object] = {"name": "Обмін", "days": [date(2025, 7, 4)], **kwargs}
    with pytest.raises(InvalidInput, match=message) as error:
        service.create_exchange(session, actor=NEGOTIATOR, **values)  # type: ignore[arg-type]
    assert error.value.field == field
    assert _count(session, Exchange) == 0


def test_numbers_not_met_are_named_per_category(session: Session) -> None:
    exchange = an_exchange(session, mode=Mode.NUMBERS, quotas={"under_25": 2})
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[our_captive(session, birth_date="2004")], reason="r",
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="under_25: 2 agreed, 1 asked back, 0 offered"):
        service.agree(session, actor=ADMIN, exchange_id=exchange.id)
    assert service.get_exchange(session, exchange.id).state == "proposed"


def test_withdrawing_someone_not_listed_and_a_missing_version_are_named(session: Session) -> None:
    exchange = an_exchange(session)
    with pytest.raises(InvalidInput, match="is not on the own list") as error:
        service.withdraw(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
            person_ids=[999], reason="r",
        )  # fmt: skip
    assert error.value.field == "person 999"
    with pytest.raises(InvalidInput, match="the own list has no version 1"):
        service.compare(session, exchange_id=exchange.id, side=ListSide.OWN, older=1, newer=2)
    assert _count(session, ListVersion) == 0


def test_a_hold_is_for_prisoners_we_hold_and_refusing_repatriation_is_never_offered(
    session: Session,
) -> None:
    with pytest.raises(InvalidInput, match="not a prisoner we hold"):
        service.hold(
            session, actor=NEGOTIATOR, person_id=our_captive(session), kind=HoldKind.REFUSES,
            since=date(2025, 1, 1),
        )  # fmt: skip
    assert _count(session, Hold) == 0
    prisoner = their_prisoner(session)
    service.hold(
        session, actor=NEGOTIATOR, person_id=prisoner, kind=HoldKind.REFUSES,
        since=date(2025, 1, 1),
    )  # fmt: skip
    exchange = an_exchange(session)
    with pytest.raises(InvalidInput, match=r"refuses repatriation \(Art. 109\)"):
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.ADVERSARY,
            person_ids=[prisoner], reason="r",
        )  # fmt: skip


def test_an_exchange_in_the_future_is_not_reconciled(session: Session, tmp_path: Path) -> None:
    person = our_captive(session)
    exchange = service.create_exchange(
        session, actor=NEGOTIATOR, name="Later", days=[date.today() + timedelta(days=3)]
    )
    service.propose(
        session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN,
        person_ids=[person], reason="r",
    )  # fmt: skip
    service.agree(session, actor=ADMIN, exchange_id=exchange.id)
    roster = Roster("Прізвище,Ім'я\nКоваленко,Олександр\n".encode(), "roster.csv")
    with pytest.raises(InvalidInput, match="in the future"):
        apply_reconciliation(
            session, actor=NEGOTIATOR, exchange_id=exchange.id, side=ListSide.OWN, roster=roster
        )


def test_no_hold_for_a_prisoner_who_has_left_our_custody(session: Session) -> None:
    """A man repatriated is in no exchange: holding him back "for proceedings" afterwards would
    show a hold that keeps him from nothing."""
    from homeward.custody import service as custody
    from homeward.custody.schemas import EventIn
    from homeward.registry.models import Person
    from homeward.registry.schemas import validated
    from tests.custody.factories import CUSTODIAN

    prisoner = their_prisoner(session)
    left = validated(EventIn, {"kind": "repatriated", "on": date.today().strftime("%d.%m.%Y")})
    custody.record_event(session, actor=CUSTODIAN, person_id=prisoner, event=left)
    session.flush()
    assert session.get(Person, prisoner).status == "repatriated"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="no longer in our custody"):
        service.hold(
            session, actor=NEGOTIATOR, person_id=prisoner, kind=HoldKind.PROCEEDINGS,
            since=date.today(),
        )  # fmt: skip
    assert _count(session, Hold) == 0
