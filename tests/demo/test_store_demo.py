"""The synthetic population stored in the register (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, func, select

from homeward.db import session_factory
from homeward.demo.population import generate
from homeward.demo.store import build_demo
from homeward.registry.evidence import person_status
from homeward.registry.history import person_history
from homeward.registry.models import Person, PersonName, Place, Report
from homeward.registry.service import list_persons


def test_the_demo_stores_persons_reports_names_and_the_derived_status(clean_db: Engine) -> None:
    summary = build_demo(clean_db, persons=120, seed=5, as_of=date(2026, 11, 1))
    expected = list(generate(persons=120, seed=5))
    assert summary.persons == 120
    assert summary.reports == sum(len(p.reports) for p in expected)
    with session_factory(clean_db)() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == summary.reports
        assert (session.scalar(select(func.count()).select_from(Place)) or 0) >= 29
        persons, total = list_persons(session, limit=200)
        assert total == 120
        for person, truth in zip(persons, expected, strict=True):
            assert person.status == truth.expected_status
            derived = person_status(session, person, as_of=date(2026, 11, 1))
            assert derived.status.value == person.status
            assert [h.action for h in person_history(session, person.id)] == ["create"]
        keys = session.scalars(select(PersonName.surname_key).limit(50)).all()
        assert all(keys)
        assert session.scalar(select(func.count()).select_from(Person)) == 120
