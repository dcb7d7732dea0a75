"""The queue of families to inform: derived from the evidence, emptied by informing them."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from homeward.errors import InvalidInput
from homeward.families import queue, service
from homeward.families.schemas import InformedIn
from homeward.families.vocab import LogKind
from homeward.linkage.merge import merge_persons
from homeward.registry.vocab import Status
from tests.families.factories import CONSOLE, LIAISON, a_contact, a_person, add_fact


def queued(session: Session) -> list[queue.QueueItem]:
    return queue.families_to_inform(session, actor=LIAISON)


def inform(session: Session, item: queue.QueueItem, kind: LogKind = LogKind.CALL) -> None:
    queue.record_informed(
        session,
        actor=LIAISON,
        contact_id=item.contact.id,
        informed=InformedIn(kind=kind, told=item.snapshot),
    )


def test_a_family_is_queued_when_its_persons_status_changes(session: Session) -> None:
    person = a_person(session)
    contact = a_contact(session, person.id)
    assert queued(session) == []
    add_fact(session, person.id, "icrc_notification", "01.02.2024")
    (item,) = queued(session)
    assert item.contact.id == contact.id
    assert (item.news.before, item.news.after) == (Status.MISSING, Status.CAPTIVITY_CONFIRMED)


def test_informing_the_family_takes_it_out_of_the_queue_until_news_comes(session: Session) -> None:
    person = a_person(session)
    a_contact(session, person.id)
    add_fact(session, person.id, "icrc_notification", "01.02.2024")
    inform(session, queued(session)[0])
    assert queued(session) == []
    add_fact(session, person.id, "testimony_sighting", "01.05.2024")
    (item,) = queued(session)
    assert not item.news.status_changed
    assert [f.kind.value for f in item.news.new] == ["testimony_sighting"]


def test_evidence_recorded_while_the_queue_was_read_stays_news(session: Session) -> None:
    person = a_person(session)
    a_contact(session, person.id)
    add_fact(session, person.id, "icrc_notification", "01.02.2024")
    shown = queued(session)[0]
    add_fact(session, person.id, "returned", "01.03.2025")
    inform(session, shown)
    (item,) = queued(session)
    assert item.news.after is Status.RETURNED


def test_only_families_who_consented_and_did_not_withdraw_are_queued(session: Session) -> None:
    person = a_person(session)
    a_contact(session, person.id, consent=False, name="Без згоди")
    withdrawn = a_contact(session, person.id, name="Відкликала")
    service.record_consent(
        session, actor=LIAISON, contact_id=withdrawn.id, contact_consent=False, share_consent=False
    )
    add_fact(session, person.id, "icrc_notification", "01.02.2024")
    assert queued(session) == []


def test_a_death_is_queued_first_and_to_be_told_in_person(session: Session) -> None:
    first, second = a_person(session), a_person(session, surname="Бойко")
    a_contact(session, first.id)
    a_contact(session, second.id, name="Бойко Ганна")
    add_fact(session, first.id, "icrc_notification", "01.02.2024")
    add_fact(session, second.id, "died", "01.03.2024")
    items = queued(session)
    assert [i.person.id for i in items] == [second.id, first.id]
    assert items[0].news.in_person and not items[1].news.in_person


def test_a_death_is_recorded_as_told_only_after_a_meeting(session: Session) -> None:
    person = a_person(session)
    a_contact(session, person.id)
    add_fact(session, person.id, "died", "01.03.2024")
    item = queued(session)[0]
    with pytest.raises(InvalidInput, match="in person") as error:
        inform(session, item, LogKind.CALL)
    assert error.value.field == "kind"
    inform(session, item, LogKind.MEETING)
    assert queued(session) == []


def test_evidence_merged_in_from_a_duplicate_is_news(session: Session) -> None:
    person, duplicate = a_person(session), a_person(session)
    a_contact(session, person.id)
    add_fact(session, duplicate.id, "captor_list", "01.01.2024")
    add_fact(session, person.id, "testimony_sighting", "01.02.2024")
    inform(session, queued(session)[0])
    merge_persons(
        session, actor=CONSOLE, survivor_id=person.id, absorbed_id=duplicate.id, reason="one man"
    )
    (item,) = queued(session)
    assert "captor_list" in [f.kind.value for f in item.news.new]


def test_the_whole_queue_is_derived_a_batch_at_a_time_and_kept_in_its_order(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cap: every family waiting is in the queue, however many batches it takes to read."""
    monkeypatch.setattr(queue, "BATCH", 2)
    news = ["icrc_notification", "died", None, "icrc_notification", "died", "icrc_notification"]
    contacts = []
    for n, kind in enumerate(news):
        person = a_person(session, surname=f"Бойко{'ч' * n}")
        contacts.append(a_contact(session, person.id, name=f"Родич {n}").id)
        # evidence that is no news to the family still makes its contact one to read again
        add_fact(session, person.id, kind or "reported_missing", "01.02.2024")
    silent = a_person(session, surname="Без згоди")
    a_contact(session, silent.id, consent=False)
    add_fact(session, silent.id, "died", "01.02.2024")
    order = [contacts[1], contacts[4], contacts[0], contacts[3], contacts[5]]
    assert [item.contact.id for item in queued(session)] == order
    pages = [queue.queue_slice(session, actor=LIAISON, page=n, per_page=2) for n in (1, 2, 3)]
    assert [item.contact.id for page in pages for item in page.items] == order
    assert {page.total for page in pages} == {5}
    assert queue.queue_slice(session, actor=LIAISON, page=9, per_page=2).page == 3
    window = queue.families_to_inform(session, actor=LIAISON, offset=1, limit=3)
    assert [item.contact.id for item in window] == order[1:4]
