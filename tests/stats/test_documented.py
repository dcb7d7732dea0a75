"""Every figure the statistics produce is defined in docs/statistics.md."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from homeward.stats.lists import REGISTER_LISTS
from homeward.stats.service import register_figures
from tests.conftest import REPO
from tests.factories import ANALYST
from tests.stats.register import ON, build

DOCS = (REPO / "docs" / "statistics.md").read_text(encoding="utf-8")


def test_every_table_is_defined(session: Session) -> None:
    build(session)
    figures = register_figures(session, actor=ANALYST, on=ON, today=date.today())
    for table in figures.all_tables():
        assert f"`{table.name}`" in DOCS, table.name
    for number in figures.headline.to_json():
        assert f"`{number}`" in DOCS, number


def test_every_list_of_the_register_and_its_kinds_are_in_the_table() -> None:
    for name, kinds in REGISTER_LISTS.items():
        assert f"| `{name}` |" in DOCS, name
        for kind in kinds:
            assert f"`{kind.value}`" in DOCS, kind
