"""An attacker who knows nothing of the portal but its published agregat.csv.

It does not know what the measures mean. From the published rows it takes
the count columns (non-negative integers in every published row), learns
the linear identities among them from groups where every count is
published (a unit's predikat counts add up to its headcount, "not
assessed" equals "no talent box", whatever holds), assumes that the groups
of a dimension add up to everyone, and then asks an integer program
whether every hidden count can take two values, one of them 0 or at least
k (its smallest and largest value, where the solutions found on the way do
not already show it).
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from collections.abc import Iterable
from fractions import Fraction

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

Key = tuple[str, str, str]  # dimensi, kelompok, ukuran
EVERYONE = ("semua", "semua")


def read(text: str) -> dict[int, dict[Key, Fraction | None]]:
    """agregat.csv → per period, every cell (None when hidden)."""
    periods: dict[int, dict[Key, Fraction | None]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(text)):
        value = None if row["ditekan"] == "true" else Fraction(row["nilai"])
        periods[int(row["periode"])][(row["dimensi"], row["kelompok"], row["ukuran"])] = value
    return dict(periods)


def count_columns(periods: dict[int, dict[Key, Fraction | None]]) -> list[str]:
    """Measures present in every group whose published values are all whole numbers."""
    per_group: dict[tuple, set[str]] = defaultdict(set)
    whole: dict[str, bool] = defaultdict(lambda: True)
    for p, cells in periods.items():
        for (dim, group, ukuran), v in cells.items():
            per_group[(p, dim, group)].add(ukuran)
            if v is not None and (v.denominator != 1 or v < 0):
                whole[ukuran] = False
    common = set.intersection(*per_group.values())
    return sorted(u for u in common if whole[u])


def _nullspace(rows: list[list[Fraction]], n: int) -> list[list[Fraction]]:
    """Exact basis of {a : row·a = 0 for every row}."""
    pivots: list[int] = []
    reduced: list[list[Fraction]] = []
    for row in rows:
        row = list(row)
        for r, pc in zip(reduced, pivots, strict=True):
            if row[pc]:
                f = row[pc]
                row = [a - f * b for a, b in zip(row, r, strict=True)]
        lead = next((i for i, a in enumerate(row) if a), None)
        if lead is None:
            continue
        row = [a / row[lead] for a in row]
        for i, r in enumerate(reduced):
            if r[lead]:
                f = r[lead]
                reduced[i] = [a - f * b for a, b in zip(r, row, strict=True)]
        reduced.append(row)
        pivots.append(lead)
    basis = []
    for free in (i for i in range(n) if i not in pivots):
        vec = [Fraction(0)] * n
        vec[free] = Fraction(1)
        for r, pc in zip(reduced, pivots, strict=True):
            vec[pc] = -r[free]
        basis.append(vec)
    return basis


def identities(periods: dict[int, dict[Key, Fraction | None]], columns: list[str]) -> list[dict]:
    """Linear identities among count columns, each learned where all its columns are published.

    Columns are taken in order of how rarely they are hidden; for every such
    prefix, the groups that publish all of it (at least twice as many as
    columns, so that no identity is a coincidence) teach the identities
    among those columns.
    """
    groups: dict[tuple, dict[str, Fraction | None]] = defaultdict(dict)
    for p, cells in periods.items():
        for (dim, group, ukuran), v in cells.items():
            groups[(p, dim, group)][ukuran] = v
    missing = {c: sum(g[c] is None for g in groups.values()) for c in columns}
    found: list[dict] = []
    for limit in sorted(set(missing.values())):
        chosen = [c for c in columns if missing[c] <= limit]
        rows = [
            [g[c] for c in chosen] for g in groups.values() if all(g[c] is not None for c in chosen)
        ]
        if len(rows) < 2 * len(chosen):
            continue
        for vec in _nullspace(rows, len(chosen)):  # type: ignore[arg-type]
            found.append({c: a for c, a in zip(chosen, vec, strict=True) if a})
    # a coincidence is no identity: a column empty in every group that
    # publishes it (one column "adding up" to 0) says nothing of the hidden
    # groups, and what fails in a group publishing its columns is false
    return [i for i in found if len(i) > 1 and _holds(i, groups.values())]


def _holds(identity: dict, groups: Iterable[dict[str, Fraction | None]]) -> bool:
    return all(
        sum(a * g[c] for c, a in identity.items()) == 0
        for g in groups
        if all(g[c] is not None for c in identity)
    )


class Problem:
    """One period's hidden counts as unknowns of an integer program."""

    def __init__(self, cells: dict[Key, Fraction | None], columns: list[str], ids: list[dict]):
        self.hidden = sorted(k for k, v in cells.items() if v is None and k[2] in columns)
        index = {k: i for i, k in enumerate(self.hidden)}
        rows: list[dict[int, float]] = []
        rhs: list[float] = []

        def add(terms: list[tuple[Fraction, Key]]) -> None:
            row: dict[int, float] = defaultdict(float)
            constant = Fraction(0)
            for a, key in terms:
                if key in index:
                    row[index[key]] += float(a)
                else:
                    constant += a * (cells.get(key) or 0)
            if any(row.values()):
                rows.append(dict(row))
                rhs.append(float(-constant))

        groups = sorted({k[:2] for k in cells})
        for group in groups:
            for identity in ids:
                add([(a, (*group, c)) for c, a in identity.items()])
        for dim in sorted({g[0] for g in groups} - {"semua"}):
            members = [g for g in groups if g[0] == dim]
            for c in columns:
                add([(Fraction(1), (*EVERYONE, c))] + [(Fraction(-1), (*g, c)) for g in members])
        data, r_i, c_i = [], [], []
        for r, row in enumerate(rows):
            for c, a in row.items():
                r_i.append(r)
                c_i.append(c)
                data.append(a)
        n = len(self.hidden)
        matrix = csr_array((data, (r_i, c_i)), shape=(len(rows), n))
        self.constraint = LinearConstraint(matrix, rhs, rhs)
        self.n = n
        # no hidden count exceeds the largest published one (everyone's headcount)
        self.cap = float(max([v for v in cells.values() if v is not None], default=0))

    def solve(self, objective: np.ndarray, capped: bool = False) -> np.ndarray | None:
        """An integer solution minimising `objective`; `capped` bounds every
        count by the largest published one (still a solution of the model)."""
        res = milp(
            objective,
            constraints=self.constraint,
            bounds=Bounds(np.zeros(self.n), np.full(self.n, self.cap if capped else np.inf)),
            integrality=np.ones(self.n),
        )
        # the published figures are one solution: no solution means a false identity
        if capped and res.status == 2:
            return None
        assert res.status != 2, f"the attacker's model has no solution: {res.message}"
        if res.status == 3 or res.x is None:  # unbounded (or no point returned)
            return None
        assert res.status == 0, res.message
        return np.round(res.x)


