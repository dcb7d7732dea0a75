"""Poisson log-linear models of a capture-history table (statsmodels GLM). Pure.

The log of the expected number of persons with history h (one 0/1 per list) is

    log mu(h) = b0 + sum_i b_i h_i + sum_{(i,j) in model} b_ij h_i h_j

fitted to the observed histories (every history on at least one list, those with no one
included as zeros). The history on no list has all h_i = 0, so its expected number, the dark
figure, is exp(b0). Two-list interactions whose lists share no one ("empty overlaps") get no
parameter: the histories holding both lists are left out of the fit instead, as in Chan,
Silverman and Vincent (2019), which is the same as letting that interaction go to minus infinity.

Before a model is fitted it is checked: the design must have full rank (else the estimate is
not identifiable) and the maximum-likelihood estimate must exist (else some fitted values are
zero and the estimate is infinite), by the linear program of Fienberg and Rinaldo (2012).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import numpy as np
import numpy.typing as npt
from scipy.optimize import brentq, linprog
from scipy.stats import chi2

# the GLM alone, not statsmodels.api (all its models: a third more time and memory to load)
from statsmodels.genmod.families import Poisson
from statsmodels.genmod.generalized_linear_model import GLM

from homeward.errors import Message
from homeward.stats.histories import CaptureHistories

Pair = tuple[int, int]
Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float64]


class Reason(Message):
    """Why no estimate exists: a message to translate, its numbers as values, and a stable code
    for machines (`homeward stats mse --json` gives it as `reason_code`)."""

    code: str

    def __new__(cls, code: str, template: str, /, **values: object) -> Reason:
        made = Message.__new__(cls, template, **values)
        assert isinstance(made, Reason)
        made.code = code
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (_reason, (self.code, self.template, self.values))


def _reason(code: str, template: str, values: dict[str, object]) -> Reason:
    return Reason(code, template, **values)


@dataclass(frozen=True)
class Table:
    """Every history on at least one list (a row of `cells`), with its observed count."""

    cells: Matrix
    counts: Vector

    @classmethod
    def of(cls, histories: CaptureHistories) -> Table:
        width = len(histories.lists)
        cells = [h for h in product((0, 1), repeat=width) if any(h)]
        counts = [float(histories.counts.get(h, 0)) for h in cells]
        return cls(np.array(cells, dtype=float), np.array(counts, dtype=float))

    def with_counts(self, counts: Vector) -> Table:
        return Table(self.cells, counts)

    def overlap(self, pair: Pair) -> float:
        both = self.cells[:, pair[0]] * self.cells[:, pair[1]]
        return float(both @ self.counts)


@dataclass(frozen=True)
class Design:
    """The model's matrix over the histories it keeps."""

    interactions: tuple[Pair, ...]  # in the model, with a parameter
    empty: tuple[Pair, ...]  # in the model, lists that share no one: their histories left out
    kept: npt.NDArray[np.bool_]
    matrix: Matrix
    counts: Vector

    @classmethod
    def of(cls, table: Table, model: Sequence[Pair]) -> Design:
        kept = np.ones(len(table.counts), dtype=bool)
        interactions: list[Pair] = []
        empty: list[Pair] = []
        for pair in model:
            if table.overlap(pair) == 0:
                empty.append(pair)
                kept &= (table.cells[:, pair[0]] * table.cells[:, pair[1]]) == 0
            else:
                interactions.append(pair)
        cells = table.cells[kept]
        pairs = [cells[:, i] * cells[:, j] for i, j in interactions]
        matrix = np.column_stack([np.ones(len(cells)), *cells.T, *pairs])
        return cls(tuple(interactions), tuple(empty), kept, matrix, table.counts[kept])


def problem_with(design: Design) -> Reason | None:
    """Why the model gives no estimate, or None when its estimate exists and is identifiable."""
    parameters = design.matrix.shape[1]
    rank = int(np.linalg.matrix_rank(design.matrix))
    if rank < parameters:
        return Reason(
            "not_identifiable",
            "the model cannot be identified from these histories: %(parameters)s parameters "
            "but only %(rank)s can be told apart",
            parameters=parameters,
            rank=rank,
        )
    if not _estimate_exists(design):
        return Reason(
            "no_mle",
            "the maximum-likelihood estimate does not exist for this model: the observed "
            "overlaps are too sparse, and the number on no list would be infinite",
        )
    return None


