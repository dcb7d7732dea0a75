"""One synthetic population for the whole demo suite: generating it is the slow part."""

from __future__ import annotations

from datetime import date

import pytest

from homeward.demo.population import SyntheticPerson, generate

TODAY = date(2026, 11, 1)
SEED = 2024


@pytest.fixture(scope="session")
def population() -> list[SyntheticPerson]:
    return list(generate(persons=6000, seed=SEED, today=TODAY))


@pytest.fixture(scope="session")
def own(population: list[SyntheticPerson]) -> list[SyntheticPerson]:
    return [person for person in population if person.side == "own"]


@pytest.fixture(scope="session")
def adversaries(population: list[SyntheticPerson]) -> list[SyntheticPerson]:
    return [person for person in population if person.side == "adversary"]
