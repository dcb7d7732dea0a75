"""Factories and personas for the violations' tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.registry.schemas import SourceIn
from homeward.registry.service import create_person
from homeward.registry.sources import get_or_create_place, get_or_create_source
from homeward.registry.vocab import PlaceKind, SourceKind
from homeward.violations.schemas import ActIn, IncidentIn, SourceRef
from homeward.violations.store import FileStore
from tests.factories import person_in

INVESTIGATOR = Actor("investigator", Channel.WEB, Role.INVESTIGATOR)
ANALYST = Actor("analyst", Channel.WEB, Role.ANALYST)
OPERATOR = Actor("operator", Channel.WEB, Role.OPERATOR)
CONSOLE = Actor("console", Channel.CLI)
MB = 1024 * 1024


def a_person(session: Session, surname: str = "Коваленко") -> int:
    return create_person(session, actor=CONSOLE, person=person_in(surname=surname)).id


def a_place(session: Session, name: str = "СІЗО-2 Таганрог") -> int:
    place = get_or_create_place(session, name, kind=PlaceKind.SIZO)
    session.flush()
    return place.id


def a_source(session: Session, name: str = "Debriefings of returnees") -> int:
    source = get_or_create_source(session, SourceIn(kind=SourceKind.RETURNEE, name=name))
    session.flush()
    return source.id


def an_act(victims: tuple[int, ...], act_type: str = "torture_beating", **more: object) -> ActIn:
    return ActIn(act_type=act_type, victims=victims, **more)  # type: ignore[arg-type]


def an_incident(session: Session, *acts: ActIn, title: str = "Beatings at admission") -> IncidentIn:
    source = a_source(session)
    if not acts:
        acts = (
            an_act(
                (a_person(session),),
                occurred="03.2023",
                place_id=a_place(session),
                sources=(SourceRef(source, "medium", "probable"),),
            ),
        )
    return IncidentIn(title=title, acts=acts)


def a_store(folder: Path) -> FileStore:
    return FileStore(folder / "files")
