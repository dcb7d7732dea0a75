"""Places of the synthetic population: where people were born, lived, and went missing.

Real place names (they are not personal data); the weights are rough populations. Each place
keeps its Ukrainian and Russian spellings, and for front-line towns also the name the captor's
documents use (Бахмут is "Артёмовск" there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from homeward.demo.sampling import Weighted

OBLASTS: dict[str, tuple[str, str]] = {
    key: (uk, ru)
    for key, uk, ru in (
        line.split("|")
        for line in """vin|Вінницька обл.|Винницкая обл.
vol|Волинська обл.|Волынская обл.
dnp|Дніпропетровська обл.|Днепропетровская обл.
don|Донецька обл.|Донецкая обл.
zht|Житомирська обл.|Житомирская обл.
zak|Закарпатська обл.|Закарпатская обл.
zap|Запорізька обл.|Запорожская обл.
ifr|Івано-Франківська обл.|Ивано-Франковская обл.
kyi|Київська обл.|Киевская обл.
kir|Кіровоградська обл.|Кировоградская обл.
lug|Луганська обл.|Луганская обл.
lvi|Львівська обл.|Львовская обл.
myk|Миколаївська обл.|Николаевская обл.
ode|Одеська обл.|Одесская обл.
pol|Полтавська обл.|Полтавская обл.
riv|Рівненська обл.|Ровенская обл.
sum|Сумська обл.|Сумская обл.
ter|Тернопільська обл.|Тернопольская обл.
kha|Харківська обл.|Харьковская обл.
khe|Херсонська обл.|Херсонская обл.
khm|Хмельницька обл.|Хмельницкая обл.
chk|Черкаська обл.|Черкасская обл.
chv|Чернівецька обл.|Черновицкая обл.
chn|Чернігівська обл.|Черниговская обл.
krs|Курська обл. (РФ)|Курская обл.""".splitlines()
    )
}


@dataclass(frozen=True, slots=True)
class Place:
    uk: str
    ru: str
    oblast: str  # a key of OBLASTS
    kind: str  # city | village | front (a front-line place, named without "м."/"с.")
    captor_ru: str = ""  # the captor's name for the place, when it differs

    def written(self, language: str, *, with_oblast: bool = True, captor: bool = False) -> str:
        """The place as a source writes it: "м. Житомир" or "с. Іванівка, Житомирська обл."."""
        uk_oblast, ru_oblast = OBLASTS[self.oblast]
        if language == "ru":
            name = self.captor_ru if captor and self.captor_ru else self.ru
            oblast = ru_oblast
        else:
            name, oblast = self.uk, uk_oblast
        prefix = _PREFIXES[self.kind][language == "ru"]
        if with_oblast and self.uk != "Київ":
            return f"{prefix}{name}, {oblast}"
        return f"{prefix}{name}"


_PREFIXES = {"city": ("м. ", "г. "), "village": ("с. ", "с. "), "front": ("", "")}


@lru_cache(maxsize=1 << 14)
def place_name(
    place: Place, language: str = "uk", with_oblast: bool = True, captor: bool = False
) -> str:
    """`Place.written`, cached: the population names the same places over and over."""
    return place.written(language, with_oblast=with_oblast, captor=captor)


def _places(text: str, *, kind: str) -> list[tuple[Place, float]]:
    rows = []
    for line in text.strip().splitlines():
        uk, ru, oblast, weight, *captor = line.split("|")
        rows.append((Place(uk, ru, oblast, kind, captor[0] if captor else ""), float(weight)))
    return rows


_CITIES = """Київ|Киев|kyi|2900
Харків|Харьков|kha|1400
Одеса|Одесса|ode|1000
Дніпро|Днепр|dnp|980|Днепропетровск
Донецьк|Донецк|don|900
Запоріжжя|Запорожье|zap|720
Львів|Львов|lvi|720
Кривий Ріг|Кривой Рог|dnp|600
Миколаїв|Николаев|myk|470
Маріуполь|Мариуполь|don|430
Луганськ|Луганск|lug|400
Вінниця|Винница|vin|370
Полтава|Полтава|pol|280
Чернігів|Чернигов|chn|280
Херсон|Херсон|khe|280
Черкаси|Черкассы|chk|270
Хмельницький|Хмельницкий|khm|270
Чернівці|Черновцы|chv|265
Житомир|Житомир|zht|260
Суми|Сумы|sum|260
Рівне|Ровно|riv|245
Івано-Франківськ|Ивано-Франковск|ifr|237
Камʼянське|Каменское|dnp|225|Днепродзержинск
Кропивницький|Кропивницкий|kir|222|Кировоград
Тернопіль|Тернополь|ter|220
Кременчук|Кременчуг|pol|215
Луцьк|Луцк|vol|215
Біла Церква|Белая Церковь|kyi|208
Краматорськ|Краматорск|don|150
Мелітополь|Мелитополь|zap|150
Ужгород|Ужгород|zak|115
Бердянськ|Бердянск|zap|110
Словʼянськ|Славянск|don|105
Нікополь|Никополь|dnp|105
Павлоград|Павлоград|dnp|100
Бровари|Бровары|kyi|100
Камʼянець-Подільський|Каменец-Подольский|khm|98
Конотоп|Конотоп|sum|84
Умань|Умань|chk|82
Олександрія|Александрия|kir|80
Бердичів|Бердичев|zht|75
Ізмаїл|Измаил|ode|70
Ковель|Ковель|vol|68
Мукачево|Мукачево|zak|85
Дрогобич|Дрогобыч|lvi|75
Ніжин|Нежин|chn|68
Лозова|Лозовая|kha|55
Бахмут|Бахмут|don|72|Артёмовск
Покровськ|Покровск|don|60|Красноармейск
Мирноград|Мирноград|don|46|Димитров"""

_VILLAGES = """Новоселиця|Новоселица|zht|1
Миколаївка|Николаевка|dnp|1
Олександрівка|Александровка|kir|1
Іванівка|Ивановка|kha|1
Петрівка|Петровка|ode|1
Михайлівка|Михайловка|zap|1
Вишневе|Вишнёвое|kyi|1
Зелене|Зелёное|myk|1
Степове|Степное|zap|1
Камʼянка|Каменка|chk|1
Благодатне|Благодатное|don|1
Шевченкове|Шевченково|kha|1
Покровське|Покровское|dnp|1
Новоселівка|Новоселовка|pol|1
Дмитрівка|Дмитровка|sum|1
Василівка|Васильевка|vin|1
Андріївка|Андреевка|chn|1
Григорівка|Григорьевка|khm|1
Софіївка|Софиевка|khe|1
Мирне|Мирное|lug|1
Соснівка|Сосновка|lvi|1
Калинівка|Калиновка|vin|1
Березівка|Березовка|ter|1
Зарічне|Заречное|riv|1
Садове|Садовое|ifr|1
Городище|Городище|vol|1
Кривче|Кривче|chv|1
Великий Березний|Великий Березный|zak|1"""

CITIES = _places(_CITIES, kind="city")
VILLAGES = _places(_VILLAGES, kind="village")

# Half of the soldiers come from villages and small towns; a village name repeats across
# oblasts, as Іванівка does in life.
BIRTH_CITIES: Weighted[Place] = Weighted(CITIES)
BIRTH_VILLAGES: Weighted[Place] = Weighted(
    (Place(village.uk, village.ru, oblast, "village"), 1.0)
    for village, _ in VILLAGES
    for oblast in OBLASTS
    if oblast != "krs"
)

STREETS_UK = (
    "вул. Шевченка",
    "вул. Центральна",
    "вул. Миру",
    "вул. Садова",
    "вул. Незалежності",
    "вул. Соборна",
    "вул. Молодіжна",
    "вул. Лесі Українки",
    "вул. Івана Франка",
    "вул. Грушевського",
    "вул. Київська",
    "вул. Зелена",
    "вул. Польова",
    "вул. Шкільна",
    "просп. Перемоги",
    "пров. Тихий",
)
STREETS_RU = (
    "ул. Ленина",
    "ул. Советская",
    "ул. Мира",
    "ул. Центральная",
    "ул. Молодёжная",
    "ул. Школьная",
    "ул. Садовая",
    "ул. Лесная",
    "ул. Новая",
    "ул. Набережная",
    "ул. Октябрьская",
    "ул. Гагарина",
    "ул. Пушкина",
    "пер. Почтовый",
)


@dataclass(frozen=True, slots=True)
class RussianPlace:
    city: str
    region: str
    town: bool

    def written(self) -> str:
        return f"{'г.' if self.town else 'с.'} {self.city}, {self.region}"


_RUSSIAN = """Москва|г. Москва|60
Санкт-Петербург|г. Санкт-Петербург|40
Ростов-на-Дону|Ростовская обл.|30
Волгоград|Волгоградская обл.|25
Воронеж|Воронежская обл.|25
Краснодар|Краснодарский край|30
Самара|Самарская обл.|22
Саратов|Саратовская обл.|20
Нижний Новгород|Нижегородская обл.|22
Екатеринбург|Свердловская обл.|25
Челябинск|Челябинская обл.|25
Новосибирск|Новосибирская обл.|22
Омск|Омская обл.|18
Пермь|Пермский край|18
Уфа|Республика Башкортостан|25
Казань|Республика Татарстан|22
Улан-Удэ|Республика Бурятия|15
Кызыл|Республика Тыва|8
Чита|Забайкальский край|10
Иркутск|Иркутская обл.|15
Красноярск|Красноярский край|18
Курск|Курская обл.|15
Белгород|Белгородская обл.|15
Брянск|Брянская обл.|14
Тула|Тульская обл.|12
Рязань|Рязанская обл.|12
Пенза|Пензенская обл.|12
Оренбург|Оренбургская обл.|14
Тюмень|Тюменская обл.|12
Барнаул|Алтайский край|15
Кемерово|Кемеровская обл.|15
Ставрополь|Ставропольский край|15
Махачкала|Республика Дагестан|12
Владивосток|Приморский край|12
Хабаровск|Хабаровский край|10
Псков|Псковская обл.|6
Мурманск|Мурманская обл.|6
Кострома|Костромская обл.|6"""

_RUSSIAN_VILLAGES = (
    "Покровское",
    "Никольское",
    "Октябрьский",
    "Ивановка",
    "Сосновка",
    "Берёзовка",
    "Первомайское",
    "Александровка",
    "Красное",
    "Михайловка",
)

RUSSIAN_CITIES: Weighted[RussianPlace] = Weighted(
    (RussianPlace(city, region, town=True), float(weight))
    for city, region, weight in (line.split("|") for line in _RUSSIAN.splitlines())
)
RUSSIAN_REGIONS = tuple(
    dict.fromkeys(p.region for p in RUSSIAN_CITIES.values if not p.region.startswith("г."))
)
RUSSIAN_VILLAGE_NAMES = _RUSSIAN_VILLAGES


@dataclass(frozen=True, slots=True)
class Episode:
    """A period of fighting: where people went missing (own) and were captured (adversary)."""

    start: date
    end: date | None  # None: still going on
    own_weight: float  # relative losses per day
    adversary_weight: float  # relative captures per day
    places: tuple[Place, ...]


def _front(text: str) -> tuple[Place, ...]:
    return tuple(place for place, _ in _places(text, kind="front"))


def _episode(start: str, end: str | None, own: float, adv: float, text: str) -> Episode:
    return Episode(
        date.fromisoformat(start), date.fromisoformat(end) if end else None, own, adv, _front(text)
    )


EPISODES: tuple[Episode, ...] = (
    _episode(
        "2022-02-24",
        "2022-04-05",
        30,
        8,
        """Гостомель|Гостомель|kyi|1
