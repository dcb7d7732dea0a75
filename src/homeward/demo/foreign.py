"""Foreigners in the adversary's forces: citizenship and names.

Foreign servicemen come from many countries. Their names are written in Russian Cyrillic in the
adversary's documents and in their own Latin spelling in their passports and ICRC lists; the
post-Soviet ones also have Russian-style patronymics. Common name elements only, combined at
random. Belarusians and Moldovans mostly have names like the Russians' and are drawn from the
Russian tables (group "russian").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from homeward.demo.grammar import ru_patronymics
from homeward.demo.sampling import Uniform, Weighted


@dataclass(frozen=True, slots=True)
class ForeignName:
    surname_ru: str
    given_ru: str
    patronymic_ru: str
    surname_latin: str
    given_latin: str
    father_ru: str


_GROUPS: dict[str, tuple[str, str, bool]] = {
    # group: (given names "Кириллица:Latin", surnames, has a patronymic)
    "central_asia": (
        "Бахтиёр:Bakhtiyor Шухрат:Shukhrat Рустам:Rustam Фарход:Farkhod Алишер:Alisher "
        "Азиз:Aziz Жамшид:Jamshid Дильшод:Dilshod Улугбек:Ulugbek Бекзод:Bekzod Тимур:Timur "
        "Абдулла:Abdulla Нурлан:Nurlan Ерлан:Yerlan Азамат:Azamat",
        "Рахимов:Rakhimov Каримов:Karimov Юсупов:Yusupov Исмаилов:Ismailov Назаров:Nazarov "
        "Рахмонов:Rakhmonov Холматов:Kholmatov Шарипов:Sharipov Султанов:Sultanov "
        "Мирзоев:Mirzoev Абдуллаев:Abdullaev Турсунов:Tursunov Нурматов:Nurmatov "
        "Ахмедов:Akhmedov Садыков:Sadykov",
        True,
    ),
    "caucasus": (
        "Арам:Aram Давид:Davit Гор:Gor Карен:Karen Армен:Armen Тигран:Tigran Эльвин:Elvin "
        "Рашад:Rashad Орхан:Orkhan Турал:Tural",
        "Петросян:Petrosyan Саркисян:Sargsyan Акопян:Hakobyan Григорян:Grigoryan "
        "Оганесян:Hovhannisyan Алиев:Aliyev Мамедов:Mammadov Гусейнов:Huseynov Гасанов:Hasanov",
        True,
    ),
    "balkans": (
        "Марко:Marko Никола:Nikola Стефан:Stefan Милош:Miloš Деян:Dejan Горан:Goran",
        "Йованович:Jovanović Петрович:Petrović Николич:Nikolić Маркович:Marković "
        "Джорджевич:Đorđević Илич:Ilić",
        False,
    ),
    "south_asia": (
        "Рам:Ram Бишну:Bishnu Кришна:Krishna Хари:Hari Сурадж:Suraj Бикаш:Bikash Сагар:Sagar "
        "Прем:Prem Рахул:Rahul Амит:Amit Виджай:Vijay Нимал:Nimal Руван:Ruwan Имран:Imran",
        "Гурунг:Gurung Тапа:Thapa Таманг:Tamang Рай:Rai Магар:Magar Шреста:Shrestha Лимбу:Limbu "
        "Кумар:Kumar Сингх:Singh Ядав:Yadav Шарма:Sharma Перера:Perera Фернандо:Fernando "
        "Хан:Khan Хоссейн:Hossain",
        False,
    ),
    "latin_america": (
        "Хосе:José Карлос:Carlos Луис:Luis Хорхе:Jorge Йоандри:Yoandry Хуан:Juan "
        "Рафаэль:Rafael Алехандро:Alejandro Жуан:João Лукас:Lucas",
        "Гарсия:García Родригес:Rodríguez Гонсалес:González Эрнандес:Hernández Перес:Pérez "
        "Мартинес:Martínez Лопес:López Диас:Díaz Силва:Silva Сантос:Santos",
        False,
    ),
    "arab": (
        "Мохамед:Mohamed Ахмед:Ahmed Али:Ali Хасан:Hassan Ибрагим:Ibrahim Юсуф:Youssef "
        "Омар:Omar Халил:Khalil Махмуд:Mahmoud",
        "Хасан:Hassan Абдалла:Abdallah Ибрагим:Ibrahim Мустафа:Mustafa Салех:Saleh "
        "Юсеф:Youssef Осман:Osman Аббас:Abbas",
        False,
    ),
    "africa": (
        "Джозеф:Joseph Эммануэль:Emmanuel Самуэль:Samuel Ибрагим:Ibrahim Абу:Abu Жан:Jean "
        "Питер:Peter Брайан:Brian Кваме:Kwame",
        "Камара:Kamara Корома:Koroma Конте:Conteh Бангура:Bangura Мбарга:Mbarga "
        "Оконкво:Okonkwo Менса:Mensah Банда:Banda Отиено:Otieno Мванги:Mwangi",
        False,
    ),
    "east_asia": (
        "Вэй:Wei Цзюнь:Jun Лэй:Lei Хао:Hao Мин:Ming Тао:Tao Чхоль:Chol Хёк:Hyok",
        "Ван:Wang Ли:Li Чжан:Zhang Лю:Liu Чэнь:Chen Ян:Yang Ким:Kim Пак:Pak",
        False,
    ),
}

# (ISO alpha-3, group, relative weight) for foreigners; Russians themselves are "RUS".
_COUNTRIES = """UZB central_asia 14|TJK central_asia 12|KGZ central_asia 8|KAZ central_asia 5
TKM central_asia 2|BLR russian 10|MDA russian 3|UKR russian 4|SRB balkans 3|ARM caucasus 3
AZE caucasus 2|NPL south_asia 12|IND south_asia 5|LKA south_asia 4|BGD south_asia 1
PAK south_asia 1|CUB latin_america 8|COL latin_america 2|BRA latin_america 1|ECU latin_america 1
PER latin_america 1|EGY arab 2|SYR arab 2|IRQ arab 1|SOM arab 2|LBY arab 1|SLE africa 2
CMR africa 2|TGO africa 1|NGA africa 2|GHA africa 1|ZMB africa 1|KEN africa 1|UGA africa 1
ZAF africa 1|RWA africa 1|CHN east_asia 2|PRK east_asia 1|VNM east_asia 1|MNG east_asia 1"""

FOREIGN_COUNTRIES: Weighted[tuple[str, str]] = Weighted(
    ((code, group), float(weight))
    for code, group, weight in (item.split() for item in _COUNTRIES.replace("\n", "|").split("|"))
)


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((cyr, lat) for cyr, lat in (item.split(":") for item in text.split()))


_TABLES = {
    group: (_pairs(given), _pairs(surnames), patronymic)
    for group, (given, surnames, patronymic) in _GROUPS.items()
}


def foreign_name(rnd: Uniform, group: str) -> ForeignName:
    given, surnames, has_patronymic = _TABLES[group]
    first = given[int(rnd() * len(given))]
    last = surnames[int(rnd() * len(surnames))]
    father = given[int(rnd() * len(given))][0]
    patronymic = ru_patronymics(father)[0] if has_patronymic else ""
    return ForeignName(last[0], first[0], patronymic, last[1], first[1], father)


_RU_TO_UK = str.maketrans({"и": "і", "ы": "и", "э": "е", "Э": "Е", "И": "І"})
_YO = re.compile(r"(?<=[аеиоуыэюяі])ё")


def ukrainian_spelling(russian: str) -> str:
    """A Ukrainian clerk's spelling of a foreign name written in Russian (Рахимов → Рахімов)."""
    return _YO.sub("йо", russian.translate(_RU_TO_UK)).replace("ё", "ьо")


