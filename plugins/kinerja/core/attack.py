"""The attacker: how much the published counts of a period reveal.

Every published count is a sum of atoms of the period's joint table (see
aggregation). The attacker knows every published count, that counts are
non-negative integers, and which combinations of family categories
(profiles) can occur at all — we grant them the profiles that do occur,
which is more than the methodology tells them, so they are at least as
strong as a real reader. Because every published count crosses one
dimension with one family, the joint table can be projected without loss:
for each dimension D, group v and profile p, y[D, v, p] people; and z[p]
people of profile p in all. Any non-negative integer y, z with
sum_v y[D, v, p] = z[p] comes from some full table, so bounds over (y, z)
are bounds over all tables that reproduce the publication.

A hidden count is safe when the attacker cannot pin it (its range has more
than one value) and cannot tell that it is between 1 and k-1 (its range
reaches 0 or k). Ranges are linear programs solved with HiGHS; `integer`
switches to the mixed-integer solver, which tests use to confirm that the
relaxation gives the same answer on small cases.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array

from kinerja.core.aggregation import DIMENSIONS, FAMILY_ATTRIBUTES, Layout
from kinerja.core.cells import HEADCOUNT, CellKey, count_measure

EPS = 1e-7
# HiGHS's interior-point solver (with its crossover to a vertex) is several
# times faster than its simplex on these tables; presolve only slows it here
LP_METHOD = {"method": "highs-ipm", "options": {"presolve": False}}


@dataclass(frozen=True)
class Finding:
    """A hidden count the attacker narrows too far: its whole range."""

    key: CellKey
    low: int
    high: int | None  # None: no upper limit

    def __str__(self) -> str:
        where = f"{self.key.dimensi} {self.key.kelompok}, {self.key.ukuran}"
        if self.low == self.high:
            return f"{where} = {self.low} (angka tersembunyi dapat dihitung tepat)"
        return f"{where} antara {self.low} dan {self.high} (pasti 1 sampai k−1 orang)"


class Model:
    """The attacker's unknowns and the published counts that bind them."""

    def __init__(self, atoms: Mapping[tuple[str, ...], int], layout: Layout):
        groups = layout.groups
        self.profiles = sorted({atom[len(DIMENSIONS) :] for atom in atoms})
        n = len(self.profiles)
        by_measure: dict[str, list[int]] = {HEADCOUNT: list(range(n))}
        for i, profile in enumerate(self.profiles):
            for fam, category in zip(FAMILY_ATTRIBUTES, profile, strict=True):
                by_measure.setdefault(count_measure(fam, category), []).append(i)
        self.by_measure = by_measure
        self.base: dict[tuple[str, str], int] = {("semua", "semua"): 0}
        for dim in DIMENSIONS:
            for code in groups.get(dim, ()):
                self.base[(dim, code)] = len(self.base) * n
        self.columns = len(self.base) * n
        # every dimension's groups add up to the profile totals
        self.links: list[list[tuple[int, int]]] = []
        for dim in DIMENSIONS:
            for i in range(n):
                row = [(self.base[(dim, c)] + i, 1) for c in groups.get(dim, ())]
                self.links.append([*row, (i, -1)])

    def expression(self, key: CellKey) -> list[int]:
        """The columns whose sum is this count."""
        base = self.base[key.group]
        return [base + i for i in self.by_measure.get(key.ukuran, ())]

    def true_values(self, atoms: Mapping[tuple[str, ...], int]) -> np.ndarray:
        """The real table in the attacker's unknowns (a point of the feasible set)."""
        x = np.zeros(self.columns)
        index = {p: i for i, p in enumerate(self.profiles)}
        for atom, count in atoms.items():
            i = index[atom[len(DIMENSIONS) :]]
            x[i] += count
            for dim, code in zip(DIMENSIONS, atom, strict=False):
                x[self.base[(dim, code)] + i] += count
        return x


class Attacker:
    """Ranges of hidden counts given everything else published."""

    def __init__(
        self,
        model: Model,
        published: Mapping[CellKey, int],
        extra: Sequence[tuple[list[tuple[int, float]], float, float]] = (),
        integer: bool = False,
    ):
        self.model = model
        self.integer = integer
        rows: list[list[tuple[int, float]]] = [list(r) for r in model.links]
        low = [0.0] * len(rows)
        high = [0.0] * len(rows)
        upper = np.full(model.columns, np.inf)
        for key, value in published.items():
            columns = model.expression(key)
            if value == 0:
                upper[columns] = 0.0  # a published zero rules its columns out
            rows.append([(c, 1.0) for c in columns])
            low.append(value)
            high.append(value)
        for row, lo, hi in extra:
            rows.append(list(row))
            low.append(lo)
            high.append(hi)
        self.constraint = LinearConstraint(_matrix(rows, model.columns), low, high)
        self.bounds = Bounds(np.zeros(model.columns), upper)
        self._linprog: dict | None = None

    def extreme(self, objective: np.ndarray, maximise: bool) -> tuple[float | None, np.ndarray]:
        """The optimum of objective·x and a point reaching it (None: unbounded)."""
        c = -objective if maximise else objective
        if self.integer:
            res = milp(
                c,
                constraints=self.constraint,
                bounds=self.bounds,
                integrality=np.ones(self.model.columns),
            )
        else:
            if self._linprog is None:
                self._linprog = _as_linprog(self.constraint)
                self._linprog["bounds"] = np.column_stack([self.bounds.lb, self.bounds.ub])
            res = linprog(c, **self._linprog, **LP_METHOD)
        if res.status == 3:  # unbounded
            return None, np.zeros(self.model.columns)
        if res.status != 0:
            raise ValueError(f"model tidak terpecahkan: {res.message}")
        value = float(objective @ res.x)
        return value, res.x


