"""The exchanges' pages: the list of exchanges, one exchange (phases, categories, both lists,
the balance, the composition, the reconciliations), the list builder with the reasons, the
comparison of two versions, and the reconciliation of a roster (a dry run, then apply)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.errors import HomewardError, InvalidInput, Message, NotFound
from homeward.exchanges import returnees, service
from homeward.exchanges.candidates import MEDICAL, sees_medical
from homeward.exchanges.categories import categories
from homeward.exchanges.reconcile import Roster, never_confirmed_by_exchange
from homeward.exchanges.vocab import KEYS, ListSide, Mode
from homeward.text import ascii_number
from homeward.web.deps import Caller, Db, needs
from homeward.web.exchange_words import word
from homeward.web.pages import render
from homeward.web.paging import Pages, page_of
from homeward.web.routes.persons import person_id_of
from homeward.web.uploads import NO_FILE, UploadRoute, UploadStore, read_limited
from homeward.web.usecases import exchanges as usecases

router = APIRouter(include_in_schema=False)  # only the roster's upload is an `UploadRoute`

Reader = Annotated[Caller, needs(Permission.READ)]
Negotiator = Annotated[Caller, needs(Permission.EXCHANGES)]
Agreeing = Annotated[Caller, needs(Permission.EXCHANGES_AGREE)]
Text = Annotated[str, Form(max_length=2000)]


def _(message: str) -> str:
    """Marks a word for the translation catalogue; the template translates it."""
    return message


# The exchanges' forms' fields in words: an error names the field so, never by its code.
FIELDS: dict[str, str] = {
    "name": _("Name of the exchange"),
    "on": _("Day"),
    "mode": _("Mode"),
    "mediator": _("Mediator"),
    "category": _("Categories"),
    "quota": _("agreed number"),
    "reason": _("Reason"),
    "side": _("Side"),
    "person": _("Person"),
    "task": _("Step"),
    "note": _("Note"),
    "from": _("From version"),
    "to": _("to version"),
    "file": _("Roster"),
    "roster": _("Roster"),
    "exchange": _("Exchange"),
    "captured": _("Date of capture"),
}


def field_word(field: object, translate: Callable[..., str]) -> str:
    """The words of a form's field an error names, with a colon; nothing for an unknown code."""
    code = str(field or "")
    if code.startswith("person "):
        number = code.removeprefix("person ")
        return translate("Person %(id)s", id=number) + ": " if number.isdigit() else ""
    return translate(FIELDS[code]) + ": " if code in FIELDS else ""


def _said(names: dict[str, str]) -> Callable[[Message, Callable[..., str]], str]:
    """A balance's message in the page's language: categories and sides by their names."""

    def said(message: Message, translate: Callable[..., str]) -> str:
        values = dict(message.values)
        if "code" in values:
            values["code"] = names.get(str(values["code"]), str(values["code"]))
        if "side" in values:
            values["side"] = translate(word(values["side"]))
        return translate(message.template, **values)

    return said


def _context(lang: str, *, medical: bool = True) -> dict[str, Any]:
    """The words of the exchanges' pages; without `medical`, the page says once that the
    medical category is shown only to those who plan exchanges."""
    names = {code: c.name(lang) for code, c in categories().items()}
    return {
        "medical_withheld": not medical,
        "word": word,
        "said": _said(names),
        "field_word": field_word,
        "category_names": names,
        "modes": list(Mode),
        "sides": list(ListSide),
        "outcome_keys": KEYS,
        "nav": "exchanges",
    }


def exchange_id_of(text: str) -> int:
    number = ascii_number(text, most=usecases.MAX_ID)
    if number is None:
        raise NotFound("there is no exchange %(exchange_id)s", exchange_id=text[:20])
    return number


def _attempt(session: Session, act: Callable[[], Any]) -> Any:
    """Run a change in a savepoint: bad input leaves nothing of it written."""
    with session.begin_nested():
        return act()


def _list_page(
    request: Request, session: Session, caller: Caller, *, status_code: int = 200, **extra: Any
) -> Response:
    return render(
        request,
        "exchanges.html",
        caller,
        status_code=status_code,
        exchanges=service.list_exchanges(session),
        never=never_confirmed_by_exchange(session),
        **_context(caller.lang),
        **extra,
    )


