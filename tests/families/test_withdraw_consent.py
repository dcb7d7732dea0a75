"""A family withdraws its consent from its page: the liaison's pages say so, the queue drops it,
and the page stays open to the family."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.registry.models import Contact
from tests.families.factories import add_fact
from tests.families.web import family_client, family_token, seed_family
from tests.web.conftest import ClientFor


def test_withdrawing_consent_is_recorded_shown_to_the_liaison_and_leaves_the_queue(
    app: FastAPI, web_db: Engine, client_as: ClientFor
) -> None:
    family = seed_family(web_db, "Коваленко")
    with Session(web_db) as session, session.begin():
        add_fact(session, family.person_id, "icrc_notification", "01.02.2024")
    liaison = client_as(Role.LIAISON)
    assert "Коваленко" in liaison.get("/families").text

    client = family_client(app, family.code)
    assert "Так, відкликати мою згоду" in client.get("/family/consent").text
    done = client.post("/family/consent", data={"csrf_token": family_token(client)})
    assert done.headers["location"] == "/family?done=withdrawn"
    page = client.get(done.headers["location"]).text
    assert "Вашу згоду відкликано" in page and "Полон підтверджено" in page

    with Session(web_db) as session:
        contact = session.get(Contact, family.contact_id)
        assert contact is not None and contact.consent_withdrawn_at is not None
        assert not contact.consent_contact and not contact.consent_share
        assert contact.consent_withdrawn_by == f"family-code-{family.code_id}"
    assert "Коваленко" not in liaison.get("/families").text
    workspace = liaison.get(f"/families/persons/{family.person_id}").text
    assert "Родина відкликала згоду через сторінку родини" in workspace
