"""What one mention says, read from what an interviewer typed. Pure: no database.

A mention keeps the name exactly as heard. Its age is a guess ("30", "~30", "30?") or a range
("25-30"); its "when" is a partial date or a range of two ("2023", "03.2023-06.2023"). A mention
must say something: a name, or at least one other fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from homeward.dates import PartialDate, parse_partial_date
from homeward.errors import InvalidInput
from homeward.testimonies.vocab import AGE_MAX, AGE_MIN, Condition

_AGE = re.compile(r"^[~≈]?\s*(\d{1,3})\s*\??$|^(\d{1,3})\s*[-–—]\s*(\d{1,3})$")
_RANGE = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|\s*\.\.\s*")


@dataclass(frozen=True)
class Span:
    """When a person was seen: from a partial date to another (the same one for a moment)."""

    start: PartialDate
    end: PartialDate

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start} – {self.end}"

    @property
    def last(self) -> PartialDate:
        """The latest the witness says he saw him: the end of the span."""
        return self.end


def parse_age(text: str | None) -> tuple[int, int] | None:
    """An age as a guess or a range: (low, high); None when not given."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        return None
    found = _AGE.match(cleaned)
    if not found:
        raise InvalidInput(
            "age", "%(text)s is not an age (a number, ~30, or a range 25-30)", text=repr(cleaned)
        )
    if found.group(1):
        low = high = int(found.group(1))
    else:
        low, high = sorted((int(found.group(2)), int(found.group(3))))
    if low < AGE_MIN or high > AGE_MAX:
        raise InvalidInput(
            "age", "an age from %(low)s to %(high)s years", low=AGE_MIN, high=AGE_MAX
        )
    return low, high


def age_as_given(text: str | None) -> str | None:
    """The age as the witness gave it, spaces tidied: "~24", "25–30"; None when not given."""
    cleaned = "".join((text or "").split())
    if not cleaned:
        return None
    return re.sub(r"[-—]", "–", cleaned.replace("≈", "~"))[:20]


def parse_span(text: str | None) -> Span | None:
    """When, as a partial date or a range of two; None when not given."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        return None
    parts = _RANGE.split(cleaned, maxsplit=1)
    start = parse_partial_date(parts[0], field="when")
    end = parse_partial_date(parts[1], field="when") if len(parts) > 1 else start
    if start is None or end is None:
        return None
    if end.latest < start.earliest:
        raise InvalidInput(
            "when", "the range ends (%(end)s) before it starts (%(start)s)", end=end, start=start
        )
    return Span(start, end)


def parse_condition(text: str | None) -> Condition | None:
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    try:
        return Condition(cleaned)
    except ValueError:
        raise InvalidInput(
            "condition", "%(value)s is not a condition", value=repr(cleaned)
        ) from None


def check_says_something(*facts: object) -> None:
    """A mention with neither a name nor any other fact is refused: there is nothing to keep."""
    if not any(fact not in (None, "") for fact in facts):
        raise InvalidInput(
            "name_heard", "a mention needs a name as heard or at least one other fact"
        )


def check_before_return(span: Span | None, *, returned: PartialDate | None, held_on: date) -> None:
    """A sighting cannot be after the witness's own return, nor after the debriefing."""
    if span is None:
        return
    if returned is not None and returned.certainly_before(span.start):
        raise InvalidInput(
            "when",
            "%(when)s is after the witness's own return (%(returned)s)",
            when=span,
            returned=returned,
        )
    if span.start.earliest > held_on:
        raise InvalidInput(
            "when", "%(when)s is after the debriefing (%(held_on)s)", when=span, held_on=held_on
        )


def age_fits(
    age: tuple[int, int] | None,
    birth: PartialDate | None,
    seen: PartialDate | None,
    *,
    slack: int = 5,
) -> bool | None:
    """Whether a guessed age fits a person's birth date when seen: None when either is unknown."""
    if age is None or birth is None:
        return None
    when = seen.earliest if seen is not None else date.today()
    oldest = when.year - birth.earliest.year
    youngest = when.year - birth.latest.year - 1
    return youngest <= age[1] + slack and oldest >= age[0] - slack
