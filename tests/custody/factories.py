"""Prisoners for the custody tests, and the personas who act on them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.custody import service
from homeward.custody.models import Internment
from homeward.custody.schemas import RegistrationIn
from homeward.registry.schemas import validated
from homeward.registry.vocab import PlaceKind

CUSTODIAN = Actor("test-custodian", Channel.WEB, Role.CUSTODIAN)
OPERATOR = Actor("test-operator", Channel.WEB, Role.OPERATOR)
ANALYST = Actor("test-analyst", Channel.WEB, Role.ANALYST)


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def dmy(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def registration(**overrides: Any) -> RegistrationIn:
    data: dict[str, Any] = {
        "side": "adversary",
        "sex": "M",
        "surname": "Семёнов",
        "given_name": "Пётр",
        "patronymic": "Алексеевич",
        "rank": "рядовой",
        "service_number": "АВ-123456",
        "birth_date": "04.07.1988",
        "birth_place": "Вязьма",
        "father_name": "Алексей",
        "captured_on": dmy(ago(10)),
        "captured_at": "Вовчанськ",
        "sector": "Харківський",
        "capturing_unit": "в/ч А0000",
        **overrides,
    }
    return validated(RegistrationIn, data)


def register(session: Session, **overrides: Any) -> Internment:
    return service.register_prisoner(
        session, actor=CUSTODIAN, registration=registration(**overrides)
    )


def a_camp(session: Session, name: str = "Табір №1", kind: PlaceKind = PlaceKind.CAMP) -> str:
    service.add_place(session, actor=CUSTODIAN, name=name, kind=kind, aliases=("Camp 1",))
    return name
