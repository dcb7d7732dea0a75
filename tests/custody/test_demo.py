"""The demo's prisoners get the bureau's work the seeds describe: the published shares, and a
bureau mostly on time but not always."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Engine, select

from homeward.access.actor import Actor, Channel
from homeward.custody.loading import clock_rows
from homeward.custody.models import Internment, Profile
from homeward.db import session_factory
from homeward.demo.store import build_demo

TODAY = date(2026, 11, 1)


def test_the_demo_bureau_has_late_and_done_duties_and_the_published_shares(
    clean_db: Engine,
) -> None:
    summary = build_demo(clean_db, persons=2000, seed=3, as_of=TODAY)
    bureau = summary.custody
    assert bureau is not None and bureau.prisoners > 250
    assert bureau.second_captures >= 1
    with session_factory(clean_db)() as session:
        rows = clock_rows(session, actor=Actor("test", Channel.CLI), as_of=TODAY)
        states = Counter((r.duty.obligation.value, r.duty.state) for r in rows)
        assert states["capture_card", "done"] > states["capture_card", "late"] > 0
        assert states["capture_card", "done_late"] > 0
        assert states["notification", "done"] > 0
        assert states["medical_inspection", "done"] > 0
        assert sum(v for (o, _), v in states.items() if o == "death_notification") > 0
        profiles = session.scalars(select(Profile)).all()
        share = Counter(p.rank_category for p in profiles)
        total = len(profiles)
        assert 0.75 < share["rank_and_file"] / total < 0.9
        assert 0.07 < share["sergeant"] / total < 0.2
        assert share["officer"] / total < 0.07
        routes = Counter(p.service_route for p in profiles)
        contract = routes["contract"] + routes["contract_prison"] + routes["contract_pmc"]
        assert 0.68 < contract / total < 0.84
        assert 0.15 < sum(bool(p.coercion_or_deception) for p in profiles) / total < 0.35
        serials = session.scalars(select(Internment.serial_number)).all()
        assert len(serials) == len(set(serials)) == bureau.internments
