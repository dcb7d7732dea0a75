"""What a caller gives to record an incident: plain values, checked by the service."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """A source that supports an act: an existing Source of the register, how reliable it is
    (high, medium, low) and how credible what it says (`vocab.Credibility`)."""

    source_id: int
    reliability: str = "medium"
    credibility: str = "unknown"
    note: str | None = None


@dataclass(frozen=True)
class ActIn:
    act_type: str
    victims: tuple[int, ...]
    perpetrators: tuple[int, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    place_id: int | None = None
    occurred: str | None = None  # a partial date as written: "2023", "03.2023", "12.03.2023"
    until: str | None = None  # the end of a range, when it lasted
    note: str | None = None


@dataclass(frozen=True)
class IncidentIn:
    title: str
    acts: tuple[ActIn, ...]
    description: str | None = None
    place_id: int | None = None


@dataclass(frozen=True)
class PerpetratorIn:
    kind: str
    name: str
    place_id: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class IncidentFilters:
    act_type: str | None = None  # a type or a group (torture)
    place_id: int | None = None
    since: str | None = None  # a partial date: acts that may have happened on or after it
    until: str | None = None
    victim_id: int | None = None
    limit: int = field(default=200)
    offset: int = 0  # incidents skipped, newest first: the pages before this one
