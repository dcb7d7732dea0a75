"""Clusters from automatic links, which never join two different identifiers, nor two groups
through one weak link.

Links are taken strongest first; two groups are joined unless one holds a service (or tax)
number the other contradicts. A pair may agree on every field and carry no number at all, yet
join a group with service number 123456 to one with 654321 through it: that link is refused
and goes to review, so a cluster never holds two different numbers of one kind. A tax number
one keystroke from another whose check digit fails is that number miswritten, not a
contradiction (`comparisons.numbers_conflict`); a group keeps every form it has met.

Two groups of two records or more are joined only when the pairs between them bear it out:
at least `CHAIN_SUPPORT` of the pairs across them score at or above review (`neighbours`). One
record that resembles two persons (a namesake, a testimony that fits both) links to each, and
would otherwise chain their reports into one cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final, Protocol

from homeward.linkage.comparisons import VETO_COMPARISONS, numbers_conflict

# The least share of the pairs across two groups that must score at or above review for a
# link to join them (when each holds two records or more).
CHAIN_SUPPORT: Final = 0.3
ONE_WEAK_LINK: Final = "it would join two groups that the other pairs between them do not bear out"
DIFFERENT_NUMBERS: Final = "it would put two different numbers in one cluster"


class Neighbours(Protocol):
    """Per record, the records whose pair with it scores at or above review."""

    def __getitem__(self, record: int, /) -> Iterable[int]: ...


class Clusters:
    """Union-find over record positions 0..n-1 with cannot-link on identifiers."""

    def __init__(
        self,
        identifiers: Sequence[Sequence[str | None]],
        kinds: Sequence[str] = VETO_COMPARISONS,
        neighbours: Neighbours | None = None,
        size: int | None = None,
    ) -> None:
        """`identifiers[k][i]` is record i's identifier of kind `kinds[k]` (None when absent);
        `neighbours[i]`: the records whose pair with record i scores at or above review (when
        left out, groups are joined whatever the pairs between them); `size`: how many records
        (by default, as many as `identifiers` has)."""
        self._kinds = tuple(kinds)
        self._identifiers = identifiers
        if size is None:
            size = len(identifiers[0]) if identifiers else 0
        self._parent = list(range(size))
        self._size = [1] * size
        self._neighbours = neighbours
        self._members: dict[int, list[int]] = {}  # root → members, for groups of two or more
        self.refused: str | None = None  # why the last refused join was refused
        # root → per kind every form the group holds, for groups of two or more (a record
        # alone holds its own, read from `identifiers` when asked)
        self._ids: dict[int, list[tuple[str, ...]] | None] = {}
        # the records that hold an identifier of some kind (most hold none)
        self._numbered = {i for kind in identifiers for i, value in enumerate(kind)
                          if value is not None}  # fmt: skip

    def find(self, i: int) -> int:
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def join(self, a: int, b: int) -> bool:
        """Join the groups of a and b; False (and `refused` says why) when their identifiers
        conflict or the pairs between them do not bear the link out."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        size = self._size
        if size[root_a] > 1 and size[root_b] > 1 and not self._supported(root_a, root_b):
            self.refused = ONE_WEAK_LINK
            return False
        ids_a, ids_b = self._ids_of(root_a), self._ids_of(root_b)
        merged = ids_a if ids_b is None else ids_b
        if ids_a is not None and ids_b is not None:
            merged = []
            for kind, forms_a, forms_b in zip(self._kinds, ids_a, ids_b, strict=True):
                if forms_a == forms_b or not forms_b:
                    merged.append(forms_a)
                    continue
                if not forms_a:
                    merged.append(forms_b)
                    continue
                if any(numbers_conflict(kind, x, y) for x in forms_a for y in forms_b):
                    self.refused = DIFFERENT_NUMBERS
                    return False
                merged.append(tuple(dict.fromkeys(forms_a + forms_b)))
        if root_a < root_b:
            root_a, root_b = root_b, root_a
        self._parent[root_a] = root_b  # the smaller position becomes the root
        self._size[root_b] += self._size[root_a]
        self._ids.pop(root_a, None)
        self._ids[root_b] = merged
        if self._neighbours is not None:
            members = self._members.pop(root_a, None) or [root_a]
            self._members.setdefault(root_b, [root_b]).extend(members)
        return True

    def _ids_of(self, root: int) -> list[tuple[str, ...]] | None:
        if self._size[root] > 1:
            return self._ids[root]
        if root not in self._numbered:
            return None
        values = [kind[root] for kind in self._identifiers]
        return [() if value is None else (str(value),) for value in values]

    def _supported(self, root_a: int, root_b: int) -> bool:
        if self._neighbours is None or self._size[root_a] == 1 or self._size[root_b] == 1:
            return True  # a record alone: its own pair is the evidence
        group_a, group_b = self._members[root_a], self._members[root_b]
        small, other = (group_a, root_b) if len(group_a) <= len(group_b) else (group_b, root_a)
        return self._across(small, other) >= CHAIN_SUPPORT * len(group_a) * len(group_b)

    def _across(self, group: list[int], other_root: int) -> int:
        """How many pairs at or above review join `group` to the group of `other_root`."""
        assert self._neighbours is not None
        return sum(1 for i in group for j in self._neighbours[i] if self.find(j) == other_root)

    def roots(self) -> list[int]:
        """Each position's root. A root is the smallest position of its group, so a parent
        always precedes its child, and one pass in order settles every position."""
        parent = self._parent
        found = list(parent)
        for i, above in enumerate(parent):
            found[i] = found[above] if above != i else i
        return found


def review_priorities(
    lefts: Sequence[int],
    rights: Sequence[int],
    probabilities: Sequence[float],
    reviewed: Sequence[bool],
    roots: Sequence[int],
) -> list[float]:
    """How much a reviewer's decision on each pair would move the clusters, to order the
    review queue: accepting a pair joins its two clusters, `a·b` pairs of records, so a pair
    weighs `p·a·b` (p its probability; an unlikely pair moves little, expected). Of the pairs
    between the same two clusters only the likeliest asks the question (the others weigh 0:
    once it is decided they are decided too); a pair inside one cluster moves nothing (0).
    `reviewed[k]`: whether pair k is in the review band; `roots`: `Clusters.roots`."""
    found: list[float] = review_priority_array(
        lefts, rights, probabilities, reviewed, roots
    ).tolist()
    return found


def review_priority_array(
    lefts: Any, rights: Any, probabilities: Any, reviewed: Any, roots: Any
) -> Any:
    """`review_priorities` over NumPy arrays (or sequences), as a NumPy array."""
    import numpy as np

    roots = np.asarray(roots, np.int64).reshape(-1)
    probability = np.asarray(probabilities, np.float64).reshape(-1)
    priorities = np.zeros(len(probability), np.float64)
    if len(probability) == 0:
        return priorities
    a = roots[np.asarray(lefts, np.int64)]
    b = roots[np.asarray(rights, np.int64)]
    asked = np.flatnonzero(np.asarray(reviewed, bool) & (a != b))
    if len(asked) == 0:
        return priorities
    low, high = np.minimum(a[asked], b[asked]), np.maximum(a[asked], b[asked])
    # per two clusters, the likeliest pair, the first of them when tied
    order = np.lexsort((asked, -probability[asked], high, low))
    low, high, asked = low[order], high[order], asked[order]
    first = np.r_[True, (low[1:] != low[:-1]) | (high[1:] != high[:-1])]
    sizes = np.bincount(roots, minlength=len(roots))
    chosen, low, high = asked[first], low[first], high[first]
    priorities[chosen] = probability[chosen] * sizes[low] * sizes[high]
    return priorities
