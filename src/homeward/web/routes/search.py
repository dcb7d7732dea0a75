"""The search page: one box for a name or a document number, filters, and pages of results.

Typing in the box asks again through HTMX, which replaces only the results; without JavaScript
the form is a plain GET and the whole page comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.dates import day_bound
from homeward.errors import InvalidInput
from homeward.registry.search import MAX_QUERY_LENGTH, SearchFilters, SearchPage
from homeward.registry.vocab import Side, Status
from homeward.web.deps import Caller, Db, needs
from homeward.web.labels import _, word
from homeward.web.pages import render
from homeward.web.paging import Pages, page_of
from homeward.web.routes.persons import shown_date
from homeward.web.usecases import persons as usecases
from homeward.web.usecases.exports import export_search

router = APIRouter(include_in_schema=False)

PER_PAGE = 20
# The orders of a list by filters alone (registry.search.ORDERS), in the page's words.
LIST_ORDERS = (
    ("number", _("as recorded")),
    ("surname", _("by surname")),
    ("missing_newest", _("missing most recently first")),
    ("missing_oldest", _("missing longest first")),
    ("status", _("by status")),
)


@dataclass(frozen=True)
class SearchForm:
    """The search form as typed: shown back in the form, and in the pages' links."""

    q: str = ""
    status: str = ""
    side: str = ""
    missing_from: str = ""
    missing_to: str = ""
    missing_place: str = ""
    unit: str = ""
    order: str = ""

    @property
    def empty(self) -> bool:
        return not any(value.strip() for key, value in vars(self).items() if key != "order")

    def pages(self, found: SearchPage) -> Pages:
        """The results' pages (`_pager.html`), their links keeping the form as typed."""
        return Pages.of(
            found.page,
            per_page=found.per_page,
            total=found.total,
            path="/search",
            params=list(vars(self).items()),
        )


def _choice(field: str, text: str, allowed: type[Status] | type[Side]) -> str | None:
    text = text.strip()
    if not text:
        return None
    if text not in {member.value for member in allowed}:
        raise InvalidInput(field, _("is not one of the choices"))
    return text


def filters_of(form: SearchForm) -> SearchFilters:
    """The filters, each checked: a bad value is an `InvalidInput` naming its field."""
    status = _choice("status", form.status, Status)
    side = _choice("side", form.side, Side)
    return SearchFilters(
        status=Status(status) if status else None,
        side=Side(side) if side else None,
        missing_from=day_bound(form.missing_from, field="missing_from", last=False),
        missing_to=day_bound(form.missing_to, field="missing_to", last=True),
        missing_place=form.missing_place.strip()[:200] or None,
        unit=form.unit.strip()[:100] or None,
        order=form.order.strip() or "number",
    )


@router.get("/search")
def search_page(
    request: Request,
    session: Db,
    caller: Annotated[Caller, needs(Permission.READ)],
    form: Annotated[SearchForm, Depends()],
    page: str = "",
) -> Response:
    results: SearchPage | None = None
    error: InvalidInput | None = None
    try:
        if not form.empty:
            filters = filters_of(form)
            results = usecases.search(
                session, caller.actor, form.q, filters, page=page_of(page), per_page=PER_PAGE
            )
            last = form.pages(results).page
            if results.page > last:  # a page past the last is the last, as in every list
                results = usecases.search(
                    session, caller.actor, form.q, filters, page=last, per_page=PER_PAGE
                )
    except InvalidInput as invalid:
        error = invalid
    fragment = (
        request.headers.get("hx-request") == "true"
        and request.headers.get("hx-history-restore-request") != "true"
    )
    return render(
        request,
        "_search_results.html" if fragment else "search.html",
        caller,
        status_code=422 if error else 200,
        form=form,
        results=results,
        pages=form.pages(results) if results else None,
        error=error,
        orders=LIST_ORDERS,
        statuses=list(Status),
        sides=list(Side),
        word=word,
        day=shown_date,
        max_query=MAX_QUERY_LENGTH,
        nav="search",
    )


@router.get("/search/export")
def search_export(
    session: Db,
    caller: Annotated[Caller, needs(Permission.EXPORT)],
    form: Annotated[SearchForm, Depends()],
    format: str = "csv",
) -> Response:
    """Every person the search finds, as a file (the export is audited)."""
    if form.empty:
        raise InvalidInput("query", _("search or filter first: an export holds what you found"))
    exported = export_search(
        session, caller.actor, form.q, filters_of(form), file_format=format, lang=caller.lang
    )
    disposition = f'attachment; filename="{exported.name}"'
    return Response(
        exported.content, media_type=exported.media_type,
        headers={"Content-Disposition": disposition},
    )  # fmt: skip
