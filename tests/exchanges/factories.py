"""Exchanges' test data: our people in captivity, prisoners we hold, and the personas."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.models import Exchange
from homeward.exchanges.vocab import Mode
from homeward.registry.evidence import add_evidence
from homeward.registry.service import create_person
from tests.custody.factories import register
from tests.factories import evidence_in, person_in

NEGOTIATOR = Actor("test-negotiator", Channel.WEB, Role.NEGOTIATOR)
ADMIN = Actor("test-admin", Channel.WEB, Role.ADMIN)
ANALYST = Actor("test-analyst", Channel.WEB, Role.ANALYST)
CONSOLE = Actor("test-console", Channel.CLI)
DAY = date(2025, 7, 4)


def our_captive(session: Session, *, confirmed: bool = True, **overrides: Any) -> int:
    """One of ours in captivity: confirmed by an ICRC notification, or only seen on video."""
    person = create_person(session, actor=CONSOLE, person=person_in(**overrides))
    kind = "icrc_notification" if confirmed else "seen_in_media"
    add_evidence(session, actor=CONSOLE, person_id=person.id, evidence=evidence_in(kind, "2023"))
    return person.id


def their_prisoner(session: Session, **overrides: Any) -> int:
    return register(session, **overrides).person_id


def an_exchange(
    session: Session,
    *,
    mode: Mode = Mode.ALL_FOR_ALL,
    categories: tuple[str, ...] = ("under_25",),
    **kwargs: Any,
) -> Exchange:
    return service.create_exchange(
        session,
        actor=NEGOTIATOR,
        name="Обмін 4 липня",
        days=[DAY],
        mode=mode,
        mediator="ОАЕ",
        categories=categories,
        **kwargs,
    )
