"""The synthetic population as JSON Lines, one person a line, for tools outside Python.

    python -m homeward.demo --persons 1000 --seed 1 > population.jsonl

Dates are ISO strings; a partial date is {"iso": "2023-05", "precision": "month"}. Reports keep
their raw fields; `truth_id` on each report is the ground truth.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any, TextIO

from homeward.dates import PartialDate
from homeward.demo.population import DEFAULT_TODAY, SyntheticPerson, generate


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return {"iso": value.iso(), "precision": value.precision.value}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _shallow(record: Any) -> dict[str, Any]:
    return {field.name: getattr(record, field.name) for field in fields(record)}


def person_record(person: SyntheticPerson) -> dict[str, Any]:
    """A JSON-ready dictionary of the person, the reports, the evidence and the contacts."""
    record = _shallow(person)
    record["reports"] = [
        _shallow(report) | {"fields": dict(report.fields)} for report in person.reports
    ]
    record["evidence"] = [_shallow(item) for item in person.evidence]
    record["contacts"] = [_shallow(contact) for contact in person.contacts]
    plain: dict[str, Any] = _plain(record)
    return plain


def write_jsonl(persons: Iterable[SyntheticPerson], out: TextIO) -> int:
    count = 0
    for person in persons:
        out.write(json.dumps(person_record(person), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m homeward.demo", description="Write a synthetic population as JSON Lines."
    )
    parser.add_argument("--persons", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY)
    args = parser.parse_args(argv)
    write_jsonl(generate(persons=args.persons, seed=args.seed, today=args.today), sys.stdout)
