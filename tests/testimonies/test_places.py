"""A place's page: who was seen or held there and when, moves, last sightings."""

from __future__ import annotations

from sqlalchemy.orm import Session

from homeward.registry.evidence import add_evidence
from homeward.registry.sources import get_or_create_place
from homeward.testimonies.places import list_places, place_view
from homeward.testimonies.schemas import MentionIn
from tests.factories import evidence_in
from tests.testimonies.factories import LIAISON, OPERATOR, a_person, a_witness, debrief


def test_a_place_shows_its_timeline_moves_and_last_sightings(session: Session) -> None:
    taganrog = get_or_create_place(session, "СІЗО-2 Таганрог", aliases=("SIZO-2 Taganrog",))
    mordovia = get_or_create_place(session, "ИК-10 Мордовия")
    moved = a_person(session)
    stayed = a_person(session, surname="Мельник", given_name="Сергій")
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=moved.id,
        evidence=evidence_in("captor_list", "05.2022", place="SIZO-2 Taganrog"),
    )
    witness = a_witness(session)
    debrief(
        session,
        witness,
        MentionIn(
            name_heard="Коваленко", place="ИК-10 Мордовия", when="01.2024", person_id=moved.id
        ),
        MentionIn(
            name_heard="Мельник", place="СІЗО-2 Таганрог", when="06.2023", person_id=stayed.id
        ),
        MentionIn(name_heard="Сашко з Полтави", place="сізо-2 таганрог", when="2023"),
    )

    view = place_view(session, actor=LIAISON, place_id=taganrog.id)

    assert [(r.on.iso(), r.person_id, r.kind) for r in view.timeline] == [
        ("2022-05", moved.id, "captor_list"),
        ("2023-06", stayed.id, "testimony_sighting"),
    ]
    assert [(m.person_id, view.places[m.to_place_id]) for m in view.moves] == [
        (moved.id, "ИК-10 Мордовия")
    ]
    assert [(s.person_id, s.moved_on) for s in view.last] == [(stayed.id, False), (moved.id, True)]
    assert view.last[1].latest.place_id == mordovia.id
    assert [m.name_heard for m in view.open_mentions] == ["Сашко з Полтави"]

    get_or_create_place(session, "Село Зникле")  # where someone went missing: not a detention site
    summary = {s.place.name: s.persons for s in list_places(session, actor=LIAISON)}
    assert "Село Зникле" not in summary
    assert summary["СІЗО-2 Таганрог"] == 2 and summary["ИК-10 Мордовия"] == 1


def test_a_retracted_row_is_not_on_the_timeline(session: Session) -> None:
    place = get_or_create_place(session, "СІЗО-2 Таганрог")
    person = a_person(session)
    wrong = add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in("captor_list", "05.2022", place=place.name),
    )
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=person.id,
        evidence=evidence_in("retraction", "06.2022", supersedes_id=wrong.id),
    )
    assert place_view(session, actor=LIAISON, place_id=place.id).timeline == []
