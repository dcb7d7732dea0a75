"""A debriefing: the interview, its mentions kept as typed, linked ones become sightings."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.registry.evidence import evidence_of
from homeward.registry.models import Place
from homeward.testimonies import service
from homeward.testimonies.matching import candidates_for
from homeward.testimonies.models import Debriefing, Mention
from homeward.testimonies.schemas import MentionIn
from tests.testimonies.factories import ANALYST, LIAISON, a_person, a_witness, debrief

# Ten persons a witness named, each as he heard it; `surname`/`given` are the register's
# spelling when the person is in it, None when nobody in the register is the one.
TEN = [
    ("Коваленко Олександр", {"surname": "Коваленко", "given_name": "Олександр"}),
    ("Kovalchuk Petro", {"surname": "Ковальчук", "given_name": "Петро", "birth_date": "1985"}),
    ("Шевчук Андрей", {"surname": "Шевчук", "given_name": "Андрій", "birth_date": "1992"}),
    (
        "Бондаренко Іван Миколайович",
        {
            "surname": "Бондаренко",
            "given_name": "Іван",
            "patronymic": "Миколайович",
            "birth_date": "1978",
        },
    ),
    ("Tkachenko Dmytro", {"surname": "Ткаченко", "given_name": "Дмитро", "birth_date": "2001"}),
    ("Мельник Сергій", {"surname": "Мельник", "given_name": "Сергій", "birth_date": "1995"}),
    ("Сашко з Полтави", None),
    ("Гнатюк", None),
    ("Oliinyk Vasyl", None),
    ("Прокопенко Юрій", None),
]


def ten_mentions() -> list[MentionIn]:
    return [
        MentionIn(
            name_heard=heard,
            age="25-35" if i % 2 else "~30",
            place="СІЗО-2 Таганрог" if i < 5 else "ИК-10 Мордовия",
            when="03.2023 - 06.2023" if i < 5 else "2023",
            condition="wounded" if i == 3 else None,
            words=f"row {i}: we shared a cell",
        )
        for i, (heard, _) in enumerate(TEN)
    ]


def test_a_ten_mention_debriefing_in_mixed_scripts_links_the_right_ones(session: Session) -> None:
    witness = a_witness(session)
    persons = {heard: a_person(session, **fields) for heard, fields in TEN if fields}
    # people with other names, to be sure the right one is found among several
    a_person(session, surname="Коваленко", given_name="Петро", birth_date="1960")
    a_person(session, surname="Олійник", given_name="Степан", birth_date="1970")
    session.flush()
    chosen: list[MentionIn] = []
    for mention in ten_mentions():
        found = candidates_for(session, name_heard=mention.name_heard, age=None)
        likely = [c for c in found if c.likely]
        expected = persons.get(mention.name_heard or "")
        if expected is None:
            assert not likely, (mention.name_heard, likely)
            chosen.append(mention)
        else:
            assert likely and likely[0].person_id == expected.id, (mention.name_heard, found)
            chosen.append(MentionIn(**{**mention.__dict__, "person_id": likely[0].person_id}))

    debriefing = debrief(session, witness, *chosen)

    assert [m.name_heard for m in debriefing.mentions] == [h for h, _ in TEN]
    for heard, person in persons.items():
        sightings = [e for e in evidence_of(session, person.id) if e.kind == "testimony_sighting"]
        assert len(sightings) == 1, heard
        assert sightings[0].source is not None and sightings[0].source.id == debriefing.source_id
        session.refresh(person)
        assert person.status == "captivity_possible"
    assert {m.name_heard for m in service.open_mentions(session)} == {
        "Сашко з Полтави",
        "Гнатюк",
        "Oliinyk Vasyl",
        "Прокопенко Юрій",
    }


def test_a_linked_mention_is_dated_by_the_end_of_what_the_witness_saw(session: Session) -> None:
    witness = a_witness(session)
    person = a_person(session)
    debriefing = debrief(
        session,
        witness,
        MentionIn(
            name_heard="Коваленко",
            place="СІЗО-2 Таганрог",
            when="03.2023 - 06.2023",
            person_id=person.id,
        ),
    )
    [sighting] = [e for e in evidence_of(session, person.id) if e.kind == "testimony_sighting"]
    assert sighting.on.iso() == "2023-06"
    assert sighting.place is not None and sighting.place.name == "СІЗО-2 Таганрог"
    assert debriefing.mentions[0].seen_start is not None
    assert debriefing.mentions[0].seen_start.iso() == "2023-03"


def test_a_mention_without_a_date_is_dated_by_the_witness_s_return(session: Session) -> None:
    witness = a_witness(session, returned_on="15.03.2024")
    person = a_person(session)
    debrief(session, witness, MentionIn(name_heard="Коваленко", person_id=person.id))
    [sighting] = [e for e in evidence_of(session, person.id) if e.kind == "testimony_sighting"]
    assert sighting.on.iso() == "2024-03-15"


def test_a_place_is_found_by_its_alias_in_any_case(session: Session) -> None:
    from homeward.registry.sources import get_or_create_place

    place = get_or_create_place(session, "СІЗО-2 Таганрог", aliases=("SIZO-2 Taganrog",))
    debriefing = debrief(
        session, a_witness(session), MentionIn(name_heard="Гнатюк", place="sizo-2 taganrog")
    )
    assert debriefing.mentions[0].place_id == place.id
    assert debriefing.mentions[0].place_heard == "sizo-2 taganrog"


def test_a_new_place_is_made_when_none_is_known(session: Session) -> None:
    before = session.scalar(select(func.count()).select_from(Place))
    debrief(
        session, a_witness(session), MentionIn(name_heard="Гнатюк", place="Колонія №77 Невідомськ")
    )
    assert session.scalar(select(func.count()).select_from(Place)) == (before or 0) + 1


@pytest.mark.parametrize(
    ("mention", "field"),
    [
        (MentionIn(), "mentions[1].name_heard"),
        (MentionIn(name_heard="  ", words=" "), "mentions[1].name_heard"),
        (MentionIn(name_heard="Гнатюк", when="05.2024"), "mentions[1].when"),
        (MentionIn(name_heard="Гнатюк", age="сто"), "mentions[1].age"),
        (MentionIn(name_heard="Гнатюк", age="5"), "mentions[1].age"),
        (MentionIn(name_heard="Гнатюк", when="06.2023 - 03.2023"), "mentions[1].when"),
        (MentionIn(name_heard="Гнатюк", condition="happy"), "mentions[1].condition"),
    ],
)
def test_bad_mentions_are_refused_and_nothing_is_written(
    session: Session, mention: MentionIn, field: str
) -> None:
    witness = a_witness(session)
    before = session.scalar(select(func.count()).select_from(Debriefing))
    with pytest.raises(InvalidInput) as refused, session.begin_nested():
        debrief(session, witness, MentionIn(name_heard="Коваленко"), mention)
    assert refused.value.field == field.replace("[1]", "[2]")
    assert "row 2" in str(refused.value)
    assert session.scalar(select(func.count()).select_from(Debriefing)) == before
    assert session.scalar(select(func.count()).select_from(Mention)) == 0


def test_a_sighting_after_the_witness_s_return_is_refused(session: Session) -> None:
    witness = a_witness(session, returned_on="15.03.2024")
    with pytest.raises(InvalidInput, match="after the witness's own return"):
        debrief(
            session,
            witness,
            MentionIn(name_heard="Гнатюк", when="04.2024"),
            held_on=__import__("datetime").date(2024, 5, 1),
        )


def test_a_mention_is_never_linked_twice_and_its_words_are_kept(session: Session) -> None:
    person = a_person(session)
    other = a_person(session, surname="Інший", given_name="Петро")
    debriefing = debrief(
        session, a_witness(session), MentionIn(name_heard="Коваленко", words="he limped")
    )
    mention = debriefing.mentions[0]
    service.link_mention(session, actor=ANALYST, mention_id=mention.id, person_id=person.id)
    with pytest.raises(Conflict):
        service.link_mention(session, actor=ANALYST, mention_id=mention.id, person_id=other.id)
    session.refresh(mention)
    assert mention.words == "he limped" and mention.name_heard == "Коваленко"
    assert len(mention.resolutions) == 1


def test_not_in_register_keeps_the_mention_open_for_re_examination(session: Session) -> None:
    debriefing = debrief(session, a_witness(session), MentionIn(name_heard="Гнатюк"))
    mention = debriefing.mentions[0]
    with pytest.raises(InvalidInput):
        service.not_in_register(session, actor=ANALYST, mention_id=mention.id, reason="")
    service.not_in_register(session, actor=ANALYST, mention_id=mention.id, reason="nobody fits")
    assert mention in service.open_mentions(session)


def test_a_liaison_may_not_record_a_debriefing_nor_resolve(session: Session) -> None:
    from homeward.access.roles import Forbidden
    from homeward.testimonies.schemas import DebriefingIn

    with pytest.raises(Forbidden):
        service.record_debriefing(
            session,
            actor=LIAISON,
            debriefing=DebriefingIn(
                witness_name="x", interviewer="y", held_on=__import__("datetime").date(2024, 1, 1)
            ),
        )
    debriefing = debrief(session, None, MentionIn(name_heard="Гнатюк"))
    with pytest.raises(Forbidden):
        service.not_in_register(
            session, actor=LIAISON, mention_id=debriefing.mentions[0].id, reason="x"
        )


def test_recording_and_reading_are_audited(session: Session) -> None:
    debriefing = debrief(session, None, MentionIn(name_heard="Гнатюк"))
    service.get_debriefing(session, actor=ANALYST, debriefing_id=debriefing.id)
    actions = set(
        session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.object_id == str(debriefing.id), AuditEntry.object_type == "debriefing"
            )
        )
    )
    assert {"record_debriefing", "view_debriefing"} <= actions


def test_a_wrong_link_is_undone_by_a_retraction_and_the_mention_links_anew(
    session: Session,
) -> None:
    wrong = a_person(session)
    right = a_person(session, surname="Коваленко", given_name="Олексій", birth_date="1990")
    debriefing = debrief(
        session,
        a_witness(session),
        MentionIn(name_heard="Коваленко", when="2023", person_id=wrong.id),
    )
    mention = debriefing.mentions[0]
    with pytest.raises(InvalidInput):
        service.unlink_mention(session, actor=ANALYST, mention_id=mention.id, reason=" ")
    service.unlink_mention(
        session, actor=ANALYST, mention_id=mention.id, reason="another Коваленко"
    )
    session.refresh(wrong)
    assert wrong.status != "captivity_possible"
    assert [e.kind for e in evidence_of(session, wrong.id)].count("retraction") == 1
    assert mention in service.open_mentions(session)
    service.link_mention(session, actor=ANALYST, mention_id=mention.id, person_id=right.id)
    assert [r.decision for r in mention.resolutions] == ["linked", "not_in_register", "linked"]
    with pytest.raises(NotFound):
        service.unlink_mention(session, actor=ANALYST, mention_id=mention.id + 999, reason="x")
