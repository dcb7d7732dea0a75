"""The liaison's workspace: the queue of families to inform, and a person's contacts — their
details, consents, language and channel, the contact log, and telling a family the news."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.db import utcnow
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.families import queue, service
from homeward.families.schemas import ContactDetails, InformedIn, LogEntryIn
from homeward.families.vocab import LANGUAGES, ContactChannel, LogKind
from homeward.registry.schemas import validated
from homeward.text import ascii_number
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.paging import page_of
from homeward.web.routes.persons import MAX_ID, number_field, person_id_of
from homeward.web.usecases import families as usecases

router = APIRouter(include_in_schema=False)

Liaison = Annotated[Caller, needs(Permission.FAMILIES)]
Reader = Annotated[Caller, needs(Permission.CONTACTS_READ)]
Writer = Annotated[Caller, needs(Permission.CONTACTS_WRITE)]


def number_of(text: str) -> int:
    """A record's number from a path; anything else is a record that does not exist."""
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise NotFound("there is no record %(text)s", text=text[:20])
    return number


def words() -> dict[str, Any]:
    return {
        "channels": list(ContactChannel),
        "log_kinds": list(LogKind),
        "languages": LANGUAGES,
        "channel_words": usecases.CHANNEL_WORDS,
        "log_words": usecases.LOG_WORDS,
        "language_words": usecases.LANGUAGE_WORDS,
        "nav": "families",
    }


