"""What a family's page shows, and what a family may do there besides reading it: withdraw
their consent. Every view is audited, as every read of a person is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.audit import AuditAction
from homeward.families.models import ContactLogEntry, json_ids
from homeward.families.news import FamilyView, family_view
from homeward.families.queue import facts_of
from homeward.families.service import set_consent
from homeward.families.sessions import Family
from homeward.families.vocab import LogKind
from homeward.registry.models import Contact
from homeward.registry.status.rules import DEATH_KINDS
from homeward.registry.vocab import Side


@dataclass(frozen=True)
class FamilyPage:
    """The person as the family may see them (no sources, places, other persons or words)."""

    name: str
    birth_year: int | None
    view: FamilyView
    liaison: str | None  # who issued the code, by the name the family met them by
    consent_withdrawn_at: datetime | None
    code_expires_at: datetime
    sex: str | None = None  # for the words of the status ("Повернулася")


def told_in_person(session: Session, contact_id: int) -> frozenset[int]:
    """The evidence this contact was told of in a meeting."""
    rows = session.scalars(
        select(ContactLogEntry.told_evidence).where(
            ContactLogEntry.contact_id == contact_id,
            ContactLogEntry.kind == LogKind.MEETING.value,
            ContactLogEntry.told_status.is_not(None),
        )
    )
    return frozenset(i for told in rows for i in json_ids(told))


def family_page(session: Session, family: Family, *, as_of: date) -> FamilyPage:
    person = family.person
    facts = [d.fact for d in facts_of(session, [person.id]).get(person.id, [])]
    deaths = any(fact.kind in DEATH_KINDS for fact in facts)
    told = told_in_person(session, family.contact.id) if deaths else frozenset()
    view = family_view(facts, side=Side(person.side), as_of=as_of, told_in_person=told)
    audit.log(
        session,
        family.actor,
        AuditAction.FAMILY_VIEW,
        object_type="person",
        object_id=person.id,
        detail={
            "code_id": family.code.id,
            "contact_id": family.contact.id,
            "withheld": view.withheld,
        },
    )
    name = " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
    return FamilyPage(
        name=name,
        birth_year=person.birth_date.year if person.birth_date else None,
        view=view,
        liaison=family.liaison,
        consent_withdrawn_at=family.contact.consent_withdrawn_at,
        code_expires_at=family.code.expires_at,
        sex=person.sex,
    )


def withdraw_consent(session: Session, family: Family) -> None:
    """The family withdraws its consents (to be contacted, to share its data): dated, in the
    person's history, and the liaison's pages say so; the page itself stays open to them."""
    contact = session.get(Contact, family.contact.id)
    assert contact is not None
    set_consent(
        session,
        actor=family.actor,
        contact=contact,
        contact_consent=False,
        share_consent=False,
        reason="withdrawn by the family through the family page",
    )
    audit.log(
        session,
        family.actor,
        AuditAction.FAMILY_CONSENT_WITHDRAWN,
        object_type="contact",
        object_id=family.contact.id,
        detail={"code_id": family.code.id},
    )
