"""Open mentions are examined again when new persons arrive."""

from __future__ import annotations

import time

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.db import make_engine
from homeward.registry.sources import get_or_create_place
from homeward.testimonies import service
from homeward.testimonies.models import Proposal
from homeward.testimonies.schemas import MentionIn
from tests.testimonies.factories import ANALYST, a_person, a_witness, debrief


def test_a_person_added_later_is_proposed_for_an_open_mention(session: Session) -> None:
    debriefing = debrief(
        session, a_witness(session), MentionIn(name_heard="Прокопенко Юрій", age="30", when="2023")
    )
    mention = debriefing.mentions[0]
    assert service.reexamine(session) == []

    later = a_person(session, surname="Прокопенко", given_name="Юрій", birth_date="1993")
    proposals = service.reexamine(session)

    assert [(p.mention_id, p.person_id) for p in proposals] == [(mention.id, later.id)]
    assert service.reexamine(session) == []  # examined once, not proposed again
    service.link_mention(session, actor=ANALYST, mention_id=mention.id, person_id=later.id)
    assert mention not in service.open_mentions(session)


def test_a_person_whose_age_cannot_fit_is_not_proposed(session: Session) -> None:
    debrief(
        session, a_witness(session), MentionIn(name_heard="Прокопенко Юрій", age="25", when="2023")
    )
    service.reexamine(session)
    a_person(session, surname="Прокопенко", given_name="Юрій", birth_date="1950")
    assert service.reexamine(session) == []


def test_a_person_added_later_is_proposed_without_opening_the_queue(web_db: Engine) -> None:
    """Committing a new person (any channel: intake, import, the person form) holds him
    against the open mentions at once; the queue need not be opened first."""
    with Session(web_db) as session, session.begin():
        debriefing = debrief(
            session,
            a_witness(session),
            MentionIn(name_heard="Прокопенко Юрій", age="30", when="2023"),
            MentionIn(name_heard="Сашко з Полтави", when="2023"),
        )
        mention = debriefing.mentions[0].id
        unrelated = a_person(session, surname="Іваненко", given_name="Петро").id
    with Session(web_db) as session:
        assert session.scalars(select(Proposal)).all() == []
    with Session(web_db) as session, session.begin():
        later = a_person(session, surname="Прокопенко", given_name="Юрій", birth_date="1993").id
        too_old = a_person(session, surname="Прокопенко", given_name="Юрій", birth_date="1950").id
    with Session(web_db) as session:
        proposed = [(p.mention_id, p.person_id) for p in session.scalars(select(Proposal))]
        assert proposed == [(mention, later)]
        assert too_old != later and unrelated not in {p for _m, p in proposed}
        # only the new persons were held against the mentions: the queue's own pass then
        # finds nothing more to propose for them
        assert service.reexamine(session) == []


def test_only_the_persons_given_are_held_against_the_open_mentions(session: Session) -> None:
    debriefing = debrief(
        session, a_witness(session), MentionIn(name_heard="Прокопенко Юрій", when="2023")
    )
    earlier = a_person(session, surname="Прокопенко", given_name="Юрій", birth_date="1993")
    later = a_person(session, surname="Прокопенко", given_name="Юрій", birth_date="1994")
    made = service.propose_for_persons(session, [later.id])
    assert [(p.mention_id, p.person_id) for p in made] == [(debriefing.mentions[0].id, later.id)]
    assert earlier.id not in {p.person_id for p in made}
    assert service.propose_for_persons(session, [later.id]) == []  # kept once


def test_a_savepoint_released_after_a_new_person_waits_for_the_commit(web_db: Engine) -> None:
    """A savepoint released in the transaction that added a person (a place found or made,
    `created_or_found`) is no commit: the person is held against the open mentions once the
    transaction commits, not in a transaction of its own before then, which on the served
    app's engine (write turns) would wait for the turn its own request holds."""
    with Session(web_db) as session, session.begin():
        debriefing = debrief(
            session,
            a_witness(session),
            MentionIn(name_heard="Прокопенко Юрій", age="30", when="2023"),
        )
        mention = debriefing.mentions[0].id
    served = make_engine(web_db.url.render_as_string(hide_password=False), concurrent=True)
    try:
        started = time.monotonic()
        with Session(served) as session, session.begin():
            later = a_person(session, surname="Прокопенко", given_name="Юрій", birth_date="1993").id
            get_or_create_place(session, "Вовчанськ")  # a savepoint, released
            with Session(web_db) as elsewhere:
                assert elsewhere.scalars(select(Proposal)).all() == []
        assert time.monotonic() - started < 10  # no wait for a turn it held itself
    finally:
        served.dispose()
    with Session(web_db) as session:
        proposed = [(p.mention_id, p.person_id) for p in session.scalars(select(Proposal))]
    assert proposed == [(mention, later)]
