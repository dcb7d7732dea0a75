"""Which column holds what: headers recognised in Ukrainian, Russian and English, or a mapping.

A list's header row is found among its first rows as the row that names the most known fields;
a header split over two rows (a title merged over several columns above, or a column whose name
sits in the row above) is read as one. A mapping given by the user — header text → field — wins
over recognition; the mapping a list was read with can be saved and reused for the next list
from the same source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homeward.errors import InvalidInput
from homeward.imports.reading import Row
from homeward.imports.values import cell_text

IGNORE = "ignore"
FIELDS: dict[str, str] = {
    "full_name": "surname, given name and patronymic in one column (split by homeward.names)",
    "surname": "surname",
    "given_name": "given name",
    "patronymic": "patronymic",
    "sex": "sex (ч/ж, м/ж, M/F or a word; else read from the patronymic)",
    "birth_date": "date of birth",
    "birth_place": "place of birth",
    "citizenship": "citizenship (ISO 3166 alpha-3)",
    "branch": "branch of the armed forces",
    "unit": "military unit (в/ч)",
    "rank": "military rank (normalised to the controlled list)",
    "service_number": "service number (personal number, tag)",
    "tax_number": "tax number (РНОКПП / ИНН)",
    "passport": "passport number",
    "military_id": "military ID number",
    "missing_date": "date of disappearance (for prisoners held: of capture)",
    "missing_place": "place of disappearance (for prisoners held: of capture)",
    "event_date": "date of the event the list records (return, notification), per row",
    "place": "place of detention the list names",
    "father_name": "father's first name (GC III)",
    "mother_maiden_name": "mother's maiden name (GC III)",
    "person_to_inform": "the person to be informed (GC III)",
    "correspondence_address": "address for correspondence (GC III)",
    "note": "a note",
    IGNORE: "a column to leave out (a running number)",
}
_ALIASES = {
    "full_name": "піб|п і б|прізвище імя по батькові|прізвище імя та по батькові|фио|ф и о|"
    "фамилия имя отчество|full name|name|прізвище та ініціали|фамилия и инициалы|"
    "прізвище імя|фамилия имя|name and surname|military serviceman|військовослужбовець",
    "surname": "прізвище|фамилия|surname|last name|lastname|family name",
    "given_name": "імя|имя|first name|firstname|given name|given names|forename",
    "patronymic": "по батькові|по батькови|отчество|patronymic|middle name",
    "sex": "стать|пол|sex|gender",
    "birth_date": "дата народження|дата нар|д н|дата рождения|д р|дата рожд|date of birth|dob|"
    "birth date|born|рік народження|год рождения|year of birth|р н|г р",
    "birth_place": "місце народження|место рождения|place of birth|birth place|birthplace",
    "citizenship": "громадянство|гражданство|citizenship|nationality",
    "branch": "вид збройних сил|рід військ|вид вс|род войск|branch",
    "unit": "в/ч|військова частина|войсковая часть|unit|military unit|підрозділ|подразделение|"
    "частина|часть|в ч",
    "rank": "звання|військове звання|звание|воинское звание|rank|військ звання",
    "service_number": "особистий номер|жетон|номер жетона|личный номер|service number|"
    "personal number|особовий номер",
    "tax_number": "рнокпп|іпн|ідентифікаційний код|ідентифікаційний номер|інн|инн|tax number|"
    "ipn|taxpayer number",
    "passport": "паспорт|passport|серія і номер паспорта|серия и номер паспорта|passport number",
    "military_id": "військовий квиток|военный билет|military id",
    "missing_date": "дата зникнення|дата зникнення безвісти|дата пропажи|дата исчезновения|"
    "date missing|date of disappearance|дата полону|дата захоплення|дата пленения|"
    "date of capture|дата потрапляння в полон|дата зв язку|дата останнього зв язку",
    "missing_place": "місце зникнення|место исчезновения|место пропажи|place missing|"
    "place of disappearance|місце полону|місце захоплення|место пленения|place of capture|"
    "місце зникнення безвісти",
    "event_date": "дата повернення|дата обміну|дата обмена|дата возвращения|date of return|"
    "date of exchange|дата повідомлення|date of notification|дата уведомления|дата",
    "place": "місце утримання|место содержания|place of detention|detention place|"
    "місце перебування|место нахождения|установа|учреждение",
    "father_name": "імя батька|имя отца|father s name|father name|fathers name",
    "mother_maiden_name": "дівоче прізвище матері|девичья фамилия матери|mother s maiden name|"
    "mothers maiden name",
    "person_to_inform": "кого повідомити|кого уведомить|person to inform|next of kin|"
    "контактна особа|контактное лицо",
    "correspondence_address": "адреса|адрес|address|адреса для листування|address for "
    "correspondence",
    "note": "примітка|примітки|примечание|примечания|note|notes|comment|коментар|remarks",
    IGNORE: "№|№ п/п|п/п|n|no|#|nr|номер|порядковий номер|№ з/п|з/п",
}
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^\w/№#]+")
HEADER_SCAN = 20  # rows searched for the header


def normalise_header(text: str) -> str:
    """A header folded for lookup: "Ім'я (за паспортом):" → "імя"."""
    lower = text.lower().replace("ё", "е").replace("ʼ", "").replace("'", "").replace("’", "")
    stripped = _PARENTHESES.sub(" ", lower)
    words = _NOT_WORD.sub(" ", stripped if stripped.strip() else lower).replace("_", " ")
    return " ".join(words.split())


_KNOWN: dict[str, str] = {
    normalise_header(alias): target
    for target, aliases in _ALIASES.items()
    for alias in aliases.split("|")
}
_PREFIXES = sorted((a for a in _KNOWN if len(a) >= 5), key=len, reverse=True)


def recognise(header: str) -> str | None:
    """The field a header names: an exact known header, else the longest one it begins with."""
    key = normalise_header(header)
    if not key:
        return None
    if key in _KNOWN:
        return _KNOWN[key]
    for alias in _PREFIXES:
        if key.startswith(alias + " "):
            return _KNOWN[alias]
    return None


@dataclass(frozen=True)
class ColumnMapping:
    """The user's word on columns: header text → field, and optionally the header's row."""

    columns: dict[str, str] = field(default_factory=dict)
    header_row: int | None = None  # 1-based, as the spreadsheet shows it

    def __post_init__(self) -> None:
        for header, target in self.columns.items():
            if target not in FIELDS:
                raise InvalidInput(
                    "mapping",
                    "%(header)s → %(target)s: no such field (fields: %(value)s)",
                    header=repr(header),
                    target=repr(target),
                    value=", ".join(FIELDS),
                )

    def field_for(self, header: str) -> str | None:
        wanted = normalise_header(header)
        for given, target in self.columns.items():
            if normalise_header(given) == wanted:
                return target
        return None

    def merged(self, other: ColumnMapping) -> ColumnMapping:
        return ColumnMapping({**self.columns, **other.columns}, other.header_row or self.header_row)

    def to_json(self) -> dict[str, Any]:
        return {"version": 1, "columns": self.columns, "header_row": self.header_row}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path) -> ColumnMapping:
        try:
            data = json.loads(path.read_text("utf-8"))
            columns = {str(k): str(v) for k, v in dict(data["columns"]).items()}
            header_row = data.get("header_row")
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise InvalidInput(
                "mapping",
                "%(name)s is not a saved mapping (%(error)s)",
                name=path.name,
                error=error,
            ) from None
        return cls(columns, int(header_row) if header_row else None)

    @classmethod
    def from_pairs(cls, pairs: list[str]) -> ColumnMapping:
        """From "Header=field" strings, as the command line gives them."""
        columns: dict[str, str] = {}
        for pair in pairs:
            header, sep, target = pair.rpartition("=")
            if not sep or not header.strip():
                raise InvalidInput("column", "%(pair)s is not Header=field", pair=repr(pair))
            columns[header.strip()] = target.strip()
        return cls(columns)


@dataclass(frozen=True)
class Header:
    """Where a sheet's header is and what each column holds."""

    row_index: int  # 0-based index of the (last) header row; data follows
    columns: dict[int, str]  # column index → field
    texts: dict[int, str]  # column index → header text as written
    unmapped: list[str]  # headers that name no field

    def used_mapping(self) -> ColumnMapping:
        return ColumnMapping({self.texts[i]: f for i, f in self.columns.items() if f != IGNORE})