_COUNTRY_NAMES = """UZB Узбекистан Uzbekistan|TJK Таджикистан Tajikistan|KGZ Киргизия Kyrgyzstan
KAZ Казахстан Kazakhstan|TKM Туркмения Turkmenistan|BLR Беларусь Belarus|MDA Молдова Moldova
UKR Украина Ukraine|SRB Сербия Serbia|ARM Армения Armenia|AZE Азербайджан Azerbaijan
NPL Непал Nepal|IND Индия India|LKA Шри-Ланка Sri_Lanka|BGD Бангладеш Bangladesh
PAK Пакистан Pakistan|CUB Куба Cuba|COL Колумбия Colombia|BRA Бразилия Brazil
ECU Эквадор Ecuador|PER Перу Peru|EGY Египет Egypt|SYR Сирия Syria|IRQ Ирак Iraq
SOM Сомали Somalia|LBY Ливия Libya|SLE Сьерра-Леоне Sierra_Leone|CMR Камерун Cameroon
TGO Того Togo|NGA Нигерия Nigeria|GHA Гана Ghana|ZMB Замбия Zambia|KEN Кения Kenya
UGA Уганда Uganda|ZAF ЮАР South_Africa|RWA Руанда Rwanda|CHN Китай China
PRK КНДР North_Korea|VNM Вьетнам Vietnam|MNG Монголия Mongolia"""

COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    code: (ru, en.replace("_", " "))
    for code, ru, en in (item.split() for item in _COUNTRY_NAMES.replace("\n", "|").split("|"))
}
"""ISO alpha-3 → (Russian name, English name): the birth place a foreigner's record shows."""
