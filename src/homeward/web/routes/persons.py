"""The person page: the dossier, and the forms that add evidence, edit, merge and unmerge."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.exchanges.vocab import HoldKind
from homeward.registry.models import Person
from homeward.registry.schemas import EDITABLE_FIELDS
from homeward.registry.vocab import (
    EvidenceKind,
    Reliability,
    ServiceStatus,
    Sex,
    Side,
    SourceKind,
    kinds_for,
)
from homeward.text import ascii_number
from homeward.web.deps import Caller, Db, needs
from homeward.web.exchange_words import HOLD_WORDS
from homeward.web.exchange_words import word as exchange_word
from homeward.web.labels import relation_word, word
from homeward.web.pages import render
from homeward.web.usecases import persons as usecases

router = APIRouter(include_in_schema=False)

MAX_ID = 2**31 - 1  # the largest id a database integer column holds


def _(message: str) -> str:
    """Marks a word for the translation catalogue; the template translates it."""
    return message


# The order of the identity list and of the edit form.
IDENTITY_ORDER = (
    "side",
    "sex",
    "birth_date",
    "birth_place",
    "citizenship",
    "service_status",
    "branch",
    "unit",
    "rank",
    "service_number",
    "missing_date",
    "missing_place",
    "father_name",
    "mother_maiden_name",
    "person_to_inform",
    "correspondence_address",
    "legal_status",
)
EDIT_ORDER = tuple(field for field in IDENTITY_ORDER if field in EDITABLE_FIELDS)
CODED_FIELDS = {"side", "sex", "service_status"}


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def person_id_of(text: str) -> int:
    """A person's number from a path: anything else is a person that does not exist."""
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise NotFound("there is no person %(text)s", text=text[:20])
    return number


def number_field(field: str, text: str | None, *, required: bool = False) -> int | None:
    text = (text or "").strip().lstrip("#№")
    if not text:
        if required:
            raise InvalidInput(field, _("give a number"))
        return None
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise InvalidInput(field, _("is not a valid number"))
    return number


def field_value(person: Person, field: str) -> str:
    """A field's current value as the edit form shows it (dates as they are typed)."""
    if field == "birth_date":
        return _typed_date(person.birth)
    if field == "missing_date":
        return _typed_date(person.missing)
    value = getattr(person, field)
    return "" if value is None else str(value)


def _typed_date(value: PartialDate | None) -> str:
    if value is None:
        return ""
    parts = [f"{part:02d}" for part in (value.day, value.month) if part is not None]
    return ".".join([*parts, f"{value.year:04d}"])


def shown_date(value: object) -> str:
    """A date known to a day, a month or a year as a Ukrainian reader writes it: 12.03.1999,
    03.1999, 1999; from a `PartialDate` or its ISO text (as search hits and history keep it)."""
    if isinstance(value, PartialDate):
        return _typed_date(value)
    text = str(value or "")
    match = _ISO_PARTIAL.fullmatch(text)
    if not match:
        return text
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        return _typed_date(PartialDate(year or 1, month, day))
    except ValueError:
        return text


def _context() -> dict[str, Any]:
    return {
        "word": word,
        "day": shown_date,
        "identity_order": IDENTITY_ORDER,
        "edit_order": EDIT_ORDER,
        "coded_fields": CODED_FIELDS,
        "field_value": field_value,
        "reliabilities": list(Reliability),
        "source_kinds": list(SourceKind),
        "sexes": list(Sex),
        "service_statuses": list(ServiceStatus),
        "relation_word": relation_word,
        "nav": "search",
    }


def _settings_days(request: Request) -> int:
    return int(request.app.state.settings.incommunicado_days)


def person_page_response(
    request: Request,
    session: Db,
    caller: Caller,
    person_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    view = usecases.view_person(
        session, caller.actor, person_id, incommunicado_days=_settings_days(request)
    )
    side = Side(view.person.side)
    kinds = [k for k in EvidenceKind if k in kinds_for(side)]
    return render(
        request,
        "person.html",
        caller,
        status_code=status_code,
        view=view,
        dossier=view.dossier,
        person=view.person,
        evidence_kinds=kinds,
        returnee=usecases.returnee_of(session, caller.actor, view),
        returnee_word=exchange_word,
        holds=usecases.holds_of(session, caller.actor, view),
        hold_words=HOLD_WORDS,
        hold_kinds=list(HoldKind),
        holdable=usecases.holdable(view),
        saved=request.query_params.get("saved"),
        **_context(),
        **extra,
    )


# --- the page ------------------------------------------------------------------------------


@router.get("/persons/{person_id}")
def person_page(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.READ)],
    person_id: str,
) -> Response:
    return person_page_response(request, session, caller, person_id_of(person_id))


# --- evidence ------------------------------------------------------------------------------