def workspace_page(
    request: Request,
    session: Db,
    caller: Caller,
    person_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    view = usecases.workspace(session, caller.actor, person_id)
    drafts = {
        card.contact.id: usecases.draft_text(view.person, card.contact.language)
        for card in view.cards
        if card.contact.email
    }
    return render(
        request,
        "families_person.html",
        caller,
        status_code=status_code,
        view=view,
        person=view.person,
        drafts=drafts,
        now=utcnow(),
        saved=request.query_params.get("saved"),
        **words(),
        **extra,
    )


def back_to(contact_id: int, session: Db, saved: str) -> Response:
    contact = service.get_contact(session, contact_id)
    target = f"/families/persons/{contact.person_id}?saved={saved}#contact-{contact_id}"
    return RedirectResponse(target, status_code=303)


# --- the queue -----------------------------------------------------------------------------


@router.get("/families")
def queue_page(request: Request, session: Db, caller: Liaison, page: str = "") -> Response:
    shown = usecases.queue_page(session, caller.actor, page=page_of(page))
    return render(
        request,
        "families_queue.html",
        caller,
        page=shown,
        saved=request.query_params.get("saved"),
        **words(),
    )


class InformedForm(BaseModel):
    kind: str = ""
    summary: str = ""
    told: str = ""
    back: str = ""
    page: str = ""  # the queue's page the form was on: the answer goes back to it

    def data(self) -> dict[str, Any]:
        told = [part for part in self.told.replace(",", " ").split() if part]
        if len(told) > 1000 or not all(p.isascii() and p.isdigit() and len(p) < 10 for p in told):
            raise InvalidInput("told", "is not a list of evidence numbers")
        return {"kind": self.kind, "summary": self.summary, "told": [int(p) for p in told]}


@router.post("/families/contacts/{contact_id}/informed")
def informed(
    request: Request,
    session: Db,
    caller: Liaison,
    contact_id: str,
    form: Annotated[InformedForm, Form()],
) -> Response:
    cid = number_of(contact_id)
    try:
        told = validated(InformedIn, form.data())
        queue.record_informed(session, actor=caller.actor, contact_id=cid, informed=told)
    except InvalidInput as error:
        if form.back == "workspace":
            person_id = service.get_contact(session, cid).person_id
            return workspace_page(
                request, session, caller, person_id, status_code=422,
                informed_error=error, informed_contact=cid,
            )  # fmt: skip
        page = usecases.queue_page(session, caller.actor, page=page_of(form.page))
        return render(
            request, "families_queue.html", caller, status_code=422, page=page, saved=None,
            informed_error=error, informed_contact=cid, **words(),
        )  # fmt: skip
    if form.back == "workspace":
        return back_to(cid, session, "informed")
    on_page = page_of(form.page)
    target = "/families?saved=informed" + (f"&page={on_page}" if on_page > 1 else "")
    return RedirectResponse(target, status_code=303)


# --- a person's contacts -------------------------------------------------------------------


@router.get("/families/persons/{person_id}")
def person_contacts(request: Request, session: Db, caller: Reader, person_id: str) -> Response:
    pid = person_id_of(person_id)
    survivor = service.surviving_person(session, pid)
    if survivor.id != pid:
        return RedirectResponse(f"/families/persons/{survivor.id}?merged={pid}", status_code=303)
    return workspace_page(request, session, caller, pid)


class ContactForm(BaseModel):
    name: str = ""
    relation: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    language: str = "uk"
    channel: str = "phone"
    consent: str = ""
    version: str = ""

    def details(self) -> ContactDetails:
        fields = ("name", "relation", "phone", "email", "address", "language", "channel")
        return validated(ContactDetails, {field: getattr(self, field) for field in fields})


@router.post("/families/persons/{person_id}/contacts")
def add_contact(
    request: Request,
    session: Db,
    caller: Writer,
    person_id: str,
    form: Annotated[ContactForm, Form()],
) -> Response:
    pid = person_id_of(person_id)
    try:
        contact = service.add_family_contact(
            session,
            actor=caller.actor,
            person_id=pid,
            details=form.details(),
            consent=form.consent == "yes",
        )
    except InvalidInput as error:
        return workspace_page(
            request, session, caller, pid, status_code=422, add_error=error, add_form=form
        )
    return back_to(contact.id, session, "contact")


@router.get("/families/contacts/{contact_id}/edit")
def edit_page(request: Request, session: Db, caller: Writer, contact_id: str) -> Response:
    contact = service.contact_to_edit(session, actor=caller.actor, contact_id=number_of(contact_id))
    return render(request, "families_contact_edit.html", caller, contact=contact, **words())


@router.post("/families/contacts/{contact_id}/edit")
def edit_submit(
    request: Request,
    session: Db,
    caller: Writer,
    contact_id: str,
    form: Annotated[ContactForm, Form()],
) -> Response:
    cid = number_of(contact_id)
    version = number_field("version", form.version, required=True)
    assert version is not None
    try:
        service.edit_contact(
            session,
            actor=caller.actor,
            contact_id=cid,
            expected_version=version,
            details=form.details(),
        )
    except (InvalidInput, Conflict) as error:
        if not session.is_active:
            raise
        contact = service.contact_to_edit(session, actor=caller.actor, contact_id=cid)
        return render(
            request,
            "families_contact_edit.html",
            caller,
            status_code=409 if isinstance(error, Conflict) else 422,
            contact=contact,
            form=form,
            error=error,
            **words(),
        )
    return back_to(cid, session, "edit")


class ConsentForm(BaseModel):
    consent_contact: str = ""
    consent_share: str = ""
    reason: str = ""


@router.post("/families/contacts/{contact_id}/consent")
def consent(
    session: Db, caller: Writer, contact_id: str, form: Annotated[ConsentForm, Form()]
) -> Response:
    cid = number_of(contact_id)
    service.record_consent(
        session,
        actor=caller.actor,
        contact_id=cid,
        contact_consent=form.consent_contact == "yes",
        share_consent=form.consent_share == "yes",
        reason=form.reason,
    )
    return back_to(cid, session, "consent")


class LogForm(BaseModel):
    kind: str = ""
    occurred_at: str = ""
    summary: str = ""


@router.post("/families/contacts/{contact_id}/log")
def log_entry(
    request: Request,
    session: Db,
    caller: Writer,
    contact_id: str,
    form: Annotated[LogForm, Form()],
) -> Response:
    cid = number_of(contact_id)
    try:
        entry = validated(LogEntryIn, form.model_dump())
        service.log_contact(session, actor=caller.actor, contact_id=cid, entry=entry)
    except InvalidInput as error:
        person_id = service.get_contact(session, cid).person_id
        return workspace_page(
            request,
            session,
            caller,
            person_id,
            status_code=422,
            log_error=error,
            log_form=form,
            log_contact=cid,
        )
    return back_to(cid, session, "log")
