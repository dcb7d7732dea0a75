"""The contact log: a call, a letter, a meeting, a message — when, who, what was said."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput
from homeward.families import service
from homeward.families.schemas import LogEntryIn
from homeward.registry.schemas import validated
from tests.families.factories import LIAISON, a_contact, a_person


def entry(**data: object) -> LogEntryIn:
    return validated(LogEntryIn, {"kind": "call", "summary": "Розповіли про пошук.", **data})


def test_an_entry_says_when_who_and_what(session: Session) -> None:
    contact = a_contact(session, a_person(session).id)
    row = service.log_contact(
        session, actor=LIAISON, contact_id=contact.id, entry=entry(occurred_at="01.03.2026 14:05")
    )
    assert row.occurred_at == datetime(2026, 3, 1, 14, 5, tzinfo=UTC)
    assert (row.kind, row.recorded_by) == ("call", LIAISON.name)
    assert service.contact_logs(session, [contact.id])[contact.id] == [row]


def test_an_entry_without_a_time_happened_now(session: Session) -> None:
    contact = a_contact(session, a_person(session).id)
    row = service.log_contact(session, actor=LIAISON, contact_id=contact.id, entry=entry())
    assert datetime.now(UTC) - row.occurred_at < timedelta(minutes=1)


def test_it_refuses_an_entry_in_the_future_or_without_words() -> None:
    with pytest.raises(InvalidInput) as error:
        entry(occurred_at="01.01.2999")
    assert error.value.field == "occurred_at"
    with pytest.raises(InvalidInput) as error:
        entry(summary="")
    assert error.value.field == "summary"
    with pytest.raises(InvalidInput) as error:
        entry(kind="telegram")
    assert error.value.field == "kind"
