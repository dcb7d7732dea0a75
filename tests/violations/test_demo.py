"""The demo's incidents: victims among the demo persons, in proportions like the seeds'
(torture reported by more than 95% of the released), executions of prisoners who died in
custody, restricted footage, files that verify."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.demo.store import build_demo
from homeward.registry.models import Person, Source
from homeward.violations import files
from homeward.violations.demo import build_violations_demo
from homeward.violations.models import (
    Act,
    ActSource,
    ActVictim,
    EvidenceFile,
    Incident,
    Perpetrator,
)
from homeward.violations.store import FileStore
from tests.violations.factories import CONSOLE


def test_the_demo_records_incidents_against_demo_persons(clean_db: Engine, tmp_path: Path) -> None:
    build_demo(clean_db, persons=600, seed=3, as_of=date(2026, 1, 1), recorded_twice=0.0)
    store = FileStore(tmp_path / "files")
    made = build_violations_demo(clean_db, seed=3, store=store)
    assert made.incidents > 10 and made.acts > made.incidents and made.files >= 5
    with Session(clean_db) as session:
        victims = session.execute(
            select(Act.act_type, Incident.title, Person.status, Person.id)
            .join(Incident, Incident.id == Act.incident_id)
            .join(ActVictim, ActVictim.act_id == Act.id)
            .join(Person, Person.id == ActVictim.person_id)
        ).all()
        returnees = {
            pid for _t, title, _s, pid in victims if title.startswith("Поводження з полоненими")
        }
        tortured = {pid for kind, _ti, _s, pid in victims if kind.startswith("torture_")}
        assert len(returnees) > 20
        assert len(tortured & returnees) / len(returnees) > 0.9
        assert {s for kind, _ti, s, _p in victims if kind == "wilful_killing"} == {"deceased"}
        assert {
            s for _k, title, s, _p in victims if title.startswith("Поводження з полоненими")
        } == {"returned"}
        restricted = session.scalars(select(EvidenceFile).where(EvidenceFile.restricted)).all()
        assert len(restricted) == 1 and restricted[0].file_name == "clip.mp4"
        check = files.verify_files(session, actor=CONSOLE, store=store)
        assert check.intact and check.checked == made.files


def test_the_demos_incidents_and_perpetrators_are_named_in_ukrainian(
    clean_db: Engine, tmp_path: Path
) -> None:
    build_demo(clean_db, persons=600, seed=3, as_of=date(2026, 1, 1), recorded_twice=0.0)
    build_violations_demo(clean_db, seed=3, store=FileStore(tmp_path / "files"))
    with Session(clean_db) as session:
        titles = list(session.scalars(select(Incident.title)))
        names = list(session.scalars(select(Perpetrator.name)))
        sources = list(
            session.scalars(
                select(Source.name).join(ActSource, ActSource.source_id == Source.id).distinct()
            )
        )
    assert titles and names and sources
    latin = re.compile(r"[A-Za-z]{3,}")
    assert not [t for t in titles if latin.search(t)]
    assert not [n for n in names if latin.search(n)]
    assert not [s for s in sources if latin.search(s)]
