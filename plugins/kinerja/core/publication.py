"""What the public may see: aggregates after disclosure control.

Produces, per period, the long table behind agregat.csv and the same cells
arranged for the pages. A hidden cell carries no number at all, so no
template or export can print it by mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from kinerja.core.aggregation import (
    EVERYONE,
    FAMILIES,
    NOT_RECORDED,
    GroupValues,
    Key,
    PeriodAggregate,
    mean,
    median,
)
from kinerja.core.disclosure import Equation, suppress, table_equations
from kinerja.core.policy import (
    JENIS_JABATAN,
    JENIS_KELAMIN,
    STATUS,
    CurveRule,
    Methodology,
    Policy,
)


@dataclass(frozen=True)
class Cell:
    value: Fraction | int | None  # None when hidden or not applicable
    hidden: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None and not self.hidden


@dataclass(frozen=True)
class Row:
    periode: int
    dimensi: str
    kelompok: str
    ukuran: str
    cell: Cell


@dataclass
class Group:
    dimensi: str
    kelompok: str
    cells: dict[str, Cell] = field(default_factory=dict)

    def __getitem__(self, ukuran: str) -> Cell:
        return self.cells.get(ukuran, Cell(None))


@dataclass(frozen=True)
class CurveCheck:
    rule: CurveRule
    status: str  # sesuai_kurva | tidak_sesuai_kurva | tidak_dapat_dinilai


@dataclass
class PublishedPeriod:
    periode: int
    versi: str
    k: int
    groups: dict[str, list[Group]]
    curves: dict[str, tuple[str | None, list[CurveCheck]]]

    def rows(self) -> list[Row]:
        out = []
        for dim, groups in self.groups.items():
            for g in groups:
                for ukuran, cell in g.cells.items():
                    out.append(Row(self.periode, dim, g.kelompok, ukuran, cell))
        return out

    def group(self, dimensi: str, kelompok: str) -> Group | None:
        return next((g for g in self.groups.get(dimensi, []) if g.kelompok == kelompok), None)


def group_codes(policy: Policy) -> dict[str, list[str]]:
    return {
        "unit_kerja": [u.kode for u in policy.units],
        "jenis_jabatan": list(JENIS_JABATAN),
        "status": list(STATUS),
        "jenis_kelamin": [*JENIS_KELAMIN, NOT_RECORDED],
    }


def _stats(values: GroupValues, n_shown: bool, k: int, competencies: Sequence[str]) -> dict:
    cells: dict[str, Cell] = {}
    for name in ("nilai_kinerja", "nilai_hasil_kerja", "nilai_perilaku_kerja"):
        data = getattr(values, name)
        ok = n_shown and len(data) >= k
        cells[f"rerata_{name}"] = Cell(mean(data) if ok else None, hidden=not ok)
        cells[f"median_{name}"] = Cell(median(data) if ok else None, hidden=not ok)
    ok = n_shown and len(values.jpm) >= k
    cells["rerata_jpm"] = Cell(mean(values.jpm) if ok else None, hidden=not ok)
    for kode in competencies:
        data = values.gap.get(kode, [])
        if not data:
            continue
        ok = n_shown and len(data) >= k
        cells[f"rerata_gap_{kode}"] = Cell(mean(data) if ok else None, hidden=not ok)
    return cells


def _curve(
    m: Methodology, org: str | None, counts: dict[str, Cell], n: Cell, true: dict[str, int]
) -> list[CurveCheck]:
    """Each rule of the unit's curve, judged only from what is published.

    Percentage rules need every involved count published. An "at least one
    person" rule may be met through a hidden count that is truly above zero:
    that says no more than the suppression itself (a hidden count is usually
    1 to k−1), and never gives a number.
    """
    if org is None or not n.shown or not n.value:
        return []
    checks = []
    for rule in m.kurva.get(org, ()):
        involved = [counts[p] for p in rule.predikat]
        known = all(c.shown for c in involved)
        total = sum(int(c.value or 0) for c in involved if c.shown)
        share = Fraction(total, int(n.value)) * 100
        if rule.kind == "paling_sedikit_orang":
            primary = any(
                c.hidden and true[p] > 0 for c, p in zip(involved, rule.predikat, strict=True)
            )
            met = total >= rule.limit or (primary and rule.limit <= 1)
            status = (
                "sesuai_kurva"
                if met
                else ("tidak_sesuai_kurva" if known else "tidak_dapat_dinilai")
            )
        elif rule.kind == "paling_banyak_persen":
            status = (
                ("sesuai_kurva" if share <= rule.limit else "tidak_sesuai_kurva")
                if known
                else "tidak_dapat_dinilai"
            )
        else:
            status = (
                ("sesuai_kurva" if share >= rule.limit else "tidak_sesuai_kurva")
                if known
                else "tidak_dapat_dinilai"
            )
        checks.append(CurveCheck(rule, status))
    return checks


def publish(agg: PeriodAggregate, policy: Policy) -> PublishedPeriod:
    m = policy.methodology_for(agg.periode)
    assert m is not None
    k = m.ambang_k
    codes = group_codes(policy)
    equations: list[Equation] = table_equations(codes)
    hidden = suppress(agg.counts, equations, k)
    competencies = [i.kode for i in policy.indicators if i.jenis.startswith("kompetensi_")]

    def count(key: Key) -> Cell:
        if key in hidden:
            return Cell(None, hidden=True)
        return Cell(agg.counts.get(key, 0))

    groups: dict[str, list[Group]] = {}
    curves: dict[str, tuple[str | None, list[CurveCheck]]] = {}
    for dim, members in [("semua", ["semua"]), *codes.items()]:
        groups[dim] = []
        for code in members:
            key = EVERYONE if dim == "semua" else frozenset({(dim, code)})
            group = Group(dim, code)
            n = count(key)
            group.cells["jumlah_pegawai"] = n
            for fam in FAMILIES:
                for c in fam.categories:
                    group.cells[f"{fam.attribute}_{c}"] = count(key | fam.key(c))
            met = group.cells["pengembangan_memenuhi_jp"]
            not_met = group.cells["pengembangan_belum_memenuhi_jp"]
            if met.shown and not_met.shown:
                base = int(met.value or 0) + int(not_met.value or 0)
                group.cells["persen_memenuhi_jp"] = Cell(
                    Fraction(int(met.value or 0) * 100, base) if base else None
                )
            else:
                group.cells["persen_memenuhi_jp"] = Cell(None, hidden=True)
            if agg.counts.get(key, 0) > 0:
                group.cells.update(
                    _stats(agg.values.get(key, GroupValues()), n.shown, k, competencies)
                )
            if dim == "unit_kerja":
                unit = policy.unit(code)
                org = unit.predikat_organisasi.get(agg.periode) if unit else None
                by_predikat = {p: group.cells[f"predikat_{p}"] for p in FAMILIES[0].categories}
                true = {
                    p: agg.counts.get(key | FAMILIES[0].key(p), 0) for p in FAMILIES[0].categories
                }
                checks = _curve(m, org, by_predikat, n, true)
                curves[code] = (org, checks)
                if checks and all(c.status != "tidak_dapat_dinilai" for c in checks):
                    broken = any(c.status == "tidak_sesuai_kurva" for c in checks)
                    group.cells["tidak_sesuai_kurva_distribusi"] = Cell(int(broken))
                elif checks:
                    group.cells["tidak_sesuai_kurva_distribusi"] = Cell(None, hidden=True)
            groups[dim].append(group)
    return PublishedPeriod(
        periode=agg.periode,
        versi=agg.versi,
        k=k,
        groups=groups,
        curves=curves,
    )
