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
    "negotiator": "negotiator",
    "investigator": "investigator",
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
    "contact_edited": "contact edited",
    "consent_changed": "consent changed",
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


def _(message: str) -> str:
    """Marks a word for the translation catalogue; the template translates it."""
    return message


# English words for the fields of a person and of the forms, and for codes the labels above
# do not name.
WORDS: dict[str, str] = {
    "side": _("Side"),
    "surname": _("Surname"),
    "given_name": _("Given name"),
    "patronymic": _("Patronymic"),
    "sex": _("Sex"),
    "birth_date": _("Date of birth"),
    "birth_place": _("Place of birth"),
    "citizenship": _("Citizenship"),
    "service_status": _("Service"),
    "branch": _("Branch of service"),
    "unit": _("Unit"),
    "rank": _("Rank"),
    "service_number": _("Service number"),
    "register_number": _("Register number"),
    "missing_date": _("Date of disappearance"),
    "missing_place": _("Place of disappearance"),
    "father_name": _("Father's name"),
    "mother_maiden_name": _("Mother's maiden name"),
    "person_to_inform": _("Person to inform"),
    "correspondence_address": _("Address for correspondence"),
    "legal_status": _("Legal status"),
    "civilian": _("civilian"),
    "military": _("military"),
    "high": _("high"),
    "medium": _("medium"),
    "low": _("low"),
    "tax_number": _("Tax number"),
    "passport": _("Passport"),
    "military_id": _("Military ID"),
    "other": _("Other document"),
    "cli": _("console"),
    "web": _("web"),
    "import": _("import"),
    "demo": _("demo"),
    "family": _("family page"),
    "on": _("Date"),
    "kind": _("Kind"),
    "reliability": _("Reliability"),
    "place": _("Place"),
    "note": _("Note"),
    "source": _("Source"),
    "reason": _("Reason"),
    "version": _("Version"),
    "query": _("Search"),
    "status": _("Status"),
    "page": _("Page"),
    "missing_from": _("Missing from"),
    "missing_to": _("Missing to"),
    # a report's own fields, as its payload names them
    "rank_code": _("Rank (code)"),
    "event_date": _("Date of the event"),
    "circumstances": _("Circumstances"),
    "relation": _("Relation"),
    "evidence": _("Evidence"),
    "raw": _("As written in the list"),
    "full_name": _("Full name"),
    # an account's fields (the users' page names the field it refuses)
    "username": _("User name"),
    "role": _("Role"),
    # the liaison's forms: a family code, the contact log, an e-mail
    "valid_days": _("Valid for, days"),
    "occurred_at": _("When"),
    "summary": _("What was said"),
    "subject": _("Subject"),
    "body": _("Message"),
    # a merge: the record merged into this one
    "absorbed_id": _("The other record"),
    # a contact's fields
    "name": _("Name"),
    "phone": _("Phone"),
    "email": _("E-mail"),
    "address": _("Address"),
    "language": _("Language"),
    "channel": _("Channel"),
    # an incident's and an act's fields (homeward.violations)
    "title": _("Title"),
    "description": _("Description"),
    "acts": _("Acts"),
    "act_type": _("Act type"),
    "victims": _("Victims"),
    "perpetrators": _("Alleged perpetrators"),
    "sources": _("Sources"),
    "occurred": _("When"),
    "until": _("Until"),
    "credibility": _("Credibility"),
    "file": _("File"),
    "file_name": _("File name"),
    "sha256": _("SHA-256"),
    "person_id": _("Person"),
    "person": _("Person"),
    "victim": _("Victim"),
    "since": _("From"),
    # a debriefing's and a mention's fields (homeward.testimonies)
    "held_on": _("Date of the debriefing"),
    "interviewer": _("Interviewer"),
    "witness_name": _("Witness"),
    "witness_person_id": _("Witness"),
    "mentions": _("Mentions"),
    "mention_id": _("Mention"),
    "name_heard": _("Name as heard"),
    "age": _("Age"),
    "condition": _("Condition"),
    "words": _("What the witness said"),
    "row": _("Row"),
    "when": _("When"),
    # contacts' relations (codes kept, words shown)
    "mother": _("mother"),
    "father": _("father"),
    "wife": _("wife"),
    "husband": _("husband"),
    "son": _("son"),
    "daughter": _("daughter"),
    "brother": _("brother"),
    "sister": _("sister"),
    "grandparent": _("grandparent"),
    "other_relative": _("other relative"),
}

RELATIONS = frozenset(
    ("mother", "father", "wife", "husband", "son", "daughter", "brother", "sister",
     "grandparent", "other")
)  # fmt: skip
# The keys of a report's payload that have words (the others are shown as they are).
PAYLOAD_WORDS = frozenset(WORDS) - RELATIONS


def word(code: object) -> str:
    """The English words for a field or a code: the fields' words, else the codes' labels."""
    text = str(getattr(code, "value", code) or "")
    return WORDS.get(text) or label(text)


def relation_word(code: str | None) -> str:
    """The words for a contact's relation: a code of RELATIONS, else as it was written."""
    if code not in RELATIONS:
        return code or ""
    return WORDS["other_relative" if code == "other" else code]
