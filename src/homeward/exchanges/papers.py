"""Each list of an exchange as a printable PDF through `homeward.documents`: both languages of
the parties, a header with the exchange, the version and its date, restricted distribution."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.documents import render_pdf
from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.categories import categories
from homeward.exchanges.vocab import ListSide
from homeward.names import transliterate
from homeward.registry.models import Person

SIDE_TITLES = {ListSide.OWN: "Persons asked back", ListSide.ADVERSARY: "Prisoners offered"}


def list_pdf(
    session: Session, *, actor: Actor, exchange_id: int, side: ListSide, lang: str = "uk"
) -> bytes:
    """The side's list as it now stands (its latest version)."""
    actor.require(Permission.READ)
    exchange = service.get_exchange(session, exchange_id)
    version = service.current_version(session, exchange_id, side)
    if version is None:
        raise InvalidInput("side", "the %(side)s list is empty", side=side.value)
    entries = {e.person_id: e.categories for e in version.entries}
    persons = session.scalars(
        select(Person).where(Person.id.in_(entries)).order_by(Person.surname, Person.id)
    ).all()
    names = {code: c.name(lang) for code, c in categories().items()}
    rows = [
        {
            "surname": p.surname,
            "given_name": p.given_name or "",
            "patronymic": p.patronymic or "",
            "birth": p.birth,
            "latin": transliterate(
                " ".join(x for x in (p.surname, p.given_name, p.patronymic) if x)
            ),
            "categories": [names.get(code, code) for code in entries[p.id]],
        }
        for p in persons
    ]
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        object_type="exchange",
        object_id=exchange_id,
        detail={"list": side.value, "version": version.number, "persons": len(rows)},
    )
    context = {
        "exchange": {
            "name": exchange.name,
            "days": [phase.on for phase in exchange.phases],
            "mediator": exchange.mediator,
        },
        "side_title": SIDE_TITLES[side],
        "version": version,
        "rows": rows,
    }
    second = "en" if lang == "uk" else "uk"
    return render_pdf("exchanges/list.html", context, lang=lang, second_lang=second)
