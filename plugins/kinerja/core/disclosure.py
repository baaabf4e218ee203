"""Disclosure control over a period's joint table: which counts to hide.

Primary suppression hides every count from 1 to k−1. A hidden count is
protected only when some other table, built from the same kinds of people
and reproducing every published count, gives it a different value that is
0 or at least k. We prove that by construction, with moves that change
nothing published:

- a swap: a person of profile p in group A and one of profile q in group B
  (same dimension) trade places; only the counts of the families in which
  p and q differ change, in A and in B;
- a transfer: a person moves from group B to group A; their counts and the
  headcounts of A and B change;
- a change of profile (for the counts of everyone): one person's profile
  becomes another in every dimension at once.

A move is allowed when every count it changes is hidden. Complementary
suppression adds, cell by cell and deterministically, the cheapest move's
cells (fewest, then smallest counts) until every hidden count is protected.
The moves are explicit tables, so the protection holds against any attacker
who knows only what is published; `attack.audit` checks it with linear
programming.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from kinerja.core.aggregation import FAMILIES
from kinerja.core.cells import EVERYONE, HEADCOUNT, CellKey
from kinerja.core.joint import Joint, Move, Profile

PARTNERS = 6  # groups tried as partners when a cell needs a complement
MORE_PARTNERS = 10  # further groups with the same count hidden that a check considers
OWN = 12  # a group's most common profiles tried on its side of a swap
NEAREST = 6
HEADCOUNT_COST = 10
EVERYONE_COST = 100  # profiles tried as the other side of a swap or change, nearest first


def _family_index(ukuran: str) -> tuple[int, str] | None:
    for i, fam in enumerate(FAMILIES):
        prefix = fam.attribute + "_"
        if ukuran.startswith(prefix) and ukuran[len(prefix) :] in fam.categories:
            return i, ukuran[len(prefix) :]
    return None


class Protector:
    """Finds moves for hidden cells (by number) and the complements they need."""

    def __init__(self, joint: Joint, counts: Mapping[CellKey, int], k: int) -> None:
        self.joint = joint
        self.values = [counts.get(key, 0) for key in joint.keys]
        # hiding a headcount hides the group's statistics too; hiding a count of
        # everyone hides a figure every page shows: both only as a last resort
        self.weight = [
            HEADCOUNT_COST
            if key.ukuran == HEADCOUNT
            else EVERYONE_COST
            if key.group == EVERYONE
            else 1
            for key in joint.keys
        ]
        self.k = k
        self._moves: dict[tuple[int, bool], tuple[list[Move], Iterator[Move]]] = {}
        self._pairs: dict[tuple, dict[Profile, list[Profile]]] = {}
        self._order: dict[tuple[str, str], list[str]] = {}
        self._closest: dict[tuple, list[Profile]] = {}

    def moves(self, cell: int, leaving: bool) -> Iterator[Move]:
        """The moves considered for `cell`, found lazily and remembered."""
        found = self._moves.get((cell, leaving))
        if found is None:
            found = self._moves[(cell, leaving)] = ([], self._find_moves(cell, leaving))
        done, pending = found
        yield from done
        for move in pending:
            done.append(move)
            yield move

    def _find_moves(self, cell: int, leaving: bool) -> Iterator[Move]:
        key = self.joint.keys[cell]
        where = _family_index(key.ukuran)
        if key.group == EVERYONE:
            if where:
                yield from self._profile_changes(where, leaving)
            return
        partners = self._nearest(key)
        small = 0 < self.values[self.joint.head[key.group]] < self.k
        if where and not small:
            yield from self._swaps(key, where, leaving, partners)
        if where is None or small:  # moving people costs two headcounts: only when needed
            yield from self._transfers(key, where, leaving, partners)

    def _ranked(self, key: CellKey) -> list[str]:
        """The groups of `key`'s dimension, likeliest partners first (computed once).

        Groups with people come first, then those whose same count is small
        (hidden already), then by that count.
        """
        memo = (key.dimensi, key.ukuran)
        order = self._order.get(memo)
        if order is None:

            def rank(code: str) -> tuple:
                value = self.values[self.joint.index[key._replace(kelompok=code)]]
                empty = not self.joint.members[(key.dimensi, code)]
                return (empty, not 0 < value < self.k, value, code)

            order = self._order[memo] = sorted(self.joint.groups[key.dimensi], key=rank)
        return order

    def _nearest(self, key: CellKey) -> list[str]:
        """The partner groups most likely to need few new complements."""
        return [c for c in self._ranked(key)[: PARTNERS + 1] if c != key.kelompok][:PARTNERS]

    def _partners(self, key: CellKey, hidden: set[int]) -> list[str]:
        """Groups whose moves `reach` considers: the complement's partners, then a
        bounded number of others whose same count is hidden. Considering fewer
        moves can only make the check stricter, and keeps its cost independent of
        the number of groups."""
        chosen = self._nearest(key)
        for code in self._ranked(key):
            if len(chosen) >= PARTNERS + MORE_PARTNERS:
                break
            sibling = self.joint.index[key._replace(kelompok=code)]
            if code != key.kelompok and code not in chosen and sibling in hidden:
                chosen.append(code)
        return chosen

    def _swaps(
        self, key: CellKey, where: tuple[int, str], leaving: bool, partners: list[str]
    ) -> Iterator[Move]:
        """Swaps that move people out of (leaving) or into `key`'s category."""
        i, category = where
        own = self.joint.members[key.group]
        for code in partners:
            group = (key.dimensi, code)
            other = self.joint.members[group]
            near = [q for q in other if (q[i] == category) != leaving]
            mine = [p for p in own if (p[i] == category) == leaving]
            for p in sorted(mine, key=lambda r: (-own[r], r))[:OWN]:
                memo = (p, group, i, category, leaving)
                closest = self._closest.get(memo)
                if closest is None:
                    closest = self._closest[memo] = _nearest_profiles(p, near)
                for q in closest:
                    changed = self.joint.differing(key.group, p, q)
                    changed += self.joint.differing(group, q, p)
                    yield Move(frozenset(changed), ((key.group, p), (group, q)))

    def _transfers(
        self, key: CellKey, where: tuple[int, str] | None, leaving: bool, partners: list[str]
    ) -> Iterator[Move]:
        """One person moving out of (leaving) or into the group of `key`."""
        for code in partners:
            other = (key.dimensi, code)
            source = key.group if leaving else other
            for p in self.joint.members[source]:
                if where is not None and p[where[0]] != where[1]:
                    continue
                changed = [self.joint.head[key.group], self.joint.head[other]]
                changed += self.joint.cells_of(key.group, p) + self.joint.cells_of(other, p)
                yield Move(frozenset(changed), ((source, p),))

    def _profile_changes(self, where: tuple[int, str], leaving: bool) -> Iterator[Move]:
        """Counts of everyone: one person's profile changes in every dimension."""
        i, category = where
        everyone = self.joint.members[EVERYONE]
        near = [q for q in everyone if (q[i] == category) != leaving]
        for p in everyone:
            if (p[i] == category) != leaving:
                continue
            for q in _nearest_profiles(p, near):
                changed = self.joint.differing(EVERYONE, p, q)
                uses = [(EVERYONE, p)]
                for dim, codes in self.joint.groups.items():
                    best = self._cheapest_group(dim, codes, p, q)
                    if best is None:
                        break
                    changed += best[1]
                    uses.append(((dim, best[2]), p))
                else:
                    yield Move(frozenset(changed), tuple(uses))

    def _cheapest_group(
        self, dim: str, codes: Sequence[str], p: Profile, q: Profile
    ) -> tuple[int, list[int], str] | None:
        best = None
        for code in codes:
            if self.joint.members[(dim, code)].get(p, 0):
                changed = self.joint.differing((dim, code), p, q)
                cost = sum(self.values[c] for c in changed)
                if best is None or cost < best[0]:
                    best = (cost, changed, code)
        return best

    def reach(self, cell: int, hidden: set[int], leaving: bool, need: int) -> int:
        """How many people (up to `need`) allowed moves take out of (or into) `cell`."""
        key = self.joint.keys[cell]
        left: dict[tuple[tuple[str, str], Profile], int] = {}
        members = self.joint.members
        if key.group == EVERYONE:
            moves: Iterable[Move] = self.moves(cell, leaving)
        else:
            moves = self._allowed(key, hidden, leaving)
        total = 0
        for move in moves:
            if not move.cells <= hidden:
                continue
            room = min(left.get(u, members[u[0]].get(u[1], 0)) for u in move.uses)
            if room > 0:
                total += room
                for u in move.uses:
                    left[u] = left.get(u, members[u[0]].get(u[1], 0)) - room
                if total >= need:
                    break
        return total

    def _allowed(self, key: CellKey, hidden: set[int], leaving: bool) -> Iterator[Move]:
        """Swaps and transfers for `key` that change hidden cells only."""
        where = _family_index(key.ukuran)
        joint = self.joint
        mine = self._hidden_categories(key.group, hidden)
        for code in self._partners(key, hidden):
            group = (key.dimensi, code)
            if joint.index[key._replace(kelompok=code)] not in hidden:
                continue
            if where is not None:
                theirs = self._hidden_categories(group, hidden)
                both = tuple(frozenset(a & b) for a, b in zip(mine, theirs, strict=True))
                for p, q in self._swappable(key.group, group, both, where, leaving):
                    changed = joint.differing(key.group, p, q) + joint.differing(group, q, p)
                    yield Move(frozenset(changed), ((key.group, p), (group, q)))
            yield from self._transfers(key, where, leaving, [code])

    def _swappable(
        self,
        mine: tuple[str, str],
        theirs: tuple[str, str],
        both: tuple[frozenset[str], ...],
        where: tuple[int, str],
        leaving: bool,
    ) -> list[tuple[Profile, Profile]]:
        """Pairs (p in mine, q in theirs) that differ only where both groups hide.

        p and q may differ in family j only when both categories are hidden
        in both groups, so masking every hidden category with '*' leaves the
        same pattern for p and q exactly when they may be swapped.
        """
        i, category = where
        if category not in both[i]:
            return []
        ours, other = self._masked(mine, both), self._masked(theirs, both)
        return [
            (p, q)
            for pattern, profiles in ours.items()
            if pattern in other
            for p in profiles
            if (p[i] == category) == leaving
            for q in other[pattern]
            if (q[i] == category) != leaving
        ]

    def _masked(
        self, group: tuple[str, str], both: tuple[frozenset[str], ...]
    ) -> dict[Profile, list[Profile]]:
        """The group's profiles by their pattern with hidden categories masked (memoised)."""
        found = self._pairs.get((group, both))
        if found is None:
            found = {}
            for r in self.joint.members[group]:
                found.setdefault(_mask(r, both), []).append(r)
            self._pairs[(group, both)] = found
        return found

    def _hidden_categories(self, group: tuple[str, str], hidden: set[int]) -> list[set[str]]:
        return [{c for c, i in ids.items() if i in hidden} for ids in self.joint.family[group]]

    def protected(self, cell: int, hidden: set[int]) -> bool:
        t = self.values[cell]
        if t >= self.k or t == 0:
            return bool(self.reach(cell, hidden, t > 0, 1) or self.reach(cell, hidden, False, 1))
        if self.reach(cell, hidden, True, t) >= t:
            return True
        return self.reach(cell, hidden, False, self.k - t) >= self.k - t

    def complement(self, cell: int, hidden: set[int]) -> set[int]:
        """The cells of the cheapest move that helps `cell` (empty: none exists)."""
        t = self.values[cell]
        best: tuple | None = None
        for leaving in (True, False) if t > 0 else (False,):
            for move in self.moves(cell, leaving):
                new = move.cells - hidden
                if not new:
                    continue
                cost = (
                    sum(self.weight[c] for c in new),
                    sum(self.values[c] for c in new),
                    sorted(new),
                )
                if best is None or cost < best:
                    best = cost
        return set(best[2]) if best else set()


