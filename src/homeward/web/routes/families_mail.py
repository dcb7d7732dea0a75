"""Relatives' messages waiting for intake, and the outbox of messages to families."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.families import messages, outbox
from homeward.families.mail import Smtp
from homeward.families.schemas import OutboxIn
from homeward.families.vocab import MessageOutcome
from homeward.registry.schemas import validated
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.paging import Pages, page_of
from homeward.web.routes.families import back_to, number_of, words

router = APIRouter(include_in_schema=False)

Liaison = Annotated[Caller, needs(Permission.FAMILIES)]


MESSAGES_PER_PAGE = 50
OUTBOX_PER_PAGE = 50


@router.get("/families/messages")
def waiting(request: Request, session: Db, caller: Liaison, page: str = "") -> Response:
    """The relatives' messages that wait, oldest first, a page at a time."""
    total = messages.count_waiting(session)
    pages = Pages.of(
        page_of(page), per_page=MESSAGES_PER_PAGE, total=total, path="/families/messages"
    )
    found = messages.waiting_messages(
        session, actor=caller.actor, limit=MESSAGES_PER_PAGE, offset=pages.offset
    )
    return render(
        request,
        "families_messages.html",
        caller,
        messages=found,
        pages=pages,
        saved=request.query_params.get("saved"),
        **words(),
    )


@router.get("/families/messages/{message_id}/attachment")
def attachment(session: Db, caller: Liaison, message_id: str) -> Response:
    found = messages.attachment_of(session, actor=caller.actor, message_id=number_of(message_id))
    # served as a download, never shown inline: a relative's file is not trusted content
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Content-Disposition": f'attachment; filename="message-{message_id}-file"'},
    )


@router.post("/families/messages/{message_id}/take-in")
def take_in(
    session: Db, caller: Liaison, message_id: str, note: Annotated[str, Form()] = ""
) -> Response:
    messages.handle_message(
        session,
        actor=caller.actor,
        message_id=number_of(message_id),
        outcome=MessageOutcome.TAKEN_IN,
        note=note,
    )
    return RedirectResponse("/families/messages?saved=taken-in", status_code=303)


@router.post("/families/messages/{message_id}/set-aside")
def set_aside(
    session: Db, caller: Liaison, message_id: str, note: Annotated[str, Form()] = ""
) -> Response:
    messages.handle_message(
        session,
        actor=caller.actor,
        message_id=number_of(message_id),
        outcome=MessageOutcome.SET_ASIDE,
        note=note,
    )
    return RedirectResponse("/families/messages?saved=set-aside", status_code=303)


@router.get("/families/outbox")
def outbox_page(request: Request, session: Db, caller: Liaison, page: str = "") -> Response:
    """The messages that wait, oldest first, a page at a time; the latest sent or cancelled
    under the first page."""
    total = outbox.count_waiting(session)
    pages = Pages.of(page_of(page), per_page=OUTBOX_PER_PAGE, total=total, path="/families/outbox")
    rows = outbox.outbox(session, actor=caller.actor, limit=OUTBOX_PER_PAGE, offset=pages.offset)
    smtp = Smtp.of(request.app.state.settings)
    return render(
        request,
        "families_outbox.html",
        caller,
        rows=rows,
        pages=pages,
        smtp_configured=bool(smtp.host),
        saved=request.query_params.get("saved"),
        **words(),
    )


@router.post("/families/contacts/{contact_id}/outbox")
def draft(
    session: Db,
    caller: Liaison,
    contact_id: str,
    subject: Annotated[str, Form()] = "",
    body: Annotated[str, Form()] = "",
) -> Response:
    cid = number_of(contact_id)
    message = validated(OutboxIn, {"subject": subject, "body": body})
    outbox.draft_message(session, actor=caller.actor, contact_id=cid, message=message)
    return back_to(cid, session, "drafted")


@router.post("/families/outbox/{message_id}/send")
def send(request: Request, session: Db, caller: Liaison, message_id: str) -> Response:
    row = outbox.approve_and_send(
        session,
        actor=caller.actor,
        message_id=number_of(message_id),
        smtp=Smtp.of(request.app.state.settings),
    )
    return RedirectResponse(f"/families/outbox?saved={row.state}", status_code=303)


@router.post("/families/outbox/{message_id}/cancel")
def cancel(session: Db, caller: Liaison, message_id: str) -> Response:
    outbox.cancel_message(session, actor=caller.actor, message_id=number_of(message_id))
    return RedirectResponse("/families/outbox?saved=cancelled", status_code=303)
