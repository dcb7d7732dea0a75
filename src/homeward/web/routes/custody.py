"""The bureau's pages: the compliance dashboard, registration at capture, a prisoner's duties
and the forms that record the work. No SQL and no rules here: `usecases.custody` does it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.custody import service as custody_service
from homeward.custody.clocks import Obligation
from homeward.custody.schemas import (
    IDENTITY_SET,
    OWED,
    AnnexCondition,
    AnnexOutcome,
    CustodyEvent,
    Education,
    LetterKind,
    RankCategory,
    ServiceRoute,
)
from homeward.errors import InvalidInput
from homeward.exchanges import service as exchange_service
from homeward.exchanges.vocab import HoldKind
from homeward.web.deps import Caller, Db, needs
from homeward.web.exchange_words import HOLD_WORDS
from homeward.web.pages import render
from homeward.web.paging import page_of
from homeward.web.routes.persons import person_id_of, person_page_response
from homeward.web.usecases import custody as usecases
from homeward.web.usecases import exchanges as exchange_usecases

router = APIRouter(include_in_schema=False)

Custodian = Annotated[Caller, needs(Permission.CUSTODY)]


def _(message: str) -> str:
    """Marks a word for the translation catalogue; the template translates it."""
    return message


WORDS: dict[str, str] = {
    Obligation.REGISTRATION: _("Registration and serial number"),
    Obligation.CAPTURE_CARD: _("Capture card"),
    Obligation.NOTIFICATION: _("Notification of the Central Tracing Agency"),
    Obligation.CORRESPONDENCE: _("Correspondence"),
    Obligation.MEDICAL_INSPECTION: _("Monthly medical inspection"),
    Obligation.HEALTH_REPORT: _("Weekly health report"),
    Obligation.DEATH_NOTIFICATION: _("Death notification"),
    Obligation.ENQUIRY: _("Official enquiry"),
    Obligation.EFFECTS: _("Personal effects returned"),
    "due": _("due"),
    "late": _("late"),
    "done": _("done"),
    "done_late": _("done late"),
    "refused": _("refused"),
    "not_known": _("not known"),
    "declined": _("declines to write"),
    "obstructed": _("obstructed"),
    "letter": _("letter"),
    "card": _("card"),
    "sent": _("sent"),
    "received": _("received"),
    "surname": _("Surname"),
    "given_name": _("Given name"),
    "patronymic": _("Patronymic"),
    "rank": _("Rank"),
    "service_number": _("Service number"),
    "birth_date": _("Date of birth"),
    "birth_place": _("Place of birth"),
    "power": _("Power on which the prisoner depends"),
    "father_name": _("Father's name"),
    "mother_maiden_name": _("Mother's maiden name"),
    "person_to_inform": _("Person to inform"),
    "correspondence_address": _("Address for correspondence"),
    "moved": _("Moved"),
    "hospitalised": _("Hospitalised"),
    "discharged": _("Discharged"),
    "transferred": _("Transferred"),
    "escaped": _("Escaped"),
    "recaptured": _("Recaptured"),
    "released": _("Released"),
    "repatriated": _("Repatriated"),
    "died": _("Died"),
    "captured": _("Captured"),
    "rank_and_file": _("rank and file"),
    "sergeant": _("sergeant"),
    "officer": _("officer"),
    "contract": _("contract"),
    "contract_prison": _("contract, recruited from a prison"),
    "contract_pmc": _("contract, private military company"),
    "mobilised": _("mobilised"),
    "conscript": _("conscript"),
    "seriously_ill": _("seriously ill from"),
    "Art. 17, 122 §4": _("Art. 17, 122 §4"),
    "Art. 70, Annex IV B": _("Art. 70, Annex IV B"),
    "Art. 122 §3, §5": _("Art. 122 §3, §5"),
    "Art. 71": _("Art. 71"),
    "Art. 31": _("Art. 31"),
    "Art. 122 §6": _("Art. 122 §6"),
    "Art. 120": _("Art. 120"),
    "Art. 121": _("Art. 121"),
    "Art. 18, 122 §9": _("Art. 18, 122 §9"),
    "annex_finding": _("Annex I finding"),
    "death_notice": _("Death notification"),
    "enquiry": _("Official enquiry"),
    "effect": _("An article or money taken"),
    "incurable_wounded": _("incurable wound"),
    "incurable_sick": _("incurable sickness"),
    "no_recovery_in_a_year": _("no recovery expected within a year"),
    "mental_disorder": _("grave mental disorder"),
    "grave_chronic_disease": _("grave chronic disease"),
    "loss_of_limb_or_sense": _("loss of a limb or of sight or hearing"),
    "tuberculosis": _("tuberculosis"),
    "other": _("other"),
    "returned": _("returned"),
    "sealed_packet": _("sent in a sealed packet"),
    "direct_repatriation": _("direct repatriation"),
    "neutral_country": _("accommodation in a neutral country"),
    "higher": _("higher education"),
    "vocational": _("vocational education"),
    "secondary": _("secondary school"),
    "incomplete": _("did not finish school"),
}


def word(code: object) -> str:
    text = str(getattr(code, "value", code) or "")
    return WORDS.get(text, text)


def _context() -> dict[str, Any]:
    return {
        "word": word,
        "identity_fields": IDENTITY_SET,
        "owed": OWED,
        "event_kinds": [k for k in CustodyEvent if k is not CustodyEvent.CAPTURED],
        "letter_kinds": list(LetterKind),
        "rank_categories": list(RankCategory),
        "service_routes": list(ServiceRoute),
        "educations": list(Education),
        "annex_conditions": list(AnnexCondition),
        "annex_outcomes": list(AnnexOutcome),
        "hold_words": HOLD_WORDS,
        "nav": "custody",
    }


async def read_form(request: Request) -> dict[str, str]:
    """The submitted form's text fields (its files, if any, are ignored)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


