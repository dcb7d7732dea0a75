"""Importing needs the import permission and exporting the export permission, whatever the
channel: a role without it is refused and nothing is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Forbidden, Role
from homeward.imports.checking import ImportOptions, check_file
from homeward.imports.export import Selection, export_persons
from homeward.imports.models import Import
from homeward.imports.service import import_file, no_linkage
from homeward.registry.models import Person, Report
from homeward.registry.service import create_person
from tests.factories import OPERATOR, person_in
from tests.imports.files import HEADER_UK, ROWS_UK, write_csv


def _actor(role: Role) -> Actor:
    return Actor(f"test-{role.value}", Channel.WEB, role)


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LIAISON, Role.AUDITOR])
def test_a_role_without_imports_cannot_import_and_nothing_is_written(
    session: Session, tmp_path: Path, role: Role
) -> None:
    checked = check_file(write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK]), ImportOptions())
    with pytest.raises(Forbidden):
        import_file(
            session,
            actor=_actor(role),
            checked=checked,
            options=ImportOptions(),
            link_step=no_linkage,
        )
    assert _count(session, Import) == _count(session, Report) == _count(session, Person) == 0


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
def test_an_operator_and_an_admin_may_import(session: Session, tmp_path: Path, role: Role) -> None:
    checked = check_file(write_csv(tmp_path / "list.csv", [HEADER_UK, *ROWS_UK]), ImportOptions())
    result = import_file(
        session, actor=_actor(role), checked=checked, options=ImportOptions(), link_step=no_linkage
    )
    assert result.reports == 3


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.LIAISON, Role.AUDITOR])
def test_a_role_without_exports_cannot_export_and_no_file_is_written(
    session: Session, tmp_path: Path, role: Role
) -> None:
    create_person(session, actor=OPERATOR, person=person_in())
    path = tmp_path / "persons.csv"
    with pytest.raises(Forbidden):
        export_persons(
            session, actor=_actor(role), selection=Selection(), path=path, as_of=date.today()
        )
    assert not path.exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMIN])
def test_an_analyst_and_an_admin_may_export(session: Session, tmp_path: Path, role: Role) -> None:
    create_person(session, actor=OPERATOR, person=person_in())
    path = tmp_path / "persons.csv"
    count = export_persons(
        session, actor=_actor(role), selection=Selection(), path=path, as_of=date.today()
    )
    assert count == 1 and path.exists()
