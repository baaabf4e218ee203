"""Scores reduced to the period's joint table, counts and statistics, in one pass.

A period is kept as its full cross-classification: how many people share
each combination of every dimension and every family category (the
"atoms"). Every published count is a sum of atoms, so every identity
between tables (a unit's predikat counts add up to its headcount, JPM "not
assessed" equals "no talent box", a family added tomorrow) holds by
construction; disclosure control reasons about that one system.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from kinerja.core.cells import EVERYONE, HEADCOUNT, CellKey, count_measure
from kinerja.core.policy import Methodology, Vocabulary
from kinerja.core.scoring import Score

DIMENSIONS = ("unit_kerja", "jenis_jabatan", "status", "jenis_kelamin")
# the engine's own categories (not in the data, so not in the schemas)
NOT_RECORDED = "tidak_dicatat"
NOT_ASSESSED = "tidak_dinilai"
NO_BOX = "tidak_ada"
TRAINING = ("memenuhi_jp", "belum_memenuhi_jp", "tidak_berlaku")
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


def leniency(given: str, advisory: str | None, ratings: Sequence[str]) -> str:
    """`ratings`: the schema's ratings, highest first."""
    if advisory is None:
        return "tanpa_angka"
    higher = ratings.index(given) < ratings.index(advisory)
    return "lebih_tinggi" if higher else "sama" if given == advisory else "lebih_rendah"


# the families every period publishes, in the order of an atom's values
FAMILY_ATTRIBUTES = (
    "predikat",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "jpm",
    "kotak_talenta",
    "pengembangan",
    "selisih_rating_hasil_kerja",
    "selisih_rating_perilaku_kerja",
)
# the order of an atom's values: every dimension, then every family
ATTRIBUTES = DIMENSIONS + FAMILY_ATTRIBUTES


def families(words: Vocabulary, m: Methodology) -> tuple[Family, ...]:
    """Every family's categories: the schemas' and the methodology's talent boxes."""
    categories = {
        "predikat": words.predikat,
        "rating_hasil_kerja": words.ratings,
        "rating_perilaku_kerja": words.ratings,
        "jpm": (*words.jpm_categories, NOT_ASSESSED),
        "kotak_talenta": (*(str(b.nomor) for b in m.kotak), NO_BOX),
        "pengembangan": TRAINING,
        "selisih_rating_hasil_kerja": LENIENCY,
        "selisih_rating_perilaku_kerja": LENIENCY,
    }
    return tuple(Family(a, categories[a]) for a in FAMILY_ATTRIBUTES)


@dataclass(frozen=True)
class Layout:
    """What a period's tables hold: each dimension's groups and each family's categories."""

    groups: Mapping[str, Sequence[str]]
    families: tuple[Family, ...]

    @property
    def count_measures(self) -> tuple[str, ...]:
        return (HEADCOUNT, *(m for f in self.families for m in f.measures()))


