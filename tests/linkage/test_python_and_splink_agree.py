"""The Python scorer and Splink's SQL put every pair in the same level, with the same weight."""

from __future__ import annotations

import logging
import math
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from splink import Linker

from homeward.linkage.backends import open_backend, register_term_frequencies
from homeward.linkage.blocking import BLOCKING_RULES, BlockingRule
from homeward.linkage.comparisons import (
    COMPARISONS,
    DIMINUTIVE_LABEL,
    DIMINUTIVE_SURNAME_LABEL,
)
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import comparison_levels
from homeward.linkage.prepared import PreparedRecords, term_frequencies
from homeward.linkage.scoring import score_pair
from homeward.linkage.splink_settings import settings_dict
from tests.linkage.factories import fixed_model, population, record

# Beyond the blocked pairs, pairs that agree on little: every level is reached somewhere.
WIDE = BlockingRule("same birth year and sex", "l.birth_year = r.birth_year AND l.sex = r.sex")


def splink_rows(model: LinkageModel, prepared: PreparedRecords) -> list[dict[str, Any]]:
    shares = term_frequencies(prepared)
    with open_backend("duckdb") as engine:
        frame = engine.register(prepared.table, "records_0")
        settings = settings_dict(
            model,
            prior=model.prior(),
            blocking_rules=(*BLOCKING_RULES, WIDE),
            retain_intermediate=True,
        )
        linker = Linker(frame, settings, log_level=logging.WARNING)
        register_term_frequencies(engine, linker, shares)
        rows: list[dict[str, Any]] = linker.inference.predict(warning_mode="never").as_record_list()
    return rows


@pytest.fixture(scope="module")
def scored() -> tuple[LinkageModel, list[dict[str, Any]], list[dict[str, Any]]]:
    model = fixed_model()
    prepared = PreparedRecords.of([record for record, _ in population()])
    shares = term_frequencies(prepared)
    rows = prepared.table.to_pylist()
    for row in rows:
        for column, values in shares.items():
            row[f"tf_{column}"] = values.get(row[column]) if row[column] is not None else None
    return model, rows, splink_rows(model, prepared)


def test_every_pair_falls_in_the_same_level(scored: Any) -> None:
    _, rows, pairs = scored
    assert len(pairs) > 10_000
    reached: set[tuple[str, int]] = set()
    for pair in pairs:
        left, right = rows[pair["unique_id_l"]], rows[pair["unique_id_r"]]
        for comparison in COMPARISONS:
            gamma = comparison.gamma(comparison.level_of(left, right))
            assert pair[f"gamma_{comparison.name}"] == gamma, (comparison.name, left, right)
            reached.add((comparison.name, gamma))
    levels = {(c.name, c.gamma(i)) for c in COMPARISONS for i in range(-1, len(c.levels) + 1)}
    assert len(reached) / len(levels) > 0.9, sorted(levels - reached)


def test_every_pair_has_the_same_weight(scored: Any) -> None:
    model, rows, pairs = scored
    prior = model.prior()
    for pair in pairs:
        left, right = rows[pair["unique_id_l"]], rows[pair["unique_id_r"]]
        score = score_pair(model, left, right, prior=prior)
        assert math.isclose(score.match_weight, pair["match_weight"], abs_tol=1e-6)
        assert math.isclose(score.match_probability, pair["match_probability"], abs_tol=1e-9)


def test_the_levels_read_again_after_splink_are_splinks(scored: Any) -> None:
    _, _, pairs = scored
    prepared = PreparedRecords.of([record for record, _ in population()])
    left = pa.array([pair["unique_id_l"] for pair in pairs], pa.int64())
    right = pa.array([pair["unique_id_r"] for pair in pairs], pa.int64())
    levels = comparison_levels(prepared.table, left, right)
    for comparison in COMPARISONS:
        expected = [pair[f"gamma_{comparison.name}"] for pair in pairs]
        assert levels[comparison.name].to_pylist() == expected, comparison.name


def test_a_diminutive_weighs_alike_both_ways() -> None:
    # the diminutive levels weigh by the full name's frequency (`given_full_key`)
    names = [("Яблочкін", "Володимир"), ("Яблочкін", "Вова"), ("Яблочків", "Вова"),
             ("Яблочкін", "Володя"), ("Петренко", "Саша"), ("Петренко", "Олександр"),
             ("Петренко", "Олександр"), ("Петрен", "Саша")]  # fmt: skip
    records = [
        record(f"d{k}", surname=surname, given_name=given, sex="ч", birth_date="1985")
        for k, (surname, given) in enumerate(names)
    ]
    model = LinkageModel.load()
    prepared = PreparedRecords.of(records)
    shares = term_frequencies(prepared)
    rows = prepared.table.to_pylist()
    for row in rows:
        for column, values in shares.items():
            row[f"tf_{column}"] = values.get(row[column]) if row[column] is not None else None
    given = next(c for c in COMPARISONS if c.name == "given_name")
    reached = set()
    for pair in splink_rows(model, prepared):
        left, right = rows[pair["unique_id_l"]], rows[pair["unique_id_r"]]
        score = score_pair(model, left, right, prior=model.prior())
        assert math.isclose(score.match_weight, pair["match_weight"], abs_tol=1e-6)
        reached.add(given.labels[given.level_of(left, right)])
    assert {DIMINUTIVE_LABEL, DIMINUTIVE_SURNAME_LABEL} <= reached
