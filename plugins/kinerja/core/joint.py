"""A period's people as (group, profile) counts, for disclosure control.

A profile is a person's category in every family (predikat, ratings, JPM,
talent box, training). Every published count of a group is a sum over its
profiles, so moving people between groups or profiles changes exactly the
counts named here.

Everything is numbered once so that the search works on small integers:
groups (`EVERYONE` first, then every dimension's groups in order), profiles
(in sorted order, so numbers sort as the profiles do) and cells. A group
has `width` consecutive cells: slot 0 is its headcount, slot 1 + c the
count of category c (every family's categories in order). A set of one
group's cells is then an integer with one bit per slot, and a profile is
the bits of its categories: two profiles differ exactly in the cells of
`bits[p] ^ bits[q]`.
"""

from __future__ import annotations

from collections.abc import Mapping

from kinerja.core.aggregation import DIMENSIONS, Layout
from kinerja.core.cells import EVERYONE, HEADCOUNT, CellKey, count_measure

Profile = tuple[str, ...]
POSSIBLE = -1  # a swap known to be possible (a mask is never negative)
NEAREST = 6  # profiles tried as the other side of a swap or change, nearest first

# A move: the cells it changes, as (group, slot bits) with distinct groups,
# and the people it needs, one of each (group, profile).
Part = tuple[int, int]
Move = tuple[tuple[Part, ...], tuple[Part, ...]]


def _slot_table(layout: Layout) -> tuple[dict[tuple[int, str], int], list[str]]:
    """Each (family number, category)'s slot, and each slot's measure (slot 0: headcount)."""
    categories = [(i, c) for i, f in enumerate(layout.families) for c in f.categories]
    slot = {(i, c): 1 + n for n, (i, c) in enumerate(categories)}
    families = layout.families
    measures = [HEADCOUNT, *(count_measure(families[i].attribute, c) for i, c in categories)]
    return slot, measures


def _bit_tables(slot: Mapping[tuple[int, str], int], families: int) -> list[dict[str, int]]:
    """Per family, each category's bit: a profile's bits are then the sum
    of one lookup per family (the bits never overlap)."""
    tables: list[dict[str, int]] = [{} for _ in range(families)]
    for (i, c), s in slot.items():
        tables[i][c] = 1 << s
    return tables


