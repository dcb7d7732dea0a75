"""Detention sites of the synthetic population, with the names sources call them by.

Synthetic but plausible: real towns, invented facility numbers. `DETENTION_SITES` is meant to
seed the register's Places; a site's `aliases` are the spellings that reports and testimonies
use (Ukrainian, Russian, Latin, abbreviated), so that linking a testimony's place to a Place is
a problem of its own. `holder` says who holds people there: "captor" (the adversary holds our
people) or "own" (our side holds the adversary's servicemen).
"""

from __future__ import annotations

from dataclasses import dataclass

from homeward.demo.sampling import Uniform, Weighted


@dataclass(frozen=True, slots=True)
class DetentionSite:
    key: str
    kind: str  # sizo | colony | camp | hospital | temporary
    holder: str  # captor | own
    country: str  # ISO 3166 alpha-3 of the territory; occupied Ukraine is UKR
    settlement: str  # Ukrainian spelling
    name_uk: str
    name_ru: str
    name_en: str
    aliases: tuple[str, ...]  # other spellings found in sources

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling: the three names, then the aliases."""
        return (self.name_uk, self.name_ru, self.name_en, *self.aliases)

    def written(self, rnd: Uniform, language: str) -> str:
        """The site as a source in `language` (uk, ru, en) may write it."""
        if rnd() < 0.3 and self.aliases:
            return self.aliases[int(rnd() * len(self.aliases))]
        return {"uk": self.name_uk, "ru": self.name_ru}.get(language, self.name_en)


_SITES = (
    (
        "cap-sizo-kursk",
        "sizo",
        "captor",
        "RUS",
        "Курськ",
        "СІЗО № 1, м. Курськ",
        "СИЗО-1 г. Курск",
        "Pre-trial detention centre No. 1, Kursk",
        "СІЗО-1 Курськ;SIZO-1 Kursk;Курское СИЗО",
    ),
    (
        "cap-sizo-belgorod",
        "sizo",
        "captor",
        "RUS",
        "Бєлгород",
        "СІЗО № 3, м. Бєлгород",
        "СИЗО-3 г. Белгород",
        "Pre-trial detention centre No. 3, Belgorod",
        "Бєлгородське СІЗО;SIZO-3 Belgorod",
    ),
    (
        "cap-sizo-bryansk",
        "sizo",
        "captor",
        "RUS",
        "Брянськ",
        "СІЗО № 2, м. Брянськ",
        "СИЗО-2 г. Брянск",
        "Pre-trial detention centre No. 2, Bryansk",
        "СІЗО Брянськ;Bryansk SIZO",
    ),
    (
        "cap-sizo-rostov",
        "sizo",
        "captor",
        "RUS",
        "Ростов-на-Дону",
        "СІЗО № 5, м. Ростов-на-Дону",
        "СИЗО-5 г. Ростов-на-Дону",
        "Pre-trial detention centre No. 5, Rostov-on-Don",
        "Ростовське СІЗО;SIZO-5 Rostov",
    ),
    (
        "cap-sizo-taganrog",
        "sizo",
        "captor",
        "RUS",
        "Таганрог",
        "СІЗО № 4, м. Таганрог",
        "СИЗО-4 г. Таганрог",
        "Pre-trial detention centre No. 4, Taganrog",
        "Таганрозьке СІЗО;Taganrog;СІЗО Таганрог",
    ),
    (
        "cap-sizo-simferopol",
        "sizo",
        "captor",
        "UKR",
        "Сімферополь",
        "СІЗО № 2, м. Сімферополь",
        "СИЗО-2 г. Симферополь",
        "Pre-trial detention centre No. 2, Simferopol",
        "Сімферопольське СІЗО;SIZO Simferopol",
    ),
    (
        "cap-sizo-donetsk",
        "sizo",
        "captor",
        "UKR",
        "Донецьк",
        "СІЗО № 7, м. Донецьк",
        "СИЗО-7 г. Донецк",
        "Pre-trial detention centre No. 7, Donetsk",
        "Донецьке СІЗО;Donetsk SIZO",
    ),
    (
        "cap-sizo-luhansk",
        "sizo",
        "captor",
        "UKR",
        "Луганськ",
        "СІЗО № 6, м. Луганськ",
        "СИЗО-6 г. Луганск",
        "Pre-trial detention centre No. 6, Luhansk",
        "Луганське СІЗО;SIZO Luhansk",
    ),
    (
        "cap-col-mordovia",
        "colony",
        "captor",
        "RUS",
        "Мордовія",
        "Виправна колонія № 11, Мордовія",
        "ИК-11 Республика Мордовия",
        "Penal colony No. 11, Mordovia",
        "ВК-11 Мордовія;ИК-11;IK-11 Mordovia;Мордовська колонія",
    ),
    (
        "cap-col-ryazan",
        "colony",
        "captor",
        "RUS",
        "Рязань",
        "Виправна колонія № 8, Рязанська обл.",
        "ИК-8 Рязанская обл.",
        "Penal colony No. 8, Ryazan region",
        "ВК-8 Рязань;IK-8 Ryazan",
    ),
    (
        "cap-col-tver",
        "colony",
        "captor",
        "RUS",
        "Тверська обл.",
        "Виправна колонія № 9, Тверська обл.",
        "ИК-9 Тверская обл.",
        "Penal colony No. 9, Tver region",
        "ВК-9;IK-9 Tver",
    ),
    (
        "cap-col-penza",
        "colony",
        "captor",
        "RUS",
        "Пенза",
        "Виправна колонія № 14, м. Пенза",
        "ИК-14 г. Пенза",
        "Penal colony No. 14, Penza",
        "ВК-14 Пенза;IK-14 Penza",
    ),
    (
        "cap-col-saratov",
        "colony",
        "captor",
        "RUS",
        "Саратов",
        "Виправна колонія № 12, Саратовська обл.",
        "ИК-12 Саратовская обл.",
        "Penal colony No. 12, Saratov region",
        "ВК-12 Саратов;Saratov colony",
    ),
    (
        "cap-col-voronezh",
        "colony",
        "captor",
        "RUS",
        "Воронеж",
        "Виправна колонія № 16, Воронезька обл.",
        "ИК-16 Воронежская обл.",
        "Penal colony No. 16, Voronezh region",
        "ВК-16;IK-16 Voronezh",
    ),
    (
        "cap-col-kirov",
        "colony",
        "captor",
        "RUS",
        "Кіровська обл.",
        "Виправна колонія № 17, Кіровська обл.",
        "ИК-17 Кировская обл.",
        "Penal colony No. 17, Kirov region",
        "ВК-17;IK-17 Kirov",
    ),
    (
        "cap-col-horlivka",
        "colony",
        "captor",
        "UKR",
        "Горлівка",
        "Виправна колонія № 57, м. Горлівка",
        "ИК-57 г. Горловка",
        "Penal colony No. 57, Horlivka",
        "Горлівська колонія;IK-57 Gorlovka",
    ),
    (
        "cap-camp-steppe",
        "camp",
        "captor",
        "UKR",
        "Степове",
        "Табір тимчасового тримання, с. Степове",
        "Лагерь временного содержания, с. Степное",
        "Temporary holding camp, Stepove",
        "табір у Степовому;Stepnoye camp",
    ),
    (
        "cap-camp-novoazovsk",
        "temporary",
        "captor",
        "UKR",
        "Новоазовськ",
        "Фільтраційний пункт, м. Новоазовськ",
        "Фильтрационный пункт, г. Новоазовск",
        "Filtration point, Novoazovsk",
        "фільтрація Новоазовськ;Novoazovsk filtration",
    ),
    (
        "cap-camp-donskoy",
        "camp",
        "captor",
        "RUS",
        "Ростовська обл.",
        "Табір для полонених «Донський», Ростовська обл.",
        "Лагерь «Донской», Ростовская обл.",
        'POW camp "Donskoy", Rostov region',
        "табір Донський;Donskoy camp",
    ),
    (
        "cap-hosp-kursk",
        "hospital",
        "captor",
        "RUS",
        "Курськ",
        "Військовий шпиталь, м. Курськ",
        "Военный госпиталь г. Курск",
        "Military hospital, Kursk",
        "шпиталь Курськ;госпиталь Курск",
    ),
    (
        "cap-hosp-donetsk",
        "hospital",
        "captor",
        "UKR",
        "Донецьк",
        "Лікарня № 14, м. Донецьк",
        "Больница № 14 г. Донецк",
        "Hospital No. 14, Donetsk",
        "лікарня Донецьк;Donetsk hospital",
    ),
    (
        "own-camp-west",
        "camp",
        "own",
        "UKR",
        "Львівська обл.",
        "Табір для військовополонених № 1 (Західна Україна)",
        "Лагерь для военнопленных № 1 (Западная Украина)",
        "POW camp No. 1 (Western Ukraine)",
        "Табір № 1;Camp 1;ТВП-1",
    ),
    (
        "own-camp-centre",
        "camp",
        "own",
        "UKR",
        "Кіровоградська обл.",
        "Табір для військовополонених № 2 (Центральна Україна)",
        "Лагерь для военнопленных № 2 (Центральная Украина)",
        "POW camp No. 2 (Central Ukraine)",
        "Табір № 2;Camp 2;ТВП-2",
    ),
    (
        "own-camp-north",
        "camp",
        "own",
        "UKR",
        "Житомирська обл.",
        "Табір для військовополонених № 3 (Північ)",
        "Лагерь для военнопленных № 3 (Север)",
        "POW camp No. 3 (North)",
        "Табір № 3;Camp 3;ТВП-3",
    ),
    (
        "own-temp-sumy",
        "temporary",
        "own",
        "UKR",
        "Сумська обл.",
        "Пункт тимчасового тримання, Сумська обл.",
        "Пункт временного содержания, Сумская обл.",
        "Temporary holding point, Sumy region",
        "ПТТ Суми;Sumy holding point",
    ),
    (
        "own-temp-donetsk",
        "temporary",
        "own",
        "UKR",
        "Донецька обл.",
        "Пункт тимчасового тримання, Донецька обл.",
        "Пункт временного содержания, Донецкая обл.",
        "Temporary holding point, Donetsk region",
        "ПТТ Донеччина;Donetsk region holding point",
    ),
    (
        "own-hosp-kyiv",
        "hospital",
        "own",
        "UKR",
        "Київ",
        "Військовий госпіталь, м. Київ",
        "Военный госпиталь г. Киев",
        "Military hospital, Kyiv",
        "госпіталь Київ;Kyiv military hospital",
    ),
    (
        "own-hosp-dnipro",
        "hospital",
        "own",
        "UKR",
        "Дніпро",
        "Обласна лікарня, м. Дніпро",
        "Областная больница г. Днепр",
        "Regional hospital, Dnipro",
        "лікарня Дніпро;Dnipro hospital",
    ),
    (
        "own-sizo-kharkiv",
        "sizo",
        "own",
        "UKR",
        "Харків",
        "СІЗО, м. Харків",
        "СИЗО г. Харьков",
        "Pre-trial detention centre, Kharkiv",
        "Харківське СІЗО;Kharkiv SIZO",
    ),
)


def _load() -> tuple[DetentionSite, ...]:
    sites = []
    for key, kind, holder, country, settlement, uk, ru, en, aliases in _SITES:
        sites.append(
            DetentionSite(
                key, kind, holder, country, settlement, uk, ru, en, tuple(aliases.split(";"))
            )
        )
    return tuple(sites)


DETENTION_SITES: tuple[DetentionSite, ...] = _load()
SITES_BY_KEY: dict[str, DetentionSite] = {site.key: site for site in DETENTION_SITES}


def _table(
    holder: str, kinds: tuple[str, ...], weights: dict[str, float]
) -> Weighted[DetentionSite]:
    return Weighted(
        (site, weights.get(site.kind, 1.0))
        for site in DETENTION_SITES
        if site.holder == holder and site.kind in kinds
    )


# Where the captor first holds people (near the front), and where it moves them later.
CAPTOR_FIRST: Weighted[DetentionSite] = _table(
    "captor", ("sizo", "camp", "temporary"), {"camp": 2.0, "sizo": 1.0, "temporary": 1.0}
)
CAPTOR_LATER: Weighted[DetentionSite] = _table(
    "captor", ("sizo", "colony"), {"colony": 2.0, "sizo": 1.0}
)
CAPTOR_HOSPITALS: Weighted[DetentionSite] = _table("captor", ("hospital",), {})
OWN_CAMPS: Weighted[DetentionSite] = _table("own", ("camp",), {})
OWN_HOLDING: Weighted[DetentionSite] = _table("own", ("temporary",), {})
OWN_HOSPITALS: Weighted[DetentionSite] = _table("own", ("hospital",), {})
OWN_SIZO: Weighted[DetentionSite] = _table("own", ("sizo",), {})
