"""The contexts of the sample documents (`templates/samples/`), which the tests and the
benchmark render: synthetic persons whose names hold every script and sign that paper must
carry — Ukrainian ґ є і ї, Russian ё, Latin with diacritics, and the three apostrophes (modifier
letter ʼ U+02BC, typographic ’ U+2019, typewriter ' U+0027). No real person's data."""

from __future__ import annotations

from datetime import date
from typing import Any

from homeward.dates import PartialDate

VERIFICATION_URL = "https://homeward.example/verify/HW-2026-000123?code=7KQ4-M2XD"

# surname, given name, patronymic, birth date, the name in Latin script
PERSONS: list[tuple[str, str, str, PartialDate, str]] = [
    ("Коваленко", "Олександр", "Петрович", PartialDate(1999, 3, 12), "Kovalenko Oleksandr"),
    ("Дʼяченко", "Марʼяна", "Ігорівна", PartialDate(1997, 3), "Diachenko Mariana"),
    ("П’ятничук", "Євген", "Олегович", PartialDate(1985), "Piatnychuk Yevhen"),
    ("Мар'янчук", "Ґанна", "Юріївна", PartialDate(2001, 11, 2), "Marianchuk Hanna"),
    ("Їжакевич", "Ярослав", "Вікторович", PartialDate(1990, 1, 30), "Yizhakevych Yaroslav"),
    ("Семёнов", "Пётр", "Алексеевич", PartialDate(1988, 7, 4), "Semyonov Pyotr"),
    ("Šimkus", "Žydrūnas", "", PartialDate(1979, 5), "Šimkus Žydrūnas"),
    ("Łukaszewski", "Paweł", "", PartialDate(1983, 9, 9), "Łukaszewski Paweł"),
]


def person_rows(count: int) -> list[dict[str, Any]]:
    """`count` rows, going round the persons above (a list long enough for several pages)."""
    rows = []
    for index in range(count):
        surname, given, patronymic, born, latin = PERSONS[index % len(PERSONS)]
        rows.append(
            {
                "surname": surname,
                "given_name": given,
                "patronymic": patronymic,
                "birth_date": born,
                "latin": latin,
            }
        )
    return rows


def list_context(count: int = 70) -> dict[str, Any]:
    return {
        "reference": "HW-2026-000123",
        "issued_on": date(2026, 11, 5),
        "persons": person_rows(count),
        "verification_url": VERIFICATION_URL,
    }


def card_context() -> dict[str, Any]:
    return {
        "reference": "HW-2026-000124",
        "issued_on": date(2026, 11, 5),
        "person": {
            "surname": "Семёнов",
            "given_name": "Пётр",
            "patronymic": "Алексеевич",
            "latin": "Semyonov Pyotr",
            "birth_date": PartialDate(1988, 7, 4),
            "birth_place": "Вязьма",
            "citizenship": "Російська Федерація",
            "service_number": "АВ-123456",
        },
        "verification_url": VERIFICATION_URL,
    }