Буча|Буча|kyi|1
Ірпінь|Ирпень|kyi|1
Бородянка|Бородянка|kyi|1
Чернігів|Чернигов|chn|1
Охтирка|Ахтырка|sum|1
Тростянець|Тростянец|sum|1""",
    ),
    _episode("2022-02-24", "2022-05-20", 55, 2, "Маріуполь|Мариуполь|don|1"),
    _episode(
        "2022-02-24",
        "2022-11-11",
        10,
        3,
        """Херсон|Херсон|khe|1
Гола Пристань|Голая Пристань|khe|1
Нова Каховка|Новая Каховка|khe|1
Снігурівка|Снигирёвка|myk|1
Давидів Брід|Давыдов Брод|khe|1
Енергодар|Энергодар|zap|1""",
    ),
    _episode(
        "2022-03-01",
        "2022-07-03",
        25,
        4,
        """Попасна|Попасная|lug|1
Сєвєродонецьк|Северодонецк|lug|1
Лисичанськ|Лисичанск|lug|1
Рубіжне|Рубежное|lug|1
Ізюм|Изюм|kha|1
Святогірськ|Святогорск|don|1
Лиман|Лиман|don|1|Красный Лиман""",
    ),
    _episode(
        "2022-09-06",
        "2022-10-10",
        5,
        40,
        """Балаклія|Балаклея|kha|1
