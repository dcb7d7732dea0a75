"""Every row checked before anything is stored: its values read, each problem named by row and
field. Blank rows, repeated header rows and a totals row at the end are left out, and said so.
Pure: no database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from homeward.dates import PartialDate
from homeward.errors import InvalidInput, Message
from homeward.imports.mapping import IGNORE, Header
from homeward.imports.ranks import Rank
from homeward.imports.reading import Row, Sheet
from homeward.imports.values import (
    cell_date,
    cell_text,
    parse_citizenship,
    parse_rank,
    parse_sex,
    parse_tax_number,
)
from homeward.names import has_encoding_damage, split_full_name
from homeward.registry.schemas import PersonIn, validated
from homeward.registry.vocab import Sex, Side

_TOTALS = re.compile(r"^(разом|всього|усього|итого|всего|total|totals|загалом|підсумок)\b", re.I)
_TEXT_FIELDS = (
    "birth_place",
    "branch",
    "unit",
    "service_number",
    "missing_place",
    "father_name",
    "mother_maiden_name",
    "person_to_inform",
    "correspondence_address",
)
_DATE_FIELDS = ("birth_date", "missing_date", "event_date")


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int
    field: str
    problem: Message
    # error: the row is rejected | note: the row is left out, rightly | warning: the row is
    # imported, with a value kept as written that the user should look at
    severity: str = "error"

    def where(self) -> Message:
        if self.sheet:
            return Message("%(sheet)s, row %(row)s", sheet=self.sheet, row=self.row)
        return Message("row %(row)s", row=self.row)


@dataclass(frozen=True)
class ValidRow:
    sheet: str | None
    row: int
    person: PersonIn
    payload: dict[str, Any]  # the standard keys linkage reads, and the raw row under "raw"
    event_date: PartialDate | None
    place: str | None
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class RejectedRow:
    sheet: str | None
    row: int
    raw: dict[str, str]
    problems: list[Problem]


@dataclass
class CheckedSheet:
    name: str | None
    header: Header
    valid: list[ValidRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    blank: int = 0


def check_sheet(sheet: Sheet, header: Header, *, side: Side) -> CheckedSheet:
    checked = CheckedSheet(sheet.name, header)
    header_texts = [header.texts.get(i, "") for i in range(max(header.texts, default=-1) + 1)]
    for index in range(header.row_index + 1, len(sheet.rows)):
        cells, number = sheet.rows[index], index + 1
        texts = [cell_text(cell) for cell in cells]
        if not any(texts):
            checked.blank += 1
            continue
        skipped = _left_out(texts, header_texts)
        if skipped:
            checked.notes.append(Problem(sheet.name, number, "row", skipped, "note"))
            continue
        raw = _raw(texts, header)
        try:
            checked.valid.append(check_row(cells, header, side=side, sheet=sheet.name, row=number))
        except RowErrors as errors:
            checked.rejected.append(RejectedRow(sheet.name, number, raw, errors.problems))
    return checked


def _left_out(texts: list[str], header_texts: list[str]) -> Message | None:
    first = next(text for text in texts if text)
    if _TOTALS.match(first):
        return Message("a totals row (%(first)s), left out", first=repr(first))
    if [t.lower() for t in texts if t] == [t.lower() for t in header_texts if t]:
        return Message("the header repeated, left out")
    return None


def _raw(texts: list[str], header: Header) -> dict[str, str]:
    raw: dict[str, str] = {}
    for index, text in enumerate(texts):
        if text:
            raw[header.texts.get(index) or f"column {index + 1}"] = text
    return raw


class RowErrors(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.problem for p in problems))
        self.problems = problems


def check_row(cells: Row, header: Header, *, side: Side, sheet: str | None, row: int) -> ValidRow:
    """The row's values as the register takes them; `RowErrors` naming every bad field."""
    by_field: dict[str, Any] = {
        target: cells[index] if index < len(cells) else None
        for index, target in header.columns.items()
        if target != IGNORE
    }
    problems: list[Problem] = []

    def attempt(name: str, read: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return read(*args, **kwargs)
        except InvalidInput as error:
            problems.append(Problem(sheet, row, error.field or name, error.as_message()))
            return None

    text = {name: cell_text(value) for name, value in by_field.items()}
    for name, value in text.items():
        if has_encoding_damage(value):
            problems.append(Problem(sheet, row, name, Message(_DAMAGED)))
    names = attempt("surname", _names, text)
    dates = {
        name: attempt(name, cell_date, by_field.get(name), field=name) for name in _DATE_FIELDS
    }
    patronymic = (names or {}).get("patronymic") or ""
    sex = attempt("sex", parse_sex, text.get("sex", ""), patronymic=patronymic)
    rank, rank_text, warnings = _rank(text.get("rank", ""), sheet=sheet, row=row)
    tax = attempt("tax_number", parse_tax_number, text.get("tax_number", ""))
    country = attempt("citizenship", parse_citizenship, text.get("citizenship", ""))
    if problems:
        raise RowErrors(problems)
    assert names is not None
    values: dict[str, Any] = {
        **names,
        "side": side.value,
        "sex": (sex or Sex.UNKNOWN).value,
        "birth_date": dates["birth_date"],
        "missing_date": dates["missing_date"],
        "rank": rank.uk if rank else rank_text,
        "citizenship": country,
        **{name: text.get(name) or None for name in _TEXT_FIELDS},
        "identifiers": _identifiers(text, tax),
    }
    person = attempt("surname", validated, PersonIn, values)
    event = dates["event_date"]
    if (
        person is not None
        and event
        and person.birth_date
        and event.certainly_before(person.birth_date)
    ):
        problems.append(
            Problem(
                sheet, row, "event_date", Message("%(event)s is before the birth date", event=event)
            )
        )
    if problems:
        raise RowErrors(problems)
    payload = _payload(person, text, rank_code=rank.code if rank else None, event=event)
    payload["raw"] = _raw([cell_text(cell) for cell in cells], header)
    return ValidRow(sheet, row, person, payload, event, text.get("place") or None, warnings)


RANK_LENGTH = 100  # PersonIn's limit


def _rank(
    text: str, *, sheet: str | None, row: int
) -> tuple[Rank | None, str | None, list[Problem]]:
    """The rank of the controlled list, else the rank as written, with a warning: a rank the
    list does not know never refuses a row (an English list, an old or foreign rank)."""
    rank = parse_rank(text)
    if rank is not None or not text:
        return rank, None, []
    kept = text[:RANK_LENGTH]
    if kept == text:
        problem = Message("%(text)s is not a rank Homeward knows: kept as written", text=repr(text))
    else:
        problem = Message(
            "%(text)s is not a rank Homeward knows: kept as written, cut to %(n)s characters",
            text=repr(text),
            n=RANK_LENGTH,
        )
    return None, kept, [Problem(sheet, row, "rank", problem, "warning")]


_DAMAGED = "text damaged by a wrong encoding (U+FFFD): letters were lost; export the list again"


def _names(text: dict[str, str]) -> dict[str, str | None]:
    if text.get("surname"):
        given, patronymic = text.get("given_name") or None, text.get("patronymic") or None
        if given is None and patronymic is None:
            return _whole_name_in_surname(text["surname"])
        return {"surname": text["surname"], "given_name": given, "patronymic": patronymic}
    full = text.get("full_name", "")
    if not full:
        missing = "full_name" if "full_name" in text else "surname"
        raise InvalidInput(missing, "missing: every row needs a surname")
    parts = split_full_name(full)
    if not parts.surname:
        raise InvalidInput("full_name", "%(full)s: no surname found in it", full=repr(full))
    return {
        "surname": parts.surname,
        "given_name": text.get("given_name") or parts.given_name,
        "patronymic": text.get("patronymic") or parts.patronymic,
    }


def _whole_name_in_surname(surname: str) -> dict[str, str | None]:
    """Lists put the whole name in the surname column, given name and patronymic left empty:
    split it when it reads as a full name (it has a patronymic), never a double surname."""
    parts = split_full_name(surname) if " " in surname.strip() else None
    if parts is None or not (parts.surname and parts.given_name and parts.patronymic):
        return {"surname": surname, "given_name": None, "patronymic": None}
    return {
        "surname": parts.surname,
        "given_name": parts.given_name,
        "patronymic": parts.patronymic,
    }


def _identifiers(text: dict[str, str], tax: str | None) -> list[dict[str, str]]:
    found = [{"kind": "tax_number", "value": tax}] if tax else []
    for kind in ("passport", "military_id"):
        if text.get(kind):
            found.append({"kind": kind, "value": text[kind].replace(" ", "")})
    return found


def _payload(
    person: PersonIn, text: dict[str, str], *, rank_code: str | None, event: PartialDate | None
) -> dict[str, Any]:
    """The report's payload: the standard keys linkage reads, and the row as written."""
    tax = next((i.value for i in person.identifiers if i.kind.value == "tax_number"), None)
    birth, missing = person.birth_date, person.missing_date
    payload: dict[str, Any] = {
        "surname": person.surname,
        "given_name": person.given_name,
        "patronymic": person.patronymic,
        "sex": None if person.sex is Sex.UNKNOWN else person.sex.value,
        "birth_date": birth.iso() if birth else None,
        "birth_place": person.birth_place,
        "unit": person.unit,
        "missing_date": missing.iso() if missing else None,
        "missing_place": person.missing_place,
        "service_number": person.service_number,
        "tax_number": tax,
        "rank": person.rank,
        "rank_code": rank_code,
        "citizenship": person.citizenship,
        "event_date": event.iso() if event else None,
        "place": text.get("place") or None,
        "note": text.get("note") or None,
    }
    return {k: v for k, v in payload.items() if v is not None}