@router.get("/exchanges")
def exchanges_page(request: Request, session: Db, caller: Reader) -> Response:
    return _list_page(request, session, caller, form={})


@router.post("/exchanges")
def create_exchange(
    request: Request,
    session: Db,
    caller: Negotiator,
    name: Text = "",
    on: Text = "",
    mode: Text = "all_for_all",
    mediator: Text = "",
    category: Annotated[list[str] | None, Form(max_length=40)] = None,
) -> Response:
    form = {
        "name": name,
        "on": on,
        "mode": mode,
        "mediator": mediator,
        "categories": category or [],
    }
    try:
        made = _attempt(session, lambda: usecases.create(session, caller.actor, form))
    except InvalidInput as error:
        return _list_page(request, session, caller, status_code=422, form=form, error=error)
    return RedirectResponse(f"/exchanges/{made.id}?saved=new", status_code=303)


def _exchange_page(
    request: Request,
    session: Session,
    caller: Caller,
    exchange_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    shown = usecases.page(session, caller.actor, exchange_id)
    return render(
        request,
        "exchange.html",
        caller,
        status_code=status_code,
        exchange=shown,
        saved=request.query_params.get("saved"),
        **_context(caller.lang, medical=sees_medical(caller.actor)),
        **extra,
    )


@router.get("/exchanges/{exchange_id}")
def exchange_page(request: Request, session: Db, caller: Reader, exchange_id: str) -> Response:
    return _exchange_page(request, session, caller, exchange_id_of(exchange_id))


BUILDER_PER_PAGE = 50  # candidates on one page of the builder
MAX_PICKED = 1000  # persons chosen on the builder's pages before they are added to the list


def picked_of(text: str) -> list[int]:
    """The persons chosen on the builder's pages, carried from page to page as "12,57"."""
    ids = usecases.person_ids([part for part in text.split(",") if part.strip()])
    if len(ids) > MAX_PICKED:
        raise InvalidInput(
            "person",
            "choose at most %(n)s persons at once: add them to the list, then choose more",
            n=MAX_PICKED,
        )
    return list(dict.fromkeys(ids))


@router.get("/exchanges/{exchange_id}/builder")
def builder_page(
    request: Request,
    session: Db,
    caller: Reader,
    exchange_id: str,
    side: str = "own",
    category: Annotated[list[str] | None, Query(max_length=40)] = None,
    page: Annotated[str, Query(max_length=10)] = "",
    picked: Annotated[str, Query(max_length=12 * MAX_PICKED)] = "",
) -> Response:
    return _builder(
        request, session, caller, exchange_id_of(exchange_id), side, category or [],
        page=page_of(page), picked=picked_of(picked),
    )  # fmt: skip


def _builder(
    request: Request,
    session: Session,
    caller: Caller,
    exchange_id: int,
    side_text: str,
    codes: list[str],
    *,
    page: int = 1,
    picked: list[int] | None = None,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    """A page of the candidates; those chosen on other pages (`picked`) stay chosen, carried
    in the form, so one "add" proposes the choice of every page."""
    side = usecases.side_of(side_text)
    exchange = service.get_exchange(session, exchange_id)
    medical = sees_medical(caller.actor)
    chosen = [c for c in codes if c in categories()] or list(exchange.categories)
    chosen = [c for c in chosen if medical or c != MEDICAL]
    found, excluded = usecases.builder(session, caller.actor, exchange_id, side, chosen)
    listed = service.current_list(session, exchange_id, side)
    picked = [pid for pid in picked or [] if pid not in listed]  # added meanwhile: not again
    kept = [("side", side.value), *(("category", code) for code in chosen)]
    pages = Pages.of(
        page, per_page=BUILDER_PER_PAGE, total=len(found),
        path=f"/exchanges/{exchange_id}/builder",
        params=[*kept, ("picked", ",".join(map(str, picked)))],
    )  # fmt: skip
    shown = found[pages.offset : pages.offset + BUILDER_PER_PAGE]
    on_page = {c.person.id for c in shown}
    return render(
        request,
        "exchange_builder.html",
        caller,
        status_code=status_code,
        exchange=exchange,
        side=side,
        chosen=chosen,
        candidates=shown,
        pages=pages,
        picked=set(picked),
        picked_elsewhere=[pid for pid in picked if pid not in on_page],
        excluded=excluded,
        listed=listed,
        balance=service.balance_of(session, exchange),
        **_context(caller.lang, medical=medical),
        **extra,
    )


People = Annotated[list[str] | None, Form(max_length=20)]
Categories = Annotated[list[str] | None, Form(max_length=40)]


@router.post("/exchanges/{exchange_id}/builder/turn")
def builder_turn(
    caller: Negotiator,
    exchange_id: str,
    side: Text = "own",
    page: Annotated[str, Form(max_length=10)] = "",
    category: Categories = None,
    person: People = None,
    filter: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    """Another page of the builder, or its first page under the categories ticked (`filter`),
    keeping who was chosen on this one and carried from the others (a form can carry them; a
    link cannot): answered with the page's address."""
    eid = exchange_id_of(exchange_id)
    listed_side = usecases.side_of(side)
    picked = picked_of(",".join(person or []))
    params = [("side", listed_side.value), *(("category", c) for c in category or [])]
    params += [("page", "1" if filter else str(page_of(page)))] + (
        [("picked", ",".join(map(str, picked)))] if picked else []
    )
    return RedirectResponse(f"/exchanges/{eid}/builder?{urlencode(params)}", status_code=303)


@router.post("/exchanges/{exchange_id}/propose")
def propose(
    request: Request,
    session: Db,
    caller: Negotiator,
    exchange_id: str,
    side: Text = "own",
    reason: Text = "",
    person: People = None,
    category: Categories = None,
    page: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    eid = exchange_id_of(exchange_id)
    try:
        listed_side = usecases.side_of(side)
        ids = usecases.person_ids(person or [])
        _attempt(
            session,
            lambda: usecases.propose(session, caller.actor, eid, listed_side, ids, reason),
        )
    except InvalidInput as error:
        return _builder(
            request, session, caller, eid, side, category or [], page=page_of(page),
            picked=picked_of(",".join(person or [])), status_code=422, error=error,
        )  # fmt: skip
    shown = page_of(page)
    params = [("side", listed_side.value), *(("category", c) for c in category or [])]
    params += [("page", str(shown))] if shown > 1 else []
    return RedirectResponse(f"/exchanges/{eid}/builder?{urlencode([*params, ('saved', '1')])}", 303)


@router.post("/exchanges/{exchange_id}/agree")
def agree(
    request: Request, session: Db, caller: Agreeing, exchange_id: str, reason: Text = ""
) -> Response:
    eid = exchange_id_of(exchange_id)
    try:
        _attempt(session, lambda: usecases.agree(session, caller.actor, eid, reason))
    except InvalidInput as error:
        return _exchange_page(request, session, caller, eid, status_code=422, agree_error=error)
    return RedirectResponse(f"/exchanges/{eid}?saved=agreed", status_code=303)


@router.post("/exchanges/{exchange_id}/carried-out")
def carried_out(
    request: Request, session: Db, caller: Agreeing, exchange_id: str, on: Text = ""
) -> Response:
    eid = exchange_id_of(exchange_id)
    try:
        _attempt(session, lambda: usecases.carried_out(session, caller.actor, eid, on))
    except InvalidInput as error:
        return _exchange_page(
            request, session, caller, eid, status_code=422, carried_out_error=error,
            carried_out_on=on,
        )  # fmt: skip
    return RedirectResponse(f"/exchanges/{eid}?saved=carried_out", status_code=303)


@router.get("/exchanges/{exchange_id}/compare")
def compare_page(
    request: Request,
    session: Db,
    caller: Reader,
    exchange_id: str,
    side: str = "own",
    older: Annotated[str, Query(max_length=12)] = "",
    newer: Annotated[str, Query(max_length=12)] = "",
) -> Response:
    eid = exchange_id_of(exchange_id)
    listed_side = usecases.side_of(side)
    result = usecases.compare(session, caller.actor, eid, listed_side, older[:12], newer[:12])
    names = {p.id: p.name for p in usecases.names_of(session, result, eid)}
    return render(
        request,
        "exchange_compare.html",
        caller,
        exchange=service.get_exchange(session, eid),
        result=result,
        names=names,
        **_context(caller.lang),
    )


@router.get("/exchanges/{exchange_id}/reconcile")
def reconcile_again(caller: Reader, exchange_id: str) -> Response:
    """The address a failed roster's page was shown at, opened again: the exchange's form."""
    eid = exchange_id_of(exchange_id)
    return RedirectResponse(f"/exchanges/{eid}#reconciliation", status_code=303)


def reconcile(
    request: Request,
    session: Db,
    caller: Negotiator,
    exchange_id: str,
    side: Text = "own",
    apply: Text = "",
    upload_id: Annotated[str, Form(max_length=100)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    eid = exchange_id_of(exchange_id)
    store = UploadStore(caller.csrf_token)
    try:
        listed_side = usecases.side_of(side)
        if file is not None and file.filename:
            name, data = read_limited(file)
            stored = store.save(name, data)
        elif upload_id:
            stored = store.get(upload_id)
            data = stored.read()
        else:
            raise InvalidInput("file", NO_FILE)
        roster = Roster(data, stored.file_name)
        result = _attempt(
            session,
            lambda: usecases.reconcile(
                session, caller.actor, eid, listed_side, roster, dry_run=not apply
            ),
        )
    except HomewardError as error:
        if isinstance(error, NotFound):
            raise
        return _exchange_page(
            request, session, caller, eid, status_code=422,
            roster_error=usecases.roster_error(error),
        )  # fmt: skip
    if apply:
        store.discard(stored.id)
        return RedirectResponse(f"/exchanges/{eid}?saved=reconciled#reconciliation", 303)
    return render(
        request,
        "exchange_reconcile.html",
        caller,
        exchange=service.get_exchange(session, eid),
        result=result,
        side=listed_side,
        upload_id=stored.id,
        **_context(caller.lang),
    )


router.add_api_route(
    "/exchanges/{exchange_id}/reconcile",
    reconcile,
    methods=["POST"],
    route_class_override=UploadRoute,
)


@router.get("/exchanges/{exchange_id}/lists/{side}.pdf")
def list_pdf(
    request: Request, session: Db, caller: Reader, exchange_id: str, side: str
) -> Response:
    from homeward.exchanges.papers import list_pdf as make_pdf

    eid = exchange_id_of(exchange_id)
    listed_side = usecases.side_of(side)
    data = make_pdf(
        session, actor=caller.actor, exchange_id=eid, side=listed_side, lang=caller.lang
    )
    return Response(
        data,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="exchange-{eid}-{listed_side.value}.pdf"'
        },
    )


@router.get("/exchanges/returnees/{person_id}")
def returnee_page(request: Request, session: Db, caller: Reader, person_id: str) -> Response:
    return _returnee(request, session, caller, person_id_of(person_id))


def _returnee(
    request: Request,
    session: Session,
    caller: Caller,
    person_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    found = returnees.returnee(session, actor=caller.actor, person_id=person_id)
    return render(
        request,
        "exchange_returnee.html",
        caller,
        status_code=status_code,
        file=found,
        today=date.today(),
        **_context(caller.lang),
        **extra,
    )


@router.post("/exchanges/returnees/{person_id}/tasks")
def returnee_task(
    request: Request,
    session: Db,
    caller: Negotiator,
    person_id: str,
    task: Text = "",
    on: Text = "",
    note: Text = "",
) -> Response:
    pid = person_id_of(person_id)
    try:
        day = usecases.day_of(on)
        _attempt(
            session,
            lambda: returnees.mark_done(
                session, actor=caller.actor, person_id=pid, task=task, on=day, note=note
            ),
        )
    except InvalidInput as error:
        return _returnee(request, session, caller, pid, status_code=422, error=error)
    return RedirectResponse(f"/exchanges/returnees/{pid}", status_code=303)