class EvidenceForm(BaseModel):
    kind: str = ""
    on: str = ""
    reliability: str = "medium"
    place: str = ""
    note: str = ""
    source_kind: str = ""
    source_name: str = ""
    supersedes_id: str = ""

    def data(self) -> dict[str, Any]:
        """The form as the register's `EvidenceIn` reads it (blank fields left out)."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "on": self.on,
            "reliability": self.reliability or "medium",
            "place": self.place,
            "note": self.note,
            "supersedes_id": number_field("supersedes_id", self.supersedes_id),
        }
        if self.source_name.strip() or self.source_kind.strip():
            data["source"] = {"kind": self.source_kind, "name": self.source_name}
        return data


@router.post("/persons/{person_id}/evidence")
def add_evidence(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.EVIDENCE)],
    person_id: str,
    form: Annotated[EvidenceForm, Form()],
) -> Response:
    pid = person_id_of(person_id)
    try:
        usecases.add_evidence(
            session, caller.actor, pid, form.data(), incommunicado_days=_settings_days(request)
        )
    except InvalidInput as error:  # nothing was written: the page again, the form kept
        return person_page_response(
            request, session, caller, pid, status_code=422, evidence_error=error, evidence_form=form
        )
    return RedirectResponse(f"/persons/{pid}?saved=evidence#evidence", status_code=303)


class SpellingForm(BaseModel):
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    source_kind: str = ""
    source_name: str = ""


@router.post("/persons/{person_id}/names")
def add_spelling(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.INTAKE)],
    person_id: str,
    form: Annotated[SpellingForm, Form()],
) -> Response:
    pid = person_id_of(person_id)
    try:
        usecases.add_spelling(session, caller.actor, pid, form.model_dump())
    except InvalidInput as error:  # nothing was written: the page again, the form kept
        return person_page_response(
            request, session, caller, pid, status_code=422, name_error=error, name_form=form
        )
    return RedirectResponse(f"/persons/{pid}?saved=name#names-h", status_code=303)


# --- edit ----------------------------------------------------------------------------------


class EditForm(BaseModel):
    version: str = ""
    reason: str = ""
    sex: str = ""
    birth_date: str = ""
    birth_place: str = ""
    citizenship: str = ""
    service_status: str = ""
    branch: str = ""
    unit: str = ""
    rank: str = ""
    service_number: str = ""
    missing_date: str = ""
    missing_place: str = ""
    father_name: str = ""
    mother_maiden_name: str = ""
    person_to_inform: str = ""
    correspondence_address: str = ""
    legal_status: str = ""

    def changes(self) -> dict[str, Any]:
        return {field: (getattr(self, field).strip() or None) for field in EDIT_ORDER}


def _edit_page(
    request: Request,
    caller: Caller,
    person: Person,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    return render(
        request,
        "person_edit.html",
        caller,
        status_code=status_code,
        person=person,
        **_context(),
        **extra,
    )


@router.get("/persons/{person_id}/edit")
def edit_page(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.INTAKE)],
    person_id: str,
) -> Response:
    person = usecases.edit_form(session, caller.actor, person_id_of(person_id))
    return _edit_page(request, caller, person)


@router.post("/persons/{person_id}/edit")
def edit_submit(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.INTAKE)],
    person_id: str,
    form: Annotated[EditForm, Form()],
) -> Response:
    pid = person_id_of(person_id)
    version = number_field("version", form.version, required=True)
    assert version is not None
    try:
        usecases.edit_person(
            session, caller.actor, pid, version=version, changes=form.changes(), reason=form.reason
        )
    except Conflict as error:
        if isinstance(error, usecases.MergedRecord) or not session.is_active:
            raise  # merged, or the race lost at the write itself: the plain error page
        # someone saved first: nothing of this form was written; show theirs beside it
        person = usecases.edit_form(session, caller.actor, pid)
        submitted = form.changes()
        differing = [
            (field, field_value(person, field), submitted[field] or "")
            for field in EDIT_ORDER
            if field_value(person, field) != (submitted[field] or "")
        ]
        return _edit_page(
            request,
            caller,
            person,
            status_code=409,
            conflict=str(error),
            differing=differing,
            reason=form.reason,
        )
    except InvalidInput as error:
        person = usecases.edit_form(session, caller.actor, pid)
        return _edit_page(request, caller, person, status_code=422, edit_error=error, form=form)
    return RedirectResponse(f"/persons/{pid}?saved=edit", status_code=303)


# --- merges --------------------------------------------------------------------------------


@router.get("/persons/{person_id}/merge")
def merge_page(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.REVIEW)],
    person_id: str,
    other: str = "",
) -> Response:
    pid = person_id_of(person_id)
    other_id = number_field("other", other, required=True)
    assert other_id is not None
    preview = usecases.merge_preview(session, caller.actor, pid, other_id)
    return render(request, "person_merge.html", caller, preview=preview, **_context())


@router.post("/persons/{person_id}/merge")
def merge_submit(
    session: Db,
    caller: Annotated[Caller, needs(Permission.REVIEW)],
    person_id: str,
    other: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    pid = person_id_of(person_id)
    other_id = number_field("other", other, required=True)
    assert other_id is not None
    usecases.merge(session, caller.actor, pid, other_id, reason)
    return RedirectResponse(f"/persons/{pid}?saved=merge#merges", status_code=303)


@router.post("/merges/{merge_id}/undo")
def unmerge_submit(
    session: Db,
    caller: Annotated[Caller, needs(Permission.REVIEW)],
    merge_id: str,
    reason: Annotated[str, Form()] = "",
) -> Response:
    if ascii_number(merge_id, most=MAX_ID) is None:
        raise NotFound("there is no merge %(merge_id)s", merge_id=merge_id[:20])
    record = usecases.unmerge(session, caller.actor, int(merge_id), reason)
    return RedirectResponse(f"/persons/{record.survivor_id}?saved=unmerge#merges", status_code=303)
