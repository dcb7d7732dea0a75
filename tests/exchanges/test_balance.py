"""The balance judged per category under the mode, and a listed person under none of the agreed
categories flagged on his list and counted against the balance."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.exchanges import candidates, service
from homeward.exchanges.lists import balance
from homeward.exchanges.models import Exchange
from homeward.exchanges.vocab import ListSide, Mode
from tests.exchanges.factories import NEGOTIATOR, our_captive
from tests.exchanges.test_pages import _seed
from tests.web.conftest import ClientFor


def test_one_for_one_is_judged_in_every_category_not_only_in_all() -> None:
    own = {1: ["under_25"], 2: ["under_25"], 3: ["seriously_ill"]}
    adversary = {4: ["under_25"], 5: ["seriously_ill"], 6: ["seriously_ill"]}
    result = balance(Mode.ONE_FOR_ONE, own, adversary, ["under_25", "seriously_ill"], {})
    assert not result.balanced
    assert [p.values["code"] for p in result.problems] == ["under_25", "seriously_ill"]
    assert result.problems[0].values["left_over"] == 1


def test_a_person_under_no_agreed_category_unbalances_every_mode() -> None:
    own = {1: ["under_25"], 2: []}
    adversary = {3: ["under_25"], 4: ["civilians"]}
    for mode in Mode:
        result = balance(mode, own, adversary, ["under_25"], {})
        assert not result.balanced, mode
        assert (result.unfit_own, result.unfit_adversary) == ((2,), (4,))


def test_all_for_all_lets_the_numbers_differ_and_says_by_how_much() -> None:
    result = balance(Mode.ALL_FOR_ALL, {1: ["under_25"]}, {2: ["under_25"], 3: ["under_25"]},
                     ["under_25"], {})  # fmt: skip
    assert result.balanced
    assert [n.values["left_over"] for n in result.notes] == [-1]


def test_the_balance_box_names_what_is_unbalanced_and_flags_the_unfit(
    client_as: ClientFor, web_db: Engine
) -> None:
    ids = _seed(web_db)
    with Session(web_db) as session, session.begin():
        for side, persons in ((ListSide.OWN, [ids["young"], ids["old"]]),
                              (ListSide.ADVERSARY, [ids["prisoner"]])):  # fmt: skip
            service.propose(
                session, actor=NEGOTIATOR, exchange_id=ids["exchange"], side=side,
                person_ids=persons, reason="r",
            )  # fmt: skip
    page = client_as(Role.ANALYST).get(f"/exchanges/{ids['exchange']}?lang=uk")
    assert 'id="balance-state" class="unbalanced"' in page.text
    assert "Збалансовано" not in page.text.split('id="balance-state"')[1].split("</p>")[0]
    assert "у списку поза всіма погодженими категоріями (кого просимо повернути): 1" in page.text
    assert f'data-fits-none="{ids["old"]}"' in page.text
    assert f'data-fits-none="{ids["young"]}"' not in page.text
    assert 'id="fit-none"' in page.text


def test_agreeing_unbalanced_lists_is_refused_in_the_pages_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    ids = _seed(web_db)
    with Session(web_db) as session, session.begin():
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=ids["exchange"], side=ListSide.OWN,
            person_ids=[ids["old"]], reason="r",
        )  # fmt: skip
    refused = client_as(Role.ADMIN).form(f"/exchanges/{ids['exchange']}/agree?lang=uk", {})
    assert refused.status_code == 422
    said = refused.text.split('id="agree-error">')[1].split("</p>")[0]
    assert "Списки не збалансовано" in said
    assert "listed under none" not in refused.text and "asked back" not in refused.text


def test_a_person_under_a_category_only_maybe_is_said_so_not_under_none() -> None:
    own = {1: [], 2: [], 3: ["under_25"]}
    maybe = {1: ["under_25"], 2: ["seriously_ill"]}  # 2: maybe, but not under an agreed one
    result = balance(Mode.ALL_FOR_ALL, own, {4: ["under_25"]}, ["under_25"], {}, maybe)
    assert (result.unfit_own, result.uncertain_own) == ((2,), (1,))
    assert not result.balanced
    said = [str(p) for p in result.problems]
    assert said == [
        "listed under none of the agreed categories (own): 1",
        "listed under the agreed categories only maybe (own): 1; "
        "the register's facts do not settle it",
    ]
    assert result.rows[0].own == 1  # a maybe is not counted under the category
    assert result.maybe_under == {1: ("under_25",)}  # his list's words, from the same answer


def test_the_exchange_page_says_maybe_where_the_builder_said_maybe(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _seed(web_db)
    with Session(web_db) as session, session.begin():
        # born in 2001: 24 or 25 on the exchange day, as the builder says, "maybe"
        unsure = our_captive(session, surname="Бондар", birth_date="2001")
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=ids["exchange"], side=ListSide.OWN,
            person_ids=[unsure, ids["old"]], reason="r",
        )  # fmt: skip
    calls: list[list[int]] = []
    evaluated = service.maybe_under

    def counted(session: Session, exchange: Exchange, person_ids: list[int]) -> Any:
        calls.append(list(person_ids))
        return evaluated(session, exchange, person_ids)

    monkeypatch.setattr(service, "maybe_under", counted)
    monkeypatch.setattr(candidates, "maybe_under", counted, raising=False)  # as it once was
    page = client_as(Role.ANALYST).get(f"/exchanges/{ids['exchange']}?lang=uk").text
    assert len(calls) == 1  # the balance's answer is the list's too: evaluated once
    assert f'data-fits-maybe="{unsure}"' in page and f'data-fits-none="{unsure}"' not in page
    assert f'data-fits-none="{ids["old"]}"' in page
    assert "у списку лише можливо під погодженими категоріями (кого просимо повернути): 1" in page
    assert 'id="fit-maybe"' in page and 'id="fit-none"' in page