Купʼянськ|Купянск|kha|1
Ізюм|Изюм|kha|1
Лиман|Лиман|don|1|Красный Лиман
Борова|Боровая|kha|1""",
    ),
    _episode(
        "2022-08-01",
        "2023-05-20",
        14,
        6,
        """Бахмут|Бахмут|don|1|Артёмовск
Соледар|Соледар|don|1
Кліщіївка|Клещеевка|don|1
Опитне|Опытное|don|1
Іванівське|Ивановское|don|1|Красное""",
    ),
    _episode(
        "2022-03-01",
        None,
        3,
        2,
        """Марʼїнка|Марьинка|don|1
Вугледар|Угледар|don|1
Кремінна|Кременная|lug|1
Білогорівка|Белогоровка|lug|1
Сіверськ|Северск|don|1
Торецьк|Торецк|don|1|Дзержинск
Курахове|Курахово|don|1""",
    ),
    _episode(
        "2023-06-04",
        "2023-11-30",
        6,
        8,
        """Роботине|Работино|zap|1
Вербове|Вербовое|zap|1
Старомайорське|Старомайорское|don|1
Урожайне|Урожайное|don|1
Андріївка|Андреевка|don|1""",
    ),
    _episode("2023-10-15", "2024-07-15", 4, 2, "Кринки|Крынки|khe|1"),
    _episode(
        "2023-10-10",
        "2024-03-01",
        12,
        5,
        """Авдіївка|Авдеевка|don|1
