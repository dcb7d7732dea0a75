"""The words of incidents: act types (a data file, `act_types.toml`, each with the articles of
the Geneva Conventions it breaches), the reliability of a source and the credibility of what it
says, the kinds of alleged perpetrator. Pure."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Final

from homeward.errors import InvalidInput

ACT_TYPES_FILE: Final = Path(__file__).resolve().parent / "act_types.toml"


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


UNKNOWN_ACT_TYPE: Final = _("%(value)s is not an act type; the act types are: %(known)s")


@dataclass(frozen=True)
class ActType:
    code: str
    label: str
    articles: str
    group: str | None = None
    restricted_files: bool = False  # its files show captives (Art. 13)


@cache
def act_types() -> dict[str, ActType]:
    """Every act type, in the order of the file."""
    with ACT_TYPES_FILE.open("rb") as data:
        table = tomllib.load(data)
    return {
        code: ActType(
            code=code,
            label=str(row["label"]),
            articles=str(row["articles"]),
            group=row.get("group"),
            restricted_files=bool(row.get("restricted_files", False)),
        )
        for code, row in table.items()
    }


def act_type(code: str | None) -> ActType:
    """The act type of `code`, or `InvalidInput("act_type", …)`."""
    found = act_types().get((code or "").strip())
    if found is None:
        raise InvalidInput(
            "act_type", UNKNOWN_ACT_TYPE, value=repr(code or ""), known=", ".join(act_types())
        )
    return found


def matching_types(wanted: str) -> list[str]:
    """The codes a filter names: one code, or a group (`torture`: every kind of it)."""
    types = act_types()
    if wanted in types:
        return [wanted]
    grouped = [code for code, kind in types.items() if kind.group == wanted]
    if not grouped:
        act_type(wanted)  # raises: neither a type nor a group
    return grouped


class Credibility(StrEnum):
    """How credible the information is, apart from who gives it (HURIDOCS)."""

    CONFIRMED = "confirmed"  # by other independent sources
    PROBABLE = "probable"  # consistent with what else is known
    POSSIBLE = "possible"  # not contradicted, not confirmed
    DOUBTFUL = "doubtful"  # at odds with what else is known
    UNKNOWN = "unknown"  # cannot be judged yet


class PerpetratorKind(StrEnum):
    """Who is alleged to have done it: a record of its own, never a guess written as a fact."""

    UNIT = "unit"  # a military or police unit
    FACILITY_STAFF = "facility_staff"  # the staff of a place of detention
    INDIVIDUAL = "individual"  # a named person


CREDIBILITY_WORDS: Final[dict[str, str]] = {
    Credibility.CONFIRMED: _("confirmed by other sources"),
    Credibility.PROBABLE: _("probably true"),
    Credibility.POSSIBLE: _("possibly true"),
    Credibility.DOUBTFUL: _("doubtful"),
    Credibility.UNKNOWN: _("cannot be judged yet"),
}
PERPETRATOR_WORDS: Final[dict[str, str]] = {
    PerpetratorKind.UNIT: _("a unit"),
    PerpetratorKind.FACILITY_STAFF: _("the staff of a place of detention"),
    PerpetratorKind.INDIVIDUAL: _("a named individual"),
}
