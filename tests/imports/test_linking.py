"""A list meets the register through the real linkage: known persons are linked, others made."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.dates import PartialDate
from homeward.imports.checking import ImportOptions, check_file
from homeward.imports.service import (
    ImportResult,
    LinkStep,
    import_file,
    linkage_step,
    no_linkage,
)
from homeward.registry.models import Evidence, Person, PersonName, Report
from homeward.registry.vocab import EvidenceKind
from tests.imports.files import DEMO_HEADER, demo_rows, write_csv

IMPORTER = Actor("operator", Channel.IMPORT)


def _linkage() -> LinkStep:
    return linkage_step()


def _import(session: Session, path: Path, options: ImportOptions, step: LinkStep) -> ImportResult:
    checked = check_file(path, options)
    return import_file(session, actor=IMPORTER, checked=checked, options=options, link_step=step)


def test_a_second_list_about_the_same_people_links_to_them(
    session: Session, tmp_path: Path
) -> None:
    step = _linkage()
    rows = demo_rows(40, seed=9)
    first = write_csv(tmp_path / "relatives.csv", [DEMO_HEADER, *rows])
    _import(session, first, ImportOptions(skip_invalid=True), no_linkage)
    persons = session.scalar(select(func.count()).select_from(Person))
    captor = ImportOptions(
        kind=EvidenceKind.CAPTOR_LIST, on=PartialDate(2024, 6, 1), skip_invalid=True
    )
    # the same people again, surnames in capitals as the captor's lists write them
    again = [[row[0].upper(), *row[1:]] for row in rows[:20]]
    second = write_csv(tmp_path / "captor.csv", [DEMO_HEADER, *again], delimiter=";")
    result = _import(session, second, captor, step)
    assert result.automatic + result.review >= 18
    assert result.automatic + result.review + result.new_persons == 20
    linked = session.scalars(
        select(Report).where(Report.origin_file == "captor.csv", Report.person_id.is_not(None))
    ).all()
    now = session.scalar(select(func.count()).select_from(Person))
    assert now == (persons or 0) + result.new_persons
    evidence = session.scalars(select(Evidence).where(Evidence.kind == "captor_list")).all()
    assert {e.report_id for e in evidence} == {r.id for r in linked}
    spellings = session.scalars(select(PersonName.surname)).all()
    assert any(s.isupper() for s in spellings)
