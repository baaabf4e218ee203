"""What the public may see: aggregates after disclosure control.

Produces, per period, the cells behind agregat.csv and the pages, each under
its CellKey. A hidden cell carries no number at all, so no template or
export can print it by mistake. Statistics are published only where their
denominator is a published count of at least k people; curve rules are
judged only from published counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from kinerja.core.aggregation import (
    DIMENSIONS,
    FAMILY_ATTRIBUTES,
    NOT_ASSESSED,
    NOT_RECORDED,
    GroupValues,
    Layout,
    PeriodAggregate,
    families,
    mean_and_median,
)
from kinerja.core.cells import EVERYONE, HEADCOUNT, CellKey, Measure, count_measure
from kinerja.core.disclosure import suppress
from kinerja.core.policy import COMPETENCY_KINDS, CurveRule, Methodology, Policy

JUDGED = "tidak_sesuai_kurva_distribusi"

# exact mean and median of one list of values; publish takes another (a memo
# keyed by the values themselves, see adapters/cache.py) only for speed
Stats = Callable[[list], tuple[Fraction, Fraction]]


@dataclass(frozen=True)
class Cell:
    value: Fraction | int | None  # None when hidden or not applicable
    hidden: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None and not self.hidden


NOT_APPLICABLE = Cell(None)
HIDDEN = Cell(None, hidden=True)


@dataclass(frozen=True)
class Row:
    periode: int
    key: CellKey
    cell: Cell

    @property
    def dimensi(self) -> str:
        return self.key.dimensi

    @property
    def kelompok(self) -> str:
        return self.key.kelompok

    @property
    def ukuran(self) -> str:
        return self.key.ukuran


@dataclass
class Group:
    dimensi: str
    kelompok: str
    cells: dict[str, Cell] = field(default_factory=dict)  # by the key's ukuran

    def __getitem__(self, ukuran: str | Measure | CellKey) -> Cell:
        """A cell by its measure: the name, or (pages) a Measure or CellKey."""
        name = ukuran if isinstance(ukuran, str) else ukuran.ukuran
        return self.cells.get(name, NOT_APPLICABLE)

    def key(self, ukuran: str) -> CellKey:
        return CellKey(self.dimensi, self.kelompok, ukuran)


@dataclass(frozen=True)
class CurveCheck:
    rule: CurveRule
    status: str  # sesuai_kurva | tidak_sesuai_kurva | tidak_dapat_dinilai


@dataclass(frozen=True)
class Revision:
    """A released period: `tertunda` keeps the released figures, `terbit` shows the revision."""

    status: str  # tertunda | terbit
    tanggal: str  # the release date (tertunda) or the date of the revised build's data


@dataclass
class PublishedPeriod:
    periode: int
    versi: str
    k: int
    groups: dict[str, list[Group]]
    curves: dict[str, tuple[str | None, list[CurveCheck]]]
    revision: Revision | None = None

    def rows(self) -> list[Row]:
        return [
            Row(self.periode, g.key(ukuran), cell)
            for groups in self.groups.values()
            for g in groups
            for ukuran, cell in g.cells.items()
        ]

    def group(self, dimensi: str, kelompok: str) -> Group | None:
        return next((g for g in self.groups.get(dimensi, []) if g.kelompok == kelompok), None)

    def to_plain(self) -> list:
        """Lists, strings and numbers only (for the cache); a fraction is [n, d]."""

        def plain(cell: Cell) -> tuple:
            v = cell.value
            return ([v.numerator, v.denominator] if isinstance(v, Fraction) else v, cell.hidden)

        return [
            self.periode,
            self.versi,
            self.k,
            [
                (dim, [(g.kelompok, [(u, *plain(c)) for u, c in g.cells.items()]) for g in gs])
                for dim, gs in self.groups.items()
            ],
        ]

    @classmethod
    def from_plain(cls, raw: list, policy: Policy) -> PublishedPeriod:
        """The period as published before; curve checks are judged again from the
        published counts (they hold policy objects, not plain data)."""

        def cell(v: object, hidden: bool) -> Cell:
            value = Fraction(*v) if isinstance(v, list) else v
            return HIDDEN if hidden else NOT_APPLICABLE if value is None else Cell(value)  # type: ignore[arg-type]

        periode, versi, k, dims = raw
        groups = {
            dim: [Group(dim, code, {u: cell(v, h) for u, v, h in cells}) for code, cells in gs]
            for dim, gs in dims
        }
        m = policy.methodology_for(periode)
        assert m is not None
        curves = {
            g.kelompok: _unit_curve(m, policy, periode, g) for g in groups.get("unit_kerja", [])
        }
        return cls(periode, versi, k, groups, curves)


def layout_of(policy: Policy, periode: int) -> Layout:
    """The period's groups and categories, all from the policy (data and schemas)."""
    m = policy.methodology_for(periode)
    assert m is not None
    words = policy.vocabulary
    groups = {
        "unit_kerja": [u.kode for u in policy.units],
        "jenis_jabatan": list(words.jenis_jabatan),
        "status": list(words.status),
        "jenis_kelamin": [*words.jenis_kelamin, NOT_RECORDED],
    }
    return Layout(groups, families(words, m))


