"""The review queue: pending pairs, one pair side by side, decisions with a reason, audited;
through the pages and the API."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.linkage.models import LinkProposal, Merge
from homeward.linkage.review import propose
from homeward.linkage.scoring import FieldWeight, PairScore
from homeward.registry.models import Evidence, Person, Report
from homeward.registry.schemas import ReportIn, SourceIn
from homeward.registry.service import create_person
from homeward.registry.sources import add_report
from tests.factories import person_in
from tests.web.conftest import ADMIN_CONSOLE, Client, ClientFor

SCORE = PairScore(
    match_weight=4.1,
    match_probability=0.9446,
    fields=(
        FieldWeight("surname", "same key, rare", 9.1, "Kovalenko ~ Коваленко"),
        FieldWeight("date of birth", "day and month swapped", 3.2, "1999-03-12 ~ 1999-12-03"),
        FieldWeight("unit", "different", -4.25, "А0536 ~ А1234"),
    ),
    vetoed=None,
)
VETOED = PairScore(
    2.0, 0.8, (FieldWeight("service number", "different", -8.0),), "different service numbers"
)


def english(client: Client) -> Client:
    client.cookies.set("homeward_lang", "en")
    return client


def person_pair(engine: Engine, score: PairScore = SCORE) -> tuple[int, int, int]:
    """Two records of one man, and the proposal that they are one."""
    with Session(engine) as session, session.begin():
        first = create_person(session, actor=ADMIN_CONSOLE, person=person_in()).id
        second = create_person(
            session,
            actor=ADMIN_CONSOLE,
            person=person_in(given_name="Александр", birth_date="03.12.1999", unit="А1234"),
        ).id
        proposal = propose(
            session, score=score, model_version="test", person_id=second, other_person_id=first
        )
        assert proposal is not None
        return first, second, proposal.id


def report_pair(engine: Engine) -> tuple[int, int, int]:
    """A captor's list row that may be about a person, and the proposal."""
    with Session(engine) as session, session.begin():
        person = create_person(session, actor=ADMIN_CONSOLE, person=person_in()).id
        report = add_report(
            session,
            actor=ADMIN_CONSOLE,
            report=ReportIn(
                source=SourceIn(kind="list", name="captor's list 2023-05"),
                payload={
                    "surname": "Коваленко",
                    "given_name": "Александр",
                    "birth_date": "1999-03-12",  # as an import stores it
                    "evidence": {
                        "kind": "captor_list",
                        "on": "2023-05-01",
                        "reliability": "medium",
                    },
                },
            ),
        ).id
        proposal = propose(
            session, score=SCORE, model_version="test", person_id=person, report_id=report
        )
        assert proposal is not None
        return person, report, proposal.id


def last_seq(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.max(AuditEntry.seq))) or 0


def audit_since(engine: Engine, seq: int) -> list[AuditEntry]:
    with Session(engine) as session:
        query = select(AuditEntry).where(AuditEntry.seq > seq).order_by(AuditEntry.seq)
        return list(session.scalars(query))


def proposal_of(engine: Engine, proposal_id: int) -> LinkProposal:
    with Session(engine) as session:
        proposal = session.get(LinkProposal, proposal_id)
        assert proposal is not None
        return proposal


def merged_into(engine: Engine, person_id: int) -> int | None:
    with Session(engine) as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.merged_into_id


# pages


def test_the_queue_lists_pending_pairs_with_both_names_and_is_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    _first, _second, proposal_id = person_pair(web_db)
    _person, report_id, report_proposal = report_pair(web_db)
    before = last_seq(web_db)
    response = english(client_as(Role.ANALYST)).get("/review")
    assert response.status_code == 200
    page = response.text
    assert page.count("Коваленко Олександр Петрович") == 2  # in both pairs
    assert "Коваленко Александр Петрович" in page  # the other person
    assert "Коваленко Александр" in page and f"report {report_id}" in page
    assert f'href="/review/{proposal_id}"' in page and f'href="/review/{report_proposal}"' in page
    assert "94.4 %" in page  # rounded down, never up
    entries = audit_since(web_db, before)
    assert [e.action for e in entries] == ["view_review"]
    assert set(entries[0].detail["proposals"]) == {proposal_id, report_proposal}


