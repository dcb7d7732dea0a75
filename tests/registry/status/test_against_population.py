"""The rules and the synthetic population were written apart: they must agree on every person."""

from __future__ import annotations

from datetime import date

from homeward.demo.population import generate
from homeward.registry.status.rules import Fact, derive_status
from homeward.registry.vocab import EvidenceKind, Side


def test_the_rules_derive_the_status_the_population_was_built_to_have() -> None:
    disagreements = []
    for person in generate(persons=3000, seed=7):
        facts = [
            Fact(id=i, kind=EvidenceKind(e.kind), on=e.on)
            for i, e in enumerate(person.evidence, start=1)
        ]
        derived = derive_status(facts, side=Side(person.side), as_of=date(2026, 11, 1))
        if derived.status.value != person.expected_status:
            disagreements.append((person.truth_id, person.expected_status, derived.status))
    assert disagreements == []