def counts_after(
    agg: PeriodAggregate,
    layout: Layout,
    before: tuple[Mapping[tuple[str, ...], int], Mapping[CellKey, int]] | None = None,
) -> dict[CellKey, int]:
    """The period's counts (as `agg.count_cells`): from the counts of an earlier
    joint table of the same period and layout plus the atoms that changed, when
    that is given and few changed (after one record changed: one or two).

    Counts are sums of atoms, so adding the changes to the earlier sums gives
    exactly the table summed afresh; nothing else is carried over."""
    if before is None:
        return agg.count_cells(layout)
    old_atoms, old_counts = before
    changed = {a: n - old_atoms.get(a, 0) for a, n in agg.atoms.items() if n != old_atoms.get(a, 0)}
    changed.update({a: -n for a, n in old_atoms.items() if a not in agg.atoms})
    odd = any(n <= 0 for n in agg.atoms.values()) or any(n <= 0 for n in old_atoms.values())
    if odd or len(changed) * 8 > len(agg.atoms):
        return agg.count_cells(layout)
    counts = dict(old_counts)
    touched = set()
    width = len(DIMENSIONS)
    for atom, delta in changed.items():
        for group in (EVERYONE, *zip(DIMENSIONS, atom, strict=False)):
            measures = [HEADCOUNT]
            measures += [count_measure(FAMILY_ATTRIBUTES[i], c) for i, c in enumerate(atom[width:])]
            for ukuran in measures:
                key = CellKey(*group, ukuran)
                counts[key] = counts.get(key, 0) + delta
                touched.add(key)
    # a count outside the layout exists only while some atom adds to it
    measures = set(layout.count_measures)
    for key in touched:
        inside = key.group == EVERYONE or key.kelompok in layout.groups.get(key.dimensi, ())
        if counts[key] == 0 and not (inside and key.ukuran in measures):
            del counts[key]
    return counts


def hidden_cells(
    agg: PeriodAggregate, policy: Policy, counts: dict[CellKey, int] | None = None
) -> set[CellKey]:
    """The counts to hide in this period; computed once and kept with the aggregate."""
    if agg.hidden is None:
        m = policy.methodology_for(agg.periode)
        assert m is not None
        layout = layout_of(policy, agg.periode)
        counts = agg.count_cells(layout) if counts is None else counts
        agg.hidden = sorted(suppress(agg.atoms, layout, counts, m.ambang_k))
    return set(agg.hidden)


def _count_cells(
    counts: dict[CellKey, int], hidden: set[CellKey], group: Group, layout: Layout
) -> None:
    for ukuran in layout.count_measures:
        key = group.key(ukuran)
        group.cells[ukuran] = HIDDEN if key in hidden else Cell(counts.get(key, 0))


def _statistic(
    values: list, base: Cell, k: int, stats: Stats = mean_and_median
) -> tuple[Cell, Cell]:
    """Mean and median of `values`, shown only over a published denominator of ≥ k."""
    ok = base.shown and base.value == len(values) and len(values) >= k
    if not ok:
        return HIDDEN, HIDDEN
    average, middle = stats(values)
    return Cell(average), Cell(middle)


def _with_numbers(cells: dict[str, Cell], n: Cell, element: str) -> Cell:
    """People whose record has numbers for an element (`rating` kind: numbers are
    optional): the headcount less the published 'tanpa_angka' count."""
    none = cells.get(count_measure(f"selisih_rating_{element}", "tanpa_angka"), HIDDEN)
    if not (n.shown and none.shown):
        return HIDDEN
    return Cell(int(n.value or 0) - int(none.value or 0))


