"""Who the synthetic persons are: service, ranks, units, numbers, ages.

Own servicemen: branches of Ukraine's forces, units written "в/ч А0536" (Armed Forces), "в/ч 3057"
(National Guard) or "в/ч 2144" (Border Guard). The adversary's servicemen: ranks in the published
proportions (83% rank and file, 13% sergeants and warrant officers, about 3% officers),
contract/mobilised/conscript/volunteer by the period of capture (mobilised only after
21 September 2022; many conscripts in the Kursk operation), units "в/ч 12345".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from homeward.demo.chronology import KURSK, MOBILISATION
from homeward.demo.sampling import Uniform, Weighted, skewed_days, zipf


@dataclass(frozen=True, slots=True)
class Rank:
    uk: str
    ru: str
    en: str
    category: str  # rank_and_file | sergeant | officer


def _ranks(text: str) -> Weighted[Rank]:
    rows = (line.split("|") for line in text.strip().splitlines())
    return Weighted((Rank(uk, ru, en, cat), float(w)) for uk, ru, en, cat, w in rows)


OWN_RANKS = _ranks("""солдат|рядовой|private|rank_and_file|45
старший солдат|ефрейтор|senior private|rank_and_file|20
молодший сержант|младший сержант|junior sergeant|sergeant|9
сержант|сержант|sergeant|sergeant|6
старший сержант|старший сержант|senior sergeant|sergeant|5
головний сержант|главный сержант|chief sergeant|sergeant|2
штаб-сержант|штаб-сержант|staff sergeant|sergeant|2
молодший лейтенант|младший лейтенант|junior lieutenant|officer|2
лейтенант|лейтенант|lieutenant|officer|3
старший лейтенант|старший лейтенант|senior lieutenant|officer|2.5
капітан|капитан|captain|officer|1.5
майор|майор|major|officer|0.8
підполковник|подполковник|lieutenant colonel|officer|0.2""")

ADVERSARY_RANKS = _ranks("""рядовий|рядовой|private|rank_and_file|70
єфрейтор|ефрейтор|lance corporal|rank_and_file|13
молодший сержант|младший сержант|junior sergeant|sergeant|5
сержант|сержант|sergeant|sergeant|3.5
старший сержант|старший сержант|senior sergeant|sergeant|2.5
старшина|старшина|sergeant major|sergeant|0.8
прапорщик|прапорщик|warrant officer|sergeant|1.2
лейтенант|лейтенант|lieutenant|officer|0.8
старший лейтенант|старший лейтенант|senior lieutenant|officer|1
капітан|капитан|captain|officer|0.7
майор|майор|major|officer|0.35
підполковник|подполковник|lieutenant colonel|officer|0.15""")


@dataclass(frozen=True, slots=True)
class Unit:
    code: str  # "А0536", "3057", "12345": what follows "в/ч"
    branch: str


def _own_units() -> Weighted[Unit]:
    draw = random.Random(536)  # fixed: the units are part of the setting, not of a population
    branches = (
        ("Сухопутні війська", "А", 120),
        ("Десантно-штурмові війська", "А", 20),
        ("Морська піхота", "А", 15),
        ("Сили територіальної оборони", "А", 40),
        ("Національна гвардія", "3", 30),
        ("Державна прикордонна служба", "2", 15),
        ("Військово-морські сили", "А", 5),
        ("Повітряні сили", "А", 5),
        ("Сили спеціальних операцій", "А", 3),
    )
    units: dict[str, Unit] = {}
    for branch, prefix, count in branches:
        while sum(u.branch == branch for u in units.values()) < count:
            if prefix == "А":
                code = f"{'АААВ'[draw.randrange(4)]}{draw.randrange(10000):04d}"
            else:
                code = f"{prefix}{draw.randrange(1000):03d}"
            units.setdefault(code, Unit(code, branch))
    ordered = list(units.values())
    draw.shuffle(ordered)
    return zipf(ordered, exponent=0.9, offset=3)


def _adversary_units() -> Weighted[Unit]:
    draw = random.Random(12345)
    branches = (
        ("Сухопутные войска", 200),
        ("Воздушно-десантные войска", 30),
        ("Морская пехота", 20),
        ("Росгвардия", 15),
        ("Войска национальной гвардии", 5),
    )
    units: dict[str, Unit] = {}
    for branch, count in branches:
        for _ in range(count):
            code = f"{draw.randrange(10000, 100000)}"
            units.setdefault(code, Unit(code, branch))
    ordered = list(units.values())
    draw.shuffle(ordered)
    return zipf(ordered, exponent=0.8, offset=3)


OWN_UNITS = _own_units()
ADVERSARY_UNITS = _adversary_units()
PMC_UNITS = Weighted(
    [
        (Unit("ЧВК «Вагнер»", "ЧВК"), 6),
        (Unit("отряд «Шторм Z»", "Шторм Z"), 3),
        (Unit("БАРС-13", "Боевой армейский резерв"), 1),
    ]
)


def adversary_service(rnd: Uniform, captured: date) -> tuple[str, Unit | None]:
    """Contract, mobilised, conscript or volunteer, as the period of the capture makes likely."""
    kursk = KURSK[0] <= captured <= KURSK[1]
    mobilised = 0.0 if captured < MOBILISATION else 0.3
    conscript = 0.35 if kursk else 0.015
    volunteer = 0.12 if date(2022, 6, 1) <= captured <= date(2023, 9, 1) else 0.04
    u = rnd()
    if u < conscript:
        return "conscript", None
    if u < conscript + mobilised:
        return "mobilised", None
    if u < conscript + mobilised + volunteer:
        return "volunteer", PMC_UNITS.pick(rnd)
    return "contract", None


def own_service(rnd: Uniform, missing: date) -> str:
    if missing < date(2022, 4, 1):
        return _EARLY_SERVICE.pick(rnd)
    if missing < date(2023, 1, 1):
        return _MID_SERVICE.pick(rnd)
    return _LATE_SERVICE.pick(rnd)


_EARLY_SERVICE = Weighted([("contract", 70), ("volunteer", 20), ("mobilised", 9), ("conscript", 1)])
_MID_SERVICE = Weighted([("contract", 35), ("volunteer", 10), ("mobilised", 55)])
_LATE_SERVICE = Weighted([("contract", 25), ("volunteer", 5), ("mobilised", 70)])


def birth_date(rnd: Uniform, on: date, low: int, typical: int, high: int) -> date:
    """A birthday for someone aged about `typical` (between `low` and `high`) on `on`."""
    age_days = skewed_days(rnd, low * 365, typical * 365, high * 365) + int(rnd() * 365)
    return on - timedelta(days=age_days)


_TAX_EPOCH = date(1899, 12, 31)


def tax_number(rnd: Uniform, birth: date, sex: str) -> str:
    """A Ukrainian taxpayer number (РНОКПП): days since 31.12.1899, serial, sex digit, and a
    check digit weighted (-1, 5, 7, 9, 4, 6, 10, 5, 7) modulo 11 modulo 10."""
    sex_digit = int(rnd() * 5) * 2 + (1 if sex == "M" else 0)
    digits = f"{(birth - _TAX_EPOCH).days:05d}{int(rnd() * 1000):03d}{sex_digit}"
    d = [ord(c) - 48 for c in digits]
    check = (
        (
            -d[0]
            + 5 * d[1]
            + 7 * d[2]
            + 9 * d[3]
            + 4 * d[4]
            + 6 * d[5]
            + 10 * d[6]
            + 5 * d[7]
            + 7 * d[8]
        )
        % 11
        % 10
    )
    return f"{digits}{check}"


def own_service_number(rnd: Uniform) -> str:
    letter = "АБВГДЕЖКМОТ"[int(rnd() * 11)]
    return f"{letter}-{int(rnd() * 1_000_000):06d}"


def adversary_service_number(rnd: Uniform) -> str:
    letters = "АВЕКМНОРСТУХ"
    return f"{letters[int(rnd() * 12)]}{letters[int(rnd() * 12)]}-{int(rnd() * 1_000_000):06d}"