Form = Annotated[dict[str, str], Depends(read_form)]


def _attempt(session: Session, act: Callable[[], Any]) -> Any:
    """Run a change in a savepoint: bad input leaves nothing of it written."""
    with session.begin_nested():
        return act()


# --- the dashboard -------------------------------------------------------------------------


@router.get("/custody")
def dashboard(request: Request, session: Db, caller: Custodian, page: str = "") -> Response:
    board = usecases.dashboard(session, caller.actor, page=page_of(page))
    return render(request, "custody_dashboard.html", caller, board=board, **_context())


@router.post("/custody/notify")
def notify(request: Request, session: Db, caller: Custodian) -> Response:
    name, data = _attempt(session, lambda: usecases.notify(session, caller.actor))
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- registration --------------------------------------------------------------------------


def _register_page(
    request: Request,
    caller: Caller,
    *,
    form: dict[str, str],
    error: InvalidInput | None = None,
    found: list[usecases.Candidate] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "custody_register.html",
        caller,
        status_code=status_code,
        form=form,
        error=error,
        candidates=found,
        **_context(),
    )


@router.get("/custody/register")
def register_page(request: Request, caller: Custodian) -> Response:
    return _register_page(request, caller, form={"language": "ru", "power": "RUS"})


@router.post("/custody/register/candidates")
def register_candidates(request: Request, session: Db, caller: Custodian, form: Form) -> Response:
    found = usecases.candidates(session, caller.actor, form)
    return render(
        request,
        "_custody_candidates.html",
        caller,
        candidates=found if form.get("surname", "").strip() else None,
        chosen=form.get("person_id", ""),
    )


@router.post("/custody/register")
def register_submit(request: Request, session: Db, caller: Custodian, form: Form) -> Response:
    try:
        internment = _attempt(session, lambda: usecases.register(session, caller.actor, form))
    except InvalidInput as error:
        found = usecases.candidates(session, caller.actor, form)
        return _register_page(request, caller, form=form, error=error, found=found, status_code=422)
    return RedirectResponse(
        f"/custody/prisoners/{internment.person_id}?saved=registered", status_code=303
    )


# --- a prisoner ----------------------------------------------------------------------------


def _prisoner_page(
    request: Request,
    session: Session,
    caller: Caller,
    person_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    found = usecases.prisoner(session, caller.actor, person_id)
    try:  # a capture card is made while he is held: no button that can only fail
        custody_service.held_period(session, person_id)
        held_now = True
    except InvalidInput:
        held_now = False
    return render(
        request,
        "custody_prisoner.html",
        caller,
        status_code=status_code,
        file=found,
        person=found.person,
        held_now=held_now,
        holds=exchange_service.holds_of(session, person_id),
        hold_kinds=list(HoldKind),
        holdable=exchange_service.holdable(found.person),
        saved=request.query_params.get("saved"),
        **_context(),
        **extra,
    )


@router.get("/custody/prisoners/{person_id}")
def prisoner_page(request: Request, session: Db, caller: Custodian, person_id: str) -> Response:
    return _prisoner_page(request, session, caller, person_id_of(person_id))


@router.post("/custody/prisoners/{person_id}/card")
def print_card(
    request: Request, session: Db, caller: Custodian, person_id: str, form: Form
) -> Response:
    pid = person_id_of(person_id)
    try:
        pdf = _attempt(
            session, lambda: usecases.print_card(session, caller.actor, pid, form.get("lang"))
        )
    except InvalidInput as error:
        return _prisoner_page(request, session, caller, pid, status_code=422, card_error=error)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="capture-card-{pid}.pdf"'},
    )


def _record(
    request: Request,
    session: Session,
    caller: Caller,
    person_id: str,
    act: Callable[[int], Any],
    *,
    what: str,
) -> Response:
    pid = person_id_of(person_id)
    try:
        _attempt(session, lambda: act(pid))
    except InvalidInput as error:
        return _prisoner_page(request, session, caller, pid, status_code=422, errors={what: error})
    return RedirectResponse(f"/custody/prisoners/{pid}?saved={what}", status_code=303)


