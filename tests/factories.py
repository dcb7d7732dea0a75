"""Plain factory functions and the personas tests act as."""

from __future__ import annotations

from typing import Any

from homeward.access.actor import Actor, Channel
from homeward.registry.schemas import EvidenceIn, PersonIn, validated

OPERATOR = Actor("operator", Channel.CLI)
ANALYST = Actor("analyst", Channel.WEB)


def person_in(**overrides: Any) -> PersonIn:
    data: dict[str, Any] = {
        "surname": "Коваленко",
        "given_name": "Олександр",
        "patronymic": "Петрович",
        "sex": "M",
        "birth_date": "12.03.1999",
        "unit": "А0536",
        "missing_date": "24.02.2022",
        **overrides,
    }
    return validated(PersonIn, data)


def evidence_in(kind: str, on: str, **overrides: Any) -> EvidenceIn:
    return validated(EvidenceIn, {"kind": kind, "on": on, **overrides})
