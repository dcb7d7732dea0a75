"""Diminutives: the name a Саша, a Коля or a Толік stands for, where it stands for one.

Relatives, fellow prisoners and witnesses name a man as they call him (Саша, Коля, Ваня, Вова,
Серьога, Толік); registers write the full name (Олександр, Микола, Іван). The names-translator
dictionaries hold many diminutives, but as names of their own (Саша → Саша), and no library in
Homeward's dependencies links them to their full names; so the table below does, by hand and
kept small: the common hypocoristics of common names, in their Ukrainian and Russian spellings,
written from common usage. It was not checked entry by entry against a dictionary of personal
names; such a dictionary (of Ukrainian or of Russian personal names, which list the
hypocoristics under the full name) is where to check and extend it.

A diminutive is looked up by its match key, so every spelling that keys alike finds it: Саша,
Sasha and Sascha; Коля, Kolya and Kolja. It stands for a full name only where that is one name:

- a diminutive of two names of the same sex (Слава: В'ячеслав, Ярослав, Станіслав, …; Сеня:
  Семен, Арсеній) stands for none;
- a diminutive of a man's and a woman's name (Саша: Олександр and Олександра; Женя: Євген and
  Євгенія; Валя) stands for the one of the record's sex, and for none when the sex is unknown.

The match key is not changed: a diminutive keeps its own (Саша is "sasha"), and what it stands
for is a key of its own (`full_name_key`), so that linkage can weigh agreement through a
diminutive apart from agreement on the name itself.
"""

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Final

from homeward.names.keys import match_key, phonetic_key, reduce_key
from homeward.names.model import NamePart
from homeward.names.patronymics import Sex

_M, _F = Sex.MALE, Sex.FEMALE

# (full name, its sex, its diminutives in Ukrainian and Russian spellings). A diminutive listed
# under two names is ambiguous (see the module's docstring), and listed so on purpose.
DIMINUTIVES: Final[tuple[tuple[str, Sex, tuple[str, ...]], ...]] = (
    ("Олександр", _M,
     ("Саша", "Сашко", "Сашка", "Саня", "Санько", "Саньок", "Санёк", "Шура", "Шурик")),
    ("Олексій", _M, ("Льоша", "Альоша", "Алёша", "Лёша", "Льоха", "Лёха", "Льошка", "Лёшка")),
    ("Анатолій", _M, ("Толя", "Толік", "Толик", "Толян")),
    ("Андрій", _M, ("Андрійко", "Андрюша", "Андрюшка", "Андрюха")),
    ("Антон", _M, ("Антоша", "Антошка")),
    ("Аркадій", _M, ("Аркаша",)),
    ("Артем", _M, ("Тьома", "Тёма", "Артемко")),
    ("Арсеній", _M, ("Сеня",)),
    ("Богдан", _M, ("Богдась", "Богданчик", "Бодя")),
    ("Борис", _M, ("Боря", "Борька")),
    ("Вадим", _M, ("Вадік", "Вадик")),
    ("Валентин", _M, ("Валя",)),
    ("Валерій", _M, ("Валєра", "Валера", "Валерка")),
    ("Василь", _M, ("Вася", "Василько", "Васько", "Васька")),
    ("Віктор", _M, ("Вітя", "Витя", "Вітьок", "Витёк", "Вітько")),
    ("Віталій", _M, ("Віталік", "Виталик")),
    ("Владислав", _M, ("Влад", "Владик", "Владік", "Слава")),
    ("Володимир", _M, ("Вова", "Вовка", "Вовчик", "Вован", "Володя", "Володька")),
    ("В'ячеслав", _M, ("Слава", "Славік", "Славик")),
    ("Геннадій", _M, ("Гена", "Гєна")),
    ("Георгій", _M, ("Жора", "Гоша")),
    ("Григорій", _M, ("Гриша", "Гриць", "Грицько")),
    ("Данило", _M, ("Даня", "Данилко")),
    ("Денис", _M, ("Дениска", "Денчик", "Деня")),
    ("Дмитро", _M, ("Діма", "Дима", "Дімка", "Димка", "Митя", "Митько", "Дімон", "Димон")),
    ("Едуард", _M, ("Едик", "Едік", "Эдик")),
    ("Євген", _M, ("Женя", "Женька", "Жека")),
    ("Іван", _M, ("Ваня", "Іванко", "Ванько", "Ванька", "Ванюша", "Івась")),
    ("Ігор", _M, ("Гоша",)),  # Гоша is Георгій's and Ігор's: it stands for neither
    ("Ілля", _M, ("Іллюша", "Ілюша", "Илюша", "Ілько")),
    ("Кирило", _M, ("Кирюша", "Кирюха")),
    ("Костянтин", _M, ("Костя", "Костик", "Костік", "Костян")),
    ("Леонід", _M, ("Льоня", "Лёня")),
    ("Максим", _M, ("Макс", "Максик", "Максік", "Максимко")),
    ("Микола", _M, ("Коля", "Колька", "Колян", "Миколка")),
    ("Михайло", _M, ("Міша", "Миша", "Михась", "Мишко")),
    ("Олег", _M, ("Олежка", "Олежик")),
    ("Павло", _M, ("Паша", "Павлик", "Павлуша", "Павлусь")),
    ("Петро", _M, ("Петя", "Петька", "Петько", "Петрик", "Петрусь")),
    ("Роман", _M, ("Рома", "Ромка", "Ромко", "Ромчик")),
    ("Ростислав", _M, ("Ростик", "Ростік")),
    ("Руслан", _M, ("Русік", "Русик", "Руся")),
    ("Семен", _M, ("Сеня", "Сьома", "Сёма")),
    ("Сергій", _M, ("Серьожа", "Сєрьожа", "Серёжа", "Серьога", "Сєрьога", "Серёга", "Сергійко")),
    ("Станіслав", _M, ("Стас", "Стасик", "Стасік", "Слава")),
    ("Степан", _M, ("Стьопа", "Стёпа")),
    ("Тарас", _M, ("Тарасик",)),
    ("Федір", _M, ("Федя", "Федько")),
    ("Юрій", _M, ("Юра", "Юрко", "Юрик", "Юрась", "Юрчик")),
    ("Яків", _M, ("Яша",)),
    ("Ярослав", _M, ("Ярик", "Слава")),
    ("Олександра", _F, ("Саша", "Шура", "Сашка")),
    ("Анастасія", _F, ("Настя", "Настуся", "Настюша")),
    ("Анна", _F, ("Аня", "Анюта", "Анечка", "Нюра")),
    ("Валентина", _F, ("Валя", "Валюша")),
    ("Вікторія", _F, ("Віка", "Вика", "Вікуся")),
    ("Галина", _F, ("Галя", "Галинка", "Галочка")),
    ("Дарія", _F, ("Даша", "Дашка")),
    ("Єлизавета", _F, ("Ліза", "Лиза")),
    ("Євгенія", _F, ("Женя", "Женька")),
    ("Зінаїда", _F, ("Зіна",)),
    ("Ірина", _F, ("Іра", "Ира", "Ірка", "Іруся", "Іринка")),
    ("Катерина", _F, ("Катя", "Катруся", "Катюша")),
    ("Любов", _F, ("Люба",)),
    ("Людмила", _F, ("Люда", "Люся")),
    ("Марія", _F, ("Маша", "Марійка", "Марічка", "Маруся", "Маня")),
    ("Надія", _F, ("Надя", "Надійка", "Надюша")),
    ("Наталія", _F, ("Наташа", "Наташка", "Наталка")),
    ("Оксана", _F, ("Оксанка",)),
    ("Олена", _F, ("Лена", "Лєна", "Оленка")),
    ("Ольга", _F, ("Оля", "Олька", "Олюся")),
    ("Руслана", _F, ("Руся",)),
    ("Світлана", _F, ("Світа", "Свєта", "Света", "Світланка")),
    ("Софія", _F, ("Соня", "Софійка")),
    ("Тетяна", _F, ("Таня", "Танюша")),
    ("Христина", _F, ("Христя",)),
    ("Юлія", _F, ("Юля", "Юлька")),
)  # fmt: skip