def _row_texts(row: Row) -> dict[int, str]:
    return {i: text for i, cell in enumerate(row) if (text := cell_text(cell))}


def _fields_of(texts: dict[int, str], mapping: ColumnMapping) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, text in texts.items():
        target = mapping.field_for(text) or recognise(text)
        if target is not None and (target == IGNORE or target not in found.values()):
            found[index] = target
    # "Surname, Name, Patronymic": beside a surname column a bare "Name" is the given name, not
    # the whole name (which would be left out, the surname column being there).
    if "surname" in found.values() and "given_name" not in found.values():
        for index, target in found.items():
            bare = normalise_header(texts[index]) == "name"
            if target == "full_name" and bare and mapping.field_for(texts[index]) is None:
                found[index] = "given_name"
                break
    return found


def _with_row_above(rows: list[Row], index: int) -> dict[int, str]:
    """The header texts of row `index`, a column's name taken from the row above where empty."""
    texts = _row_texts(rows[index])
    if index > 0:
        for column, text in _row_texts(rows[index - 1]).items():
            if column not in texts:
                texts[column] = text
    return texts


def find_header(rows: list[Row], mapping: ColumnMapping, *, sheet: str) -> Header:
    """The header of a sheet; `InvalidInput` when no row names the columns of a list."""
    if mapping.header_row is not None:
        index = mapping.header_row - 1
        if not 0 <= index < len(rows):
            raise InvalidInput(
                "header_row",
                "%(sheet)s has no row %(header_row)s",
                sheet=sheet,
                header_row=mapping.header_row,
            )
        candidates = [index]
    else:
        candidates = list(range(min(HEADER_SCAN, len(rows))))
    best: Header | None = None
    for index in candidates:
        texts = _with_row_above(rows, index)
        columns = _fields_of(texts, mapping)
        named = {f for f in columns.values() if f != IGNORE}
        if not named & {"surname", "full_name"} or (len(named) < 2 and "full_name" not in named):
            continue
        if best is None or len(named) > len(set(best.columns.values()) - {IGNORE}):
            unmapped = [texts[i] for i in sorted(texts) if i not in columns]
            best = Header(index, columns, texts, unmapped)
    if best is None:
        raise InvalidInput(
            "header",
            "%(sheet)s: no row among the first %(count)s names a surname or full-name column; "
            "name the columns with --column 'Header=field' or --mapping FILE",
            sheet=sheet,
            count=len(candidates),
        )
    return best