def _mask(profile: Profile, both: tuple[frozenset[str], ...]) -> Profile:
    return tuple("*" if c in both[j] else c for j, c in enumerate(profile))


def _nearest_profiles(p: Profile, candidates: list[Profile]) -> list[Profile]:
    """The candidates that differ from p in the fewest families."""

    def distance(q: Profile) -> tuple[int, Profile]:
        return (sum(a != b for a, b in zip(p, q, strict=True)), q)

    return sorted(candidates, key=distance)[:NEAREST]


def primary(counts: Mapping[CellKey, int], k: int) -> set[CellKey]:
    return {key for key, n in counts.items() if 0 < n < k}


def suppress(
    atoms: Mapping[tuple[str, ...], int],
    groups: Mapping[str, Sequence[str]],
    counts: Mapping[CellKey, int],
    k: int,
) -> set[CellKey]:
    """Every count to hide: primary cells and the complements that protect them."""
    joint = Joint(atoms, groups)
    protector = Protector(joint, counts, k)
    hidden = {joint.index[key] for key in primary(counts, k)}
    safe: set[int] = set()  # hiding more never undoes a protection: check each cell once
    changed = True
    while changed:
        changed = False
        for cell in sorted(hidden - safe):
            while not protector.protected(cell, hidden):
                extra = protector.complement(cell, hidden)
                if not extra:
                    break  # nothing more can help: the audit will say so
                hidden |= extra
                changed = True
            else:
                safe.add(cell)
    return {joint.keys[c] for c in hidden}
