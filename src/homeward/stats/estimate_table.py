"""The estimate of those on no list as a table to download: the whole register's, then each
year of disappearance's and each region's. Pure.

One line per estimate: `by` (`all`, `year` or `region`), the stratum, the number documented,
the estimate and its interval (empty where there is none, or no finite upper bound), the model
(its interactions) and, where there is no estimate, the reason's code and the reason in the
reader's language. Public: the numbers documented go through disclosure control — each
stratum's is a part of the whole's when the strata add up to it — and the estimate and interval
of a stratum whose number is hidden are withheld with it (they are made from it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from homeward.stats.disclosure import WITHHELD, Relation, suppress

if TYPE_CHECKING:
    from homeward.stats.loglinear import Reason
    from homeward.stats.mse import Estimate

ALL = "all"
COLUMNS = (
    "by",
    "stratum",
    "observed",
    "estimate",
    "interval_low",
    "interval_high",
    "level",
    "interval_method",
    "interactions",
    "reason_code",
    "reason",
)
Key = tuple[str, str]


def estimate_rows(
    whole: Estimate,
    strata: Mapping[str, Mapping[str, Estimate]],
    *,
    translate: Callable[[Reason], str] = str,
    public: bool = False,
) -> list[list[str]]:
    """The header and one line per estimate, as text for CSV."""
    found: dict[Key, Estimate] = {(ALL, ALL): whole}
    for by, groups in strata.items():
        for label, estimate in groups.items():
            found[(by, label)] = estimate
    observed: dict[Key, int | str] = {key: e.observed for key, e in found.items()}
    if public:
        observed = suppress({key: e.observed for key, e in found.items()}, _relations(found))
    lines = [list(COLUMNS)]
    for (by, label), estimate in found.items():
        shown = observed[(by, label)]
        lines.append(
            [by, label, str(shown), *_estimated(estimate, translate, isinstance(shown, int))]
        )
    return lines


def _relations(found: Mapping[Key, Estimate]) -> list[Relation[Key]]:
    """Where the strata of one kind add up to the whole, the whole is their total (so one
    hidden stratum could be read off it by subtraction)."""
    whole = found[(ALL, ALL)].observed
    relations = []
    for by in dict.fromkeys(by for by, _ in found if by != ALL):
        parts = tuple(key for key in found if key[0] == by)
        if sum(found[key].observed for key in parts) == whole:
            relations.append(Relation((ALL, ALL), parts))
    return relations


def _estimated(estimate: Estimate, translate: Callable[[Reason], str], shown: bool) -> list[str]:
    """estimate, interval low and high, level, method, interactions, reason code, reason."""
    interactions = "; ".join(f"{a}×{b}" for a, b in estimate.interactions)
    reason = estimate.reason
    if reason is not None:
        return ["", "", "", "", "", "", reason.code, translate(reason)]
    if estimate.estimate is None or estimate.interval is None:  # pragma: no cover - no reason
        return ["", "", "", "", "", interactions, "", ""]
    if not shown:
        return [
            WITHHELD,
            WITHHELD,
            WITHHELD,
            f"{estimate.level:g}",
            estimate.method.value,
            "",
            "",
            "",
        ]
    low, high = estimate.interval
    return [
        str(round(estimate.estimate)),
        str(round(low)),
        "" if math.isinf(high) else str(round(high)),
        f"{estimate.level:g}",
        estimate.method.value,
        interactions,
        "",
        "",
    ]
