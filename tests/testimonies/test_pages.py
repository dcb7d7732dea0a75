"""The debriefing pages: the form with a mention per row and live candidates, the debriefing,
the queue of open mentions and its resolution, places' pages."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.registry.service import create_person
from tests.factories import person_in
from tests.web.conftest import ClientFor


def a_person(web_db: Engine, **fields: str) -> int:
    with Session(web_db) as session, session.begin():
        person = create_person(
            session, actor=Actor("setup", Channel.CLI), person=person_in(**fields)
        )
        return person.id


def test_the_form_shows_candidates_for_a_row_while_typing(
    client_as: ClientFor, web_db: Engine
) -> None:
    person = a_person(web_db)
    client = client_as(Role.OPERATOR)
    form = client.get("/testimonies/new")
    assert form.status_code == 200 and 'name="m-4-name_heard"' in form.text
    found = client.form(
        "/testimonies/candidates", {"row": "2", "m-2-name_heard": "Kovalenko Oleksandr"}
    )
    assert found.status_code == 200
    assert f'name="m-2-person_id" value="{person}"' in found.text
    row = client.get("/testimonies/row?n=5")
    assert 'name="m-5-name_heard"' in row.text and "/testimonies/row?n=6" in row.text


def test_a_debriefing_recorded_on_the_form_links_and_queues(
    client_as: ClientFor, web_db: Engine
) -> None:
    person = a_person(web_db)
    client = client_as(Role.OPERATOR)
    response = client.form(
        "/testimonies/new",
        {
            "witness_name": "Свідченко Андрій",
            "interviewer": "operator",
            "held_on": "20.03.2024",
            "language": "uk",
            "m-0-name_heard": "Коваленко Олександр",
            "m-0-place": "СІЗО-2 Таганрог",
            "m-0-when": "2023",
            "m-0-person_id": str(person),
            "m-1-name_heard": "Сашко з Полтави",
            "m-1-age": "~30",
            "m-1-when": "2023",
            "m-1-words": "<b>from Poltava</b>",
        },
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    assert "Сашко з Полтави" in page.text and "&lt;b&gt;from Poltava&lt;/b&gt;" in page.text
    assert f'href="/persons/{person}"' in page.text

    analyst = client_as(Role.ANALYST)
    queue = analyst.get("/testimonies/mentions")
    assert queue.status_code == 200 and "Сашко з Полтави" in queue.text
    mention = int(queue.text.split('id="mention-')[1].split('"')[0])
    later = a_person(web_db, surname="Сашко", given_name="Іван")
    linked = analyst.form(
        f"/testimonies/mentions/{mention}/link", {"person_id": str(later), "back": "queue"}
    )
    assert linked.status_code == 303
    assert "Сашко з Полтави" not in analyst.get("/testimonies/mentions").text
    to_linked = analyst.get(f"/testimonies/mentions/{mention}", follow_redirects=False)
    assert to_linked.headers["location"].endswith(f"#mention-{mention}")
    assert to_linked.headers["location"].startswith("/testimonies/")  # its debriefing
    assert not to_linked.headers["location"].startswith("/testimonies/mentions")
    undone = analyst.form(f"/testimonies/mentions/{mention}/unlink", {"reason": "another man"})
    assert undone.status_code == 303
    assert undone.headers["location"] == f"/testimonies/mentions#mention-{mention}"
    assert "Сашко з Полтави" in analyst.get("/testimonies/mentions").text

    place_id = int(page.text.split('href="/places/')[1].split('"')[0])
    place = client_as(Role.LIAISON).get(f"/places/{place_id}")
    assert place.status_code == 200 and "Коваленко Олександр" in place.text
    assert client_as(Role.LIAISON).get("/places").status_code == 200


def test_bad_input_shows_the_form_again_naming_the_row(client_as: ClientFor) -> None:
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    response = client.form(
        "/testimonies/new",
        {
            "witness_name": "W",
            "interviewer": "I",
            "held_on": "20.03.2024",
            "m-0-name_heard": "A",
            "m-1-age": "сто",
        },
    )
    assert response.status_code == 422
    assert "row 2" in response.text and 'value="сто"' in response.text
    assert 'href="/testimonies/1"' not in client_as(Role.ANALYST).get("/testimonies").text


def test_the_queue_proposes_a_person_added_after_the_debriefing(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    response = client.form(
        "/testimonies/new",
        {
            "witness_name": "W",
            "interviewer": "I",
            "held_on": "20.03.2024",
            "m-0-name_heard": "Прокопенко Юрій",
            "m-0-when": "2023",
        },
    )
    assert response.status_code == 303
    assert "Proposed when they were added" not in client.get("/testimonies/mentions").text
    later = a_person(web_db, surname="Прокопенко", given_name="Юрій", birth_date="1993")
    client.get("/testimonies/mentions")  # looks again at the persons added since
    queue = client.get("/testimonies/mentions").text
    assert "Proposed when they were added" in queue
    assert queue.count(f'href="/persons/{later}"') >= 2  # the proposal and the live candidate


def test_the_audit_log_names_debriefings_in_the_readers_language(client_as: ClientFor) -> None:
    operator = client_as(Role.OPERATOR)
    response = operator.form(
        "/testimonies/new",
        {
            "witness_name": "W",
            "interviewer": "I",
            "held_on": "20.03.2024",
            "m-0-name_heard": "Гнатюк",
        },
    )
    assert response.status_code == 303
    page = client_as(Role.AUDITOR).get("/audit", params={"action": "record_debriefing"}).text
    assert "опитування" in page and ">debriefing " not in page


def test_an_investigator_is_led_to_no_queue_of_mentions_he_may_not_open(
    client_as: ClientFor, web_db: Engine
) -> None:
    """Investigators read debriefings but resolve no mention: the debriefing's "Resolve" link
    is for those who may."""
    from homeward.testimonies.schemas import MentionIn
    from tests.testimonies.factories import debrief

    with Session(web_db) as session, session.begin():
        held = debrief(session, None, MentionIn(name_heard="Сашко з Полтави", when="2023")).id
    analyst = client_as(Role.ANALYST).get(f"/testimonies/{held}").text
    assert 'href="/testimonies/mentions/' in analyst
    investigator = client_as(Role.INVESTIGATOR)
    page = investigator.get(f"/testimonies/{held}")
    assert page.status_code == 200 and "Сашко з Полтави" in page.text
    assert "/testimonies/mentions" not in page.text
    assert investigator.get("/testimonies/mentions").status_code == 403
