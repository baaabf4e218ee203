"""Disclosure control: which published counts must be hidden.

Primary suppression hides every count from 1 to k−1. Complementary
suppression then hides more cells until no hidden count can be worked out
exactly from the published ones through any table's sums (rows, columns and
totals, across all tables of a period at once, since they share margins).
Recoverability is decided by linear algebra over the hidden cells: a hidden
cell is exposed exactly when it is fixed by the published sums.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kinerja.core.aggregation import DIMENSIONS, EVERYONE, FAMILIES, Key

_PRIME = (1 << 61) - 1  # ranks mod a large prime equal ranks over the rationals here


@dataclass(frozen=True)
class Equation:
    """total = sum(parts): one line of a published table."""

    total: Key
    parts: tuple[Key, ...]

    def cells(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def table_equations(groups: Mapping[str, Sequence[str]]) -> list[Equation]:
    """Every additive relation between the counts the portal publishes."""
    eqs: list[Equation] = []
    for dim in DIMENSIONS:
        members = [frozenset({(dim, g)}) for g in groups[dim]]
        eqs.append(Equation(EVERYONE, tuple(members)))
    for fam in FAMILIES:
        eqs.append(Equation(EVERYONE, tuple(fam.key(c) for c in fam.categories)))
    for dim in DIMENSIONS:
        for fam in FAMILIES:
            for g in groups[dim]:
                group = frozenset({(dim, g)})
                eqs.append(Equation(group, tuple(group | fam.key(c) for c in fam.categories)))
            for c in fam.categories:
                eqs.append(
                    Equation(
                        fam.key(c), tuple(frozenset({(dim, g)}) | fam.key(c) for g in groups[dim])
                    )
                )
    return eqs


def recoverable(hidden: set[Key], equations: Iterable[Equation]) -> set[Key]:
    """Hidden cells whose value the published sums fix exactly."""
    index = {key: i for i, key in enumerate(sorted(hidden, key=sort_key))}
    keys = {i: key for key, i in index.items()}
    pivots: dict[int, dict[int, int]] = {}  # pivot var -> reduced row (pivot coef 1)
    for eq in equations:
        row: dict[int, int] = {}
        for sign, cell in ((1, eq.total), *((-1, p) for p in eq.parts)):
            if cell in index:
                i = index[cell]
                row[i] = (row.get(i, 0) + sign) % _PRIME
        row = {i: c for i, c in row.items() if c}
        for var in [v for v in row if v in pivots]:
            coef = row.get(var, 0)
            if not coef:
                continue
            for j, c in pivots[var].items():
                row[j] = (row.get(j, 0) - coef * c) % _PRIME
            row = {i: c for i, c in row.items() if c}
        if not row:
            continue
        pivot = min(row)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {i: c * inverse % _PRIME for i, c in row.items()}
        for other in pivots.values():
            coef = other.get(pivot)
            if coef:
                for j, c in row.items():
                    other[j] = (other.get(j, 0) - coef * c) % _PRIME
                for j in [j for j, c in other.items() if not c]:
                    del other[j]
        pivots[pivot] = row
    return {keys[var] for var, row in pivots.items() if len(row) == 1}


def sort_key(key: Key) -> tuple:
    return (len(key), sorted(key))


def _complement(
    target: Key, hidden: set[Key], equations: list[Equation], counts: Mapping[Key, int]
) -> Key | None:
    """The published cell that best protects `target`: small, interior, not the total."""
    best: tuple | None = None
    choice: Key | None = None
    for eq in equations:
        if target not in eq.cells():
            continue
        for cell in eq.cells():
            if cell in hidden:
                continue
            value = counts.get(cell, 0)
            rank = (cell == EVERYONE, value == 0, value, -len(cell), sort_key(cell))
            if best is None or rank < best:
                best, choice = rank, cell
    return choice


def suppress(counts: Mapping[Key, int], equations: list[Equation], k: int) -> set[Key]:
    """The set of count cells to hide."""
    cells = {c for eq in equations for c in eq.cells()}
    hidden = {c for c in cells if 0 < counts.get(c, 0) < k}
    if not hidden:
        return hidden
    by_cell: dict[Key, list[Equation]] = {}
    for eq in equations:
        for c in eq.cells():
            by_cell.setdefault(c, []).append(eq)
    # cheap pass first: a line with exactly one hidden cell gives it away
    changed = True
    while changed:
        changed = False
        for eq in equations:
            inside = [c for c in eq.cells() if c in hidden]
            if len(inside) == 1:
                extra = _complement(inside[0], hidden, [eq], counts)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
    # then the exact check over all tables together
    while True:
        exposed = recoverable(hidden, equations)
        if not exposed:
            return hidden
        target = min(exposed, key=sort_key)
        extra = _complement(target, hidden, by_cell[target], counts)
        if extra is None:  # every neighbour hidden already: widen to any cell
            extra = min(cells - hidden, key=sort_key)
        hidden.add(extra)