@router.post("/custody/prisoners/{person_id}/events")
def record_event(
    request: Request, session: Db, caller: Custodian, person_id: str, form: Form
) -> Response:
    return _record(
        request,
        session,
        caller,
        person_id,
        lambda pid: usecases.record_event(session, caller.actor, pid, form),
        what="event",
    )


@router.post("/custody/prisoners/{person_id}/letters")
def log_letter(
    request: Request, session: Db, caller: Custodian, person_id: str, form: Form
) -> Response:
    return _record(
        request,
        session,
        caller,
        person_id,
        lambda pid: usecases.log_letter(session, caller.actor, pid, form),
        what="letter",
    )


@router.post("/custody/prisoners/{person_id}/holds")
def record_hold(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.EXCHANGES)],
    person_id: str,
    form: Form,
) -> Response:
    """Held back from every exchange: for judicial proceedings (Art. 115, 119), or refusing
    repatriation (Art. 109). A negotiator, who does not read the custody file, is answered by
    the person's page, or by the error page naming the field."""
    if not caller.can(Permission.CUSTODY):
        return _on_person_page(
            request, session, caller, person_id,
            lambda pid: exchange_usecases.record_hold(session, caller.actor, pid, form),
            what="hold",
        )  # fmt: skip
    return _record(
        request,
        session,
        caller,
        person_id,
        lambda pid: exchange_usecases.record_hold(session, caller.actor, pid, form),
        what="hold",
    )


@router.post("/custody/prisoners/{person_id}/holds/{hold_id}/lift")
def lift_hold(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.EXCHANGES)],
    person_id: str,
    hold_id: str,
    form: Form,
) -> Response:
    """A hold lifted: from the day given he may be offered again. Answered as recording a hold
    is, for a negotiator who does not read the custody file too."""

    def act(pid: int) -> None:
        exchange_usecases.lift_hold(session, caller.actor, pid, hold_id, form)

    if not caller.can(Permission.CUSTODY):
        return _on_person_page(request, session, caller, person_id, act, what="lift")
    return _record(request, session, caller, person_id, act, what="lift")


def _on_person_page(
    request: Request,
    session: Session,
    caller: Caller,
    person_id: str,
    act: Callable[[int], Any],
    *,
    what: str,
) -> Response:
    """A hold recorded or lifted by a negotiator, who does not read the custody file: answered
    by the person's page, which lists the holds, a refusal in words beside them."""
    pid = person_id_of(person_id)
    try:
        _attempt(session, lambda: act(pid))
    except InvalidInput as error:
        return person_page_response(
            request, session, caller, pid, status_code=422, hold_errors={what: error}
        )
    return RedirectResponse(f"/persons/{pid}?saved={what}#holds", status_code=303)


@router.post("/custody/prisoners/{person_id}/inspections")
def record_inspection(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.CUSTODY_SPECIAL)],
    person_id: str,
    form: Form,
) -> Response:
    data: dict[str, Any] = dict(form)
    data["seriously_ill"] = form.get("seriously_ill") == "on"
    return _record(
        request,
        session,
        caller,
        person_id,
        lambda pid: usecases.record_inspection(session, caller.actor, pid, data),
        what="inspection",
    )


@router.post("/custody/prisoners/{person_id}/profile")
def record_profile(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.CUSTODY_SPECIAL)],
    person_id: str,
    form: Form,
) -> Response:
    data: dict[str, Any] = dict(form)
    for flag in ("voluntary",):
        data[flag] = form.get(flag) == "on"
    for answer in ("coercion_or_deception", "previous_convictions", "worked_before_war"):
        data[answer] = {"yes": True, "no": False}.get(form.get(answer, ""))
    return _record(
        request,
        session,
        caller,
        person_id,
        lambda pid: usecases.record_profile(session, caller.actor, pid, data),
        what="profile",
    )


@router.post("/custody/prisoners/{person_id}/effects/{effect_id}/disposal")
def dispose_effect(
    request: Request, session: Db, caller: Custodian, person_id: str, effect_id: str, form: Form
) -> Response:
    """An article of his ledger returned to him, or sent in a sealed packet (Art. 122 §9); a
    refusal is said beside the article it is about."""
    article = f"effect-{effect_id}" if effect_id.isdigit() and len(effect_id) <= 10 else "effect"
    return _record(
        request,
        session,
        caller,
        person_id,
        lambda pid: usecases.dispose_effect(session, caller.actor, pid, effect_id, dict(form)),
        what=article,
    )


@router.post("/custody/prisoners/{person_id}/records/{kind}")
def record_other(
    request: Request, session: Db, caller: Custodian, person_id: str, kind: str, form: Form
) -> Response:
    """A weekly health report, an Annex I finding, a death notice, an enquiry, an article."""
    data: dict[str, Any] = dict(form)
    if "caused_by_another" in data or kind == "death_notice":
        data["caused_by_another"] = form.get("caused_by_another") == "on"
    return _record(
        request,
        session,
        caller,
        person_id,
        lambda pid: usecases.record(session, caller.actor, pid, kind, data),
        what=kind if kind in usecases.RECORDS else "record",
    )
