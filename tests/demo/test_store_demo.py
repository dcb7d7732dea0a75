"""The synthetic population stored in the register (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import Engine, func, select

from homeward.custody.models import Effect
from homeward.db import session_factory
from homeward.demo.population import generate
from homeward.demo.store import build_demo
from homeward.linkage.models import LinkProposal, Merge
from homeward.registry.evidence import person_status
from homeward.registry.history import person_history
from homeward.registry.models import Contact, Person, PersonName, Place, Report
from homeward.registry.service import list_persons
from homeward.web.labels import RELATIONS


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
        # relations are stored as codes the pages put in words ("mother" → "мати")
        relations = set(session.scalars(select(Contact.relation)))
        assert relations and relations <= RELATIONS, relations - RELATIONS
        # a prisoner's effects are written in Ukrainian, as the bureau writes them
        effects = set(session.scalars(select(Effect.description)))
        assert effects and not {e for e in effects if re.search("[A-Za-z]", e)}, effects


def test_persons_recorded_twice_are_merged_or_wait_for_review(clean_db: Engine) -> None:
    summary = build_demo(clean_db, persons=300, seed=5, as_of=date(2026, 11, 1), recorded_twice=0.3)
    linked = summary.linked
    assert linked is not None
    assert summary.recorded_twice > 50
    assert summary.persons == 300 + summary.recorded_twice
    assert linked.automatic > 0
    with session_factory(clean_db)() as session:
        merges = session.scalars(select(Merge)).all()
        assert len(merges) == linked.automatic
        # each merge moved the absorbed record's reports to the survivor, in history
        reports = {r.id: r for r in session.scalars(select(Report))}
        for merge in merges:
            absorbed = session.get(Person, merge.absorbed_id)
            assert absorbed is not None and absorbed.merged_into_id == merge.survivor_id
            assert [h.action for h in person_history(session, merge.survivor_id)][-1] == "merge"
            assert all(reports[i].person_id == merge.survivor_id for i in merge.moved["reports"])
        pending = session.scalar(
            select(func.count()).select_from(LinkProposal).where(LinkProposal.status == "pending")
        )
        assert pending == linked.review
        active = session.scalar(
            select(func.count()).select_from(Person).where(Person.merged_into_id.is_(None))
        )
        assert active == summary.persons - linked.automatic
