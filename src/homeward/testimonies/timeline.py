"""A place of detention through what was seen there. Pure: rows in, timeline out.

Every placed piece of evidence on a person (a sighting from a debriefing, a captor's list, a
custody move) says he was at that place on a (partial) day. Ordered by that day, a person's
places give his movements: two consecutive rows at different places are a move from the first
to the second, some time between their days. Rows on the same day are in the order they were
recorded; a retracted row is left out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from homeward.dates import PartialDate


@dataclass(frozen=True)
class Sighting:
    person_id: int
    place_id: int
    on: PartialDate
    kind: str
    evidence_id: int


@dataclass(frozen=True)
class Move:
    person_id: int
    from_place_id: int
    to_place_id: int
    after: PartialDate  # last seen at the first place
    by: PartialDate  # first seen at the second place


@dataclass(frozen=True)
class LastSighting:
    person_id: int
    here: Sighting  # the latest row at this place
    latest: Sighting  # the latest row anywhere

    @property
    def moved_on(self) -> bool:
        """Whether he was seen somewhere else after this place."""
        return self.latest.place_id != self.here.place_id


def _ordered(rows: Iterable[Sighting]) -> list[Sighting]:
    return sorted(rows, key=lambda s: (s.on.earliest, s.on.latest, s.evidence_id))


def moves(rows: Iterable[Sighting]) -> list[Move]:
    """Every move between two places, per person, in the order of the days."""
    by_person: dict[int, list[Sighting]] = defaultdict(list)
    for row in rows:
        by_person[row.person_id].append(row)
    found: list[Move] = []
    for person_id, own in by_person.items():
        ordered = _ordered(own)
        for before, after in pairwise(ordered):
            if before.place_id != after.place_id:
                found.append(Move(person_id, before.place_id, after.place_id, before.on, after.on))
    return sorted(found, key=lambda m: (m.by.earliest, m.person_id))


def moves_through(rows: Iterable[Sighting], place_id: int) -> list[Move]:
    """The moves into or out of one place."""
    return [m for m in moves(rows) if place_id in (m.from_place_id, m.to_place_id)]


def last_sightings(rows: Sequence[Sighting], place_id: int) -> list[LastSighting]:
    """For each person seen at the place: the last time there, and the last time anywhere;
    the most recently seen first."""
    here: dict[int, Sighting] = {}
    latest: dict[int, Sighting] = {}
    for row in _ordered(rows):
        latest[row.person_id] = row
        if row.place_id == place_id:
            here[row.person_id] = row
    found = [LastSighting(pid, seen, latest[pid]) for pid, seen in here.items()]
    return sorted(found, key=lambda s: (s.here.on.latest, s.person_id), reverse=True)
