"""What a debriefing brings in: the interview and its mentions, as typed. Checked by the
service (`service.record_debriefing`), which names the row and field of any fault."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class MentionIn:
    name_heard: str | None = None
    age: str | None = None  # "30", "~30", "25-30"
    unit: str | None = None
    place: str | None = None  # a place's name or alias, or a new place
    when: str | None = None  # "2023", "03.2023", "03.2023 - 06.2023"
    condition: str | None = None
    words: str | None = None
    person_id: int | None = None  # the person the interviewer linked it to, if any


@dataclass(frozen=True)
class DebriefingIn:
    witness_name: str
    interviewer: str
    held_on: date
    language: str = "uk"
    witness_person_id: int | None = None
    note: str | None = None
    mentions: list[MentionIn] = field(default_factory=list)
