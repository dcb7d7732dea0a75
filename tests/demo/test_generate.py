"""generate(): deterministic, streaming, and keeping the ground truth."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterable
from itertools import islice

import pytest

from homeward.demo.population import SyntheticPerson, generate
from homeward.demo.reports import FIELD_NAMES
from tests.demo.conftest import TODAY

_DIGEST = """
import hashlib, sys
from datetime import date
from homeward.demo.population import generate
digest = hashlib.sha256()
for person in generate(persons=int(sys.argv[1]), seed=int(sys.argv[2]), today=date(2026, 11, 1)):
    digest.update(repr(person).encode())
print(digest.hexdigest())
"""


def _digest(persons: Iterable[SyntheticPerson]) -> str:
    digest = hashlib.sha256()
    for person in persons:
        digest.update(repr(person).encode())
    return digest.hexdigest()


def test_it_is_deterministic_for_a_seed() -> None:
    first = list(generate(persons=300, seed=11, today=TODAY))
    second = list(generate(persons=300, seed=11, today=TODAY))
    assert first == second
    assert _digest(first) == _digest(second)


def test_other_seeds_give_other_populations() -> None:
    first = list(generate(persons=50, seed=1, today=TODAY))
    second = list(generate(persons=50, seed=2, today=TODAY))
    assert [p.surname for p in first] != [p.surname for p in second]


def test_it_does_not_depend_on_the_hash_seed() -> None:
    mine = _digest(generate(persons=200, seed=5, today=TODAY))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", _DIGEST, "200", "5"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert mine == other


def test_it_streams_as_many_persons_as_asked_for() -> None:
    stream = generate(persons=1_000_000, seed=3, today=TODAY)
    first = list(islice(stream, 5))
    assert [p.truth_id for p in first] == [f"P{i:07d}" for i in range(1, 6)]
    assert len(list(generate(persons=120, seed=3, today=TODAY))) == 120


def test_it_rejects_a_negative_count_at_once() -> None:
    with pytest.raises(ValueError, match="negative"):
        generate(persons=-1, seed=1)


def test_it_rejects_a_today_before_the_war() -> None:
    from datetime import date

    with pytest.raises(ValueError, match="today"):
        generate(persons=10, seed=1, today=date(2021, 1, 1))


def test_ground_truth_links_every_report_to_its_person(
    population: list[SyntheticPerson],
) -> None:
    report_ids = [r.report_id for p in population for r in p.reports]
    assert len(report_ids) == len(set(report_ids))
    for person in population:
        assert person.reports, person.truth_id
        mine = {report.report_id for report in person.reports}
        assert all(report.truth_id == person.truth_id for report in person.reports)
        carried = {e.report_id for e in person.evidence if e.report_id}
        assert carried <= mine


def test_reports_have_exactly_the_contract_fields(population: list[SyntheticPerson]) -> None:
    for person in population[:500]:
        for report in person.reports:
            assert tuple(report.fields) == FIELD_NAMES
            assert all(isinstance(value, str) for value in report.fields.values())
            assert report.received_on <= TODAY


def test_persons_have_one_to_a_few_reports_two_and_a_half_on_average(
    population: list[SyntheticPerson],
) -> None:
    counts = [len(person.reports) for person in population]
    assert min(counts) >= 1
    assert 2.2 <= sum(counts) / len(counts) <= 2.8
    assert sum(1 for c in counts if c <= 4) / len(counts) > 0.9


def test_both_sides_are_generated(population: list[SyntheticPerson]) -> None:
    adversaries = sum(1 for p in population if p.side == "adversary")
    assert 0.12 < adversaries / len(population) < 0.25
