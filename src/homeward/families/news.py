"""What a family should be told, and what a family may see. Pure: facts in, answers out.

Both answers come from the evidence, as the status does (DESIGN.md: status is derived, never
typed). The register keeps, for each contact, which pieces of evidence the family was told of
(the contact log's entries that informed them); everything else follows:

- `news_for`: what is new for a family since they were last told — the status they know and
  the status now, and the facts in force they have not heard of (a sighting, a visit, a
  return, a death). A death, and remains identified, are told in person, never by message.
- `family_view`: what the family's page shows — the status, since when, and the kind and date
  of the latest evidence; nothing of a death the family has not been told in person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from homeward.dates import PartialDate
from homeward.registry.status.rules import DEATH_KINDS, Fact, derive_status, effective_facts
from homeward.registry.vocab import EvidenceKind, Side, Status

K = EvidenceKind

# Facts that are no news to a family: they reported the disappearance themselves, and a
# retraction matters only through the status it changes.
NOT_NEWS = frozenset({K.REPORTED_MISSING, K.RETRACTION})


@dataclass(frozen=True)
class News:
    """What changed for a family since they were last told."""

    before: Status  # the status the family knows (derived from what they were told)
    after: Status  # the status now
    since: PartialDate | None  # of the status now
    new: tuple[Fact, ...]  # facts in force the family has not been told of, oldest first
    in_person: bool  # a death or remains identified: told in person, never by message

    @property
    def status_changed(self) -> bool:
        return self.before is not self.after


def news_for(
    facts: Sequence[Fact], *, told: frozenset[int], side: Side, as_of: date
) -> News | None:
    """The news for a family told of the facts whose ids are `told`, or None if there is none."""
    before = derive_status([f for f in facts if f.id in told], side=side, as_of=as_of)
    after = derive_status(facts, side=side, as_of=as_of)
    kept, _dropped = effective_facts(facts)
    new = tuple(f for f in kept if f.id not in told and f.kind not in NOT_NEWS)
    if before.status is after.status and not new:
        return None
    became_deceased = after.status is Status.DECEASED and before.status is not Status.DECEASED
    in_person = became_deceased or any(f.kind in DEATH_KINDS for f in new)
    return News(before.status, after.status, after.since, new, in_person)


@dataclass(frozen=True)
class FamilyView:
    """What the family's page shows. When `withheld`, there is news to be told in person and
    the page shows none of the rest (it says whom to call)."""

    withheld: bool
    status: Status | None = None
    since: PartialDate | None = None
    latest_kind: EvidenceKind | None = None
    latest_on: PartialDate | None = None


def family_view(
    facts: Sequence[Fact], *, side: Side, as_of: date, told_in_person: frozenset[int]
) -> FamilyView:
    """The status and the latest evidence in force, unless a death (or remains identified)
    is in force that the family was not told of in person."""
    kept, _dropped = effective_facts(facts)
    if any(f.kind in DEATH_KINDS and f.id not in told_in_person for f in kept):
        return FamilyView(withheld=True)
    result = derive_status(facts, side=side, as_of=as_of)
    latest = kept[-1] if kept else None
    return FamilyView(
        withheld=False,
        status=result.status,
        since=result.since,
        latest_kind=latest.kind if latest else None,
        latest_on=latest.on if latest else None,
    )
