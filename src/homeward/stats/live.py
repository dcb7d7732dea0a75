"""The figures of one day kept up to date with the register, for the statistics page.

Counting every figure afresh reads the whole register and takes seconds on 100,000 persons. The
page is seen again and again while a few persons change between two views, so `LiveFigures`
keeps the day's `Tally` (tally.py) and, for each person, what his cells were counted from: his
record's version (every edit raises it; a merge too), the number of pieces of evidence about
him and the sum of their identifiers (a new piece, and evidence moved by a merge or back by its
undoing, change them: evidence itself is never changed, only superseded), and his interviews.
Each refresh first asks a few numbers that change whenever the register does (register_state);
if they did, it compares every person's version, finds the persons with new evidence (or, after
a merge or its undoing, compares every person's evidence), reads again only the persons who
changed, and puts them in the tally again. What it stores for a person is what it read of him
when it counted him, so a change made while it read is found by the next refresh.

The tally is of one day, `on`; the figures of another day (tomorrow's page, too) are counted
afresh once, then kept up to date in the same way.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.custody.models import Profile
from homeward.linkage.models import Merge
from homeward.registry.models import Evidence, Person
from homeward.stats.memory import without_cycle_collection
from homeward.stats.rows import EvidenceRow, ExchangeReturn, ProfileRow
from homeward.stats.service import _evidence, _exchanges, _persons, _profiles, _Values
from homeward.stats.summary import Figures
from homeward.stats.tally import Tally
from homeward.stats.timeline import Basis

Fingerprint = tuple[int, int]  # pieces of evidence, the sum of their identifiers


@dataclass(frozen=True)
class State:
    """What the figures are counted from, in a few numbers that change whenever it does."""

    persons: tuple[Any, ...]  # not merged away: their number, the last, the sum of versions
    evidence: tuple[Any, ...]  # the number, the last
    profiles: tuple[Any, ...]  # the number, the last (interviews are only ever added)
    merges: tuple[Any, ...]  # the number, the last, the number undone


def register_state(session: Session) -> State:
    connection = session.connection()

    def one(*columns: Any) -> tuple[Any, ...]:
        return tuple(connection.execute(select(*columns)).one())

    return State(
        persons=tuple(
            connection.execute(
                select(func.count(), func.max(Person.id), func.sum(Person.version)).where(
                    Person.merged_into_id.is_(None)
                )
            ).one()
        ),
        evidence=one(func.count(Evidence.id), func.max(Evidence.id)),
        profiles=one(func.count(Profile.id), func.max(Profile.id)),
        merges=one(func.count(Merge.id), func.max(Merge.id), func.count(Merge.undone_at)),
    )


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
        self._state: State | None = None
        self._versions: dict[int, int] = {}
        self._evidence: dict[int, Fingerprint] = {}
        self._profiles: dict[int, tuple[ProfileRow, ...]] = {}
        self._figures: Figures | None = None
        self._exchanges: list[ExchangeReturn] = []
        self._lock = threading.Lock()  # one refresh at a time: the page's requests run in threads

    @without_cycle_collection
    def refresh(self, session: Session, *, actor: Actor) -> Figures:
        """The figures as the register stands now."""
        actor.require(Permission.READ)
        with self._lock:
            state = register_state(session)
            exchanges = _exchanges(session)  # a few rows: read every time
            if self._figures is not None and state == self._state:
                # no one entered, edited, merged or unmerged; no evidence, no interview
                if exchanges != self._exchanges:
                    self._figures = self.tally.figures(exchanges)
                    self._exchanges = exchanges
                    self.generation += 1
                return self._figures
            connection = session.connection()
            versions = dict(
                connection.execute(
                    select(Person.id, Person.version).where(Person.merged_into_id.is_(None))
                ).all()
            )
            changed = {
                pid for pid, version in versions.items() if self._versions.get(pid) != version
            }
            previous = self._state
            newly = None if previous is None else self._new_evidence(session, previous, state)
            if newly is None:
                # evidence moved by a merge or its undoing, or entered out of the order of its
                # identifiers: every person's evidence compared
                every = select(Evidence.person_id, func.count(), func.sum(Evidence.id))
                for pid, count, total in connection.execute(every.group_by(Evidence.person_id)):
                    if self._evidence.get(pid) != (count, total):
                        changed.add(pid)
            else:
                changed.update(newly)
            values = _Values()
            profiles = self._profiles
            if previous is None or previous.profiles != state.profiles:
                profiles = {pid: tuple(rows) for pid, rows in _profiles(session, values).items()}
                changed.update(
                    pid
                    for pid in profiles.keys() | self._profiles.keys()
                    if profiles.get(pid, ()) != self._profiles.get(pid, ())
                )
            changed &= versions.keys()  # evidence about a person merged away counts in another
            gone = [pid for pid in self._versions if pid not in versions]
            self._count_again(session, values, sorted(changed), gone, versions, profiles)
            self._figures = self.tally.figures(exchanges)
            self._state, self._exchanges = state, exchanges
            return self._figures

    @staticmethod
    def _new_evidence(session: Session, previous: State, state: State) -> set[int] | None:
        """The persons with evidence entered since `previous`, or None when that cannot be
        told from the new identifiers alone: after a merge or its undoing (evidence moved), or
        when fewer pieces lie beyond the last one seen than were added (on PostgreSQL a
        transaction that took an identifier first may commit last)."""
        if previous.merges != state.merges:
            return None
        if previous.evidence == state.evidence:
            return set()
        query = select(Evidence.person_id).where(Evidence.id > (previous.evidence[1] or 0))
        persons = session.connection().execute(query).scalars().all()
        if len(persons) != state.evidence[0] - previous.evidence[0]:
            return None
        return set(persons)

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
            wanted.discard(pid)
        self._profiles = profiles
        for pid in wanted:  # merged away or gone while this was read: the next refresh sees it
            self.tally.drop(pid)
            self._versions.pop(pid, None)
