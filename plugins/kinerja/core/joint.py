"""A period's people as (group, profile) counts, for disclosure control.

A profile is a person's category in every family (predikat, ratings, JPM,
talent box, training). Every published count of a group is a sum over its
profiles, so moving people between groups or profiles changes exactly the
counts named here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kinerja.core.aggregation import DIMENSIONS, FAMILIES
from kinerja.core.cells import EVERYONE, HEADCOUNT, CellKey, count_measure

Profile = tuple[str, ...]


@dataclass(frozen=True)
class Move:
    cells: frozenset[int]  # numbers of the counts the move changes
    uses: tuple[tuple[tuple[str, str], Profile], ...]  # one person of each (group, profile)


class Joint:
    """A period's people as (group, profile) counts, and its cells as numbers.

    Cells are numbered once so that the search below works on small
    integers; `keys[i]` is the CellKey of cell i.
    """

    def __init__(
        self, atoms: Mapping[tuple[str, ...], int], groups: Mapping[str, Sequence[str]]
    ) -> None:
        self.groups = {d: list(groups.get(d, ())) for d in DIMENSIONS}
        self.members: dict[tuple[str, str], dict[Profile, int]] = {EVERYONE: {}}
        for dim, codes in self.groups.items():
            for code in codes:
                self.members[(dim, code)] = {}
        for atom, n in atoms.items():
            profile = atom[len(DIMENSIONS) :]
            for group in [EVERYONE, *zip(DIMENSIONS, atom, strict=False)]:
                inside = self.members.setdefault(group, {})
                inside[profile] = inside.get(profile, 0) + n
        for group, inside in self.members.items():
            self.members[group] = dict(sorted(inside.items()))
        self.keys: list[CellKey] = []
        self.index: dict[CellKey, int] = {}
        self.head: dict[tuple[str, str], int] = {}
        self.family: dict[tuple[str, str], list[dict[str, int]]] = {}
        for group in self.members:
            self.head[group] = self._number(CellKey(*group, HEADCOUNT))
            self.family[group] = [
                {
                    c: self._number(CellKey(*group, count_measure(f.attribute, c)))
                    for c in f.categories
                }
                for f in FAMILIES
            ]

    def _number(self, key: CellKey) -> int:
        self.index[key] = len(self.keys)
        self.keys.append(key)
        return self.index[key]

    def cells_of(self, group: tuple[str, str], profile: Profile) -> list[int]:
        ids = self.family[group]
        return [ids[i][c] for i, c in enumerate(profile)]

    def differing(self, group: tuple[str, str], p: Profile, q: Profile) -> list[int]:
        ids = self.family[group]
        out = []
        for i, a, b in _difference(p, q):
            out.append(ids[i][a])
            out.append(ids[i][b])
        return out


_DIFFERENCES: dict[tuple[Profile, Profile], tuple[tuple[int, str, str], ...]] = {}


def _difference(p: Profile, q: Profile) -> tuple[tuple[int, str, str], ...]:
    found = _DIFFERENCES.get((p, q))
    if found is None:
        found = tuple((i, a, b) for i, (a, b) in enumerate(zip(p, q, strict=True)) if a != b)
        if len(_DIFFERENCES) > 200_000:
            _DIFFERENCES.clear()
        _DIFFERENCES[(p, q)] = found
    return found
