"""Multiple systems estimation: the published UK estimate, and no number where none exists."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from homeward.stats.histories import CaptureHistories, read_histories
from homeward.stats.loglinear import Design, Table, problem_with
from homeward.stats.mse import IntervalMethod, ModelRule, Selection, estimate_population
from tests.conftest import SHARED_TESTDATA

UK = SHARED_TESTDATA / "mse_uk2013.csv"


def histories(lists: str, **counts: int) -> CaptureHistories:
    """histories("ABC", h110=3): three persons on A and B only."""
    return CaptureHistories(
        tuple(lists), {tuple(int(x) for x in key[1:]): n for key, n in counts.items()}
    )


@pytest.fixture(scope="module")
def uk() -> CaptureHistories:
    if not UK.exists():
        pytest.skip(f"the shared test vectors are not at {UK.parent}")
    return read_histories(UK)


def test_it_reproduces_the_published_uk_estimate(uk: CaptureHistories) -> None:
    estimate = estimate_population(uk)
    assert estimate.observed == 2744
    assert estimate.estimate is not None
    assert abs(estimate.estimate - 11_313) / 11_313 < 0.01
    assert estimate.interval is not None
    low, high = estimate.interval
    assert 9_500 < low < 10_500 and 12_500 < high < 13_500


def test_the_uk_model_adds_the_least_likely_overlap_first(uk: CaptureHistories) -> None:
    estimate = estimate_population(uk)
    assert estimate.steps[0].lists == ("LA", "NG")
    assert all(step.p_value < 0.02 for step in estimate.steps)
    assert [s.p_value for s in estimate.steps] == sorted(s.p_value for s in estimate.steps)
    assert estimate.interactions == tuple(step.lists for step in estimate.steps)


def test_a_bootstrap_interval_holds_the_estimate(uk: CaptureHistories) -> None:
    estimate = estimate_population(uk, method=IntervalMethod.BOOTSTRAP, replications=40, seed=3)
    assert estimate.interval is not None and estimate.estimate is not None
    assert estimate.interval[0] < estimate.estimate < estimate.interval[1]
    assert estimate.replications == 40


def test_lists_that_share_no_one_give_no_number_and_say_why() -> None:
    estimate = estimate_population(histories("ABC", h100=10, h010=5, h001=7))
    assert estimate.estimate is None and estimate.interval is None
    assert estimate.reason is not None and "no one is on two lists" in estimate.reason
    assert "no estimate of the total" in estimate.sentence()


def test_nested_lists_give_an_infinite_estimate_and_no_number() -> None:
    # everyone on A is on B, everyone on C is on A and B: the estimate would be infinite
    estimate = estimate_population(histories("ABC", h010=5, h110=1, h111=1))
    assert estimate.estimate is None
    assert estimate.reason is not None and "infinite" in estimate.reason


def test_a_model_that_cannot_be_identified_is_named() -> None:
    # A shares no one with B or C: with every interaction the design loses its rank
    table = Table.of(histories("ABC", h100=10, h010=30, h001=40, h011=8))
    problem = problem_with(Design.of(table, [(0, 1), (0, 2), (1, 2)]))
    assert problem is not None and "cannot be identified" in problem


def test_a_list_that_overlaps_no_other_is_noted() -> None:
    estimate = estimate_population(histories("ABC", h100=10, h010=30, h001=40, h011=8))
    assert estimate.estimate is not None
    assert any("sharing no one with any other list: A" in note for note in estimate.notes)


def test_an_empty_list_is_left_out_with_a_note() -> None:
    counts = {"h1100": 20, "h1000": 50, "h0100": 40, "h0010": 30, "h1010": 10, "h0110": 5}
    estimate = estimate_population(histories("ABCD", **counts))
    assert estimate.lists == ("A", "B", "C")
    assert estimate.notes[0] == "left out, holding no one: D"
    assert estimate.estimate is not None and math.isfinite(estimate.estimate)


def test_the_json_holds_the_figures_and_the_model(uk: CaptureHistories) -> None:
    data = estimate_population(uk).to_json()
    assert data["observed"] == 2744
    assert round(data["estimate"]) == 11_313
    assert len(data["interval"]) == 2 and all(isinstance(x, float) for x in data["interval"])
    assert ["LA", "NG"] in data["model"]["interactions"]
    assert data["sentence"].startswith("At least 2,744 documented; an estimated 11,313")


def test_it_reads_a_table_written_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text("A;B;C;count\n1;0;0;10\n0;1;0;5\n1;1;0;2\n0;0;1;3\n1;0;1;1\n", "utf-8")
    assert read_histories(path).observed == 21


def test_every_pair_is_a_rule_of_its_own_for_comparison(uk: CaptureHistories) -> None:
    estimate = estimate_population(uk, rule=ModelRule(Selection.ALL_PAIRS))
    assert len(estimate.interactions) + len(estimate.empty_overlaps) == 10
    assert estimate.empty_overlaps == (("LA", "GP"),)  # no one is on both: those cells left out
    assert estimate.steps == ()
    assert estimate.to_json()["model"]["rule"] == "every two-list interaction"


def test_every_reason_speaks_ukrainian_with_its_numbers_and_keeps_a_code() -> None:
    from homeward.stats.report import estimate_context
    from homeward.stats.words import Words

    nested = estimate_population(histories("ABC", h010=5, h110=1, h111=1))
    assert nested.reason is not None and nested.reason.code == "no_mle"
    assert nested.to_json()["reason_code"] == "no_mle"
    assert nested.to_json()["reason"] == str(nested.reason)
    context = estimate_context(nested, Words("uk"))
    assert context is not None
    assert "оцінки максимальної правдоподібності не існує" in context["reason"]
    table = Table.of(histories("ABC", h100=10, h010=30, h001=40, h011=8))
    problem = problem_with(Design.of(table, [(0, 1), (0, 2), (1, 2)]))
    assert problem is not None and problem.code == "not_identifiable"
    assert "5 parameters but only 4" in problem
    assert Words("uk").translate(problem) == (
        "модель неможливо ідентифікувати за цими історіями: параметрів 5, "
        "але розрізнити можна лише 4"
    )
    alone = estimate_population(histories("ABC", h100=10, h010=5, h001=7))
    assert alone.reason is not None and alone.reason.code == "no_overlap"
    assert "ніхто не входить до двох списків" in Words("uk").translate(alone.reason)