def _estimate_exists(design: Design) -> bool:
    """Fienberg and Rinaldo's test: is there a strictly positive table with the same margins?

    Whether the estimate exists depends only on which histories have no one (Haberman 1974),
    so the test runs on that pattern, remembered: a bootstrap meets the same ones again and
    again. When every count is positive the observed table is itself such a table.
    """
    support = design.counts > 0
    if bool(support.all()):
        return True
    matrix = design.matrix
    return _positive_table_exists(matrix.tobytes(), matrix.shape, support.tobytes())


@lru_cache(maxsize=4096)
def _positive_table_exists(matrix_bytes: bytes, shape: tuple[int, int], support: bytes) -> bool:
    """Maximise s subject to X'm = X'y, m >= s, m >= 0, for y the 0/1 pattern of who is seen;
    a positive table exists when s > 0."""
    matrix = np.frombuffer(matrix_bytes).reshape(shape)
    counts = np.frombuffer(support, dtype=bool).astype(float)
    cells, parameters = shape
    objective = np.zeros(cells + 1)
    objective[-1] = -1.0
    equalities = np.hstack([matrix.T, np.zeros((parameters, 1))])
    at_least_s = np.hstack([-np.eye(cells), np.ones((cells, 1))])
    result = linprog(
        objective,
        A_ub=at_least_s,
        b_ub=np.zeros(cells),
        A_eq=equalities,
        b_eq=matrix.T @ counts,
        bounds=[(0, None)] * (cells + 1),
        method="highs",
    )
    return bool(result.status == 0 and -result.fun > 1e-9)


@dataclass(frozen=True)
class Fit:
    params: Vector
    fitted: Vector  # expected counts of the kept histories
    deviance: float

    @property
    def dark_figure(self) -> float:
        """The expected number of persons on no list: exp(b0)."""
        return math.exp(float(self.params[0]))


def fit(design: Design, *, start: Vector | None = None) -> Fit:
    """The maximum-likelihood fit (check `problem_with` first)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = GLM(design.counts, design.matrix, family=Poisson()).fit(start_params=start)
    return Fit(np.asarray(result.params), np.asarray(result.fittedvalues), float(result.deviance))


class _NoProfile(Exception):
    """The fit with b0 held far from its estimate failed (its weights overflow): on a few
    persons the profile cannot be followed that far."""


def _deviance_with_intercept(design: Design, intercept: float, start: Vector) -> float:
    """The smallest deviance with b0 held at `intercept` (the profile)."""
    offset = np.full(len(design.counts), intercept)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = GLM(design.counts, design.matrix[:, 1:], family=Poisson(), offset=offset).fit(
                start_params=start
            )
        except ValueError as error:  # statsmodels: "NaN, inf or invalid value in weights"
            raise _NoProfile from error
    deviance = float(result.deviance)
    if not math.isfinite(deviance):
        raise _NoProfile
    return deviance


def profile_interval(design: Design, best: Fit, *, level: float) -> tuple[float, float]:
    """The dark figure's interval by profile likelihood: every exp(b0) whose profile deviance is
    within the chi-square(1) quantile of the best. The upper end is infinite when the deviance
    never rises that far, the lower end 0 when it never does below."""
    limit = float(chi2.ppf(level, 1))
    b0 = float(best.params[0])
    start = best.params[1:]

    def excess(intercept: float) -> float:
        return _deviance_with_intercept(design, intercept, start) - best.deviance - limit

    low = _crossing(excess, b0, direction=-1.0)
    high = _crossing(excess, b0, direction=1.0)
    return (
        0.0 if low is None else math.exp(low),
        math.inf if high is None else math.exp(high),
    )


def _crossing(excess: Callable[[float], float], b0: float, *, direction: float) -> float | None:
    """Where the profile deviance crosses the limit on one side of b0, or None if it never does
    within a factor of e^30 of the estimate — or if the profile cannot be followed until it
    does (the interval is then open on that side: no finite upper bound, or down to 0)."""
    inner, step = b0, 0.5
    try:
        while step <= 30.0:
            outer = b0 + direction * step
            if excess(outer) > 0:
                low, high = sorted((inner, outer))
                return float(brentq(excess, low, high, xtol=1e-8))
            inner, step = outer, step * 2
    except _NoProfile:
        return None
    return None
