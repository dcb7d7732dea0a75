"""The families' papers, through `homeward.documents`: the certified extract and the letter
that carries a family's access code. Contexts are plain values; the templates are in
`documents/templates/families/`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from homeward.dates import PartialDate
from homeward.documents import render_pdf
from homeward.registry.models import Contact, Person
from homeward.registry.vocab import Status

DEFAULT_BASE = "http://127.0.0.1:8000"

# A status in the words the pages use for it (the catalogue translates them once for both).
STATUS_WORDS: dict[Status, str] = {
    Status.NO_INFORMATION: "No information",
    Status.MISSING: "Missing",
    Status.CAPTIVITY_POSSIBLE: "Captivity possible",
    Status.CAPTIVITY_CONFIRMED: "Captivity confirmed",
    Status.RETURNED: "Returned",
    Status.DECEASED: "Deceased",
    Status.IN_CUSTODY: "In our custody",
    Status.TRANSFERRED: "Transferred",
    Status.HOSPITALISED: "Hospitalised",
    Status.REPATRIATED: "Repatriated",
    Status.RELEASED: "Released",
    Status.ESCAPED: "Escaped",
}


def base_url(configured: str | None, asked_at: str | None = None) -> str:
    """Where families and readers reach this site: the setting, else the address a page was
    asked at, else this machine (the command line)."""
    return (configured or asked_at or DEFAULT_BASE).rstrip("/")


def full_name(person: Person) -> str:
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


@dataclass(frozen=True)
class ExtractPaper:
    """What an extract states, as printed."""

    reference: str
    issued_at: datetime
    issued_by: str
    as_of: date
    status: str
    since: PartialDate | None
    verification_code: str
    verification_url: str


def extract_pdf(person: Person, paper: ExtractPaper, *, lang: str) -> bytes:
    fields: list[tuple[str, Any]] = [
        ("Surname", person.surname),
        ("Given name", person.given_name or ""),
        ("Patronymic", person.patronymic or ""),
        ("Date of birth", person.birth),
        ("Place of birth", person.birth_place or ""),
        ("Date of disappearance", person.missing),
        ("Place of disappearance", person.missing_place or ""),
        ("Legal status", person.legal_status or ""),
    ]
    context = {
        "paper": paper,
        "register_number": person.id,
        "fields": [(name, value) for name, value in fields if value not in (None, "")],
        "status_label": STATUS_WORDS[Status(paper.status)],
    }
    second = "en" if lang == "uk" else "uk"
    return render_pdf("families/extract.html", context, lang=lang, second_lang=second)


def code_letter_pdf(
    *,
    person: Person,
    contact: Contact,
    code: str,
    expires_at: datetime,
    base: str,
    hotline: str,
) -> bytes:
    """The letter a liaison hands to a family: the code, where to enter it, what it shows."""
    context = {
        "person_name": full_name(person),
        "contact_name": contact.name,
        "code": code,
        "expires_on": expires_at.date(),
        "family_url": f"{base}/family",
        "hotline": hotline,
    }
    lang = contact.language if contact.language in ("uk", "en") else "uk"
    return render_pdf("families/code_letter.html", context, lang=lang)
