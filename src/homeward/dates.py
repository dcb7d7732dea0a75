"""Dates known to a precision: a day, a month, a year, or not at all.

Sources write "12.03.1999", "03.1999", "1999", "00.00.1985" (a placeholder for an unknown day and
month), "3 березня 1999 р." or "1985 г.р.". A `PartialDate` keeps what was known and no more, so
that "1985" is never mistaken for 1 January 1985. Pure: no database, no I/O.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from homeward.errors import InvalidInput


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a day, a month or a year. Ordered by the earliest day it may be."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.day is not None and self.month is None:
            raise ValueError("a day without a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} does not exist in {self.year}-{self.month:02d}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        if self.day is not None:
            return self.earliest
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def iso(self) -> str:
        """`1999-03-12`, `1999-03` or `1999`: ISO 8601 at the known precision."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    def certainly_before(self, other: PartialDate) -> bool:
        """True when every day this date may be comes before every day `other` may be."""
        return self.latest < other.earliest

    def days_until(self, day: date) -> int:
        """Days from the latest day this date may be until `day` (a conservative count)."""
        return (day - self.latest).days

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def from_stored(cls, day: date | None, precision: str | None) -> PartialDate | None:
        """Rebuild a partial date from its storage form: the earliest day and the precision."""
        if day is None or precision in (None, Precision.UNKNOWN):
            return None
        if precision == Precision.YEAR:
            return cls(day.year)
        if precision == Precision.MONTH:
            return cls(day.year, day.month)
        return cls(day.year, day.month, day.day)

    def to_stored(self) -> tuple[date, str]:
        return self.earliest, self.precision.value


# Month names as Ukrainian and Russian sources write them: genitive ("3 березня 1999") and
# nominative ("березень 1999"), with and without the Russian ё.
_MONTH_STEMS = {
    1: ("січ", "январ", "january", "jan"),
    2: ("лют", "феврал", "february", "feb"),
    3: ("берез", "март", "march", "mar"),
    4: ("квіт", "апрел", "april", "apr"),
    5: ("травн", "трав", "may"),
    6: ("червн", "черв", "июн", "june", "jun"),
    7: ("липн", "лип", "июл", "july", "jul"),
    8: ("серпн", "серп", "август", "august", "aug"),
    9: ("вересн", "верес", "сентябр", "september", "sep"),
    10: ("жовтн", "жовт", "октябр", "october", "oct"),
    11: ("листопад", "ноябр", "november", "nov"),
    12: ("грудн", "груд", "декабр", "december", "dec"),
}
_MONTH_WORDS = {
    # full forms first so that a stem never steals a longer word
    **dict.fromkeys(("березня", "березень", "марта", "март", "march"), 3),
    **dict.fromkeys(("травня", "травень", "мая", "май", "may"), 5),
}

_YEAR_SUFFIX = re.compile(
    r"\s*(р\.?\s*н\.?|г\.?\s*р\.?|року|роки|рік|года|год|р\.|г\.|р|г|y\.?o\.?b\.?)\s*$"
)
# ASCII digits: "１９９９" and "٢٠٢٢" are digits to `int` but no date a register holds
_NUMERIC = re.compile(r"^(\d{1,4})[.\-/ ](\d{1,4})(?:[.\-/ ](\d{1,4}))?$", re.ASCII)
_WORDS = re.compile(r"^(?:([0-9]{1,2})\s+)?([^\W\d_]+)\.?,?\s+([0-9]{4})$")
EARLIEST_YEAR = 1900  # no one the register tracks was born, or went missing, before it

# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); the range keeps a
# serial number from being mistaken for a year.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(3000, 80000)


def _month_from_word(word: str) -> int | None:
    word = word.lower().replace("ё", "е")
    if word in _MONTH_WORDS:
        return _MONTH_WORDS[word]
    for month, stems in _MONTH_STEMS.items():
        for stem in stems:
            if len(stem) >= 3 and word.startswith(stem):
                return month
    return None


def _expand_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years are only ever birth or event years of living people.
        year += 1900 if year > date.today().year % 100 else 2000
    return year


def _build(field: str, text: str, year: int, month: int | None, day: int | None) -> PartialDate:
    # 00 stands for "unknown" in many registers: 00.00.1985, 00.03.1985.
    if month == 0:
        month, day = None, None
    if day == 0:
        day = None
    if year < EARLIEST_YEAR:
        raise InvalidInput(
            field,
            "%(text)s is before %(year)s: no date of this register is",
            text=repr(text),
            year=EARLIEST_YEAR,
        )
    try:
        return PartialDate(year, month, day)
    except ValueError:
        raise InvalidInput(field, "%(text)s is not a real date", text=repr(text)) from None


def parse_partial_date(
    text: str | None, *, field: str = "date", allow_excel_serial: bool = False
) -> PartialDate | None:
    """Read a date as sources write it; None for an empty value.

    Day-first is assumed for "a/b/yyyy" (the norm in Ukraine); an impossible date raises
    `InvalidInput` naming `field` rather than guessing.
    """
    if text is None:
        return None
    cleaned = " ".join(str(text).replace("\u00a0", " ").split()).strip().rstrip(",;")
    if not cleaned or cleaned in {"-", "—", "?", "невідомо", "неизвестно", "unknown"}:
        return None
    cleaned = _YEAR_SUFFIX.sub("", cleaned.lower()).strip()
    # Registers that write 00 for an unknown day or month write 00.00.0000 for no date at all.
    if re.fullmatch(r"0{1,2}[.\-/ ]0{1,2}[.\-/ ]0{2,4}|0{4}", cleaned, re.ASCII):
        return None

    if re.fullmatch(r"\d{4}", cleaned, re.ASCII):
        return _build(field, text, int(cleaned), None, None)
    if allow_excel_serial and re.fullmatch(r"\d{4,5}(\.0+)?", cleaned, re.ASCII):
        serial = int(float(cleaned))
        if serial in _EXCEL_SERIALS:
            return PartialDate.of(_EXCEL_EPOCH + timedelta(days=serial))
    numeric = _NUMERIC.match(cleaned)
    if numeric:
        first, second, third = numeric.groups()
        if third is None:
            # "03.1999" or "1999-03": a month and a year ("12.03" is no date: which year?)
            if len(first) == 4 and len(second) <= 2:
                return _build(field, text, int(first), int(second), None)
            if len(second) == 4 and len(first) <= 2:
                return _build(field, text, int(second), int(first), None)
        elif len(second) <= 2 and len(first) == 4:
            return _build(field, text, int(first), int(second), int(third))
        elif len(second) <= 2 and len(third) in (2, 4):
            return _build(field, text, _expand_year(third), int(second), int(first))
    words = _WORDS.match(cleaned)
    if words:
        day_text, month_word, year_text = words.groups()
        month = _month_from_word(month_word)
        if month is not None:
            day = int(day_text) if day_text else None
            return _build(field, text, int(year_text), month, day)
    raise InvalidInput(
        field, "%(text)s is not a date (expected dd.mm.yyyy, yyyy-mm-dd or a year)", text=repr(text)
    )


def day_bound(text: str | None, *, field: str, last: bool) -> date | None:
    """The first (or the last) day a typed partial date may mean, for a filter's bound:
    "2022" from 01.01.2022 to 31.12.2022. Nothing else is read as a date (not "0")."""
    text = (text or "").strip()
    if not text:
        return None
    partial = parse_partial_date(text[:50], field=field)
    if partial is None:
        return None
    return partial.latest if last else partial.earliest
