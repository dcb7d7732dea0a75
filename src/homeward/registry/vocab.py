"""The register's controlled vocabularies. Pure: shared by the storage, the rules and the CLI."""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    OWN = "own"  # our servicemen and civilians: missing, captive, returned, dead
    ADVERSARY = "adversary"  # the other side's servicemen our side holds as prisoners of war


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    UNKNOWN = "U"


class ServiceStatus(StrEnum):
    CIVILIAN = "civilian"
    MILITARY = "military"


class IdentifierKind(StrEnum):
    TAX_NUMBER = "tax_number"
    PASSPORT = "passport"
    MILITARY_ID = "military_id"
    SERVICE_NUMBER = "service_number"
    OTHER = "other"


class EvidenceKind(StrEnum):
    # own persons
    REPORTED_MISSING = "reported_missing"
    SEEN_IN_MEDIA = "seen_in_media"
    CAPTOR_LIST = "captor_list"
    ICRC_NOTIFICATION = "icrc_notification"
    CAPTOR_ACKNOWLEDGMENT = "captor_acknowledgment"
    TESTIMONY_SIGHTING = "testimony_sighting"
    LETTER_OR_CALL = "letter_or_call"
    ICRC_VISIT = "icrc_visit"
    COURT_CASE = "court_case"
    RETURNED = "returned"
    RELEASED_OTHER = "released_other"
    # adversary prisoners held by our side
    CAPTURED = "captured"
    MOVED = "moved"
    HOSPITALISED = "hospitalised"
    DISCHARGED = "discharged"
    TRANSFERRED = "transferred"
    REPATRIATED = "repatriated"
    RELEASED = "released"
    ESCAPED = "escaped"
    RECAPTURED = "recaptured"
    # both
    DIED = "died"
    REMAINS_IDENTIFIED = "remains_identified"
    RETRACTION = "retraction"


OWN_KINDS = frozenset(
    {
        EvidenceKind.REPORTED_MISSING,
        EvidenceKind.SEEN_IN_MEDIA,
        EvidenceKind.CAPTOR_LIST,
        EvidenceKind.ICRC_NOTIFICATION,
        EvidenceKind.CAPTOR_ACKNOWLEDGMENT,
        EvidenceKind.TESTIMONY_SIGHTING,
        EvidenceKind.LETTER_OR_CALL,
        EvidenceKind.ICRC_VISIT,
        EvidenceKind.COURT_CASE,
        EvidenceKind.RETURNED,
        EvidenceKind.RELEASED_OTHER,
        EvidenceKind.DIED,
        EvidenceKind.REMAINS_IDENTIFIED,
        EvidenceKind.RETRACTION,
    }
)
ADVERSARY_KINDS = frozenset(
    {
        EvidenceKind.CAPTURED,
        EvidenceKind.MOVED,
        EvidenceKind.HOSPITALISED,
        EvidenceKind.DISCHARGED,
        EvidenceKind.TRANSFERRED,
        EvidenceKind.REPATRIATED,
        EvidenceKind.RELEASED,
        EvidenceKind.ESCAPED,
        EvidenceKind.RECAPTURED,
        EvidenceKind.ICRC_VISIT,
        EvidenceKind.LETTER_OR_CALL,
        EvidenceKind.DIED,
        EvidenceKind.REMAINS_IDENTIFIED,
        EvidenceKind.RETRACTION,
    }
)


def kinds_for(side: Side) -> frozenset[EvidenceKind]:
    return OWN_KINDS if side is Side.OWN else ADVERSARY_KINDS


class Reliability(StrEnum):
    HIGH = "high"  # an official document, an ICRC notification
    MEDIUM = "medium"  # a named witness, a verified video
    LOW = "low"  # hearsay, an unverified post


class Status(StrEnum):
    NO_INFORMATION = "no_information"
    MISSING = "missing"
    CAPTIVITY_POSSIBLE = "captivity_possible"
    CAPTIVITY_CONFIRMED = "captivity_confirmed"
    RETURNED = "returned"
    DECEASED = "deceased"
    IN_CUSTODY = "in_custody"
    TRANSFERRED = "transferred"
    HOSPITALISED = "hospitalised"
    REPATRIATED = "repatriated"
    RELEASED = "released"
    ESCAPED = "escaped"


class PlaceKind(StrEnum):
    SIZO = "sizo"  # pre-trial detention centre
    COLONY = "colony"
    CAMP = "camp"
    TRANSIT_CAMP = "transit_camp"  # where prisoners wait before a camp (GC III Art. 24)
    HOSPITAL = "hospital"
    TEMPORARY = "temporary"  # a filtration point or a temporary holding site
    OTHER = "other"


class SourceKind(StrEnum):
    RELATIVE = "relative"
    RETURNEE = "returnee"
    ORGANISATION = "organisation"
    DOCUMENT = "document"
    LIST = "list"
    MEDIA = "media"
    OFFICIAL = "official"


class HistoryAction(StrEnum):
    CREATE = "create"
    EDIT = "edit"
    NAME_ADDED = "name_added"
    IDENTIFIER_ADDED = "identifier_added"
    EVIDENCE_ADDED = "evidence_added"
    REPORT_LINKED = "report_linked"
    CONTACT_ADDED = "contact_added"
    CONTACT_EDITED = "contact_edited"
    CONSENT_CHANGED = "consent_changed"
    MERGE = "merge"
    UNMERGE = "unmerge"
