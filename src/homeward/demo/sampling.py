"""Fast weighted sampling for the synthetic population.

`random.choices` rebuilds its cumulative weights on every call unless given them, and carries
keyword overhead; a `Weighted` table holds its cumulative weights once and picks with one
`random()` and one `bisect`. Every draw goes through the caller's `random.Random`, so a seed
reproduces the population exactly.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")

Uniform = Callable[[], float]
"""`random.Random().random`, bound: the only source of randomness a table needs."""


class Weighted(Generic[T]):
    """Values with weights; `pick(rnd)` draws one in proportion to its weight."""

    __slots__ = ("_cum", "_last", "_total", "values")

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        items = [(value, float(weight)) for value, weight in pairs if weight > 0]
        if not items:
            raise ValueError("a weighted table needs at least one positive weight")
        self.values: tuple[T, ...] = tuple(value for value, _ in items)
        self._cum = list(accumulate(weight for _, weight in items))
        self._total = self._cum[-1]
        self._last = len(self._cum) - 1

    def pick(self, rnd: Uniform) -> T:
        return self.values[bisect(self._cum, rnd() * self._total, 0, self._last)]

    def share(self, value: T) -> float:
        """The probability of `value` (for tests and documentation)."""
        index = self.values.index(value)
        low = self._cum[index - 1] if index else 0.0
        return (self._cum[index] - low) / self._total

    def __len__(self) -> int:
        return len(self.values)


def zipf(values: Sequence[T], *, exponent: float, offset: float = 1.0) -> Weighted[T]:
    """Rank-frequency weights 1/(rank + offset)^exponent, rank 1 first: names in real life."""
    return Weighted((value, (rank + offset) ** -exponent) for rank, value in enumerate(values, 1))


def chance(rnd: Uniform, probability: float) -> bool:
    return rnd() < probability


def between(rnd: Uniform, low: int, high: int) -> int:
    """An integer in [low, high], inclusive: cheaper than `randint`."""
    return low + int(rnd() * (high - low + 1))


def day_between(rnd: Uniform, first: date, last: date) -> date:
    """A day in [first, last]; `first` when the range is empty."""
    span = (last - first).days
    if span <= 0:
        return first
    return first + timedelta(days=int(rnd() * (span + 1)))


def skewed_days(rnd: Uniform, low: int, typical: int, high: int) -> int:
    """A delay in days, mostly near `typical`, sometimes up to `high` (a triangular law)."""
    u = rnd()
    mode = (typical - low) / (high - low) if high > low else 0.5
    if u < mode:
        return low + int(((high - low) * (typical - low) * u) ** 0.5)
    return high - int(((high - low) * (high - typical) * (1 - u)) ** 0.5)
