"""Training estimates a model from unlabelled records, capped at a number of pairs."""

from __future__ import annotations

import math
from typing import Any

import pytest

from homeward.linkage.comparisons import (
    COMPARISONS,
    DIMINUTIVE_LABEL,
    DIMINUTIVE_SURNAME_LABEL,
    comparison_named,
)
from homeward.linkage.model import LevelParameters, train
from homeward.linkage.training import M_FLOOR, _parameters, weighed_as
from tests.linkage.factories import population


@pytest.mark.slow
def test_training_gives_agreement_weight_and_disagreement_weight_against() -> None:
    model = train([r for r, _ in population()], seed=3, max_pairs=2e5)
    for comparison in ("surname", "given_name", "birth_date", "unit"):
        levels = model.parameters[comparison]
        assert levels[0].match_weight > 0, comparison
        assert levels[-1].match_weight < 0, comparison
    assert 0 < model.probability_two_random_records_match < 0.01
    assert model.term_frequencies["given_key"]
    assert model.vetoes == ("service_number", "tax_number")


def test_a_level_the_training_data_cannot_show_takes_the_parameters_of_its_twin() -> None:
    given = comparison_named("given_name")
    estimated = [LevelParameters(label, 1e-6, 1e-6) for label in given.labels]
    estimated[0] = LevelParameters(given.labels[0], 0.9, 2e-5)
    estimated[1] = LevelParameters(given.labels[1], 0.05, 0.02)
    found = {p.label: (p.m, p.u) for p in weighed_as(given, estimated)}
    assert found[DIMINUTIVE_SURNAME_LABEL] == (0.9, 2e-5)
    assert found[DIMINUTIVE_LABEL] == (0.05, 0.02)
    assert found["different"] == (1e-6, 1e-6)


def _estimated(birth_date: dict[str, tuple[float, float]]) -> dict[str, LevelParameters]:
    """The birth date's levels as training keeps them, from a model as Splink saves it whose EM
    gave the levels in `birth_date` these m and u (every other level m = u = 0.01)."""
    trained: dict[str, Any] = {"comparisons": []}
    for comparison in COMPARISONS:
        given = birth_date if comparison.name == "birth_date" else {}
        levels: list[dict[str, Any]] = [{"is_null_level": True}]
        for label in comparison.labels:
            m, u = given.get(label, (0.01, 0.01))
            levels.append({"m_probability": m, "u_probability": u})
        trained["comparisons"].append(
            {"output_column_name": comparison.name, "comparison_levels": levels}
        )
    return {p.label: p for p in _parameters(trained, unseen_u=1e-6)["birth_date"]}


def test_no_level_weighs_against_a_match_as_if_true_pairs_never_showed_it() -> None:
    # EM, seeing no true pair a year apart or with the month miswritten, gives them m ≈ 0
    found = _estimated({
        "same date": (0.9, 1e-4),
        "same year, month differs": (1e-7, 0.02),
        "a year apart": (1e-6, 0.04),
        "different": (1e-6, 0.7),
    })  # fmt: skip
    for label in ("same year, month differs", "a year apart", "different"):
        assert found[label].m == M_FLOOR, label
    assert found["a year apart"].match_weight == pytest.approx(math.log2(M_FLOOR / 0.04))
    assert found["same date"] == LevelParameters("same date", 0.9, 1e-4)  # for a match: kept


def test_closer_agreement_never_weighs_less_than_different() -> None:
    # EM put a day slipped in a birth date (the same year and month) far below two dates years
    # apart
    found = _estimated({
        "same year and month": (1e-4, 0.05),
        "a year apart": (0.02, 0.04),
        "different": (0.3, 0.7),
    })  # fmt: skip
    different = found["different"].match_weight
    assert found["different"] == LevelParameters("different", 0.3, 0.7)
    assert found["same year and month"].match_weight == pytest.approx(different)
    # a level that weighs less against than "different" keeps what EM found
    assert found["a year apart"] == LevelParameters("a year apart", 0.02, 0.04)