def test_the_queue_is_paged(client_as: ClientFor, web_db: Engine) -> None:
    with Session(web_db) as session, session.begin():
        ids = [
            create_person(session, actor=ADMIN_CONSOLE, person=person_in(surname=f"Тест{i}")).id
            for i in range(27)
        ]
        for left, right in pairwise(ids):
            propose(session, score=SCORE, model_version="t", person_id=left, other_person_id=right)
    client = english(client_as(Role.ANALYST))
    first = client.get("/review")
    assert "Page 1 of 2" in first.text and 'href="/review?page=2"' in first.text
    second = client.get("/review?page=2")
    assert second.status_code == 200 and second.text.count('class="button secondary"') == 1
    assert client.get("/review?page=0").status_code == 422
    past = client.get("/review?page=9").text  # past the last page: the last
    assert "Page 2 of 2" in past and past.count('class="button secondary"') == 1
    assert 'href="/review" rel="prev"' in past


def test_a_pair_is_shown_side_by_side_with_the_weights(
    client_as: ClientFor, web_db: Engine
) -> None:
    first, second, proposal_id = person_pair(web_db)
    before = last_seq(web_db)
    response = english(client_as(Role.ANALYST)).get(f"/review/{proposal_id}")
    assert response.status_code == 200
    page = response.text
    assert f'href="/persons/{first}"' in page and f'href="/persons/{second}"' in page
    assert "Олександр" in page and "Александр" in page
    assert "12.03.1999" in page and "03.12.1999" in page
    assert 'class="num plus"' in page and 'class="num minus"' in page
    assert "Kovalenko ~ Коваленко" in page
    assert "12.03.1999 ~ 03.12.1999" in page and "1999-03-12" not in page  # dates day first
    assert "same key, rare" in proposal_of(web_db, proposal_id).explanation
    assert "surname: same key, rare" in page  # the explanation text
    assert f'action="/review/{proposal_id}/reject"' in page
    assert f'formaction="/review/{proposal_id}/accept"' in page
    assert 'name="csrf_token"' in page and 'name="reason"' in page
    entries = audit_since(web_db, before)
    assert [(e.action, e.object_id) for e in entries] == [("view_review", str(proposal_id))]


def test_a_veto_is_shown(client_as: ClientFor, web_db: Engine) -> None:
    _first, _second, proposal_id = person_pair(web_db, VETOED)
    page = english(client_as(Role.ANALYST)).get(f"/review/{proposal_id}").text
    assert "Never linked automatically:" in page and "different service numbers" in page


def test_the_weights_are_in_ukrainian(client_as: ClientFor, web_db: Engine) -> None:
    _first, _second, proposal_id = person_pair(web_db)
    page = client_as(Role.ANALYST).get(f"/review/{proposal_id}").text
    assert "прізвище" in page and "однаковий ключ, рідкісне" in page


def test_accepting_a_person_pair_merges_them_and_goes_to_the_next_pair(
    client_as: ClientFor, web_db: Engine
) -> None:
    first, second, proposal_id = person_pair(web_db)
    _person, _report, next_id = report_pair(web_db)
    before = last_seq(web_db)
    client = english(client_as(Role.ANALYST))
    response: Any = client.form(
        f"/review/{proposal_id}/accept", {"reason": "same unit, same mother"}
    )
    assert response.status_code == 303
    assert (
        response.headers["location"] == f"/review/{next_id}?decided={proposal_id}&outcome=accepted"
    )
    assert merged_into(web_db, second) == first
    proposal = proposal_of(web_db, proposal_id)
    assert (proposal.status, proposal.decided_by) == ("accepted", "test-analyst")
    assert proposal.decision_reason == "same unit, same mother"
    entries = audit_since(web_db, before)
    assert [e.action for e in entries] == ["review_accept", "merge"]
    with Session(web_db) as session:
        merge = session.scalars(select(Merge)).one()
        assert entries[1].object_id == str(merge.id)
        assert (merge.survivor_id, merge.absorbed_id) == (first, second)
    assert f"Pair {proposal_id} accepted." in client.get(response.headers["location"]).text


