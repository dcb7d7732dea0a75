"""The war's chronology as the generator needs it: when losses and captures happened, and when
exchanges brought people home.

Losses and captures follow the fighting (`geo.EPISODES`): the Kyiv and Mariupol months of 2022,
the Kharkiv counteroffensive (many captures of the adversary), Bakhmut, Avdiivka, the Kursk
operation of 2024 (many conscripts captured), Pokrovsk. Exchanges are synthetic but shaped like
the real ones: irregular, a few large ones (hundreds), many small ones, none before March 2022.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta
from functools import cache, lru_cache

from homeward.demo.geo import EPISODES, Episode, Place
from homeward.demo.sampling import Uniform, Weighted

WAR_START = date(2022, 2, 24)
MOBILISATION = date(2022, 9, 21)  # Russia's "partial" mobilisation
KURSK = (date(2024, 8, 6), date(2025, 3, 20))

# (day, relative size): who comes back is drawn in proportion to the size.
_EXCHANGES = """2022-03-24 10|2022-04-01 86|2022-04-14 30|2022-04-21 19|2022-05-06 41|2022-06-11 25
2022-06-29 144|2022-08-24 8|2022-09-21 215|2022-10-06 20|2022-10-13 20|2022-10-17 110
2022-10-29 52|2022-11-03 107|2022-11-11 45|2022-11-24 50|2022-12-01 50|2022-12-06 60
2022-12-14 64|2022-12-31 140|2023-01-08 50|2023-01-11 100|2023-02-04 116|2023-02-16 101
2023-03-07 130|2023-04-11 100|2023-05-06 45|2023-05-25 106|2023-06-11 95|2023-07-06 45
2023-08-07 22|2024-01-03 230|2024-01-31 207|2024-02-08 100|2024-05-31 75|2024-06-25 90
2024-07-17 95|2024-08-24 115|2024-09-13 49|2024-10-18 95|2024-12-30 150|2025-01-05 25
2025-02-05 150|2025-03-19 175|2025-04-19 246|2025-05-06 205|2025-05-23 390|2025-05-24 307
2025-05-25 303|2025-06-10 120|2025-06-14 100|2025-06-19 150|2025-06-26 120|2025-07-04 150
2025-07-23 250|2025-08-14 84|2025-08-24 146|2025-10-02 185|2025-12-19 110|2026-01-15 120
2026-02-20 150|2026-03-25 175|2026-05-08 200|2026-06-12 180|2026-07-17 150|2026-08-24 200
2026-10-03 160"""

EXCHANGES: tuple[tuple[date, int], ...] = tuple(
    (date.fromisoformat(day), int(size))
    for day, size in (item.split() for item in _EXCHANGES.replace("\n", "|").split("|"))
)
EXCHANGE_DAYS: tuple[date, ...] = tuple(day for day, _ in EXCHANGES)


def exchange_name(day: date) -> str:
    """The note on a return in an exchange, in the demo's language."""
    return f"обмін {day:%d.%m.%Y}"


@cache
def _exchanges_from(index: int) -> Weighted[date] | None:
    window = EXCHANGES[index : index + 4]
    return Weighted((day, size) for day, size in window) if window else None


def exchange_after(rnd: Uniform, earliest: date, today: date) -> date | None:
    """An exchange on or after `earliest` and not after `today` (the next few, by size)."""
    table = _exchanges_from(bisect_left(EXCHANGE_DAYS, earliest))
    if table is None:
        return None
    day = table.pick(rnd)
    if day > today:
        day = min(table.values)
    return day if day <= today else None


class Fighting:
    """Days and places of losses (own) or captures (adversary) up to `today`."""

    def __init__(self, *, side: str, today: date) -> None:
        self._today = today
        self._days = Weighted(self._daily_weights(side))
        self._by_active: dict[tuple[int, ...], Weighted[Episode]] = {}
        self._side = side
        self._by_day: dict[date, Weighted[Episode]] = {}

    def _daily_weights(self, side: str) -> list[tuple[int, float]]:
        weights = []
        day, last = WAR_START, self._today - timedelta(days=7)
        while day <= last:
            active = [e for e in EPISODES if e.start <= day and (e.end is None or day <= e.end)]
            total = sum(e.own_weight if side == "own" else e.adversary_weight for e in active)
            weights.append((day.toordinal(), total))
            day += timedelta(days=1)
        return weights

    def day(self, rnd: Uniform) -> date:
        return date.fromordinal(self._days.pick(rnd))

    def place(self, rnd: Uniform, day: date) -> Place:
        table = self._by_day.get(day)
        if table is None:
            table = self._by_day[day] = self._episodes_on(day)
        places = table.pick(rnd).places
        return places[int(rnd() * len(places))]

    def _episodes_on(self, day: date) -> Weighted[Episode]:
        active = tuple(
            i for i, e in enumerate(EPISODES) if e.start <= day and (e.end is None or day <= e.end)
        )
        table = self._by_active.get(active)
        if table is None:
            own = self._side == "own"
            table = Weighted(
                (EPISODES[i], EPISODES[i].own_weight if own else EPISODES[i].adversary_weight)
                for i in active
            )
            self._by_active[active] = table
        return table


@lru_cache(maxsize=8)
def fighting(side: str, today: date) -> Fighting:
    return Fighting(side=side, today=today)
