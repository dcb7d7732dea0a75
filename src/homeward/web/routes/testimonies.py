"""The debriefing pages: the list, the form (a mention per row, candidates while typing), a
debriefing, the queue of open mentions and their resolution, and places of detention. No SQL
and no rules here: `usecases.testimonies` does it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.errors import Conflict, HomewardError, InvalidInput, NotFound
from homeward.registry.vocab import Reliability
from homeward.testimonies.vocab import Condition
from homeward.text import ascii_number
from homeward.violations.vocab import Credibility, act_types
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.paging import page_of
from homeward.web.usecases import testimonies as usecases
from homeward.web.usecases.incidents import word as incident_word

router = APIRouter(include_in_schema=False)

Debriefer = Annotated[Caller, needs(Permission.INTAKE)]
Resolver = Annotated[Caller, needs(Permission.TESTIMONIES)]
TestimonyReader = Annotated[Caller, needs(Permission.TESTIMONIES_READ)]
Reader = Annotated[Caller, needs(Permission.READ)]
MAX_ID = 2**31 - 1


def _(message: str) -> str:
    """Marks a word for the translation catalogue; the template translates it."""
    return message


CONDITIONS: dict[str, str] = {
    Condition.GOOD: _("in good health"),
    Condition.WOUNDED: _("wounded"),
    Condition.ILL: _("ill"),
    Condition.BEATEN: _("beaten"),
    Condition.STARVED: _("starved"),
    Condition.OTHER: _("other"),
}

# the languages a debriefing is held in (its form offers these), in words
LANGUAGES: dict[str, str] = {"uk": _("Ukrainian"), "ru": _("Russian"), "en": _("English")}


async def read_form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


Form = Annotated[dict[str, str], Depends(read_form)]


NOT_FOUND = {
    "debriefing": "there is no debriefing %(debriefing_id)s",
    "mention": "there is no mention %(mention_id)s",
    "place": "there is no place %(place_id)s",
}


def number_of(text: str, what: str) -> int:
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise NotFound(NOT_FOUND[what], **{f"{what}_id": text[:20]})
    return number


def _attempt(session: Session, act: Callable[[], Any]) -> Any:
    """Run a change in a savepoint: bad input leaves nothing of it written."""
    with session.begin_nested():
        return act()


def _context(**extra: Any) -> dict[str, Any]:
    return {"conditions": CONDITIONS, "languages": LANGUAGES, "nav": "testimonies", **extra}


# --- debriefings -------------------------------------------------------------------------


@router.get("/testimonies")
def list_page(request: Request, session: Db, caller: TestimonyReader, page: str = "") -> Response:
    shown = usecases.debriefings(session, caller.actor, page=page_of(page))
    return render(
        request,
        "testimonies_list.html",
        caller,
        debriefings=shown.debriefings,
        pages=shown.pages,
        **_context(),
    )


def _form_page(
    request: Request,
    session: Session,
    caller: Caller,
    form: dict[str, str],
    *,
    error: HomewardError | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "testimonies_form.html",
        caller,
        status_code=status_code,
        form=form,
        error=error,
        rows=range(usecases.row_count(form)),
        places=usecases.known_places(session),
        **_context(),
    )


@router.get("/testimonies/new")
def form_page(request: Request, session: Db, caller: Debriefer) -> Response:
    form = {"held_on": usecases.today(), "interviewer": caller.user.display_name, "language": "uk"}
    return _form_page(request, session, caller, form)


@router.get("/testimonies/row")
def new_row(request: Request, caller: Debriefer, n: int = 0) -> Response:
    """One more empty row (htmx): "Add a row", or Enter on the last row."""
    row = max(0, min(n, usecases.MAX_ROWS - 1))
    return render(
        request, "_testimonies_row.html", caller, form={}, row=row, oob=True, **_context()
    )


@router.post("/testimonies/candidates")
def candidates(request: Request, session: Db, caller: Debriefer, form: Form) -> Response:
    text = form.get("row", "")
    if not (text.isascii() and text.isdigit() and int(text) < usecases.MAX_ROWS):
        raise InvalidInput("row", "is not a number")
    row = int(text)
    found = usecases.row_candidates(session, caller.actor, form, row)
    return render(
        request,
        "_testimonies_candidates.html",
        caller,
        found=found,
        chosen=form.get(f"m-{row}-person_id", ""),
        **_context(),
    )


@router.post("/testimonies/new")
def record(request: Request, session: Db, caller: Debriefer, form: Form) -> Response:
    try:
        row = _attempt(session, lambda: usecases.record(session, caller.actor, form))
    except InvalidInput as error:
        return _form_page(request, session, caller, form, error=error, status_code=422)
    return RedirectResponse(f"/testimonies/{row.id}?saved=1", status_code=303)


def _queue_page(
    request: Request,
    session: Session,
    caller: Caller,
    *,
    page: int = 1,
    link_error: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    queue = usecases.open_queue(session, caller.actor, page=page)
    items = queue.items
    names = usecases.person_names(session, {p.person_id for i in items for p in i.proposals})
    return render(
        request,
        "testimonies_queue.html",
        caller,
        status_code=status_code,
        items=items,
        pages=queue.pages,
        names=names,
        found=request.query_params.get("found"),
        link_error=link_error,
        **_context(),
    )


@router.get("/testimonies/mentions")
def open_mentions(request: Request, session: Db, caller: Resolver, page: str = "") -> Response:
    return _queue_page(request, session, caller, page=page_of(page))


@router.get("/testimonies/mentions/{mention_id}")
def mention_in_queue(session: Db, caller: Resolver, mention_id: str) -> Response:
    """A link to one mention: to its page of the queue (the queue comes a page at a time), or
    to its debriefing once it is linked."""
    mid = number_of(mention_id, "mention")
    return RedirectResponse(usecases.where_mention_is(session, mid), status_code=303)


def _queue_at(form: dict[str, str]) -> str:
    """The queue's page a mention's form was on: the answer goes back to it."""
    page = page_of(form.get("page"))
    return "/testimonies/mentions" + (f"?page={page}" if page > 1 else "")


@router.post("/testimonies/mentions/reexamine")
def reexamine(request: Request, session: Db, caller: Resolver) -> Response:
    made = usecases.reexamine(session, caller.actor)
    return RedirectResponse(f"/testimonies/mentions?found={made}", status_code=303)


@router.post("/testimonies/mentions/{mention_id}/link")
def link(request: Request, session: Db, caller: Resolver, mention_id: str, form: Form) -> Response:
    mid = number_of(mention_id, "mention")
    try:
        debriefing_id = _attempt(session, lambda: usecases.link(session, caller.actor, mid, form))
    except (InvalidInput, Conflict, NotFound) as error:
        if isinstance(error, NotFound) and "person_id" not in error.values:
            raise  # no such mention: there is nothing to show the form of
        # the queue again, the message beside the mention's form
        link_error = {"mention": mid, "error": error}
        return _queue_page(
            request, session, caller, page=page_of(form.get("page")), link_error=link_error,
            status_code=422,
        )  # fmt: skip
    back = form.get("back") == "queue"
    target = _queue_at(form) if back else f"/testimonies/{debriefing_id}"
    return RedirectResponse(f"{target}#mention-{mid}", status_code=303)


@router.post("/testimonies/mentions/{mention_id}/dismiss")
def dismiss(
    request: Request, session: Db, caller: Resolver, mention_id: str, form: Form
) -> Response:
    mid = number_of(mention_id, "mention")
    _attempt(session, lambda: usecases.dismiss(session, caller.actor, mid, form))
    return RedirectResponse(f"{_queue_at(form)}#mention-{mid}", status_code=303)


@router.post("/testimonies/mentions/{mention_id}/unlink")
def unlink(
    request: Request, session: Db, caller: Resolver, mention_id: str, form: Form
) -> Response:
    mid = number_of(mention_id, "mention")
    _attempt(session, lambda: usecases.unlink(session, caller.actor, mid, form))
    return RedirectResponse(usecases.where_mention_is(session, mid), status_code=303)


def _debriefing_page(
    request: Request,
    session: Session,
    caller: Caller,
    debriefing_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    page = usecases.debriefing_page(session, caller.actor, debriefing_id)
    row = page.debriefing
    names = usecases.person_names(
        session,
        {m.current.person_id for m in row.mentions if m.current and m.current.person_id}
        | ({row.witness_person_id} if row.witness_person_id else set()),
    )
    return render(
        request,
        "testimonies_debriefing.html",
        caller,
        status_code=status_code,
        debriefing=row,
        page=page,
        names=names,
        saved=request.query_params.get("saved"),
        reliabilities=[r.value for r in Reliability],
        credibilities=[c.value for c in Credibility],
        iword=incident_word,
        act_kinds=act_types(),
        **_context(),
        **extra,
    )


@router.get("/testimonies/{debriefing_id}")
def debriefing(
    request: Request, session: Db, caller: TestimonyReader, debriefing_id: str
) -> Response:
    return _debriefing_page(request, session, caller, number_of(debriefing_id, "debriefing"))


@router.post("/testimonies/mentions/{mention_id}/acts")
def act_from_mention(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.TESTIMONY_ACTS)],
    mention_id: str,
    form: Form,
) -> Response:
    """An act of what the witness told of the mention's person (into a new or an existing
    incident); on bad input the debriefing again, the message beside the mention's form."""
    mid = number_of(mention_id, "mention")
    try:
        debriefing_id = _attempt(
            session, lambda: usecases.act_from_mention(session, caller.actor, mid, form)
        )
    except (InvalidInput, NotFound) as error:
        if isinstance(error, NotFound) and "mention_id" in error.values:
            raise
        back = usecases.debriefing_of(session, mid)
        return _debriefing_page(
            request,
            session,
            caller,
            back,
            status_code=422,
            act_error={"mention": mid, "error": error, "form": form},
        )
    return RedirectResponse(f"/testimonies/{debriefing_id}?saved=act#mention-{mid}", 303)


# --- places ------------------------------------------------------------------------------


@router.get("/places")
def places(request: Request, session: Db, caller: Reader) -> Response:
    rows = usecases.places(session, caller.actor)
    return render(request, "places.html", caller, places=rows, **_context(nav="places"))


@router.get("/places/{place_id}")
def place(request: Request, session: Db, caller: Reader, place_id: str) -> Response:
    query = request.query_params
    shown = usecases.place(
        session,
        caller.actor,
        number_of(place_id, "place"),
        asked={key: page_of(query.get(key)) for key in usecases.PLACE_LISTS},
        params=query.multi_items(),
    )
    return render(
        request,
        "place.html",
        caller,
        view=shown.view,
        pages=shown.pages,
        **_context(nav="places"),
    )
