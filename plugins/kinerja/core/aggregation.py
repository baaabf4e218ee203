"""Scores reduced to the period's joint table, counts and statistics, in one pass.

A period is kept as its full cross-classification: how many people share
each combination of every dimension and every family category (the
"atoms"). Every published count is a sum of atoms, so every identity
between tables (a unit's predikat counts add up to its headcount, JPM "not
assessed" equals "no talent box", a family added tomorrow) holds by
construction; disclosure control reasons about that one system.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from kinerja.core.cells import EVERYONE, HEADCOUNT, CellKey, count_measure
from kinerja.core.policy import JPM_CATEGORIES, PREDIKAT, RATINGS
from kinerja.core.scoring import Score

DIMENSIONS = ("unit_kerja", "jenis_jabatan", "status", "jenis_kelamin")
NOT_RECORDED = "tidak_dicatat"
Group = tuple[str, str]  # (dimensi, kelompok); EVERYONE is ("semua", "semua")


@dataclass(frozen=True)
class Family:
    """A categorical measure whose categories partition every group."""

    attribute: str
    categories: tuple[str, ...]

    def measures(self) -> tuple[str, ...]:
        return tuple(count_measure(self.attribute, c) for c in self.categories)


# Leniency: the given rating against the rating the numbers alone would give
# (under `angka` they are the same rating; without numbers there is none).
LENIENCY = ("lebih_tinggi", "sama", "lebih_rendah", "tanpa_angka")


def leniency(given: str, advisory: str | None) -> str:
    if advisory is None:
        return "tanpa_angka"
    higher = RATINGS.index(given) < RATINGS.index(advisory)  # RATINGS: highest first
    return "lebih_tinggi" if higher else "sama" if given == advisory else "lebih_rendah"


FAMILIES = (
    Family("predikat", PREDIKAT),
    Family("rating_hasil_kerja", RATINGS),
    Family("rating_perilaku_kerja", RATINGS),
    Family("jpm", (*JPM_CATEGORIES, "tidak_dinilai")),
    Family("kotak_talenta", (*map(str, range(9, 0, -1)), "tidak_ada")),
    Family("pengembangan", ("memenuhi_jp", "belum_memenuhi_jp", "tidak_berlaku")),
    Family("selisih_rating_hasil_kerja", LENIENCY),
    Family("selisih_rating_perilaku_kerja", LENIENCY),
)
# the order of an atom's values: every dimension, then every family
ATTRIBUTES = DIMENSIONS + tuple(f.attribute for f in FAMILIES)
COUNT_MEASURES = (HEADCOUNT, *(m for f in FAMILIES for m in f.measures()))


def attributes(s: Score) -> dict[str, str]:
    """The categorical facts about one person that any table may count."""
    facts = {
        "unit_kerja": s.unit_kerja,
        "jenis_jabatan": s.jenis_jabatan,
        "status": s.status,
        "jenis_kelamin": s.jenis_kelamin or NOT_RECORDED,
        "predikat": s.predikat,
        "rating_hasil_kerja": s.hasil_rating,
        "rating_perilaku_kerja": s.perilaku_rating,
        "jpm": s.jpm_kategori or "tidak_dinilai",
        "kotak_talenta": str(s.kotak_talenta) if s.kotak_talenta else "tidak_ada",
        "selisih_rating_hasil_kerja": leniency(s.hasil_rating, s.hasil_rating_angka),
        "selisih_rating_perilaku_kerja": leniency(s.perilaku_rating, s.perilaku_rating_angka),
    }
    if s.memenuhi_jp is None:
        facts["pengembangan"] = "tidak_berlaku"
    else:
        facts["pengembangan"] = "memenuhi_jp" if s.memenuhi_jp else "belum_memenuhi_jp"
    return facts


@dataclass
class GroupValues:
    """The numbers behind a group's statistics (kept only until published)."""

    # exact values as (numerator, denominator): cheaper than Fraction objects
    nilai_kinerja: list[tuple[int, int]] = field(default_factory=list)
    nilai_hasil_kerja: list[tuple[int, int]] = field(default_factory=list)
    nilai_perilaku_kerja: list[tuple[int, int]] = field(default_factory=list)
    jpm: list[tuple[int, int]] = field(default_factory=list)
    gap: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class PeriodAggregate:
    periode: int
    versi: str
    atoms: dict[tuple[str, ...], int] = field(default_factory=lambda: defaultdict(int))
    values: dict[Group, GroupValues] = field(default_factory=lambda: defaultdict(GroupValues))
    # the counts disclosure control hides, kept with the aggregate so that an
    # unchanged period is never suppressed twice (None: not computed yet)
    hidden: list[CellKey] | None = None

    def count_cells(self, groups: Mapping[str, Sequence[str]]) -> dict[CellKey, int]:
        """Every count the portal publishes, zeros included, as sums of atoms."""
        cells: dict[CellKey, int] = {CellKey(*EVERYONE, m): 0 for m in COUNT_MEASURES}
        for dim, codes in groups.items():
            for code in codes:
                cells.update({CellKey(dim, code, m): 0 for m in COUNT_MEASURES})
        for atom, n in self.atoms.items():
            for group in _groups_of(atom):
                for key in _keys_of(group, atom):
                    cells[key] = cells.get(key, 0) + n
        return cells

    def to_plain(self) -> list:
        """Lists, tuples, strings and numbers only (for the cache)."""
        return [
            self.periode,
            self.versi,
            list(self.atoms.items()),
            [
                (
                    group,
                    v.nilai_kinerja,
                    v.nilai_hasil_kerja,
                    v.nilai_perilaku_kerja,
                    v.jpm,
                    dict(v.gap),
                )
                for group, v in self.values.items()
            ],
            None if self.hidden is None else [tuple(key) for key in self.hidden],
        ]

    @classmethod
    def from_plain(cls, raw: list) -> PeriodAggregate:
        agg = cls(raw[0], raw[1])
        for atom, n in raw[2]:
            agg.atoms[tuple(atom)] = n
        for group, nk, nh, npk, jpm, gap in raw[3]:
            values = GroupValues(
                [tuple(x) for x in nk],
                [tuple(x) for x in nh],
                [tuple(x) for x in npk],
                [tuple(x) for x in jpm],
            )
            values.gap.update({k: list(g) for k, g in gap.items()})
            agg.values[tuple(group)] = values  # type: ignore[index]
        if raw[4] is not None:
            agg.hidden = [CellKey(*key) for key in raw[4]]
        return agg


