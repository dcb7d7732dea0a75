"""The population leaves Python intact: JSON Lines, pickles."""

from __future__ import annotations

import io
import json
import pickle

from homeward.demo.export import person_record, write_jsonl
from homeward.demo.population import SyntheticPerson


def test_it_writes_one_json_line_per_person(population: list[SyntheticPerson]) -> None:
    out = io.StringIO()
    assert write_jsonl(population[:30], out) == 30
    lines = out.getvalue().splitlines()
    assert len(lines) == 30
    first = json.loads(lines[0])
    assert first["truth_id"] == population[0].truth_id
    assert first["reports"][0]["truth_id"] == population[0].truth_id
    assert set(first["reports"][0]["fields"]) == set(population[0].reports[0].fields)


def test_partial_dates_keep_their_precision(population: list[SyntheticPerson]) -> None:
    person = next(p for p in population if any(e.on.day is None for e in p.evidence))
    record = person_record(person)
    precisions = {item["on"]["precision"] for item in record["evidence"]}
    assert precisions - {"day"}


def test_persons_pickle_for_worker_processes(population: list[SyntheticPerson]) -> None:
    sample = population[:50]
    assert pickle.loads(pickle.dumps(sample)) == sample