def full_name_key(text: str, sex: str | None = None) -> str:
    """The match key of the full name a given name stands for: Саша (a man) → Олександр's,
    Коля → Микола's; a full name, an ambiguous diminutive or a name of no table, its own."""
    own = match_key(text, NamePart.GIVEN)
    return full_key_of(own, sex) or own


def full_name_phonetic(text: str, sex: str | None = None) -> str:
    """The phonetic key of the full name a given name stands for (see `full_phonetic_of`);
    else its own."""
    own = match_key(text, NamePart.GIVEN)
    return full_phonetic_of(own, sex) or phonetic_key(text, NamePart.GIVEN)


def is_diminutive(text: str) -> bool:
    """Whether the table lists this given name as a diminutive (of one name or of several)."""
    return match_key(text, NamePart.GIVEN) in _full_names()


def diminutive_keys() -> frozenset[str]:
    """The match keys of the diminutives the table lists."""
    return frozenset(_full_names())


def full_key_of(key: str, sex: str | None = None) -> str | None:
    """The match key of the one full name a given name's match key stands for, of `sex` ("m"
    or "f", either case) when it is known; None when it stands for none or for several."""
    names = _full_names().get(key)
    return _only(names, sex) if names else None


def full_phonetic_of(key: str, sex: str | None = None) -> str | None:
    """The phonetic key of the full name a match key stands for, as `full_key_of`; and of a
    diminutive of a man's and a woman's name when the sex is unknown but both names sound alike
    (Олександр and Олександра: a blocking key, which a word's ending does not change). None
    when it stands for no name, or for names that sound apart."""
    names = _full_names().get(key)
    if not names:
        return None
    only = _only(names, sex)
    if only:
        return reduce_key(only)
    sounds = {reduce_key(full) for full, _ in names}
    if len(sounds) == 1 and len({name_sex for _, name_sex in names}) == len(names):
        return sounds.pop()  # one name per sex: Саша for Олександр and Олександра
    return None


def _only(names: frozenset[tuple[str, Sex]], sex: str | None) -> str | None:
    """The one full name of `names` of that sex (any sex when None), else None."""
    fitting = {key for key, name_sex in names if sex is None or name_sex == sex.lower()}
    return next(iter(fitting)) if len(fitting) == 1 else None


@cache
def _full_names() -> Mapping[str, frozenset[tuple[str, Sex]]]:
    """Diminutive's match key → the (full name's key, sex) it may stand for."""
    found: dict[str, set[tuple[str, Sex]]] = {}
    for name, sex, diminutives in DIMINUTIVES:
        full = match_key(name, NamePart.GIVEN)
        for diminutive in diminutives:
            key = match_key(diminutive, NamePart.GIVEN)
            if key and key != full:
                found.setdefault(key, set()).add((full, sex))
    return MappingProxyType({key: frozenset(names) for key, names in found.items()})
