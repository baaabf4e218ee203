"""Scores reduced to counts and statistics per period and group, in one pass.

Every count is "how many people match these conditions", keyed by the set of
conditions (an empty set is everyone). Giving each count one canonical key
means the same number reached from two tables is one cell, which disclosure
control needs: a cell hidden in one table must not be published in another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from kinerja.core.policy import JPM_CATEGORIES, PREDIKAT, RATINGS
from kinerja.core.scoring import Score

Key = frozenset[tuple[str, str]]
EVERYONE: Key = frozenset()

DIMENSIONS = ("unit_kerja", "jenis_jabatan", "status", "jenis_kelamin")
NOT_RECORDED = "tidak_dicatat"


@dataclass(frozen=True)
class Family:
    """A categorical measure whose categories partition every group."""

    attribute: str
    categories: tuple[str, ...]

    def key(self, category: str) -> Key:
        return frozenset({(self.attribute, category)})


FAMILIES = (
    Family("predikat", PREDIKAT),
    Family("rating_hasil_kerja", RATINGS),
    Family("rating_perilaku_kerja", RATINGS),
    Family("jpm", (*JPM_CATEGORIES, "tidak_dinilai")),
    Family("kotak_talenta", (*map(str, range(9, 0, -1)), "tidak_ada")),
    Family("pengembangan", ("memenuhi_jp", "belum_memenuhi_jp", "tidak_berlaku")),
)


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
    counts: dict[Key, int] = field(default_factory=lambda: defaultdict(int))
    values: dict[Key, GroupValues] = field(default_factory=lambda: defaultdict(GroupValues))

    def to_plain(self) -> list:
        """Lists, tuples, strings and numbers only (for the cache)."""
        return [
            self.periode,
            self.versi,
            [(tuple(sorted(k)), n) for k, n in self.counts.items()],
            [
                (
                    tuple(sorted(k)),
                    v.nilai_kinerja,
                    v.nilai_hasil_kerja,
                    v.nilai_perilaku_kerja,
                    v.jpm,
                    dict(v.gap),
                )
                for k, v in self.values.items()
            ],
        ]

    @classmethod
    def from_plain(cls, raw: list) -> PeriodAggregate:
        agg = cls(raw[0], raw[1])
        for key, n in raw[2]:
            agg.counts[frozenset(tuple(c) for c in key)] = n
        for key, nk, nh, npk, jpm, gap in raw[3]:
            values = GroupValues(
                [tuple(x) for x in nk],
                [tuple(x) for x in nh],
                [tuple(x) for x in npk],
                [tuple(x) for x in jpm],
            )
            values.gap.update({k: list(g) for k, g in gap.items()})
            agg.values[frozenset(tuple(c) for c in key)] = values
        return agg


def _group_keys(facts: dict[str, str]) -> list[Key]:
    return [EVERYONE] + [frozenset({(d, facts[d])}) for d in DIMENSIONS]


class Facts(NamedTuple):
    """One scored record reduced to what aggregation needs.

    Records become Facts as soon as they are scored, so memory does not grow
    with the size of the files. Every field is a tuple, string or number, so
    `tuple(facts)` is what the cache keeps and `Facts._make` restores it.
    """

    periode: int
    versi: str
    attributes: tuple[tuple[str, str], ...]
    nilai_kinerja: tuple[int, int]
    nilai_hasil_kerja: tuple[int, int]
    nilai_perilaku_kerja: tuple[int, int]
    jpm: tuple[int, int] | None
    gap: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, s: Score) -> Facts:
        def pair(x: Fraction) -> tuple[int, int]:
            return (x.numerator, x.denominator)

        return cls(
            s.periode,
            s.versi,
            tuple(sorted(attributes(s).items())),
            pair(s.nilai_kinerja),
            pair(s.hasil_nilai),
            pair(s.perilaku_nilai),
            pair(s.jpm) if s.jpm is not None else None,
            tuple(sorted(s.gap.items())),
        )


def aggregate(records: Iterable[Facts]) -> dict[int, PeriodAggregate]:
    """Counts and values per period and group, in one pass over the records."""
    periods: dict[int, PeriodAggregate] = {}
    cell_keys: dict[tuple[Key, str, str], Key] = {}  # memoised set unions
    for f in records:
        agg = periods.get(f.periode)
        if agg is None:
            agg = periods[f.periode] = PeriodAggregate(f.periode, f.versi)
        facts = dict(f.attributes)
        keys: set[Key] = set()
        for group in _group_keys(facts):
            keys.add(group)
            for fam in FAMILIES:
                memo = (group, fam.attribute, facts[fam.attribute])
                cell = cell_keys.get(memo)
                if cell is None:
                    cell = cell_keys[memo] = group | fam.key(facts[fam.attribute])
                keys.add(cell)
            values = agg.values[group]
            values.nilai_kinerja.append(f.nilai_kinerja)
            values.nilai_hasil_kerja.append(f.nilai_hasil_kerja)
            values.nilai_perilaku_kerja.append(f.nilai_perilaku_kerja)
            if f.jpm is not None:
                values.jpm.append(f.jpm)
            for kode, gap in f.gap:
                values.gap[kode].append(gap)
        for key in keys:
            agg.counts[key] += 1
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
