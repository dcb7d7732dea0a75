"""GET /api/testimonies and /api/testimonies/{id}: the debriefings, one with its mentions."""

from __future__ import annotations

from homeward.access.roles import Role
from tests.web.conftest import ClientFor


def test_a_debriefing_through_the_api(client_as: ClientFor) -> None:
    operator = client_as(Role.OPERATOR)
    response = operator.form(
        "/testimonies/new",
        {
            "witness_name": "W",
            "interviewer": "I",
            "held_on": "20.03.2024",
            "m-0-name_heard": "Гнатюк",
            "m-0-age": "25-30",
            "m-0-when": "03.2023 - 06.2023",
        },
    )
    assert response.status_code == 303
    debriefing_id = int(response.headers["location"].split("/")[-1].split("?")[0])
    analyst = client_as(Role.ANALYST)
    listed = analyst.get("/api/testimonies").json()
    assert [(d["id"], d["mentions"], d["open"]) for d in listed] == [(debriefing_id, 1, 1)]
    shown = analyst.get(f"/api/testimonies/{debriefing_id}").json()
    [mention] = shown["mentions"]
    assert mention["age"] == [25, 30]
    assert mention["when"] == {"from": "2023-03", "to": "2023-06"}
    assert mention["resolved"] is False and mention["resolution"] is None
    assert analyst.get("/api/testimonies/999999").status_code == 404
    assert client_as(Role.LIAISON).get("/api/testimonies").status_code == 403
