"""Places are found by their cleaned, case-folded name in any script: one place however it is
typed, on SQLite (whose lower() folds no Cyrillic) and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.registry.evidence import add_evidence
from homeward.registry.models import Place
from homeward.registry.service import create_person
from homeward.registry.sources import find_place, get_or_create_place, place_key
from homeward.registry.vocab import PlaceKind
from tests.factories import OPERATOR, evidence_in, person_in


def _places(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Place)) or 0


def test_a_place_named_with_capital_cyrillic_letters_is_stored_once(session: Session) -> None:
    person = create_person(session, actor=OPERATOR, person=person_in())
    for on in ("01.03.2024", "01.04.2024"):
        add_evidence(
            session,
            actor=OPERATOR,
            person_id=person.id,
            evidence=evidence_in("captor_list", on, place="СІЗО-2 Таганрог"),
        )
    assert _places(session) == 1


def test_the_same_name_in_lower_case_or_with_latin_look_alikes_is_the_same_place(
    session: Session,
) -> None:
    first = get_or_create_place(session, "Оленівка", kind=PlaceKind.COLONY)
    assert get_or_create_place(session, "оленівка") is first
    assert get_or_create_place(session, "ОЛЕНІВКА") is first
    assert get_or_create_place(session, "Oлeнівка") is first  # Latin O and e
    assert get_or_create_place(session, "  Оленівка ") is first
    assert _places(session) == 1
    assert first.name == "Оленівка"


def test_a_place_is_found_by_any_alias_in_any_case(session: Session) -> None:
    place = get_or_create_place(
        session, "Виправна колонія № 10", kind=PlaceKind.COLONY, aliases=("ИК-10 Макеевка",)
    )
    assert find_place(session, "ик-10 макеевка") is place
    assert find_place(session, "ИК-10  МАКЕЕВКА") is place
    assert find_place(session, "ИК-11") is None


def test_the_key_folds_case_spaces_and_apostrophes() -> None:
    assert place_key("Мар’їнка") == place_key("МАР'ЇНКА") == place_key("мар`їнка  ")
    assert place_key("Стрий") != place_key("Стрию")
