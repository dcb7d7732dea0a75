"""Every counted figure on a small register whose answers are known (docs/statistics.md)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from homeward.stats.service import register_figures
from homeward.stats.summary import Figures
from tests.factories import ANALYST
from tests.stats.register import ON, build


@pytest.fixture
def figures(session: Session) -> Figures:
    build(session)
    return register_figures(session, actor=ANALYST, on=ON, today=date.today())


def rows_of(figures: Figures, name: str) -> dict[str, tuple[int, ...]]:
    table = figures.table(name)
    return dict(zip(table.rows, table.counts, strict=True))


def test_our_people_by_status_count_only_those_known_by_the_day(figures: Figures) -> None:
    assert rows_of(figures, "status_own") == {
        "no_information": (0,),  # the person with no evidence was entered after the day
        "missing": (1,),
        "captivity_possible": (1,),
        "captivity_confirmed": (1,),
        "returned": (2,),
        "deceased": (2,),
    }


def test_the_headline(figures: Figures) -> None:
    headline = figures.headline
    assert (headline.own_persons, headline.held_now, headline.confirmed_now) == (7, 2, 1)
    assert (headline.returned, headline.returned_never_confirmed) == (2, 1)
    assert headline.never_confirmed_share == 0.5
    assert (headline.deaths_in_captivity, headline.incommunicado) == (1, 1)
    assert headline.prisoners_in_our_custody == 2


def test_returned_by_month_tells_the_never_confirmed_apart(figures: Figures) -> None:
    assert rows_of(figures, "returned_by_month") == {"2023-01": (1, 1)}


def test_deaths_in_captivity_need_a_sign_of_captivity_before_the_death(figures: Figures) -> None:
    assert rows_of(figures, "deaths_by_year") == {"2023": (1, 1)}


def test_incommunicado_counts_days_since_the_last_sign_of_life(figures: Figures) -> None:
    # seen in a video on 1 February 2023 and not heard of since: 699 days by 31 December 2024;
    # the other captive called home 46 days before it
    table = figures.table("incommunicado")
    assert table.count("1-2 years", "captivity_possible") == 1
    assert sum(map(sum, table.counts)) == 1


def test_time_in_captivity_runs_from_disappearance_to_return_or_the_day(figures: Figures) -> None:
    assert rows_of(figures, "time_in_captivity") == {
        "6-12 months": (2, 0),  # 304 and 281 days, both returned
        "1-2 years": (0, 2),  # 716 and 579 days so far
    }


def test_regions_are_read_from_the_place_and_unknown_is_kept_last(figures: Figures) -> None:
    table = figures.table("status_by_region")
    assert table.rows[-1] == "unknown"
    assert dict(zip(table.rows, map(sum, table.counts), strict=True)) == {
        "Донецька обл.": 2,
        "Харківська обл.": 1,
        "Запорізька обл.": 1,
        "Луганська обл.": 1,
        "unknown": 2,  # "Бахмут" names no region; one place was never given
    }
    assert table.count("unknown", "deceased") == 1


def test_unit_and_branch_keep_the_unknown(figures: Figures) -> None:
    assert {r: sum(c) for r, c in rows_of(figures, "status_by_unit").items()} == {
        "А0001": 2,
        "unknown": 5,
    }
    assert rows_of(figures, "status_by_branch")["Сухопутні війська"] == (0, 0, 0, 0, 2, 0)


def test_prisoners_we_hold_by_status_and_captures_per_week(figures: Figures) -> None:
    assert {k: v for k, v in rows_of(figures, "status_adversary").items() if v[0]} == {
        "in_custody": (1,),
        "hospitalised": (1,),
        "repatriated": (1,),
    }
    assert rows_of(figures, "captures_per_week") == {"2024-03-04": (2,), "week unknown": (1,)}
    assert figures.capture_peaks == (("2024-03-04", 2),)


def test_public_tables_show_small_counts_as_less_than_five(figures: Figures) -> None:
    public = figures.table("status_own").to_json(public=True)
    assert public["rows"][-1] == ["total", 7]
    assert ["returned", "<5"] in public["rows"]
    assert all(cell in (0, "<5", "x", 7) for row in public["rows"] for cell in row[1:])


def test_the_public_headline_hides_small_numbers_and_their_share(figures: Figures) -> None:
    public = figures.to_json(public=True)["headline"]
    assert public["own_persons"] == 7
    assert public["returned"] == "<5" and public["never_confirmed_share"] is None
    assert figures.to_json()["headline"]["never_confirmed_share"] == 0.5
