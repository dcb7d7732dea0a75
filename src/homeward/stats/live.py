"""The figures of one day kept up to date with the register, for the statistics page.

Counting every figure afresh reads the whole register and takes seconds on 100,000 persons. The
page is seen again and again while a few persons change between two views, so `LiveFigures`
keeps the day's `Tally` (tally.py) and, for each person, what his cells were counted from: his
record's version (every edit raises it; a merge too), the number of pieces of evidence about
him and the sum of their identifiers (a new piece, and evidence moved by a merge or back by its
undoing, change them: evidence itself is never changed, only superseded), and his interviews.
Each refresh reads those few columns for everyone, reads again only the persons whose columns
changed, and puts them in the tally again. What it stores for a person is what it read of him
when it counted him, so a change made while it read is found by the next refresh.

The tally is of one day, `on`; the figures of another day (tomorrow's page, too) are counted
afresh once, then kept up to date in the same way.
"""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.registry.models import Evidence, Person
from homeward.stats.memory import without_cycle_collection
from homeward.stats.rows import EvidenceRow, ProfileRow
from homeward.stats.service import _evidence, _exchanges, _persons, _profiles, _Values
from homeward.stats.summary import Figures
from homeward.stats.tally import Tally
from homeward.stats.timeline import Basis

Fingerprint = tuple[int, int]  # pieces of evidence, the sum of their identifiers


def fingerprint(evidence: list[EvidenceRow]) -> Fingerprint:
    return len(evidence), sum(row.fact.id for row in evidence)


class LiveFigures:
    """The figures of `on`, refreshed from the register where it changed."""

    def __init__(
        self,
        *,
        on: date,
        today: date,
        basis: Basis = Basis.KNOWN_THEN,
        incommunicado_days: int = 90,
    ) -> None:
        self.tally = Tally(on=on, today=today, basis=basis, incommunicado_days=incommunicado_days)
        self.generation = 0  # raised by every refresh that found a change
        self._versions: dict[int, int] = {}
        self._evidence: dict[int, Fingerprint] = {}
        self._profiles: dict[int, tuple[ProfileRow, ...]] = {}
        self._figures: Figures | None = None
        self._lock = threading.Lock()  # one refresh at a time: the page's requests run in threads

    @without_cycle_collection
    def refresh(self, session: Session, *, actor: Actor) -> Figures:
        """The figures as the register stands now."""
        actor.require(Permission.READ)
        with self._lock:
            versions = dict(
                session.execute(
                    select(Person.id, Person.version).where(Person.merged_into_id.is_(None))
                ).all()
            )
            evidence = {
                person_id: (count, total)
                for person_id, count, total in session.execute(
                    select(Evidence.person_id, func.count(), func.sum(Evidence.id)).group_by(
                        Evidence.person_id
                    )
                ).all()
            }
            values = _Values()
            profiles = {pid: tuple(rows) for pid, rows in _profiles(session, values).items()}
            changed = [
                pid
                for pid, version in versions.items()
                if self._versions.get(pid) != version
                or self._evidence.get(pid, (0, 0)) != evidence.get(pid, (0, 0))
                or self._profiles.get(pid, ()) != profiles.get(pid, ())
            ]
            gone = [pid for pid in self._versions if pid not in versions]
            if changed or gone or self._figures is None:
                self._count_again(session, values, changed, gone, versions, profiles)
                self._figures = self.tally.figures(_exchanges(session))
            return self._figures

    def _count_again(
        self,
        session: Session,
        values: _Values,
        changed: list[int],
        gone: list[int],
        versions: dict[int, int],
        profiles: dict[int, tuple[ProfileRow, ...]],
    ) -> None:
        self.generation += 1
        for pid in gone:
            self.tally.drop(pid)
            self._versions.pop(pid, None)
            self._evidence.pop(pid, None)
            self._profiles.pop(pid, None)
        # a few persons by their identifiers; most of the register in one pass
        ids = None if len(changed) > len(versions) // 4 else sorted(changed)
        persons = _persons(session, values, ids)
        evidence = _evidence(session, values, ids)
        wanted = set(changed)
        for person in persons:
            pid = person.id
            if pid not in wanted:
                continue
            rows = evidence.get(pid, [])
            self.tally.put(person, rows, profiles.get(pid, ()))
            self._versions[pid] = versions[pid]
            self._evidence[pid] = fingerprint(rows)
            self._profiles[pid] = profiles.get(pid, ())
            wanted.discard(pid)
        for pid in wanted:  # merged away or gone while this was read: the next refresh sees it
            self.tally.drop(pid)
            self._versions.pop(pid, None)
