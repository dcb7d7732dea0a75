"""Words for the register's codes, in English; the templates translate them (`| label`)."""

from __future__ import annotations

LABELS: dict[str, str] = {
    # statuses
    "no_information": "No information",
    "missing": "Missing",
    "captivity_possible": "Captivity possible",
    "captivity_confirmed": "Captivity confirmed",
    "returned": "Returned",
    "deceased": "Deceased",
    "in_custody": "In our custody",
    "transferred": "Transferred",
    "hospitalised": "Hospitalised",
    "repatriated": "Repatriated",
    "released": "Released",
    "escaped": "Escaped",
    # sides
    "own": "Our people",
    "adversary": "Prisoners of war we hold",
    # evidence kinds
    "reported_missing": "Reported missing",
    "seen_in_media": "Seen in the media",
    "captor_list": "On the captor's list",
    "icrc_notification": "ICRC notification",
    "captor_acknowledgment": "Acknowledged by the captor",
    "testimony_sighting": "Seen by a witness",
    "letter_or_call": "Letter or call",
    "icrc_visit": "ICRC visit",
    "court_case": "Court case",
    "released_other": "Released otherwise",
    "captured": "Captured",
    "moved": "Moved",
    "discharged": "Discharged",
    "recaptured": "Recaptured",
    "died": "Died",
    "remains_identified": "Remains identified",
    "retraction": "Retraction",
    # roles
    "admin": "administrator",
    "operator": "operator",
    "analyst": "analyst",
    "liaison": "liaison",
    "auditor": "auditor",
    "custodian": "custodian",
    # sex
    "M": "male",
    "F": "female",
    "U": "unknown",
    # history actions
    "create": "created",
    "edit": "edited",
    "name_added": "name added",
    "identifier_added": "identifier added",
    "evidence_added": "evidence added",
    "report_linked": "report linked",
    "contact_added": "contact added",
    "merge": "merged",
    "unmerge": "merge undone",
    # sources
    "relative": "relative",
    "returnee": "returnee",
    "organisation": "organisation",
    "document": "document",
    "list": "list",
    "media": "media",
    "official": "official",
}


def label(code: object) -> str:
    """The English words for a code, or the code itself when it has none."""
    text = str(getattr(code, "value", code) or "")
    return LABELS.get(text, text)
