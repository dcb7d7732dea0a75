"""The long lists come a page at a time (`homeward.web.paging`): the incidents, the queue of
families to inform, the outbox of e-mails to families, the debriefings, the open mentions, the
alleged perpetrators and a place's last sightings, moves and timeline. Each page's links keep
the list's filters, a page past the last is the last, and the audit entry of a page names what
that page showed."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.audit import AuditAction
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.families import outbox
from homeward.families.schemas import OutboxIn
from homeward.registry.evidence import add_evidence
from homeward.registry.sources import get_or_create_place
from homeward.testimonies.places import place_view
from homeward.testimonies.schemas import MentionIn
from homeward.violations import service as violations
from homeward.violations.schemas import PerpetratorIn
from homeward.web.paging import Pages, page_of
from homeward.web.routes import families_mail
from homeward.web.usecases import families as family_pages
from homeward.web.usecases import incidents as incident_pages
from homeward.web.usecases import testimonies as testimony_pages
from tests.factories import evidence_in
from tests.families.factories import LIAISON, a_contact, add_fact
from tests.families.factories import a_person as an_own_person
from tests.testimonies.factories import OPERATOR, debrief
from tests.violations.factories import INVESTIGATOR, a_person, an_act, an_incident
from tests.web.conftest import ClientFor


def test_a_page_past_the_last_is_the_last_and_the_links_keep_the_filters() -> None:
    pages = Pages.of(
        9, per_page=10, total=25, path="/incidents", params=[("type", "torture"), ("page", "9")]
    )
    assert (pages.page, pages.count, pages.first_shown, pages.last_shown) == (3, 3, 21, 25)
    assert pages.link(2) == "/incidents?type=torture&page=2"
    assert pages.link(1) == "/incidents?type=torture"
    assert pages.filters == "type=torture"
    assert Pages.of(1, per_page=10, total=0, path="/families").count == 1


def _shown(total: int, page: int, lang: str = "uk") -> str:
    from homeward.i18n import translator
    from homeward.web.pages import env

    pages = Pages.of(page, per_page=20, total=total, path="/families/outbox")
    template = env.from_string('{% from "_pager.html" import shown with context %}{{ shown(p) }}')
    return template.render(p=pages, _=translator(lang), lang=lang)


def test_a_pages_count_of_what_it_shows_is_there_on_a_last_page_of_one_item() -> None:
    assert "показано 21–40" in _shown(41, 2)
    assert "показано № 41" in _shown(41, 3)
    assert "No. 41 shown" in _shown(41, 3, lang="en")
    assert _shown(1, 1) == "" and _shown(20, 1) == ""


@pytest.mark.parametrize("typed", ["0", "-1", "two", "1e3", "100001"])
def test_a_page_that_is_not_a_page_number_is_refused(typed: str) -> None:
    with pytest.raises(Exception, match="page"):
        page_of(typed)


def last_seq(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) or 0


def entries_since(engine: Engine, seq: int, action: AuditAction) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.seq > seq, AuditEntry.action == action.value)
                .order_by(AuditEntry.seq)
            )
        )


def shown_incidents(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a href="/incidents/(\d+)">', page)]


def test_the_incidents_come_a_page_at_a_time_with_their_filters_kept(
    web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incident_pages, "PER_PAGE", 2)
    with Session(web_db) as session, session.begin():
        victim = a_person(session)
        beaten = [
            violations.record_incident(
                session, actor=INVESTIGATOR, incident=an_incident(session, an_act((victim,)))
            ).id
            for _ in range(5)
        ]
        starved = an_act((victim,), act_type="starvation")
        violations.record_incident(
            session, actor=INVESTIGATOR, incident=an_incident(session, starved)
        )
    investigator = client_as(Role.INVESTIGATOR)
    first = investigator.get("/incidents?type=torture").text
    assert shown_incidents(first) == beaten[::-1][:2]
    assert "Знайдено інцидентів: 5" in first and "показано 1–2" in first
    assert "Сторінка 1 з 3" in first
    assert 'href="/incidents?type=torture&amp;page=2" rel="next"' in first
    assert 'href="/incidents-export/csv?type=torture"' in first  # the whole list, not a page
    start = last_seq(web_db)
    second = investigator.get("/incidents?type=torture&page=2").text
    assert shown_incidents(second) == beaten[::-1][2:4]
    assert 'href="/incidents?type=torture" rel="prev"' in second
    assert '<option value="torture" selected>' in second
    (entry,) = entries_since(web_db, start, AuditAction.LIST_INCIDENTS)
    assert entry.detail["incidents"] == beaten[::-1][2:4] and entry.detail["offset"] == 2
    past = investigator.get("/incidents?type=torture&page=40").text
    assert shown_incidents(past) == beaten[:1] and "Сторінка 3 з 3" in past
    api = investigator.get("/api/incidents", params={"type": "torture", "limit": 2, "offset": 2})
    assert [incident["id"] for incident in api.json()] == beaten[::-1][2:4]
    bad = investigator.get("/incidents?page=two")
    assert bad.status_code == 422 and "не є номером сторінки" in html.unescape(bad.text)


def families_with_news(engine: Engine, count: int) -> list[int]:
    """`count` consenting families whose person's status changed since they were recorded."""
    contacts = []
    with Session(engine) as session, session.begin():
        for n in range(count):
            person = an_own_person(session, surname=f"Бойко{'ч' * n}")
            contacts.append(a_contact(session, person.id, name=f"Родич {n}").id)
            add_fact(session, person.id, "icrc_notification", "01.02.2024")
    return contacts