def _groups_of(atom: tuple[str, ...]) -> list[Group]:
    return [EVERYONE, *zip(DIMENSIONS, atom, strict=False)]


def _keys_of(group: Group, atom: tuple[str, ...]) -> list[CellKey]:
    profile = atom[len(DIMENSIONS) :]
    return [CellKey(*group, HEADCOUNT)] + [
        CellKey(*group, count_measure(fam.attribute, c))
        for fam, c in zip(FAMILIES, profile, strict=True)
    ]


class Facts(NamedTuple):
    """One scored record reduced to what aggregation needs.

    Records become Facts as soon as they are scored, so memory does not grow
    with the size of the files. Every field is a tuple, string or number, so
    `tuple(facts)` is what the cache keeps and `Facts._make` restores it.
    """

    periode: int
    versi: str
    attributes: tuple[tuple[str, str], ...]
    nilai_kinerja: tuple[int, int] | None  # None: no numeric evidence (`rating` kind)
    nilai_hasil_kerja: tuple[int, int] | None
    nilai_perilaku_kerja: tuple[int, int] | None
    jpm: tuple[int, int] | None
    gap: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, s: Score) -> Facts:
        def pair(x: Fraction | None) -> tuple[int, int] | None:
            return None if x is None else (x.numerator, x.denominator)

        return cls(
            s.periode,
            s.versi,
            tuple(sorted(attributes(s).items())),
            pair(s.nilai_kinerja),
            pair(s.hasil_nilai),
            pair(s.perilaku_nilai),
            pair(s.jpm),
            tuple(sorted(s.gap.items())),
        )


def aggregate(records: Iterable[Facts]) -> dict[int, PeriodAggregate]:
    """The joint table and statistics' values per period, in one pass."""
    periods: dict[int, PeriodAggregate] = {}
    for f in records:
        agg = periods.get(f.periode)
        if agg is None:
            agg = periods[f.periode] = PeriodAggregate(f.periode, f.versi)
        facts = dict(f.attributes)
        atom = tuple(facts[a] for a in ATTRIBUTES)
        agg.atoms[atom] += 1
        for group in _groups_of(atom):
            values = agg.values[group]
            for name in ("nilai_kinerja", "nilai_hasil_kerja", "nilai_perilaku_kerja"):
                if getattr(f, name) is not None:
                    getattr(values, name).append(getattr(f, name))
            if f.jpm is not None:
                values.jpm.append(f.jpm)
            for kode, gap in f.gap:
                values.gap[kode].append(gap)
    return periods


def _exact(value: tuple[int, int] | int) -> Fraction:
    return Fraction(value) if isinstance(value, int) else Fraction(*value)


def mean(values: list[tuple[int, int]] | list[int]) -> Fraction:
    """Exact mean; numerators are summed per denominator, which repeat a lot."""
    if not values:
        return Fraction(0)
    by_denominator: dict[int, int] = defaultdict(int)
    for v in values:
        n, d = (v, 1) if isinstance(v, int) else v
        by_denominator[d] += n
    total = sum((Fraction(n, d) for d, n in by_denominator.items()), Fraction(0))
    return total / len(values)


def median(values: list[tuple[int, int]] | list[int]) -> Fraction:
    """Exact median: sorted by float, with ties in float order settled exactly."""

    def approx(v: tuple[int, int] | int) -> float:
        return float(v) if isinstance(v, int) else v[0] / v[1]

    ordered = sorted(values, key=approx)
    middle = [len(ordered) // 2] if len(ordered) % 2 else [len(ordered) // 2 - 1, len(ordered) // 2]
    for i in middle:
        lo = hi = i
        while lo > 0 and approx(ordered[lo - 1]) == approx(ordered[i]):
            lo -= 1
        while hi + 1 < len(ordered) and approx(ordered[hi + 1]) == approx(ordered[i]):
            hi += 1
        if hi > lo:
            ordered[lo : hi + 1] = sorted(ordered[lo : hi + 1], key=_exact)
    return sum((_exact(ordered[i]) for i in middle), Fraction(0)) / len(middle)
