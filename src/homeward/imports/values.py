"""Values as lists write them: cells to text, dates, sex, ranks. Pure: no database, no I/O."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from homeward.dates import PartialDate, parse_partial_date
from homeward.errors import InvalidInput
from homeward.imports.ranks import RANKS, Rank, rank_key
from homeward.imports.reading import Cell
from homeward.registry.vocab import Sex

__all__ = [
    "RANKS",
    "Rank",
    "cell_date",
    "cell_text",
    "parse_citizenship",
    "parse_rank",
    "parse_sex",
    "parse_tax_number",
    "sex_of_patronymic",
]

_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(3000, 80000)  # 1908 to 2119: a serial, not a year or a number


def cell_text(cell: Cell) -> str:
    """A cell as the text it shows: 1234567890.0 is "1234567890", a date is ISO."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return " ".join(str(cell).replace("\u00a0", " ").split())


def cell_date(cell: Cell, *, field: str) -> PartialDate | None:
    """A date from a cell: a typed date, an Excel serial number, or text as sources write it."""
    if isinstance(cell, datetime):
        return PartialDate.of(cell.date())
    if isinstance(cell, date):
        return PartialDate.of(cell)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer() and 1000 <= cell <= 9999:
            return PartialDate(int(cell))
        if int(cell) in _EXCEL_SERIALS:
            return PartialDate.of(_EXCEL_EPOCH + timedelta(days=int(cell)))
        raise InvalidInput(field, "%(value)s is not a date", value=repr(cell_text(cell)))
    return parse_partial_date(cell_text(cell) or None, field=field, allow_excel_serial=True)


_MALE_WORDS = frozenset(
    [
        "m",
        "м",
        "ч",
        "чол",
        "чоловіча",
        "чоловічий",
        "чоловік",
        "муж",
        "мужской",
        "мужчина",
        "male",
        "man",
    ]
)
_FEMALE_WORDS = frozenset(
    [
        "f",
        "ж",
        "жін",
        "жіноча",
        "жіночий",
        "жінка",
        "жен",
        "женский",
        "женщина",
        "female",
        "woman",
        "w",
    ]
)
_MALE_PATRONYMIC = re.compile(r"(ович|евич|йович|ьович|[іи]ч|ovych|ovich|evych|evich|ych|ich)$")
_FEMALE_PATRONYMIC = re.compile(r"(івна|ївна|овна|евна|ична|ічна|ivna|ovna|evna|ichna|yivna)$")


def sex_of_patronymic(patronymic: str) -> Sex:
    """M for Петрович, F for Петрівна / Петровна; U when the ending says nothing."""
    word = patronymic.strip().lower().rstrip(".")
    if len(word) < 4:
        return Sex.UNKNOWN
    if _FEMALE_PATRONYMIC.search(word):
        return Sex.FEMALE
    if _MALE_PATRONYMIC.search(word):
        return Sex.MALE
    return Sex.UNKNOWN


def parse_sex(text: str, *, patronymic: str = "") -> Sex:
    """Sex from a word in Ukrainian, Russian or English, else from the patronymic's ending."""
    word = text.strip().lower().rstrip(".")
    if not word:
        return sex_of_patronymic(patronymic)
    if word in _MALE_WORDS:
        return Sex.MALE
    if word in _FEMALE_WORDS:
        return Sex.FEMALE
    raise InvalidInput(
        "sex", "%(text)s is not a sex (expected ч/ж, м/ж, M/F or a word)", text=repr(text)
    )


def parse_rank(text: str) -> Rank | None:
    """The rank of the controlled list that a written rank means; None if it names none.

    A rank the list does not know is no reason to refuse a row: the caller keeps it as written
    and warns (see `validation.check_row`)."""
    if not text.strip():
        return None
    return RANKS.get(rank_key(text))


def parse_tax_number(text: str) -> str | None:
    """A Ukrainian РНОКПП (10 digits) or a Russian ИНН (12 digits)."""
    digits = re.sub(r"[\s\-]", "", text)
    if not digits:
        return None
    if not re.fullmatch(r"\d{10}|\d{12}", digits):
        raise InvalidInput(
            "tax_number", "%(text)s is not a tax number (10 or 12 digits)", text=repr(text)
        )
    return digits


_COUNTRIES = {
    "UKR": "україна|украина|ukraine|ua|укр",
    "RUS": "росія|россия|рф|russia|russian federation|российская федерация|ru",
    "BLR": "білорусь|беларусь|belarus|by|рб",
    "MDA": "молдова|moldova",
    "GEO": "грузія|грузия|georgia",
    "KAZ": "казахстан|kazakhstan",
    "UZB": "узбекистан|uzbekistan",
    "TJK": "таджикистан|tajikistan",
    "KGZ": "киргизстан|кыргызстан|kyrgyzstan",
    "ARM": "вірменія|армения|armenia",
    "AZE": "азербайджан|azerbaijan",
}
_COUNTRY_NAMES = {
    name: code for code, names in _COUNTRIES.items() for name in (code.lower(), *names.split("|"))
}


def parse_citizenship(text: str) -> str | None:
    """An ISO 3166 alpha-3 code from a code or a country's name as lists write it."""
    key = " ".join(text.lower().replace(".", " ").split())
    if not key:
        return None
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    if re.fullmatch(r"[a-z]{3}", key):
        return key.upper()
    raise InvalidInput(
        "citizenship", "%(text)s is not a country (give an ISO code such as UKR)", text=repr(text)
    )