def shown_contacts(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="contact-(\d+)"', page)]


def test_the_families_to_inform_come_a_page_at_a_time(
    web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(family_pages, "QUEUE_PER_PAGE", 2)
    contacts = families_with_news(web_db, 5)
    liaison = client_as(Role.LIAISON)
    first = liaison.get("/families").text
    assert shown_contacts(first) == contacts[:2]
    assert "Сторінка 1 з 3" in first and 'href="/families?page=2" rel="next"' in first
    start = last_seq(web_db)
    second = liaison.get("/families?page=2").text
    assert shown_contacts(second) == contacts[2:4]
    (entry,) = entries_since(web_db, start, AuditAction.VIEW_FAMILY_QUEUE)
    assert entry.detail["contacts"] == contacts[2:4] and entry.detail["page"] == 2
    assert '<input type="hidden" name="page" value="2">' in second
    told = liaison.form(
        f"/families/contacts/{contacts[2]}/informed",
        {"kind": "call", "told": _snapshot(second, contacts[2]), "page": "2"},
    )
    assert told.status_code == 303
    assert told.headers["location"] == "/families?saved=informed&page=2"
    after = liaison.get(told.headers["location"]).text
    assert shown_contacts(after) == [contacts[3], contacts[4]]  # the informed one left
    assert shown_contacts(liaison.get("/families?page=9").text) == contacts[3:]
    api = liaison.get("/api/families/queue", params={"limit": 1, "offset": 3}).json()
    assert [item["contact"]["id"] for item in api] == contacts[4:]


def shown_outbox(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr id="outbox-(\d+)">', page)]


def test_the_outbox_comes_a_page_at_a_time_the_sent_ones_under_the_first(
    web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(families_mail, "OUTBOX_PER_PAGE", 2)
    words = OutboxIn(subject="Новини", body="Є новини.")
    with Session(web_db) as session, session.begin():
        person = an_own_person(session)
        contact = a_contact(session, person.id, email="family@example.org", channel="email")
        drafts = [
            outbox.draft_message(session, actor=LIAISON, contact_id=contact.id, message=words).id
            for _ in range(6)
        ]
        outbox.cancel_message(session, actor=LIAISON, message_id=drafts[0])
    waiting, cancelled = drafts[1:], drafts[0]
    liaison = client_as(Role.LIAISON)
    first = liaison.get("/families/outbox").text
    assert shown_outbox(first) == [*waiting[:2], cancelled]
    assert "Чекають надсилання: 5" in first and "показано 1–2" in first
    assert "Сторінка 1 з 3" in first and 'href="/families/outbox?page=2" rel="next"' in first
    start = last_seq(web_db)
    second = liaison.get("/families/outbox?page=2").text
    assert shown_outbox(second) == waiting[2:4]  # the sent and cancelled only under the first
    assert 'href="/families/outbox" rel="prev"' in second
    (entry,) = entries_since(web_db, start, AuditAction.VIEW_OUTBOX)
    assert entry.detail == {"messages": waiting[2:4], "offset": 2}
    assert shown_outbox(liaison.get("/families/outbox?page=9").text) == waiting[4:]
    assert liaison.get("/families/outbox?page=x").status_code == 422


def _snapshot(page: str, contact_id: int) -> str:
    form = page[page.index(f'action="/families/contacts/{contact_id}/informed"') :]
    found = re.search(r'name="told" value="([^"]*)"', form)
    assert found
    return found.group(1)


def test_the_debriefings_come_a_page_at_a_time_the_latest_first(
    web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(testimony_pages, "DEBRIEFINGS_PER_PAGE", 2)
    with Session(web_db) as session, session.begin():
        held = [debrief(session, None, held_on=date(2024, 3, day)).id for day in range(1, 6)]
    latest = held[::-1]
    analyst = client_as(Role.ANALYST)
    first = analyst.get("/testimonies").text
    assert shown_debriefings(first) == latest[:2]
    assert "Сторінка 1 з 3" in first and 'href="/testimonies?page=2" rel="next"' in first
    start = last_seq(web_db)
    second = analyst.get("/testimonies?page=2").text
    assert shown_debriefings(second) == latest[2:4] and "показано 3–4" in second
    (entry,) = entries_since(web_db, start, AuditAction.VIEW_DEBRIEFING)
    assert entry.detail == {"debriefings": latest[2:4], "offset": 2}
    assert shown_debriefings(analyst.get("/testimonies?page=9").text) == latest[4:]
    assert analyst.get("/testimonies?page=x").status_code == 422
    start = last_seq(web_db)
    api = analyst.get("/api/testimonies", params={"limit": 2, "offset": 2}).json()
    assert [debriefing["id"] for debriefing in api] == latest[2:4]
    (entry,) = entries_since(web_db, start, AuditAction.VIEW_DEBRIEFING)
    assert entry.detail == {"debriefings": latest[2:4], "offset": 2}
    assert [d["id"] for d in analyst.get("/api/testimonies").json()] == latest
    assert analyst.get("/api/testimonies", params={"limit": 1001}).status_code == 422


def shown_debriefings(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a href="/testimonies/(\d+)">', page)]


def test_the_open_mentions_come_a_page_at_a_time_and_a_decision_comes_back_to_its_page(
    web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(testimony_pages, "MENTIONS_PER_PAGE", 2)
    heard = [MentionIn(name_heard=f"Сашко {n} з Полтави", when="2023") for n in range(5)]
    with Session(web_db) as session, session.begin():
        mentions = [m.id for m in debrief(session, None, *heard).mentions]
    analyst = client_as(Role.ANALYST)
    first = analyst.get("/testimonies/mentions").text
    assert shown_mentions(first) == mentions[:2] and "Сторінка 1 з 3" in first
    start = last_seq(web_db)
    second = analyst.get("/testimonies/mentions?page=2").text
    assert shown_mentions(second) == mentions[2:4] and "показано 3–4" in second
    (entry,) = [
        e
        for e in entries_since(web_db, start, AuditAction.VIEW_DEBRIEFING)
        if e.object_type == "mention_queue"
    ]
    assert entry.detail == {"mentions": mentions[2:4], "page": 2}
    assert '<input type="hidden" name="page" value="2">' in second
    dismissed = analyst.form(
        f"/testimonies/mentions/{mentions[2]}/dismiss", {"reason": "нікого такого", "page": "2"}
    )
    assert dismissed.headers["location"] == f"/testimonies/mentions?page=2#mention-{mentions[2]}"
    assert shown_mentions(analyst.get("/testimonies/mentions?page=7").text) == mentions[4:]
    # a link to one mention (from its debriefing or a place) leads to the page that shows it
    to_last = analyst.get(f"/testimonies/mentions/{mentions[4]}", follow_redirects=False)
    assert to_last.headers["location"] == f"/testimonies/mentions?page=3#mention-{mentions[4]}"
    to_first = analyst.get(f"/testimonies/mentions/{mentions[1]}", follow_redirects=False)
    assert to_first.headers["location"] == f"/testimonies/mentions#mention-{mentions[1]}"
    assert analyst.get("/testimonies/mentions/999999").status_code == 404


def shown_mentions(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<section class="card" id="mention-(\d+)"', page)]


def test_the_alleged_perpetrators_come_a_page_at_a_time_by_name(
    web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incident_pages, "PERPETRATORS_PER_PAGE", 2)
    with Session(web_db) as session, session.begin():
        named = [
            violations.record_perpetrator(
                session, actor=INVESTIGATOR, perpetrator=PerpetratorIn(kind="unit", name=name)
            ).id
            for name in ("Unit 5", "Unit 1", "Unit 4", "Unit 2", "Unit 3")
        ]
    by_name = [named[1], named[3], named[4], named[2], named[0]]
    analyst = client_as(Role.ANALYST)
    first = analyst.get("/perpetrators").text
    assert shown_perpetrators(first) == by_name[:2] and "Сторінка 1 з 3" in first
    start = last_seq(web_db)
    second = analyst.get("/perpetrators?page=2").text
    assert shown_perpetrators(second) == by_name[2:4]
    (entry,) = entries_since(web_db, start, AuditAction.VIEW_PERPETRATORS)
    assert entry.detail == {"count": 2, "perpetrators": by_name[2:4], "offset": 2}
    assert shown_perpetrators(analyst.get("/perpetrators?page=5").text) == by_name[4:]


def shown_perpetrators(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a href="/perpetrators/(\d+)">', page)]


def section(page: str, anchor: str) -> str:
    return page.split(f'<section class="card" id="{anchor}">')[1].split("</section>")[0]


def shown_persons(page: str, anchor: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a href="/persons/(\d+)">', section(page, anchor))]


def test_a_places_lists_come_a_page_at_a_time_each_by_its_own_parameter(
    web_db: Engine, client_as: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(testimony_pages, "PLACE_PER_PAGE", 2)
    with Session(web_db) as session, session.begin():
        held = [an_own_person(session).id for _ in range(5)]
        for month, person_id in enumerate(held, start=1):
            for place, year in (("СІЗО-2 Таганрог", 2022), ("ИК-10 Мордовия", 2023)):
                add_evidence(
                    session,
                    actor=OPERATOR,
                    person_id=person_id,
                    evidence=evidence_in("captor_list", f"{month:02}.{year}", place=place),
                )
        place_id = get_or_create_place(session, "СІЗО-2 Таганрог").id
        whole = place_view(session, actor=LIAISON, place_id=place_id)
    last = [s.person_id for s in whole.last]
    moves = [m.person_id for m in whole.moves]
    timeline = [r.person_id for r in whole.timeline]
    assert len(last) == len(moves) == len(timeline) == 5
    liaison = client_as(Role.LIAISON)
    first = liaison.get(f"/places/{place_id}").text
    assert shown_persons(first, "last") == last[:2]
    assert shown_persons(first, "moves") == moves[:2]
    assert shown_persons(first, "timeline") == timeline[:2]
    assert first.count("Сторінка 1 з 3") == 3
    assert '<nav class="pager" aria-label="Хронологія">' in first  # each pager named by its list
    assert f'href="/places/{place_id}?timeline=2#timeline" rel="next"' in first
    start = last_seq(web_db)
    paged = liaison.get(f"/places/{place_id}?last=2&timeline=3").text
    assert shown_persons(paged, "last") == last[2:4]
    assert shown_persons(paged, "moves") == moves[:2]
    assert shown_persons(paged, "timeline") == timeline[4:]
    assert '<ol class="timeline" start="5">' in paged
    assert "показано 3–4" in section(paged, "last")
    # paging one list keeps the others where they are
    assert f'href="/places/{place_id}?last=2&amp;timeline=3&amp;moves=2#moves"' in paged
    assert f'href="/places/{place_id}?timeline=3#last" rel="prev"' in paged
    (entry,) = entries_since(web_db, start, AuditAction.VIEW_PLACE)
    assert entry.detail == {
        "persons": sorted(set(last[2:4]) | set(moves[:2]) | set(timeline[4:])),
        "pages": {"last": 2, "moves": 1, "timeline": 3},
    }
    assert shown_persons(liaison.get(f"/places/{place_id}?moves=9").text, "moves") == moves[4:]
    assert liaison.get(f"/places/{place_id}?last=x").status_code == 422
