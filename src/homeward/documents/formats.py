"""How values are written on paper: dates as dd.mm.yyyy, words inside CSS. Pure."""

from __future__ import annotations

import re
from datetime import date, datetime

from homeward.dates import PartialDate
from homeward.errors import InvalidInput


def day_month_year(value: date | datetime | PartialDate | None) -> str:
    """12.03.1999; 03.1999 or 1999 for a date known only so far; a time as 12.03.1999 14:05.

    A datetime is written as given: the caller converts it to the zone the reader lives in.
    Anything else (an ISO string, a number) is refused, so no date reaches paper unformatted.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, PartialDate):
        known = [f"{part:02d}" for part in (value.day, value.month) if part is not None]
        return ".".join([*known, f"{value.year:04d}"])
    raise InvalidInput(
        "date", "%(value)s is not a date, a datetime or a partial date", value=repr(value)
    )


def css_string(text: str) -> str:
    """A quoted CSS string holding `text` exactly, safe inside a `<style>` element."""
    escaped = "".join(_CSS_ESCAPES.get(char, char) for char in text)
    return f'"{escaped}"'


# Quotes and backslashes would end or bend the string; a line break is not allowed in one; "<"
# could close the <style> element around it. Each becomes a hexadecimal escape.
_CSS_ESCAPES = {char: f"\\{ord(char):x} " for char in "\"\\\n\r\f<>&'"}

_COUNTERS = re.compile(r"%\((page|pages)\)s")


def page_counter_content(phrase: str) -> str:
    """The CSS `content` of a translated "Page %(page)s of %(pages)s": words in the order the
    language puts them, the numbers from the page counters."""
    parts: list[str] = []
    for index, piece in enumerate(_COUNTERS.split(phrase)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)
