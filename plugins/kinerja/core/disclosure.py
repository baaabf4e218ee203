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

Cells, groups and profiles are small integers (see joint); one group's
hidden cells are one integer with a bit per slot, so "every changed count
is hidden" is a bit test.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping

from kinerja.core import collector
from kinerja.core.aggregation import Layout
from kinerja.core.cells import CellKey
from kinerja.core.joint import Joint, Move, nearest_profiles, slots

PARTNERS = 6  # groups tried as partners when a cell needs a complement
MORE_PARTNERS = 10  # further groups with the same count hidden that a check considers
OWN = 12  # a group's most common profiles tried on its side of a swap
HEADCOUNT_COST = 10
EVERYONE_COST = 100
EVERYONE_GROUP = 0  # joint numbers the group of everyone first
NO_WEIGHT = 1 << 62  # above any move's weight: the move hides nothing new


class Protector:
    """Finds moves for hidden cells (by number) and the complements they need."""

    def __init__(self, joint: Joint, counts: Mapping[CellKey, int], k: int) -> None:
        self.joint = joint
        self.width = joint.width  # cells per group
        self.values = self._values(counts)
        self.k = k
        self.hidden: set[int] = set()
        self.mask = [0] * len(joint.group_keys)  # hidden slots of each group
        self._moves: dict[tuple[int, bool], tuple[list[Move], Iterator[Move]]] = {}
        self._options: dict[tuple[int, bool], list] = {}
        self._order: dict[tuple[str, int], list[int]] = {}
        # per (dimension, slot): each group's place in `_ranked`, and the
        # places of the groups whose count in that slot is hidden, in order
        self._hidden_ranks: dict[tuple[str, int], tuple[dict[int, int], list[int]]] = {}
        # per (group, slot): (hidden ranks below cut then, cut, partners, hidden ranks)
        self._chosen: dict[tuple[int, int], tuple[int, int, list[int], list[int]]] = {}
        self._cheapest: dict[tuple, tuple[int, int] | None] = {}

    def _values(self, counts: Mapping[CellKey, int]) -> list[int]:
        """Every cell's count (0 where `counts` has none)."""
        joint = self.joint
        values = [0] * (len(joint.group_keys) * self.width)
        groups, slot_of = joint.group_index, joint.measure_slot
        for key, n in counts.items():
            g, s = groups.get((key[0], key[1])), slot_of.get(key[2])
            if g is not None and s is not None:
                values[g * self.width + s] = n
        return values

    def hide(self, cells: set[int]) -> None:
        self.hidden |= cells
        dimension = self.joint.dimension
        for cell in cells:
            g, s = divmod(cell, self.width)
            self.mask[g] |= 1 << s
            ranks = self._hidden_ranks.get((dimension[g], s))
            if ranks is not None and g in ranks[0]:
                bisect.insort(ranks[1], ranks[0][g])

    def moves(self, cell: int, leaving: bool) -> Iterator[Move]:
        """The profile changes considered for a count of everyone, found
        lazily and remembered."""
        found = self._moves.get((cell, leaving))
        if found is None:
            s = cell % self.width
            pending = self._profile_changes(s, leaving) if s else iter(())
            found = self._moves[(cell, leaving)] = ([], pending)
        done, pending = found
        yield from done
        for move in pending:
            done.append(move)
            yield move

    def _pairs(self, cell: int, leaving: bool) -> tuple[int, list[tuple[int, list[int]]]]:
        """The moves a complement may add for `cell` (not a count of everyone),
        as (headcount bit, [(partner, [slot bits twice over, ...]), ...]): each
        move changes those slots in the cell's group and in the partner (see
        `Joint.twice`); the headcount bit is 1 when the moves are transfers,
        which also change both headcounts (memoised)."""
        found = self._options.get((cell, leaving))
        if found is None:
            g, s = divmod(cell, self.width)
            partners = self._nearest(g, s)
            small = 0 < self.values[g * self.width] < self.k
            if s and not small:
                found = (0, self.joint.swap_options(g, s, leaving, partners, OWN))
            else:  # moving people costs two headcounts: only when needed
                found = (1, self.joint.transfer_options(g, s, leaving, partners))
            self._options[(cell, leaving)] = found
        return found

    def _ranked(self, g: int, s: int) -> list[int]:
        """The groups of g's dimension, likeliest partners first (computed once).

        Groups with people come first, then those whose same count is small
        (hidden already), then by that count.
        """
        dim = self.joint.dimension[g]
        order = self._order.get((dim, s))
        if order is None:
            joint, values, k = self.joint, self.values, self.k

            def rank(h: int) -> tuple:
                value = values[h * self.width + s]
                return (not joint.members[h], not 0 < value < k, value, joint.group_keys[h][1])

            order = self._order[(dim, s)] = sorted(joint.by_dimension.get(dim, []), key=rank)
            position = {h: n for n, h in enumerate(order)}
            bit = 1 << s
            hidden = [n for n, h in enumerate(order) if self.mask[h] & bit]
            self._hidden_ranks[(dim, s)] = (position, hidden)
        return order

    def _nearest(self, g: int, s: int) -> list[int]:
        """The partner groups most likely to need few new complements."""
        return [h for h in self._ranked(g, s)[: PARTNERS + 1] if h != g][:PARTNERS]

    def _partners(self, g: int, s: int) -> list[int]:
        """Groups whose moves `reach` considers: the complement's partners, then a
        bounded number of others whose same count is hidden. Considering fewer
        moves can only make the check stricter, and keeps its cost independent of
        the number of groups. Remembered until a group ranked before the last one
        looked at has its count in the slot hidden (ranks are only added)."""
        known = self._chosen.get((g, s))
        if known is not None and bisect.bisect_left(known[3], known[1]) == known[0]:
            return known[2]
        order, chosen = self._ranked(g, s), self._nearest(g, s)
        hidden = self._hidden_ranks[(self.joint.dimension[g], s)][1]
        cut = len(order)  # the rank the search stopped at: later ones cannot matter
        for n in hidden:
            if len(chosen) >= PARTNERS + MORE_PARTNERS:
                cut = n
                break
            h = order[n]  # ranks after PARTNERS hold none of the nearest
            if h != g and (n > PARTNERS or h not in chosen):
                chosen.append(h)
        self._chosen[(g, s)] = (bisect.bisect_left(hidden, cut), cut, chosen, hidden)
        return chosen

    def _profile_changes(self, s: int, leaving: bool) -> Iterator[Move]:
        """Counts of everyone: one person's profile changes in every dimension."""
        bit, bits = 1 << s, self.joint.bits
        everyone = self.joint.members[EVERYONE_GROUP]
        near = self.joint.near(EVERYONE_GROUP, s, not leaving)
        for p in everyone:
            if bool(bits[p] & bit) != leaving:
                continue
            for changed in nearest_profiles(bits[p], near):
                parts, uses = [(EVERYONE_GROUP, changed)], [(EVERYONE_GROUP, p)]
                for dim in self.joint.groups:
                    best = self._cheapest_group(dim, p, changed)
                    if best is None:
                        break
                    parts.append((best, changed))
                    uses.append((best, p))
                else:
                    yield tuple(parts), tuple(uses)

    def _cheapest_group(self, dim: str, p: int, changed: int) -> int | None:
        """The group of `dim` holding someone of profile p whose counts in
        `changed` are smallest (first such group on a tie)."""
        memo = (dim, p, changed)
        if memo in self._cheapest:
            return self._cheapest[memo]
        best = None
        changed_slots = slots(changed)
        for h in self.joint.by_dimension[dim]:
            if self.joint.members[h].get(p, 0):
                base = h * self.width
                cost = sum(self.values[base + s] for s in changed_slots)
                if best is None or cost < best[0]:
                    best = (cost, h)
        found = self._cheapest[memo] = None if best is None else best[1]
        return found

    def reach(self, cell: int, leaving: bool, need: int) -> int:
        """How many people (up to `need`) allowed moves take out of (or into) `cell`."""
        g = cell // self.width
        if g == EVERYONE_GROUP:
            return self._reach_everyone(cell, leaving, need)
        if need == 1 and self.joint.positive:
            # any allowed move takes someone (every count is positive): the first will do
            return 1 if self._any_move(cell, leaving) else 0
        return self._reach_group(cell, leaving, need)

    def _reach_everyone(self, cell: int, leaving: bool, need: int) -> int:
        """`reach` for a count of everyone: profile changes taken greedily."""
        left: dict[tuple[int, int], int] = {}
        members, mask = self.joint.members, self.mask
        total = 0
        for parts, uses in self.moves(cell, leaving):
            if any(bits & ~mask[g] for g, bits in parts):
                continue  # the move changes a cell that is not hidden
            room = min(left.get(u, members[u[0]].get(u[1], 0)) for u in uses)
            if room > 0:
                total += room
                for u in uses:
                    left[u] = left.get(u, members[u[0]].get(u[1], 0)) - room
                if total >= need:
                    break
        return total

    def _any_move(self, cell: int, leaving: bool) -> bool:
        """Whether a swap or transfer for `cell` changes hidden cells only."""
        g, s = divmod(cell, self.width)
        bit, mask, joint = 1 << s, self.mask, self.joint
        family, categories = joint.family_bits[s], joint.full - 1  # all but the headcount
        for h in self._partners(g, s):
            if not mask[h] & bit:
                continue
            both = mask[g] & mask[h]  # a swap needs another of the family hidden in both
            if s and both & family != bit and joint.may_swap(g, h, s, leaving, both & categories):
                return True
            if both & 1 and joint.any_transfer(g, h, s, leaving, both):
                return True
        return False

    def _reach_group(self, cell: int, leaving: bool, need: int) -> int:
        """`reach` for a group's count: the swaps and transfers that change
        hidden cells only, partner by partner, each taking as many people as
        are left on both sides (see `Joint.swap_people`). A partner's people
        take part in its own moves only, so each partner gets a fresh tally."""
        g, s = divmod(cell, self.width)
        bit, mask, joint = 1 << s, self.mask, self.joint
        family, categories = joint.family_bits[s], joint.full - 1  # all but the headcount
        own: dict[int, int] = {}  # g's people not yet moved, by profile
        total = 0
        for h in self._partners(g, s):
            if not mask[h] & bit:
                continue
            both = mask[g] & mask[h]
            theirs: dict[int, int] = {}
            if s and both & family != bit and joint.may_swap(g, h, s, leaving, both & categories):
                total = joint.swap_people(
                    g, h, s, leaving, both & categories, (own, theirs), total, need
                )
                if total >= need:
                    return total
            if both & 1:  # a transfer changes both headcounts
                left = own if leaving else theirs
                total = joint.transfer_people(g, h, s, leaving, both, left, total, need)
                if total >= need:
                    return total
        return total

    def protected(self, cell: int) -> bool:
        t = self.values[cell]
        if t >= self.k or t == 0:
            return bool(self.reach(cell, t > 0, 1) or (t > 0 and self.reach(cell, False, 1)))
        if self.reach(cell, True, t) >= t:
            return True
        return self.reach(cell, False, self.k - t) >= self.k - t

    def complement(self, cell: int) -> set[int]:
        """The cells of the cheapest move that helps `cell` (empty: none exists).

        Cheapest: least weight of the cells it would newly hide, then fewest
        people in them, then the lowest cell numbers.
        """
        t = self.values[cell]
        g = cell // self.width
        best: tuple | None = None
        for leaving in (True, False) if t > 0 else (False,):
            if g != EVERYONE_GROUP:
                best = self._cheapest_pair(g, self._pairs(cell, leaving), best)
                continue
            for parts in self._candidates(cell, leaving):
                weight = self._weight(parts)
                if weight and (best is None or weight <= best[0]):
                    cost = self._cost(parts, weight)
                    if best is None or cost < best:
                        best = cost
        return set(best[2]) if best else set()

    def _cheapest_pair(self, g: int, pairs: tuple, best: tuple | None) -> tuple | None:
        """`best` or the cheaper of the moves of `pairs` (see `_pairs`).

        The cheapest is the least (weight, people, cells) tuple, whatever the
        order the moves come in: the weights are summed for every move first
        (one bit count over both groups' fresh slots; the headcount's extra cost
        is added for transfers), and only the moves of the least weight are costed.
        """
        head, listed = pairs
        mask, width = self.mask, self.width
        cells = self.joint.full
        own = cells ^ mask[g]
        least = best[0] if best else NO_WEIGHT
        cheapest: list[tuple[int, int, list[int]]] = []
        for h, options in listed:
            theirs = cells ^ mask[h]
            fresh = own | theirs << width
            weights = [(b & fresh).bit_count() for b in options]
            low = min(weights, default=0) or min(filter(None, weights), default=0)
            if not low:  # no option hides anything new (a weight of 0 never counts)
                continue
            weight = low + (HEADCOUNT_COST - 1) * ((own & head) + (theirs & head))
            if weight <= least:
                least = weight
                cheapest.append(
                    (weight, h, [b for b, w in zip(options, weights, strict=True) if w == low])
                )
        for weight, h, options in cheapest:
            if weight == least:
                for b in options:
                    b &= cells
                    cost = self._cost(((g, b), (h, b)), weight)
                    if best is None or cost < best:
                        best = cost
        return best

    def _candidates(self, cell: int, leaving: bool) -> list[tuple]:
        """The distinct cell sets of the profile changes for a count of everyone."""
        found = self._options.get((cell, leaving))
        if found is None:
            found = self._options[(cell, leaving)] = list(
                dict.fromkeys(parts for parts, _ in self.moves(cell, leaving))
            )
        return found

    def _weight(self, parts: tuple) -> int:
        """The weight of the cells of `parts` not hidden yet (0: none)."""
        weight, mask = 0, self.mask
        for g, bits in parts:
            fresh = bits & ~mask[g]
            if fresh:
                each = EVERYONE_COST if g == EVERYONE_GROUP else 1
                weight += (fresh & 1) * HEADCOUNT_COST + (fresh >> 1).bit_count() * each
        return weight

    def _cost(self, parts: tuple, weight: int) -> tuple:
        """(weight, people, cells) of the cells of `parts` not hidden yet."""
        people = 0
        new = []
        for g, bits in parts:
            base = g * self.width
            for s in slots(bits & ~self.mask[g]):
                people += self.values[base + s]
                new.append(base + s)
        return (weight, people, sorted(new))


def primary(counts: Mapping[CellKey, int], k: int) -> set[CellKey]:
    return {key for key, n in counts.items() if 0 < n < k}


@collector.while_paused  # many small tuples, no cycles: see core/collector.py
def suppress(
    atoms: Mapping[tuple[str, ...], int],
    layout: Layout,
    counts: Mapping[CellKey, int],
    k: int,
) -> set[CellKey]:
    """Every count to hide: primary cells and the complements that protect them."""
    joint = Joint(atoms, layout)
    protector = Protector(joint, counts, k)
    protector.hide({joint.cell_of(key) for key in primary(counts, k)})
    safe: set[int] = set()  # hiding more never undoes a protection: check each cell once
    changed = True
    while changed:
        changed = False
        for cell in sorted(protector.hidden - safe):
            while not protector.protected(cell):
                extra = protector.complement(cell)
                if not extra:
                    break  # nothing more can help: the audit will say so
                protector.hide(extra)
                changed = True
            else:
                safe.add(cell)
    return {joint.key_of(c) for c in protector.hidden}