def _matrix(rows: Sequence[Sequence[tuple[int, float]]], columns: int) -> csr_array:
    data, row_index, col_index = [], [], []
    for r, row in enumerate(rows):
        for c, v in row:
            row_index.append(r)
            col_index.append(c)
            data.append(v)
    return csr_array((data, (row_index, col_index)), shape=(len(rows), columns))


def _as_linprog(constraint: LinearConstraint) -> dict:
    """LinearConstraint (lo ≤ Ax ≤ hi) as linprog's equality and ≤ blocks."""
    a = csr_array(constraint.A)
    lo = np.asarray(constraint.lb, dtype=float)
    hi = np.asarray(constraint.ub, dtype=float)
    eq = lo == hi
    blocks: dict = {"A_eq": a[np.flatnonzero(eq)], "b_eq": lo[eq]}
    upper = ~eq & np.isfinite(hi)
    lower = ~eq & np.isfinite(lo)
    if upper.any() or lower.any():
        parts = [a[np.flatnonzero(upper)], -a[np.flatnonzero(lower)]]
        from scipy.sparse import vstack

        blocks["A_ub"] = vstack(parts).tocsr()
        blocks["b_ub"] = np.concatenate([hi[upper], -lo[lower]])
    return blocks


def _objective(model: Model, keys: Iterable[CellKey]) -> np.ndarray:
    c = np.zeros(model.columns)
    for key in keys:
        c[model.expression(key)] += 1.0
    return c


def weak(low: int, high: int | None, k: int) -> bool:
    """True when a hidden count's possible range gives too much away."""
    if high is not None and low == high:
        return True  # pinned
    return low >= 1 and high is not None and high <= k - 1


def audit(
    model: Model,
    counts: Mapping[CellKey, int],
    hidden: set[CellKey],
    k: int,
    integer: bool = False,
) -> list[Finding]:
    """Every hidden count the attacker pins or confines to 1..k-1.

    Every solution is a table that reproduces the publication, so each
    hidden count's values in it are values the count can take: a count seen
    at two values, one of them 0 or at least k, is safe without its own
    range. Batch solves (all hidden counts low, high, then only the counts
    still unsettled) settle most; the rest get their minimum, and their
    maximum only when the minimum did not settle them.
    """
    if not hidden:
        return []
    published = {key: v for key, v in counts.items() if key not in hidden}
    attacker = Attacker(model, published, integer=integer)
    order = sorted(hidden)
    seen: dict[CellKey, set[float]] = {h: {float(counts.get(h, 0))} for h in order}
    exprs = {h: model.expression(h) for h in order}

    def note(value: float | None, x: np.ndarray) -> None:
        if value is None:
            return  # unbounded: x is no table
        for h in order:
            seen[h].add(round(float(x[exprs[h]].sum()), 6))

    def settled(h: CellKey) -> bool:
        values = seen[h]
        return (min(values) <= EPS or max(values) >= k - EPS) and len(values) > 1

    left = order
    for maximise in (False, True, False, True):
        note(*attacker.extreme(_objective(model, left), maximise))
        still = [h for h in left if not settled(h)]
        if not still or (len(still) == len(left) and maximise):
            break  # done, or neither direction settles more
        left = still
    findings = []
    for h in left:
        if settled(h):
            continue
        lo, x = attacker.extreme(_objective(model, [h]), maximise=False)
        note(lo, x)
        if settled(h):
            continue
        hi, x = attacker.extreme(_objective(model, [h]), maximise=True)
        note(hi, x)
        low = max(0, math.ceil((lo or 0.0) - EPS))
        high = None if hi is None else math.floor(hi + EPS)
        if weak(low, high, k):
            findings.append(Finding(h, low, high))
    return findings


def check_period(agg, published, policy) -> list[Finding]:  # type: ignore[no-untyped-def]
    """`kinerja audit`'s attacker: every hidden count of a published period it can narrow."""
    from kinerja.core.publication import layout_of

    layout = layout_of(policy, agg.periode)
    counts = agg.count_cells(layout)
    measures = set(layout.count_measures)
    hidden = {row.key for row in published.rows() if row.cell.hidden and row.ukuran in measures}
    return audit(Model(agg.atoms, layout), counts, hidden, published.k)
