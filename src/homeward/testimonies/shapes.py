"""A debriefing and its mentions as plain data, for `--json` and the JSON API."""

from __future__ import annotations

from typing import Any

from homeward.testimonies.models import Debriefing, Mention


def _span(mention: Mention) -> dict[str, str] | None:
    start, end = mention.seen_start, mention.seen_end
    if start is None or end is None:
        return None
    return {"from": start.iso(), "to": end.iso()}


def mention_json(mention: Mention) -> dict[str, Any]:
    current = mention.current
    return {
        "id": mention.id,
        "position": mention.position,
        "name_heard": mention.name_heard,
        "age": [mention.age_low, mention.age_high] if mention.age_low is not None else None,
        "unit": mention.unit,
        "place_heard": mention.place_heard,
        "place_id": mention.place_id,
        "when": _span(mention),
        "condition": mention.condition,
        "words": mention.words,
        "resolved": current is not None and current.decision == "linked",
        "resolution": None
        if current is None
        else {
            "decision": current.decision,
            "person_id": current.person_id,
            "evidence_id": current.evidence_id,
            "reason": current.reason,
            "decided_by": current.decided_by,
            "decided_at": current.decided_at.isoformat(),
        },
        "earlier_resolutions": len(mention.resolutions) - 1 if mention.resolutions else 0,
    }


def debriefing_summary(debriefing: Debriefing) -> dict[str, Any]:
    linked = sum(1 for m in debriefing.mentions if m.current and m.current.decision == "linked")
    return {
        "id": debriefing.id,
        "held_on": debriefing.held_on.isoformat(),
        "witness_name": debriefing.witness_name,
        "witness_person_id": debriefing.witness_person_id,
        "interviewer": debriefing.interviewer,
        "language": debriefing.language,
        "mentions": len(debriefing.mentions),
        "linked": linked,
        "open": len(debriefing.mentions) - linked,
    }


def debriefing_json(debriefing: Debriefing) -> dict[str, Any]:
    return {
        **debriefing_summary(debriefing),
        "source_id": debriefing.source_id,
        "note": debriefing.note,
        "created_by": debriefing.created_by,
        "mentions": [mention_json(m) for m in debriefing.mentions],
    }
