"""Plain factories for the linkage tests: synthetic records and a model with fixed parameters."""

from __future__ import annotations

import math
from functools import cache

from homeward.demo.population import generate
from homeward.linkage.comparisons import COMPARISONS
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LevelParameters, LinkageModel

FIELDS = (
    "surname", "given_name", "patronymic", "sex", "birth_date", "birth_place", "unit",
    "missing_date", "missing_place", "service_number", "tax_number",
)  # fmt: skip


def record(record_id: str = "r1", **fields: str) -> LinkRecord:
    return LinkRecord(record_id, **fields)


@cache
def population(persons: int = 600, seed: int = 11) -> tuple[tuple[LinkRecord, str], ...]:
    """Synthetic reports as records, each with its person's truth id."""
    found = []
    for person in generate(persons=persons, seed=seed):
        for report in person.reports:
            fields = {name: report.fields[name] for name in FIELDS}
            found.append(
                (LinkRecord(report.report_id, source=report.source_kind, **fields), report.truth_id)
            )
    return tuple(found)


def fixed_model(**overrides: object) -> LinkageModel:
    """A model whose m and u are made up (strongest level most likely for matches), with no
    training: what the tests check does not depend on the figures."""
    parameters: dict[str, list[LevelParameters]] = {}
    for comparison in COMPARISONS:
        count = len(comparison.labels)
        weights = [2.0 ** (count - i) for i in range(count)]
        m = [w / sum(weights) for w in weights]
        u = [1.0 / 4 ** (count - i) for i in range(count)]
        u[-1] = 1.0 - sum(u[:-1])
        parameters[comparison.name] = [
            LevelParameters(label, m_i, u_i)
            for label, m_i, u_i in zip(comparison.labels, m, u, strict=True)
        ]
    settings: dict[str, object] = {
        "parameters": parameters,
        "probability_two_random_records_match": 1e-3,
        "trained_records": 1000,
        "term_frequencies": {"surname_key": {"melnik": 0.01}},
        "tf_floor": {"surname_key": 1e-4},
    }
    settings.update(overrides)
    return LinkageModel(**settings)  # type: ignore[arg-type]


def log2_odds(probability: float) -> float:
    return math.log2(probability / (1 - probability))
