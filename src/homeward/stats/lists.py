"""The register's own sources as the lists of multiple systems estimation. Pure.

The population estimated is our people who have been held captive. A person is on a list when
evidence in force of one of its kinds is recorded about him: each list is a way the register
comes to know that someone is (or was) a captive, so the histories say which ways found whom.
Kinds that say nothing of captivity (a report of disappearance, a death, remains identified)
are on no list. docs/statistics.md gives this table and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from homeward.registry.vocab import EvidenceKind, Side
from homeward.stats.histories import CaptureHistories, History
from homeward.stats.regions import UNKNOWN, region_of
from homeward.stats.rows import Derived

K = EvidenceKind
REGISTER_LISTS: dict[str, frozenset[EvidenceKind]] = {
    "relatives": frozenset({K.LETTER_OR_CALL}),  # a letter or a call from captivity
    "icrc": frozenset({K.ICRC_NOTIFICATION, K.ICRC_VISIT}),
    "captor": frozenset({K.CAPTOR_LIST, K.CAPTOR_ACKNOWLEDGMENT}),
    "media": frozenset({K.SEEN_IN_MEDIA, K.COURT_CASE}),  # videos; the captor's courts, reported
    "testimonies": frozenset({K.TESTIMONY_SIGHTING}),  # returnees who saw him
    "returns": frozenset({K.RETURNED, K.RELEASED_OTHER}),  # exchange rosters, other releases
}
LIST_OF_KIND = {kind: name for name, kinds in REGISTER_LISTS.items() for kind in kinds}


def history_of(derived: Derived) -> History:
    held = {LIST_OF_KIND[f.kind] for f in derived.in_force() if f.kind in LIST_OF_KIND}
    return tuple(int(name in held) for name in REGISTER_LISTS)


def register_histories(
    derived: Iterable[Derived], *, origin: str = "the register"
) -> CaptureHistories:
    """Our people by the lists that hold them (those on none are not counted: no list shows
    them to have been captive)."""
    counts: Counter[History] = Counter()
    for d in derived:
        if d.person.side is Side.OWN:
            history = history_of(d)
            if any(history):
                counts[history] += 1
    return CaptureHistories(tuple(REGISTER_LISTS), dict(counts), origin)


STRATA: dict[str, Callable[[Derived], str]] = {
    "year": lambda d: str(d.person.missing.year) if d.person.missing else UNKNOWN,
    "region": lambda d: region_of(d.person.missing_place),
}


def histories_by(derived: Sequence[Derived], by: str) -> dict[str, CaptureHistories]:
    """Capture histories for each year of disappearance or each region."""
    stratum = STRATA[by]
    groups: dict[str, list[Derived]] = {}
    for d in derived:
        if d.person.side is Side.OWN:
            groups.setdefault(stratum(d), []).append(d)
    return {
        label: register_histories(group, origin=f"the register, {by} {label}")
        for label, group in sorted(groups.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0]))
    }


HistoryCell = tuple[History, tuple[str, ...]]  # the history, then each stratum's label


def history_cell(d: Derived) -> HistoryCell | None:
    """One of our people's history, and his year of disappearance and region (STRATA)."""
    if d.person.side is not Side.OWN:
        return None
    return history_of(d), tuple(stratum(d) for stratum in STRATA.values())


def histories_with_strata(
    derived: Iterable[Derived],
) -> tuple[CaptureHistories, dict[str, dict[str, CaptureHistories]]]:
    """Our people by the lists that hold them, in all and for each year of disappearance and
    each region (STRATA), each person's history read once: the same tables as
    `register_histories` and `histories_by`."""
    return histories_of(Counter(cell for d in derived if (cell := history_cell(d)) is not None))


def histories_of(
    cells: Mapping[HistoryCell, int],
) -> tuple[CaptureHistories, dict[str, dict[str, CaptureHistories]]]:
    """`histories_with_strata` from the counts of `history_cell`."""
    everyone: Counter[History] = Counter()
    strata: dict[str, dict[str, Counter[History]]] = {by: {} for by in STRATA}
    for (history, labels), count in cells.items():
        for by, label in zip(STRATA, labels, strict=True):
            counts = strata[by].setdefault(label, Counter())
            if any(history):
                counts[history] += count
        if any(history):
            everyone[history] += count
    lists = tuple(REGISTER_LISTS)
    return CaptureHistories(lists, dict(everyone), "the register"), {
        by: {
            label: CaptureHistories(lists, dict(counts), f"the register, {by} {label}")
            for label, counts in sorted(groups.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0]))
        }
        for by, groups in strata.items()
    }
