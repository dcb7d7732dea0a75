"""The profile of the prisoners we hold and the returns per exchange, on the small register of
tests/stats/register.py with three interviews added (docs/statistics.md)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from homeward.custody.records import record_profile
from homeward.custody.schemas import ProfileIn
from homeward.dates import parse_partial_date
from homeward.stats.custody import HELD, age_band, foreigners
from homeward.stats.service import register_figures
from homeward.stats.summary import Figures
from tests.custody.factories import CUSTODIAN
from tests.factories import ANALYST
from tests.stats.register import ON, build


def interview(session: Session, person_id: int, **fields: object) -> None:
    record_profile(
        session,
        actor=CUSTODIAN,
        person_id=person_id,
        profile=ProfileIn.model_validate({"voluntary": True, **fields}),
    )


@pytest.fixture
def figures(session: Session) -> Figures:
    ids = build(session)
    interview(
        session,
        ids["held"],
        interviewed_on=date(2024, 3, 8),
        rank_category="sergeant",
        service_route="mobilised",
        citizenship="RUS",
        coercion_or_deception=True,
    )
    # a later interview of the same prisoner replaces the first
    interview(
        session,
        ids["held"],
        interviewed_on=date(2024, 3, 20),
        rank_category="rank_and_file",
        service_route="contract_prison",
        citizenship="RUS",
        coercion_or_deception=True,
    )
    interview(
        session,
        ids["repatriated"],
        interviewed_on=date(2024, 3, 9),
        rank_category="officer",
        service_route="contract",
        citizenship="geo",
        coercion_or_deception=False,
    )
    # interviewed after the day of the figures: not in them
    interview(
        session,
        ids["in_hospital"],
        interviewed_on=date(2025, 1, 15),
        rank_category="officer",
        citizenship="NPL",
    )
    return register_figures(session, actor=ANALYST, on=ON, today=date.today())


def rows_of(figures: Figures, name: str) -> dict[str, tuple[int, ...]]:
    table = figures.table(name)
    return {row: line for row, line in zip(table.rows, table.counts, strict=True) if any(line)}


def test_the_profile_counts_the_latest_interview_by_the_day(figures: Figures) -> None:
    assert figures.table("prisoners_by_rank_category").columns == HELD
    # held now: the prisoner in custody and the one in hospital; the repatriated one is not
    assert rows_of(figures, "prisoners_by_rank_category") == {
        "rank_and_file": (1, 0),
        "officer": (0, 1),
        "unknown": (1, 0),
    }
    assert rows_of(figures, "prisoners_by_service_route") == {
        "contract": (0, 1),
        "contract_prison": (1, 0),
        "unknown": (1, 0),
    }
    assert rows_of(figures, "prisoners_by_coercion") == {
        "reported": (1, 0),
        "not_reported": (0, 1),
        "unknown": (1, 0),
    }


def test_citizenship_puts_the_home_state_first_and_counts_foreigners(figures: Figures) -> None:
    table = figures.table("prisoners_by_citizenship")
    assert table.rows == ("RUS", "GEO", "unknown")
    assert foreigners(table) == (1, 1)


def test_age_is_the_youngest_a_partial_birth_allows() -> None:
    born = parse_partial_date("1990", field="birth")
    assert age_band(born, date(2024, 12, 31)) == "25-34"  # 34 on 31 December at the latest
    assert age_band(parse_partial_date("01.01.2006", field="b"), date(2024, 1, 1)) == "18-24"
    assert age_band(parse_partial_date("02.01.2006", field="b"), date(2024, 1, 1)) == "under 18"
    assert age_band(None, date(2024, 1, 1)) == "unknown"


def test_all_three_prisoners_are_in_an_age_band(figures: Figures) -> None:
    assert rows_of(figures, "prisoners_by_age_band") == {"25-34": (2, 1)}


def test_returns_per_exchange_and_in_all(figures: Figures) -> None:
    assert rows_of(figures, "returned_per_exchange") == {"2023-01-08": (1, 1)}
    assert rows_of(figures, "returned_cumulative") == {"2023-01-08": (2, 1)}


def test_the_figures_carry_the_same_capture_histories_as_the_estimate_reads(
    session: Session, figures: Figures
) -> None:
    from homeward.stats.service import register_capture_histories

    alone = register_capture_histories(session, actor=ANALYST, on=ON, today=date.today())["all"]
    assert figures.histories is not None
    assert figures.histories.lists == alone.lists
    assert list(figures.histories.rows()) == list(alone.rows())
    assert figures.histories.observed == alone.observed > 0


def test_a_reconciled_exchange_names_its_returns_and_the_rest_go_by_day(
    session: Session,
) -> None:
    """One of the two returned on 8 January 2023 came back on a reconciled exchange's roster:
    he is counted under its name, the other under the day; the reconciliation's own count of
    those never confirmed is a table of its own."""
    from dataclasses import replace

    from homeward.stats.rows import ExchangeReturn
    from homeward.stats.service import read_register
    from homeward.stats.summary import count_figures

    ids = build(session)
    rows = read_register(session, actor=ANALYST)
    exchange = ExchangeReturn(
        7, "Обмін 8 січня", date(2023, 1, 8), frozenset({ids["returned_confirmed"]}), 0
    )
    elsewhere = ExchangeReturn(  # a roster of another day does not explain this return
        8, "Обмін 9 січня", date(2023, 1, 9), frozenset({ids["returned_unconfirmed"]}), 1
    )
    found = count_figures(replace(rows, exchanges=(exchange, elsewhere)), on=ON, today=date.today())
    table = found.table("returned_per_exchange")
    assert table.rows == ("2023-01-08", "Обмін 8 січня")
    assert rows_of(found, "returned_per_exchange") == {
        "2023-01-08": (0, 1),
        "Обмін 8 січня": (1, 0),
    }
    assert rows_of(found, "exchanges_reconciled") == {
        "Обмін 8 січня": (1, 0),
        "Обмін 9 січня": (0, 1),
    }
    # without a reconciled exchange, every return goes by its day, as before
    assert rows_of(count_figures(rows, on=ON, today=date.today()), "exchanges_reconciled") == {}