def test_accepting_a_report_links_it_and_records_its_evidence(
    client_as: ClientFor, web_db: Engine
) -> None:
    person, report_id, proposal_id = report_pair(web_db)
    before = last_seq(web_db)
    response: Any = client_as(Role.ANALYST).form(
        f"/review/{proposal_id}/accept", {"reason": "birth date and name agree"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/review?decided={proposal_id}&outcome=accepted"
    with Session(web_db) as session:
        report = session.get(Report, report_id)
        assert report is not None and report.person_id == person
        evidence = session.scalars(select(Evidence).where(Evidence.report_id == report_id)).one()
        assert evidence.kind == "captor_list"
    assert [e.action for e in audit_since(web_db, before)] == ["review_accept", "link_report"]


def test_rejecting_keeps_both_persons_apart(client_as: ClientFor, web_db: Engine) -> None:
    _first, second, proposal_id = person_pair(web_db)
    before = last_seq(web_db)
    response: Any = client_as(Role.ANALYST).form(
        f"/review/{proposal_id}/reject", {"reason": "different fathers"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/review?decided={proposal_id}&outcome=rejected"
    assert merged_into(web_db, second) is None
    assert proposal_of(web_db, proposal_id).status == "rejected"
    entries = audit_since(web_db, before)
    assert [(e.action, e.object_id) for e in entries] == [("review_reject", str(proposal_id))]
    assert entries[0].detail["reason"] == "different fathers"


def test_a_decided_pair_cannot_be_decided_again(client_as: ClientFor, web_db: Engine) -> None:
    _first, second, proposal_id = person_pair(web_db)
    client = english(client_as(Role.ANALYST))
    client.form(f"/review/{proposal_id}/reject", {"reason": "different fathers"})
    before = last_seq(web_db)
    response: Any = client.form(f"/review/{proposal_id}/accept", {"reason": "on second thought"})
    assert response.status_code == 409
    assert f"proposal {proposal_id} was already decided (rejected by test-analyst)" in response.text
    assert merged_into(web_db, second) is None
    assert proposal_of(web_db, proposal_id).status == "rejected"
    assert audit_since(web_db, before) == []
    page = client.get(f"/review/{proposal_id}").text
    assert "Rejected" in page and "different fathers" in page
    assert f'formaction="/review/{proposal_id}/accept"' not in page


def test_a_decision_needs_a_reason(client_as: ClientFor, web_db: Engine) -> None:
    _first, second, proposal_id = person_pair(web_db)
    response: Any = english(client_as(Role.ANALYST)).form(
        f"/review/{proposal_id}/accept", {"reason": "   "}
    )
    assert response.status_code == 422
    assert 'id="reason-error"' in response.text and "say why" in response.text
    assert merged_into(web_db, second) is None
    assert proposal_of(web_db, proposal_id).status == "pending"


def test_an_unknown_pair_is_404(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.ANALYST)
    assert client.get("/review/999999").status_code == 404
    assert client.form("/review/999999/accept", {"reason": "x"}).status_code == 404
    assert client.get("/review/99999999999999999999").status_code == 422


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.LIAISON, Role.AUDITOR])
def test_a_role_without_review_gets_403(client_as: ClientFor, web_db: Engine, role: Role) -> None:
    _first, second, proposal_id = person_pair(web_db)
    client = client_as(role)
    assert client.get("/review").status_code == 403
    assert client.get(f"/review/{proposal_id}").status_code == 403
    response: Any = client.form(f"/review/{proposal_id}/accept", {"reason": "same"})
    assert response.status_code == 403
    assert merged_into(web_db, second) is None
    assert proposal_of(web_db, proposal_id).status == "pending"


def test_without_the_csrf_token_nothing_is_decided(client_as: ClientFor, web_db: Engine) -> None:
    _first, second, proposal_id = person_pair(web_db)
    client = client_as(Role.ANALYST)
    assert client.post(f"/review/{proposal_id}/accept", data={"reason": "same"}).status_code == 403
    assert merged_into(web_db, second) is None
    assert proposal_of(web_db, proposal_id).status == "pending"


def test_a_reports_dates_are_shown_day_first_as_the_persons_are(
    client_as: ClientFor, web_db: Engine
) -> None:
    _, _, proposal_id = report_pair(web_db)
    page = client_as(Role.ANALYST).get(f"/review/{proposal_id}").text
    assert "12.03.1999" in page and "1999-03-12" not in page


# the API


def test_api_queue_pair_and_accept(client_as: ClientFor, web_db: Engine) -> None:
    first, second, proposal_id = person_pair(web_db)
    client = client_as(Role.ANALYST)
    queue = client.get("/api/review?limit=10").json()
    assert queue["total"] == 1 and queue["limit"] == 10
    item = queue["proposals"][0]
    assert (item["id"], item["kind"], item["person_id"], item["other_person_id"]) == (
        proposal_id,
        "person_pair",
        first,
        second,
    )
    pair = client.get(f"/api/review/{proposal_id}").json()
    assert pair["status"] == "pending"
    assert pair["left"]["values"]["birth_date"] == "1999-03-12"
    assert pair["right"]["values"]["given_name"] == "Александр"
    assert {"field": "unit", "level": "different", "weight": -4.25, "values": "А0536 ~ А1234"} in (
        pair["fields"]
    )
    response = client.post(
        f"/api/review/{proposal_id}/accept",
        json={"reason": "same man"},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "accepted" and body["person_id"] == first
    assert body["merge_id"] and body["next_id"] is None
    assert merged_into(web_db, second) == first
    again = client.post(
        f"/api/review/{proposal_id}/reject",
        json={"reason": "changed my mind"},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert again.status_code == 409
    assert "already decided" in again.json()["detail"]


def test_api_reject_and_its_errors(client_as: ClientFor, web_db: Engine) -> None:
    _first, second, proposal_id = person_pair(web_db)
    client = client_as(Role.ANALYST)
    headers = {"X-CSRF-Token": client.csrf}
    url = f"/api/review/{proposal_id}/reject"
    blank = client.post(url, json={"reason": " "}, headers=headers)
    assert blank.status_code == 422 and blank.json()["field"] == "reason"
    assert client.post(url, json={}, headers=headers).status_code == 422
    assert client.post(url, json={"reason": "x"}).status_code == 403  # no CSRF token
    assert (
        client.post("/api/review/999999/reject", json={"reason": "x"}, headers=headers).status_code
        == 404
    )
    assert client.get("/api/review/999999").status_code == 404
    response = client.post(url, json={"reason": "different fathers"}, headers=headers)
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert merged_into(web_db, second) is None


def test_api_review_needs_a_session_and_the_permission(
    client_as: ClientFor, web_db: Engine
) -> None:
    _first, _second, proposal_id = person_pair(web_db)
    assert client_as(None).get("/api/review").status_code == 401
    operator = client_as(Role.OPERATOR)
    assert operator.get("/api/review").status_code == 403
    assert operator.get(f"/api/review/{proposal_id}").status_code == 403
    response = operator.post(
        f"/api/review/{proposal_id}/accept",
        json={"reason": "same"},
        headers={"X-CSRF-Token": operator.csrf},
    )
    assert response.status_code == 403
    assert proposal_of(web_db, proposal_id).status == "pending"


def test_the_api_is_described(client_as: ClientFor) -> None:
    schema = client_as(None).get("/api/openapi.json").json()
    for path in (
        "/api/intake/candidates",
        "/api/intake",
        "/api/review",
        "/api/review/{proposal_id}",
        "/api/review/{proposal_id}/accept",
        "/api/review/{proposal_id}/reject",
    ):
        assert path in schema["paths"], path
    accept = schema["paths"]["/api/review/{proposal_id}/accept"]["post"]
    assert {"401", "403", "404", "409", "422"} <= set(accept["responses"])
    assert "201" in schema["paths"]["/api/intake"]["post"]["responses"]


def test_the_weights_add_up_from_the_prior_to_the_score(
    client_as: ClientFor, web_db: Engine
) -> None:
    _first, _second, proposal_id = person_pair(web_db)
    page = english(client_as(Role.ANALYST)).get(f"/review/{proposal_id}").text
    # 4.1 = prior + 9.1 + 3.2 − 4.25: the prior is −3.95 bits
    assert "Before comparing" in page and ">−4<" in page  # the prior, rounded
    assert "Sum: the match weight" in page and "+4.1" in page
    assert "means a probability of 94.4% that the two are one person" in page


def test_a_common_name_that_agrees_is_weak_evidence_not_evidence_against(
    client_as: ClientFor, web_db: Engine
) -> None:
    common = PairScore(
        1.0, 0.67, (FieldWeight("surname", "same name, common", -0.5),
                    FieldWeight("date of birth", "same date", 8.0)), None
    )  # fmt: skip
    _first, _second, proposal_id = person_pair(web_db, common)
    page = english(client_as(Role.ANALYST)).get(f"/review/{proposal_id}").text
    assert 'class="num weak"' in page and 'class="num minus"' not in page
    assert "so common that it says little" in page


def test_dates_in_the_models_values_are_written_day_first_and_codes_left_alone() -> None:
    from homeward.web.pages import _day_first

    assert _day_first("1978-11-05 ~ 1977") == "05.11.1978 ~ 1977"
    assert _day_first("1978-11 ~ 1978-11-05", months=True) == "11.1978 ~ 05.11.1978"
    assert _day_first("1978-11 bryhada ~ 1978-11-05") == "1978-11 bryhada ~ 05.11.1978"
    assert _day_first("АВ-1978-11 ~ 1234-56", months=True) == "АВ-1978-11 ~ 1234-56"


def test_compared_values_keep_each_date_and_code_whole_and_escape_the_rest() -> None:
    from homeward.web.pages import _compared_values

    html = str(_compared_values("1978-11-05 ~ 1978-11", months=True))
    assert html == (
        '<span class="value"><span class="nobreak">05.11.1978</span></span> ~ '
        '<span class="value"><span class="nobreak">11.1978</span></span>'
    )
    html = str(_compared_values("Бригада <b>&</b> А0536 ~ x"))
    assert '<span class="nobreak">А0536</span>' in html
    assert "Бригада &lt;b&gt;&amp;&lt;/b&gt; " in html and "<b>" not in html
