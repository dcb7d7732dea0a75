"""The batch to the Central Tracing Agency: the events not yet notified, marked "notified on"
the day the batch went, in one transaction — or none of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.custody.clocks import Obligation, duties
from homeward.custody.loading import read_prisoners
from homeward.custody.models import NotifiedEvent
from homeward.custody.notify import send_batch
from homeward.errors import HomewardError, InvalidInput
from homeward.registry.evidence import add_evidence
from homeward.registry.service import create_person
from tests.custody.factories import CUSTODIAN, ago, dmy, register
from tests.factories import OPERATOR, evidence_in, person_in


def notified(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(NotifiedEvent)) or 0


def test_a_batch_notifies_every_event_not_yet_notified_and_only_once(
    session: Session, tmp_path: Path
) -> None:
    # a name that starts like a formula (one with "=" is refused as no name at all)
    first = register(session, surname="-2+3+cmd|calc")
    sent = send_batch(session, actor=CUSTODIAN, out=tmp_path / "batch.xlsx")
    assert [e.person_id for e in sent.events] == [first.person_id]
    sheet = load_workbook(tmp_path / "batch.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "serial_number"
    assert rows[1][0] == first.serial_number
    assert rows[1][1].startswith("'-")  # a formula written as text, never run
    prisoner = read_prisoners(session, [first.person_id])[0]
    [duty] = [
        d
        for d in duties(prisoner, as_of=sent.batch.sent_on)
        if d.obligation is Obligation.NOTIFICATION
    ]
    assert duty.done == sent.batch.sent_on
    with pytest.raises(InvalidInput):
        send_batch(session, actor=CUSTODIAN, out=tmp_path / "again.xlsx")


def test_a_prisoner_recorded_as_plain_evidence_is_notified_too(
    session: Session, tmp_path: Path
) -> None:
    person = create_person(
        session, actor=OPERATOR, person=person_in(side="adversary", missing_date=None)
    )
    add_evidence(
        session, actor=OPERATOR, person_id=person.id, evidence=evidence_in("captured", dmy(ago(3)))
    )
    sent = send_batch(session, actor=CUSTODIAN, out=tmp_path / "batch.xlsx")
    assert [e.person_id for e in sent.events] == [person.id]


def test_a_batch_that_fails_to_write_leaves_every_event_un_notified(
    session: Session, tmp_path: Path
) -> None:
    register(session)
    before = notified(session)
    in_the_way = tmp_path / "batch.xlsx"
    in_the_way.mkdir()  # the file cannot be put where it was asked for
    with pytest.raises(HomewardError), session.begin_nested():
        send_batch(session, actor=CUSTODIAN, out=in_the_way)
    assert notified(session) == before
    assert [p.name for p in tmp_path.iterdir()] == ["batch.xlsx"]  # no partial file left