Степове|Степное|don|1
Ласточкине|Ласточкино|don|1""",
    ),
    _episode("2024-04-01", "2025-08-01", 5, 3, "Часів Яр|Часов Яр|don|1"),
    _episode(
        "2024-05-10",
        "2025-06-01",
        5,
        3,
        """Вовчанськ|Волчанск|kha|1
Липці|Липцы|kha|1""",
    ),
    _episode(
        "2024-08-06",
        "2025-03-20",
        6,
        25,
        """Суджа|Суджа|krs|1
Кореневе|Коренево|krs|1
Мала Локня|Малая Локня|krs|1
Гуєво|Гуево|krs|1""",
    ),
    _episode(
        "2024-07-01",
        None,
        12,
        5,
        """Покровськ|Покровск|don|1|Красноармейск
Мирноград|Мирноград|don|1|Димитров
Селидове|Селидово|don|1
Новогродівка|Новогродовка|don|1
Торецьк|Торецк|don|1|Дзержинск
Вугледар|Угледар|don|1""",
    ),
    _episode(
        "2025-01-01",
        None,
        8,
        5,
        """Костянтинівка|Константиновка|don|1
Купʼянськ|Купянск|kha|1
Сіверськ|Северск|don|1
Гуляйполе|Гуляйполе|zap|1
Родинське|Родинское|don|1
Юнаківка|Юнаковка|sum|1
Степногірськ|Степногорск|zap|1""",
    ),
)