def slots(mask: int) -> list[int]:
    """The slots whose bits are set, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class Joint:
    """A period's people as (group, profile) counts, and its cells as numbers.

    Cell `g * width + s` is slot s of group g (`key_of`, `cell_of`).
    `members[g]` maps profile numbers to people, in profile order.
    """

    def __init__(self, atoms: Mapping[tuple[str, ...], int], layout: Layout) -> None:
        slot, self.measures = _slot_table(layout)
        self.width = len(self.measures)  # cells per group
        # every slot's bit: masks are taken from it rather than negated, as an
        # AND with a negative integer costs half as much again
        self.full = (1 << self.width) - 1
        self.measure_slot = {m: n for n, m in enumerate(self.measures)}
        self.groups = {d: list(layout.groups.get(d, ())) for d in DIMENSIONS}
        self.group_index: dict[tuple[str, str], int] = {EVERYONE: 0}
        for dim, codes in self.groups.items():
            for code in codes:
                self.group_index.setdefault((dim, code), len(self.group_index))
        self.positive = all(n > 0 for n in atoms.values())
        split = len(DIMENSIONS)
        tails = [atom[split:] for atom in atoms]
        self.profiles: list[Profile] = sorted(set(tails))
        tables = _bit_tables(slot, len(layout.families))
        self.bits = [sum(map(dict.__getitem__, tables, p)) for p in self.profiles]
        # each profile's bits twice over, the second copy `width` bits up: one
        # AND with (g's fresh slots | h's fresh slots << width) counts a move's
        # new cells in two groups at once
        self.twice = [b | b << self.width for b in self.bits]
        self.members = self._count(atoms, tails)
        self.group_keys = list(self.group_index)
        self.listed = [[(p, self.bits[p]) for p in inside] for inside in self.members]
        # per slot: the bits of every category of its family (slot 0: none)
        self.family_bits = [0] * self.width
        for (i, _), s in slot.items():
            self.family_bits[s] = sum(1 << t for (j, _), t in slot.items() if j == i)
        self.dimension = [g[0] for g in self.group_keys]
        self.by_dimension = {
            d: [self.group_index[(d, c)] for c in codes] for d, codes in self.groups.items()
        }
        self._index_slots()
        self._near: dict[tuple[int, int, bool, bool], list[int]] = {}
        self._slots: dict[int, list[int]] = {}
        self._swap_seen: dict[tuple[int, int, int, bool], int] = {}
        self._closest: dict[tuple[int, int, bool], dict[int, list[int]]] = {}

    def _count(self, atoms: Mapping[tuple[str, ...], int], tails: list) -> list[dict[int, int]]:
        """People per profile in each group, in profile order (the atoms are
        read in profile order, so no group's counts need sorting). Groups the
        layout does not name are numbered after its own, in the order the atoms
        first show them (by atom, then by dimension)."""
        pid = {p: n for n, p in enumerate(self.profiles)}
        column = [pid[t] for t in tails]
        order = sorted(range(len(column)), key=column.__getitem__)  # stable: atoms in order
        keys, people = list(atoms), list(atoms.values())
        sorted_keys = [keys[n] for n in order]
        column, people = [column[n] for n in order], [people[n] for n in order]
        everyone: dict[int, int] = {}
        for p, n in zip(column, people, strict=True):
            everyone[p] = everyone.get(p, 0) + n
        counts: list[dict[int, int]] = [{} for _ in self.group_index]
        counts[0] = everyone
        unknown = []
        for i, dim in enumerate(DIMENSIONS):
            groups: dict[str, dict[int, int]] = {}
            for code, p, n in zip([a[i] for a in sorted_keys], column, people, strict=True):
                inside = groups.get(code)
                if inside is None:
                    inside = groups[code] = {}
                inside[p] = inside.get(p, 0) + n
            for code, inside in groups.items():
                g = self.group_index.get((dim, code))
                if g is None:
                    first = next(n for n, atom in enumerate(keys) if atom[i] == code)
                    unknown.append((first, i, code, inside))
                else:
                    counts[g] = inside
        for _, i, code, inside in sorted(unknown, key=lambda u: u[:2]):  # in first-seen order
            self.group_index[(DIMENSIONS[i], code)] = len(counts)
            counts.append(inside)
        return counts

    def _index_slots(self) -> None:
        """Per group and slot, the group's profiles (number, bits) in that slot,
        in profile order."""
        own_slots = [slots(b) for b in self.bits]
        self.slot_members: list[list[list[tuple[int, int]]]] = []
        for inside in self.listed:
            lists: list[list[tuple[int, int]]] = [[] for _ in range(self.width)]
            add = [found.append for found in lists]
            for pair in inside:
                for s in own_slots[pair[0]]:
                    add[s](pair)
            self.slot_members.append(lists)

    def cell_of(self, key: CellKey) -> int:
        return self.group_index[(key[0], key[1])] * self.width + self.measure_slot[key[2]]

    def key_of(self, cell: int) -> CellKey:
        g, s = divmod(cell, self.width)
        return CellKey(*self.group_keys[g], self.measures[s])

    def near(self, h: int, s: int, inside: bool, twice: bool = False) -> list[int]:
        """The bits of h's profiles in (or out of) slot s, in profile order
        (`twice`: as `twice` has them)."""
        memo = (h, s, inside, twice)
        found = self._near.get(memo)
        if found is None:
            own = self.twice if twice else self.bits
            if inside:
                found = [own[p] for p, _ in self.slot_members[h][s]]
            else:
                bit = 1 << s
                found = [own[p] for p, b in self.listed[h] if not b & bit]
            self._near[memo] = found
        return found

    def slots_of(self, mask: int) -> list[int]:
        """`slots(mask)` for the few masks of one family's categories (remembered)."""
        found = self._slots.get(mask)
        if found is None:
            found = self._slots[mask] = slots(mask)
        return found

    def may_swap(self, g: int, h: int, s: int, leaving: bool, both: int) -> bool:
        """Whether someone of g in slot s (leaving; of h when not) and someone
        of the other group in another slot of the family hidden in `both` are
        alike outside the categories in `both`. Remembered: cells are only ever
        hidden, never shown again, so `both` only grows, and once a swap is
        possible it stays possible; an impossible one needs a new look only
        when `both` grew."""
        inside, out = (g, h) if leaving else (h, g)
        memo = (inside, out, s)
        known = self._swap_seen.get(memo)
        if known == POSSIBLE:
            return True
        if known == both:
            return False
        outside = self.full ^ both
        patterns = {pair[1] & outside for pair in self.slot_members[inside][s]}
        lists = self.slot_members[out]
        family = (both & self.family_bits[s]) ^ (1 << s)
        others = self._slots.get(family) or self.slots_of(family)  # never empty here
        found = not patterns.isdisjoint([pair[1] & outside for o in others for pair in lists[o]])
        self._swap_seen[memo] = POSSIBLE if found else both
        return found

    def any_transfer(self, g: int, h: int, s: int, leaving: bool, both: int) -> bool:
        """Whether a transfer between g and h changes only cells both hide."""
        bit = 1 << s if s else 0
        outside = self.full ^ both
        for _, bits in self.listed[g if leaving else h]:
            if not bits & outside and (not bit or bits & bit):
                return True
        return False

    def transfer_people(
        self, g: int, h: int, s: int, leaving: bool, both: int, left: dict, total: int, need: int
    ) -> int:
        """`total` plus the people of the transfers between g and h that change
        only cells both hide, in profile order, until `need` is reached; `left`
        holds the source group's people not yet moved, by profile."""
        bit = 1 << s if s else 0
        source = g if leaving else h
        outside, people = self.full ^ both, self.members[source]
        for p, bits in self.listed[source]:
            if not bits & outside and (not bit or bits & bit):
                room = left.get(p)
                if room is None:
                    room = people.get(p, 0)
                if room > 0:
                    total += room
                    left[p] = 0
                    if total >= need:
                        return total
        return total

    def swap_people(
        self, g: int, h: int, s: int, leaving: bool, both: int, left: tuple, total: int, need: int
    ) -> int:
        """`total` plus the people that swaps of p in g and q in h changing only
        cells both groups hide can move, until `need` is reached.

        p and q may differ only in categories hidden in both groups, so
        masking those leaves the same pattern for p and q exactly when they
        may be swapped; one of them is in slot s, the other in another slot
        of its family hidden in both. Patterns come in the order of their
        first profile among g's profiles in those slots, then p and q in
        profile order; each swap takes as many people as both have left
        (`left`: g's and h's tallies by profile). The caller has checked
        `may_swap`.
        """
        members, mine, yours = self.slot_members, self.members[g], self.members[h]
        others = self.slots_of((both & self.family_bits[s]) ^ (1 << s))
        outside, here, there = self.full ^ both, [members[g][s]], [members[g][o] for o in others]
        ours = _by_pattern(here if leaving else there, outside, None)
        theirs = _by_pattern(
            [members[h][o] for o in others] if leaving else [members[h][s]], outside, ours
        )
        own, other = left
        for pattern in self._pattern_order(ours, theirs, there if leaving else here, outside):
            for p in sorted(ours[pattern]):
                a = own.get(p)
                if a is None:
                    a = mine.get(p, 0)
                for q in sorted(theirs[pattern]) if a > 0 else ():
                    b = other.get(q)
                    if b is None:
                        b = yours.get(q, 0)
                    room = a if a < b else b
                    if room > 0:
                        total += room
                        a -= room
                        own[p], other[q] = a, b - room
                        if total >= need or not a:
                            break
                if total >= need:
                    return total
        return total

    @staticmethod
    def _pattern_order(ours: dict, theirs: dict, rest: list, outside: int) -> list[int]:
        """The patterns both sides have, by their first profile among g's
        profiles in the family's slots (`ours` and `rest`, g's other lists)."""
        order = list(theirs)
        if len(order) > 1:
            first = {pattern: min(ours[pattern]) for pattern in order}
            for listed in rest:
                for p, b in listed:
                    pattern = b & outside
                    if p < first.get(pattern, p):
                        first[pattern] = p
            order.sort(key=first.__getitem__)
        return order

    def swap_options(
        self, g: int, s: int, leaving: bool, partners: list[int], most: int
    ) -> list[tuple[int, list[int]]]:
        """Swaps that move people out of (leaving) or into g's count in slot s:
        g's `most` commonest profiles with the nearest of each partner's, as
        (partner, [what they change, as `twice` has it]). Only the set of
        each partner's changes matters: the caller looks for the cheapest."""
        own = self.members[g]
        if leaving:
            mine = [pair[0] for pair in self.slot_members[g][s]]
        else:
            bit = 1 << s
            mine = [p for p, b in self.listed[g] if not b & bit]
        # most people first; a stable sort keeps equal counts in profile order
        mine = sorted(mine, key=own.__getitem__, reverse=True)[:most]
        out = []
        twice, near_of, closest_of = self.twice, self._near.get, self._closest
        for h in partners:
            near = near_of((h, s, not leaving, True)) or self.near(h, s, not leaving, True)
            if len(near) <= NEAREST:  # every profile is among the nearest
                out.append((h, list({twice[p] ^ b for p in mine for b in near})))
                continue
            found: set[int] = set()
            known = closest_of.get((h, s, leaving))  # each profile's nearest
            if known is None:
                known = closest_of[(h, s, leaving)] = {}
            for p in mine:
                closest = known.get(p)
                if closest is None:
                    closest = known[p] = nearest_profiles(twice[p], near)
                found.update(closest)
            out.append((h, list(found)))
        return out

    def transfer_options(
        self, g: int, s: int, leaving: bool, partners: list[int]
    ) -> list[tuple[int, list[int]]]:
        """One person moving out of (leaving) or into group g, as `swap_options`
        gives swaps (both headcounts change too)."""
        bit = 1 << s if s else 0
        heads, listed, twice = 1 | 1 << self.width, self.listed, self.twice
        return [
            (h, [heads | twice[p] for p, b in listed[g if leaving else h] if not bit or b & bit])
            for h in partners
        ]


def _by_pattern(
    lists: list[list[tuple[int, int]]], outside: int, keep: dict[int, list[int]] | None
) -> dict[int, list[int]]:
    """The profile numbers of (number, bits) lists by their bits in `outside`
    (only the patterns `keep` has, when given)."""
    found: dict[int, list[int]] = {}
    for members in lists:
        for p, b in members:
            pattern = b & outside
            if pattern in found:
                found[pattern].append(p)
            elif keep is None or pattern in keep:
                found[pattern] = [p]
    return found


def nearest_profiles(mine: int, candidates: list[int]) -> list[int]:
    """How the candidates (profile bits, in profile order) that differ from
    `mine` in the fewest families (then the earliest) differ from it."""
    # a stable sort keeps the earliest first among equally near candidates
    return sorted([mine ^ b for b in candidates], key=int.bit_count)[:NEAREST]
