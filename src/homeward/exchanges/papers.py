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
from homeward.names import Language, transliterate
from homeward.registry.models import Person, PersonName
from homeward.registry.vocab import Side

SIDE_TITLES = {ListSide.OWN: "Persons asked back", ListSide.ADVERSARY: "Prisoners offered"}


def _full(surname: str | None, given: str | None, patronymic: str | None) -> str:
    return " ".join(x for x in (surname, given, patronymic) if x)


def latin_name(person: Person, spellings: list[PersonName]) -> str:
    """The name in Latin letters: a Latin spelling the register holds for him, the fullest
    first; else our own people transliterated as Ukrainian (KMU 55), the adversary's by the
    language the name is written in."""
    latin = [
        _full(n.surname, n.given_name, n.patronymic)
        for n in spellings
        if n.surname.isascii() and any(c.isalpha() for c in n.surname)
    ]
    if latin:
        return max(latin, key=lambda text: (len(text.split()), -latin.index(text)))
    language = Language.UK if person.side == Side.OWN.value else None
    return transliterate(
        _full(person.surname, person.given_name, person.patronymic), language=language
    )


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
    spellings: dict[int, list[PersonName]] = {}
    for spelling in session.scalars(
        select(PersonName).where(PersonName.person_id.in_(entries)).order_by(PersonName.id)
    ):
        spellings.setdefault(spelling.person_id, []).append(spelling)
    rows = [
        {
            "surname": p.surname,
            "given_name": p.given_name or "",
            "patronymic": p.patronymic or "",
            "birth": p.birth,
            "latin": latin_name(p, spellings.get(p.id, [])),
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
