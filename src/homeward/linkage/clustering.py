"""Clusters from automatic links, which never join two different identifiers.

Links are taken strongest first; two groups are joined unless one holds a service (or tax)
number the other contradicts. A pair may agree on every field and carry no number at all, yet
join a group with service number 123456 to one with 654321 through it: that link is refused
and goes to review, so a cluster never holds two different numbers of one kind. A tax number
one keystroke from another whose check digit fails is that number miswritten, not a
contradiction (`comparisons.numbers_conflict`); a group keeps every form it has met.
"""

from __future__ import annotations

from collections.abc import Sequence

from homeward.linkage.comparisons import VETO_COMPARISONS, numbers_conflict


class Clusters:
    """Union-find over record positions 0..n-1 with cannot-link on identifiers."""

    def __init__(
        self,
        identifiers: Sequence[Sequence[str | None]],
        kinds: Sequence[str] = VETO_COMPARISONS,
    ) -> None:
        """`identifiers[k][i]` is record i's identifier of kind `kinds[k]` (None when absent)."""
        self._kinds = tuple(kinds)
        size = len(identifiers[0]) if identifiers else 0
        self._parent = list(range(size))
        self._ids: dict[int, list[tuple[str, ...]]] = {}  # per kind, every form the group holds
        for k, kind in enumerate(identifiers):
            for i in [i for i, value in enumerate(kind) if value is not None]:
                forms = self._ids.get(i)
                if forms is None:
                    forms = self._ids[i] = [()] * len(identifiers)
                forms[k] = (str(kind[i]),)

    def find(self, i: int) -> int:
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def join(self, a: int, b: int) -> bool:
        """Join the groups of a and b; False when their identifiers conflict."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        ids_a, ids_b = self._ids.get(root_a), self._ids.get(root_b)
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
                    return False
                merged.append(tuple(dict.fromkeys(forms_a + forms_b)))
        if root_a < root_b:
            root_a, root_b = root_b, root_a
        self._parent[root_a] = root_b  # the smaller position becomes the root
        self._ids.pop(root_a, None)
        if merged is not None:
            self._ids[root_b] = merged
        return True

    def roots(self) -> list[int]:
        """Each position's root. A root is the smallest position of its group, so a parent
        always precedes its child, and one pass in order settles every position."""
        parent = self._parent
        found = list(parent)
        for i, above in enumerate(parent):
            found[i] = found[above] if above != i else i
        return found
