"""The exchange categories, read from `categories.toml` (data, not code). Pure."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from homeward.errors import InvalidInput

RULE_KINDS = (
    "seriously_ill",
    "age_under",
    "age_over",
    "captured_by",
    "held_at_least",
    "civilian",
    "captured_at",
    "rank",
)
_DATA = Path(__file__).with_name("categories.toml")


@dataclass(frozen=True)
class Category:
    code: str
    en: str
    uk: str
    rule: str
    years: int | None = None
    months: int | None = None
    until: date | None = None
    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    ranks: tuple[str, ...] = field(default=())

    def name(self, language: str) -> str:
        return self.uk if language == "uk" else self.en


def _category(entry: dict[str, Any]) -> Category:
    rule = entry.get("rule")
    if rule not in RULE_KINDS:
        raise ValueError(f"category {entry.get('code')!r}: unknown rule {rule!r}")
    return Category(
        code=entry["code"],
        en=entry["en"],
        uk=entry["uk"],
        rule=rule,
        years=entry.get("years"),
        months=entry.get("months"),
        until=date.fromisoformat(entry["until"]) if "until" in entry else None,
        start=date.fromisoformat(entry["from"]) if "from" in entry else None,
        end=date.fromisoformat(entry["to"]) if "to" in entry else None,
        places=tuple(p.casefold() for p in entry.get("places", ())),
        ranks=tuple(entry.get("categories", ())),
    )


def parse_categories(text: str) -> dict[str, Category]:
    loaded = [_category(entry) for entry in tomllib.loads(text)["category"]]
    return {category.code: category for category in loaded}


@cache
def categories() -> dict[str, Category]:
    return parse_categories(_DATA.read_text(encoding="utf-8"))


def category(code: str) -> Category:
    found = categories().get(code)
    if found is None:
        raise InvalidInput(
            "category",
            "%(code)s is no category (known: %(known)s)",
            code=repr(code),
            known=", ".join(categories()),
        )
    return found
