"""Exporting a selection of persons to CSV or XLSX, with status, explanation and dates.

A cell that begins with = + - @, a tab or a carriage return would be read by a spreadsheet as a
formula (CSV injection): every text cell written here is guarded with a leading apostrophe, the
way OWASP recommends, and XLSX cells are written as text, never as formulas.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.errors import InvalidInput
from homeward.imports.models import Import
from homeward.registry.evidence import as_fact
from homeward.registry.models import Evidence, Person, Place, PlaceAlias, Report
from homeward.registry.status.explain import Lang, explain
from homeward.registry.status.rules import derive_status
from homeward.registry.vocab import Side, Status

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
COLUMNS = (
    "id",
    "side",
    "surname",
    "given_name",
    "patronymic",
    "sex",
    "birth_date",
    "birth_place",
    "citizenship",
    "unit",
    "rank",
    "service_number",
    "missing_date",
    "missing_place",
    "status",
    "status_since",
    "explanation",
    "legal_status",
)
CHUNK = 1000
ExportValue = str | int | date | None


def guard(value: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class Selection:
    """Which persons to export; every criterion given must hold."""

    statuses: tuple[Status, ...] = ()
    side: Side | None = None
    since: date | None = None  # the status holds since this day or later
    until: date | None = None  # … or earlier
    place: str | None = None  # evidence at this place (name or alias), or missing there
    list_ref: str | None = None  # an import: its number, file name or SHA-256


def _query(session: Session, selection: Selection) -> Select[Any]:
    query = select(Person).where(Person.merged_into_id.is_(None))
    if selection.statuses:
        query = query.where(Person.status.in_([s.value for s in selection.statuses]))
    if selection.side is not None:
        query = query.where(Person.side == selection.side.value)
    if selection.since is not None:
        query = query.where(Person.status_since >= selection.since)
    if selection.until is not None:
        query = query.where(Person.status_since <= selection.until)
    if selection.place:
        query = query.where(_at_place(session, selection.place))
    if selection.list_ref:
        sha = _import_sha(session, selection.list_ref)
        query = query.where(
            Person.id.in_(select(Report.person_id).where(Report.origin_sha256 == sha))
        )
    return query.order_by(Person.id)


def _at_place(session: Session, name: str) -> Any:
    """Held at a place (by name or alias, any case), or gone missing there."""
    wanted = name.strip().casefold()
    named = session.execute(select(Place.id, Place.name)).all()
    aliases = session.execute(select(PlaceAlias.place_id, PlaceAlias.alias)).all()
    # compared here, not in SQL: SQLite's lower() leaves Cyrillic capitals as they are
    place_ids = {pid for pid, text in [*named, *aliases] if text.casefold() == wanted}
    held = select(Evidence.person_id).where(Evidence.place_id.in_(place_ids))
    spellings = {name.strip(), name.strip().lower(), name.strip().capitalize()}
    missing = [Person.missing_place.contains(spelling) for spelling in spellings]
    return or_(Person.id.in_(held), *missing)


def _import_sha(session: Session, ref: str) -> str:
    query = select(Import.sha256)
    if ref.isdigit():
        query = query.where(Import.id == int(ref))
    else:
        query = query.where(or_(Import.file_name == ref, Import.sha256 == ref.lower()))
    sha = session.scalars(query.order_by(Import.id.desc()).limit(1)).first()
    if sha is None:
        raise InvalidInput(
            "list", "no imported list %(ref)s (give its number or file name)", ref=repr(ref)
        )
    return sha


def selected_rows(
    session: Session, selection: Selection, *, as_of: date, lang: Lang = "en"
) -> Iterator[list[ExportValue]]:
    """The rows of an export, one per person, in the order of COLUMNS."""
    persons = session.scalars(_query(session, selection).execution_options(yield_per=CHUNK))
    batch: list[Person] = []
    for person in persons:
        batch.append(person)
        if len(batch) == CHUNK:
            yield from _rows(session, batch, as_of=as_of, lang=lang)
            batch = []
    yield from _rows(session, batch, as_of=as_of, lang=lang)


def rows_of_persons(
    session: Session, person_ids: Sequence[int], *, as_of: date, lang: Lang = "en"
) -> Iterator[list[ExportValue]]:
    """The rows of an export of these persons, in the order given (a search's results)."""
    for start in range(0, len(person_ids), CHUNK):
        chunk = person_ids[start : start + CHUNK]
        by_id = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(chunk)))}
        yield from _rows(session, [by_id[i] for i in chunk if i in by_id], as_of=as_of, lang=lang)


def _rows(
    session: Session, persons: list[Person], *, as_of: date, lang: Lang
) -> Iterator[list[ExportValue]]:
    if not persons:
        return
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    query = (
        select(Evidence)
        .where(Evidence.person_id.in_([p.id for p in persons]))
        .options(selectinload(Evidence.place), selectinload(Evidence.source))
        .order_by(Evidence.occurred_on, Evidence.id)
    )
    for row in session.scalars(query):
        evidence[row.person_id].append(row)
    for person in persons:
        facts = [as_fact(row) for row in evidence[person.id]]
        result = derive_status(facts, side=Side(person.side), as_of=as_of)
        yield [
            person.id,
            person.side,
            person.surname,
            person.given_name,
            person.patronymic,
            person.sex,
            _partial(person.birth),
            person.birth_place,
            person.citizenship,
            person.unit,
            person.rank,
            person.service_number,
            _partial(person.missing),
            person.missing_place,
            result.status.value,
            result.since.earliest if result.since else None,
            explain(result, lang),
            person.legal_status,
        ]


def _partial(value: PartialDate | None) -> str | date | None:
    """A day as a date; a month or a year as text, so that 1985 never reads as 1 January."""
    if value is None:
        return None
    return value.earliest if value.day is not None else value.iso()


def _text(value: ExportValue) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return guard(value) if isinstance(value, str) else str(value)


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[ExportValue]],
    *,
    delimiter: str = ",",
) -> int:
    """CSV in UTF-8 with BOM (what Excel reads as Unicode), every text cell guarded."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow([guard(h) for h in header])
        for row in rows:
            writer.writerow([_text(value) for value in row])
            count += 1
    return count


def write_xlsx(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[ExportValue]], *, title: str
) -> int:
    """XLSX with text cells typed as text (never a formula) and guarded, dates as dates."""
    # a third of a second to import: only the commands that write XLSX pay it
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([_cell(WriteOnlyCell, sheet, h) for h in header])
    count = 0
    for row in rows:
        sheet.append([_cell(WriteOnlyCell, sheet, value) for value in row])
        count += 1
    book.save(path)
    return count


def _cell(cell_type: Any, sheet: Any, value: ExportValue) -> Any:
    if isinstance(value, str):
        cell = cell_type(sheet, value=guard(value))
        cell.data_type = "s"
        return cell
    if isinstance(value, date):
        cell = cell_type(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def export_persons(
    session: Session,
    *,
    actor: Actor,
    selection: Selection,
    path: Path,
    as_of: date,
    lang: Lang = "en",
    delimiter: str = ",",
) -> int:
    """Write the selected persons to `path` (.csv or .xlsx); the number of persons written.
    The actor's role must allow exports (the console may do everything)."""
    actor.require(Permission.EXPORT)
    rows = selected_rows(session, selection, as_of=as_of, lang=lang)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(path, COLUMNS, rows, title="persons")
    if suffix in (".csv", ".txt"):
        return write_csv(path, COLUMNS, rows, delimiter=delimiter)
    raise InvalidInput("file", "%(name)s: export to .csv or .xlsx", name=path.name)
