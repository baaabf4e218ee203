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

from kinerja.policy import JPM_CATEGORIES, PREDIKAT, RATINGS
from kinerja.scoring import Score

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

    nilai_kinerja: list[Fraction] = field(default_factory=list)
    nilai_hasil_kerja: list[Fraction] = field(default_factory=list)
    nilai_perilaku_kerja: list[Fraction] = field(default_factory=list)
    jpm: list[Fraction] = field(default_factory=list)
    gap: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class PeriodAggregate:
    periode: int
    versi: str
    counts: dict[Key, int] = field(default_factory=lambda: defaultdict(int))
    values: dict[Key, GroupValues] = field(default_factory=lambda: defaultdict(GroupValues))


def _group_keys(facts: dict[str, str]) -> list[Key]:
    return [EVERYONE] + [frozenset({(d, facts[d])}) for d in DIMENSIONS]


def aggregate(scores: Iterable[Score]) -> dict[int, PeriodAggregate]:
    periods: dict[int, PeriodAggregate] = {}
    for s in scores:
        agg = periods.get(s.periode)
        if agg is None:
            agg = periods[s.periode] = PeriodAggregate(s.periode, s.versi)
        facts = attributes(s)
        keys: set[Key] = set()
        for group in _group_keys(facts):
            keys.add(group)
            for fam in FAMILIES:
                cell = group | fam.key(facts[fam.attribute])
                keys.add(cell)
            values = agg.values[group]
            values.nilai_kinerja.append(s.nilai_kinerja)
            values.nilai_hasil_kerja.append(s.hasil_nilai)
            values.nilai_perilaku_kerja.append(s.perilaku_nilai)
            if s.jpm is not None:
                values.jpm.append(s.jpm)
            for kode, gap in s.gap.items():
                values.gap[kode].append(gap)
        for key in keys:
            agg.counts[key] += 1
    return periods


def mean(values: list[Fraction] | list[int]) -> Fraction:
    return Fraction(sum(values), len(values)) if values else Fraction(0)


def median(values: list[Fraction] | list[int]) -> Fraction:
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[mid])
    return Fraction(ordered[mid - 1] + ordered[mid], 2)
