"""Exchanges through the API, to read: the exchanges with their share of returnees never
confirmed captive, and one exchange with its phases, both lists, the balance, the composition
and the reconciliations' figures (the same service and audit entry as the page and
`homeward exchange show --json`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from homeward.access.roles import Permission
from homeward.web.api.persons import MAX_ID, Problem
from homeward.web.deps import Caller, Db, needs
from homeward.web.usecases import exchanges as usecases

router = APIRouter(tags=["exchanges"])

Reader = Annotated[Caller, needs(Permission.READ)]
ExchangeId = Annotated[int, Path(ge=1, le=MAX_ID, description="the exchange's number")]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        401: "not signed in",
        403: "the role does not allow this",
        404: "there is no such exchange",
    }
    return {code: {"model": Problem, "description": words[code]} for code in codes}


class ExchangeBrief(BaseModel):
    id: int
    name: str
    mediator: str | None
    mode: str = Field(description="all_for_all, one_for_one or numbers")
    state: str = Field(description="proposed, agreed, carried_out or reconciled")
    phases: list[date] = Field(description="the day of each phase, the first is the exchange's")
    carried_out_on: date | None
    categories: list[str]
    returned: int | None = Field(description="our people who came back (own roster reconciled)")
    never_confirmed: int | None = Field(
        description="of them, how many the register had never confirmed as captive"
    )
    never_confirmed_share: float | None


class Listed(BaseModel):
    person_id: int
    name: str
    categories: list[str] = Field(description="the agreed categories he certainly falls under")
    fits_none: bool = Field(description="he falls under none of the agreed categories")
    categories_withheld: bool = Field(
        description="true for every row when the reader may not see the medical category and"
        " it is among the agreed: categories then empty and fits_none false for everyone"
    )


class CategoryBalance(BaseModel):
    code: str
    own: int
    adversary: int
    quota: int | None
    left_over: int = Field(description="own minus adversary")


class BalanceOut(BaseModel):
    balanced: bool
    own: int
    adversary: int
    problems: list[str] = Field(description="what makes the lists unbalanced under the mode")
    notes: list[str] = Field(description="differences the mode allows")
    fit_none: dict[str, int] | None = Field(
        description="persons listed under none of the agreed categories, by side; null when"
        " each person's categories are withheld from the reader (it would tell the ill apart)"
    )
    categories: list[CategoryBalance]


class ReconciliationOut(BaseModel):
    side: str
    file_name: str
    rows: int
    came_back_on_list: int
    came_back_not_on_list: int
    did_not_come: int
    unknown_to_register: int
    never_confirmed_before_return: int
    never_confirmed_share: float | None
    persons: dict[str, list[dict[str, Any]]] = Field(description="the persons behind each count")


class ExchangeOut(BaseModel):
    id: int
    name: str
    mediator: str | None
    mode: str
    state: str
    phases: list[date]
    carried_out_on: date | None
    categories: list[str]
    quotas: dict[str, int]
    agreed_reason: str | None
    lists: dict[str, list[Listed]] = Field(description="own: whom we ask back; adversary: offer")
    balance: BalanceOut
    composition: dict[str, dict[str, dict[str, int]]] = Field(
        description="each list counted by category, rank, citizenship and time held"
    )
    reconciliations: dict[str, ReconciliationOut]


@router.get("/exchanges", response_model=list[ExchangeBrief], responses=_errors(401, 403))
def exchange_list(session: Db, caller: Reader) -> list[ExchangeBrief]:
    """Every exchange, the latest first, with the share of our returnees never confirmed as
    captive before their return."""
    return [ExchangeBrief.model_validate(e) for e in usecases.exchanges_json(session, caller.actor)]


@router.get(
    "/exchanges/{exchange_id}", response_model=ExchangeOut, responses=_errors(401, 403, 404)
)
def exchange_show(session: Db, caller: Reader, exchange_id: ExchangeId) -> ExchangeOut:
    """One exchange: both lists as they now stand, the balance, the composition, the
    reconciliations."""
    found = usecases.exchange_json(session, caller.actor, exchange_id)
    return ExchangeOut.model_validate(found)