def _statistics(
    group: Group, values: GroupValues, k: int, competencies: Sequence[str], stats: Stats
) -> None:
    """Means and medians, each over a sub-population whose count is published and ≥ k."""
    cells = group.cells
    n = cells[HEADCOUNT]
    hasil = _with_numbers(cells, n, "hasil_kerja")
    perilaku = _with_numbers(cells, n, "perilaku_kerja")
    # nilai_kinerja needs both; its denominator is whichever published count matches
    both = next((b for b in (perilaku, hasil) if b.value == len(values.nilai_kinerja)), HIDDEN)
    for name, base in (
        ("nilai_kinerja", both),
        ("nilai_hasil_kerja", hasil),
        ("nilai_perilaku_kerja", perilaku),
    ):
        cells[f"rerata_{name}"], cells[f"median_{name}"] = _statistic(
            getattr(values, name), base, k, stats
        )
    not_assessed = cells[count_measure("jpm", NOT_ASSESSED)]
    assessed = HIDDEN
    if n.shown and not_assessed.shown:
        assessed = Cell(int(n.value or 0) - int(not_assessed.value or 0))
    cells["rerata_jpm"] = _statistic(values.jpm, assessed, k, stats)[0]
    for kode in competencies:
        data = values.gap.get(kode, [])
        if data:
            cells[f"rerata_gap_{kode}"] = _statistic(data, assessed, k, stats)[0]
    met, not_met = cells["pengembangan_memenuhi_jp"], cells["pengembangan_belum_memenuhi_jp"]
    base = int(met.value or 0) + int(not_met.value or 0)
    shown = met.shown and not_met.shown and base >= k
    cells["persen_memenuhi_jp"] = Cell(Fraction(int(met.value) * 100, base)) if shown else HIDDEN


def judge(rule: CurveRule, counts: Sequence[Cell], n: Cell) -> str:
    """A curve rule, judged only from published counts (never from a hidden one)."""
    if not n.shown or not all(c.shown for c in counts):
        return "tidak_dapat_dinilai"
    total = sum(int(c.value or 0) for c in counts)
    if rule.kind == "paling_sedikit_orang":
        met = total >= rule.limit
    else:
        share = Fraction(total * 100, int(n.value or 1))
        met = share <= rule.limit if rule.kind == "paling_banyak_persen" else share >= rule.limit
    return "sesuai_kurva" if met else "tidak_sesuai_kurva"


def _curve(m: Methodology, org: str | None, group: Group) -> list[CurveCheck]:
    n = group[HEADCOUNT]
    if org is None or not n.value and not n.hidden:
        return []
    checks = []
    for rule in m.kurva.get(org, ()):
        counts = [group[count_measure("predikat", p)] for p in rule.predikat]
        checks.append(CurveCheck(rule, judge(rule, counts, n)))
    if checks and all(c.status != "tidak_dapat_dinilai" for c in checks):
        group.cells[JUDGED] = Cell(int(any(c.status == "tidak_sesuai_kurva" for c in checks)))
    elif checks:
        group.cells[JUDGED] = HIDDEN
    return checks


def _unit_curve(
    m: Methodology, policy: Policy, periode: int, group: Group
) -> tuple[str | None, list[CurveCheck]]:
    unit = policy.unit(group.kelompok)
    org = unit.predikat_organisasi.get(periode) if unit else None
    return org, _curve(m, org, group)


def publish(
    agg: PeriodAggregate,
    policy: Policy,
    stats: Stats = mean_and_median,
    counts: dict[CellKey, int] | None = None,
) -> PublishedPeriod:
    """`stats`: the mean and median of a list of values (a memo of them, when the
    caller keeps one: the numbers are the same); `counts`: the period's counts
    when the caller has them (`counts_after`)."""
    m = policy.methodology_for(agg.periode)
    assert m is not None
    layout = layout_of(policy, agg.periode)
    counts = agg.count_cells(layout) if counts is None else counts
    hidden = hidden_cells(agg, policy, counts)
    competencies = [i.kode for i in policy.indicators if i.jenis in COMPETENCY_KINDS]
    groups: dict[str, list[Group]] = {}
    curves: dict[str, tuple[str | None, list[CurveCheck]]] = {}
    for dim, members in [(EVERYONE[0], [EVERYONE[1]]), *layout.groups.items()]:
        groups[dim] = []
        for code in members:
            group = Group(dim, code)
            _count_cells(counts, hidden, group, layout)
            if counts.get(group.key(HEADCOUNT), 0) > 0:
                values = agg.values.get((dim, code), GroupValues())
                _statistics(group, values, m.ambang_k, competencies, stats)
            if dim == "unit_kerja":
                curves[code] = _unit_curve(m, policy, agg.periode, group)
            groups[dim].append(group)
    return PublishedPeriod(agg.periode, agg.versi, m.ambang_k, groups, curves)