def attributes(s: Score, ratings: Sequence[str]) -> dict[str, str]:
    """The categorical facts about one person that any table may count.

    Keys in sorted order, the order Facts keep them in (so they need no sort).
    """
    meets, misses, not_owed = TRAINING
    return {
        "jenis_jabatan": s.jenis_jabatan,
        "jenis_kelamin": s.jenis_kelamin or NOT_RECORDED,
        "jpm": s.jpm_kategori or NOT_ASSESSED,
        "kotak_talenta": str(s.kotak_talenta) if s.kotak_talenta else NO_BOX,
        "pengembangan": not_owed if s.memenuhi_jp is None else meets if s.memenuhi_jp else misses,
        "predikat": s.predikat,
        "rating_hasil_kerja": s.hasil_rating,
        "rating_perilaku_kerja": s.perilaku_rating,
        "selisih_rating_hasil_kerja": leniency(s.hasil_rating, s.hasil_rating_angka, ratings),
        "selisih_rating_perilaku_kerja": leniency(
            s.perilaku_rating, s.perilaku_rating_angka, ratings
        ),
        "status": s.status,
        "unit_kerja": s.unit_kerja,
    }


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

    def count_cells(self, layout: Layout) -> dict[CellKey, int]:
        """Every count the portal publishes, zeros included, as sums of atoms."""
        measures = layout.count_measures
        cells: dict[CellKey, int] = {CellKey(*EVERYONE, m): 0 for m in measures}
        for dim, codes in layout.groups.items():
            for code in codes:
                cells.update({CellKey(dim, code, m): 0 for m in measures})
        # sum per (group, family, category) first: far fewer keys than atoms x cells
        sums: dict[tuple[Group, int, str], int] = defaultdict(int)
        width = len(DIMENSIONS)
        for atom, n in self.atoms.items():
            profile = atom[width:]
            for group in _groups_of(atom):
                sums[(group, -1, HEADCOUNT)] += n
                for i, category in enumerate(profile):
                    sums[(group, i, category)] += n
        for (group, i, category), n in sums.items():
            ukuran = category if i < 0 else count_measure(FAMILY_ATTRIBUTES[i], category)
            cells[CellKey(*group, ukuran)] = n
        return cells

    def to_plain(self) -> list:
        """The joint table and the hidden counts, as lists, strings and numbers
        (for the cache). The statistics' values are not kept: a cached period
        keeps its published statistics instead."""
        return [
            self.periode,
            self.versi,
            list(self.atoms.items()),
            None if self.hidden is None else [tuple(key) for key in self.hidden],
        ]

    @classmethod
    def from_plain(cls, raw: list) -> PeriodAggregate:
        agg = cls(raw[0], raw[1])
        for atom, n in raw[2]:
            agg.atoms[tuple(atom)] = n
        if raw[3] is not None:
            agg.hidden = [CellKey(*key) for key in raw[3]]
        return agg


def _groups_of(atom: tuple[str, ...]) -> list[Group]:
    return [EVERYONE, *zip(DIMENSIONS, atom, strict=False)]


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
    def of(cls, s: Score, ratings: Sequence[str]) -> Facts:
        """`ratings`: the schema's ratings, highest first (for leniency)."""
        return cls(
            s.periode,
            s.versi,
            tuple(attributes(s, ratings).items()),
            s.nilai_kinerja_pair,
            s.hasil_pair,
            s.perilaku_pair,
            s.jpm_pair,
            tuple(sorted(s.gaps())),
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


def _scaled(values: list[tuple[int, int]] | list[int]) -> tuple[list[int], int]:
    """Every value as an integer over one common denominator: exact, and sorted
    and summed at integer speed (the denominators are few and repeat a lot)."""
    if all(type(v) is int for v in values):
        return list(values), 1  # type: ignore[arg-type]
    pairs = [(v, 1) if type(v) is int else v for v in values]
    common = math.lcm(*{d for _, d in pairs}) if pairs else 1
    return [n * (common // d) for n, d in pairs], common


def mean(values: list[tuple[int, int]] | list[int]) -> Fraction:
    """Exact mean (0 for no values)."""
    return mean_and_median(values)[0]


def mean_and_median(values: list[tuple[int, int]] | list[int]) -> tuple[Fraction, Fraction]:
    """Exact mean and median (0 for no values), from one scaling of the values."""
    if not values:
        return Fraction(0), Fraction(0)
    scaled, common = _scaled(values)
    total = sum(scaled)
    scaled.sort()
    half = len(scaled) // 2
    if len(scaled) % 2:
        middle = Fraction(scaled[half], common)
    else:
        middle = Fraction(scaled[half - 1] + scaled[half], 2 * common)
    return Fraction(total, common * len(scaled)), middle


def median(values: list[tuple[int, int]] | list[int]) -> Fraction:
    """Exact median (0 for no values)."""
    return mean_and_median(values)[1]