def attack(cells: dict[Key, Fraction | None], columns: list[str], ids: list[dict], k: int):
    """Hidden counts the attacker pins or confines to 1..k-1: [(key, low, high)].

    A hidden count is safe once two integer solutions give it different
    values, one of them 0 or at least k. Solutions are gathered first with
    objectives that push every undecided count the way it still has to go
    (down to 0, else up); a count still undecided when that stops helping
    gets its exact minimum and maximum, as before.
    """
    problem = Problem(cells, columns, ids)
    if not problem.n:
        return []
    seen: list[set[float]] = [set() for _ in range(problem.n)]

    def note(x: np.ndarray | None) -> None:
        if x is not None:
            for i, v in enumerate(x):
                seen[i].add(float(v))

    def decided(i: int) -> bool:
        values = seen[i]
        return len(values) > 1 and (min(values) == 0 or max(values) >= k)

    ones = np.ones(problem.n)
    note(problem.solve(ones))
    note(problem.solve(-ones))
    undecided = [i for i in range(problem.n) if not decided(i)]
    while undecided:
        push = np.zeros(problem.n)
        for i in undecided:
            push[i] = 1.0 if min(seen[i], default=1.0) > 0 else -1.0  # toward 0, else up
        note(problem.solve(push, capped=True))
        still = [i for i in undecided if not decided(i)]
        if len(still) == len(undecided):
            break
        undecided = still
    weak = []
    for i in undecided:
        if decided(i):  # settled by an earlier count's extremes
            continue
        unit = np.zeros(problem.n)
        unit[i] = 1
        low = problem.solve(unit)
        high = problem.solve(-unit)
        note(low)
        note(high)
        lo = 0 if low is None else int(low[i])
        hi = math.inf if high is None else int(high[i])
        if lo == hi or (lo >= 1 and hi <= k - 1):
            weak.append((problem.hidden[i], lo, hi))
    return weak


def denominators(mean: Fraction, places: int, sizes: Iterable[int]) -> set[int]:
    """The group sizes n for which some whole-number total rounds to this mean."""
    half = Fraction(1, 2 * 10**places)
    return {n for n in sizes if math.floor((mean + half) * n) >= math.ceil((mean - half) * n)}
