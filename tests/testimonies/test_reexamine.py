"""Open mentions are examined again when new persons arrive."""

from __future__ import annotations

from sqlalchemy.orm import Session

from homeward.testimonies import service
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
