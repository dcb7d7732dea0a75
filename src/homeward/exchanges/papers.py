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
from homeward.exchanges.candidates import (
    MEDICAL,
    audit_medical,
    sees_medical,
    withholds_categories,
)
from homeward.exchanges.categories import categories
from homeward.exchanges.vocab import ListSide
from homeward.names import Language, NamePart, match_key, transliterate
from homeward.names.cleaning import clean_name, words
from homeward.names.language import detect_language, word_language
from homeward.registry.models import Person, PersonName
from homeward.registry.vocab import Side

SIDE_TITLES = {ListSide.OWN: "Persons asked back", ListSide.ADVERSARY: "Prisoners offered"}


def _full(surname: str | None, given: str | None, patronymic: str | None) -> str:
    return " ".join(x for x in (surname, given, patronymic) if x)


def latin_name(person: Person, spellings: list[PersonName]) -> str:
    """The name in Latin letters, every word in title case whatever case it was typed or
    imported in ("KOVALENKO" and "kovalenko" alike: Kovalenko), as the Cyrillic columns beside
    it: a Latin spelling the register holds for him, the fullest first, but only one that
    has every part of his name (a held "Zhelikh Prokhor" is not used for Желих Прохор
    Петрович: the list would drop his patronymic); else the name transliterated by its
    language (`name_language`): Ukrainian by KMU 55, Russian by ICAO 9303, never a Russian
    spelling given Ukrainian letters (Sergei, not Serhei)."""
    latin = [
        _full(n.surname, n.given_name, n.patronymic)
        for n in spellings
        if n.surname.isascii()
        and any(c.isalpha() for c in n.surname)
        and _spells_every_part(person, n)
    ]
    if latin:
        chosen = max(latin, key=lambda text: (len(text.split()), -latin.index(text)))
    else:
        full = _full(person.surname, person.given_name, person.patronymic)
        chosen = transliterate(
            full, language=name_language(full, own=person.side == Side.OWN.value)
        )
    return " ".join(_title(word) for word in chosen.split())


def _spells_every_part(person: Person, spelling: PersonName) -> bool:
    """Whether the spelling has each part the person's name has (a part he lacks it may lack),
    each in its own column: its surname, given name and patronymic keyed as his (`match_key`,
    which reads every transliteration: Shewchuk as Шевчук, Yehor as Єгор), so that a spelling
    held with its columns swapped ("Artem Muchka" for Мучка Артем), a diminutive (Yura for
    Юрій) or another name that sounds alike (Ivanna for Іван) is not printed."""
    for part, held, kind in (
        (person.surname, spelling.surname, NamePart.SURNAME),
        (person.given_name, spelling.given_name, NamePart.GIVEN),
        (person.patronymic, spelling.patronymic, NamePart.PATRONYMIC),
    ):
        own, written = (part or "").strip(), (held or "").strip()
        if own and not (written and match_key(written, kind) == match_key(own, kind)):
            return False
    return True


def name_language(full: str, *, own: bool) -> Language:
    """The language a name is written in, by `homeward.names` (`word_language`: letters, then
    spellings and dictionaries). The adversary's: the whole name's verdict
    (`detect_language`), Russian where the words do not tell ("Виноградов Владислав
    Ринатович": Vinogradov, not Vynohradov). Our own people are Ukrainians unless most of the
    name's words are Russian ("Иванов Сергей Петрович"): one name the dictionaries know only in
    Russian, such as Прохор, does not make a Ukrainian's name Russian."""
    if not own:
        verdict = detect_language(full)
        return Language.RU if verdict is Language.UNKNOWN else verdict
    votes = [word_language(word) for word in words(clean_name(full))]
    russian = sum(vote is Language.RU for vote in votes)
    return Language.RU if votes and russian * 2 > len(votes) else Language.UK


def _title(word: str) -> str:
    """A word in title case, each part of a double name too (Ivanova-Petrenko)."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def list_pdf(
    session: Session, *, actor: Actor, exchange_id: int, side: ListSide, lang: str = "uk"
) -> bytes:
    """The side's list as it now stands (its latest version)."""
    actor.require(Permission.READ)
    exchange = service.get_exchange(session, exchange_id)
    version = service.current_version(session, exchange_id, side)
    if version is None:
        raise InvalidInput("side", "the %(side)s list is empty", side=side.value)
    medical = sees_medical(actor)  # the category a doctor's finding decides: theirs only
    # a blank cell would tell who is ill: then nobody's categories are given
    withheld = withholds_categories(
        actor, exchange.categories, [c for e in version.entries for c in e.categories]
    )
    entries = {
        e.person_id: [] if withheld else [c for c in e.categories if medical or c != MEDICAL]
        for e in version.entries
    }
    if medical:
        ill = [e.person_id for e in version.entries if MEDICAL in e.categories]
        audit_medical(session, actor, exchange_id, ill)
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
        "categories_withheld": withheld,
    }
    second = "en" if lang == "uk" else "uk"
    return render_pdf("exchanges/list.html", context, lang=lang, second_lang=second)
