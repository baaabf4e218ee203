"""How easily a person is picked out: inside the records, and in what a
build would publish.

Inside the records, people are grouped per period into quasi-identifier
classes, unit_kerja × jenis_jabatan × status × jenis_kelamin (a missing
jenis_kelamin is a value of its own). A class of one is a person anybody in
the office can name; a pseudonym does not hide them. That is expected, and
it is why the records repository is private: class sizes are information.

What decides whether a build may be published is what it would show: a
count of 1 to k-1 left visible, or a statistic shown for a group smaller
than k, discloses people. The attacker's checks (recovering hidden counts
from published sums) come from `kinerja.core.attack` when present.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kinerja.core.aggregation import DIMENSIONS, FAMILY_ATTRIBUTES
from kinerja.core.publication import PublishedPeriod

QUASI_IDENTIFIERS = DIMENSIONS  # unit_kerja, jenis_jabatan, status, jenis_kelamin
HEADCOUNT = "jumlah_pegawai"
_COUNT_PREFIXES = tuple(f"{fam}_" for fam in FAMILY_ATTRIBUTES)
_STATISTIC_PREFIXES = ("rerata_", "median_", "persen_")


# Deliberate twin (duplicates tool) in shape of core/policy.py's small records:
# a frozen dataclass of two named numbers.
@dataclass(frozen=True)
class Band:
    people: int
    classes: int


@dataclass(frozen=True)
class ClassRisk:
    """People of one period by the size of their quasi-identifier class."""

    periode: int
    k: int
    people: int
    unique: Band  # classes of size 1
    small: Band  # classes of size 2..k-1
    safe: Band  # classes of size k or more
    unique_by: dict[str, dict[str, int]]  # dimension -> group -> people alone in their class


@dataclass(frozen=True)
class Exposure:
    """A published cell that gives away fewer than k people."""

    periode: int
    dimensi: str
    kelompok: str
    ukuran: str
    reason: str  # "hitungan" (a count 1..k-1 shown) or "statistik" (group under k)


def class_of(attributes: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(attributes[d] for d in QUASI_IDENTIFIERS)


def class_risk(periode: int, k: int, people: Iterable[Mapping[str, str]]) -> ClassRisk:
    """`people`: each person's attributes (aggregation.attributes of their score)."""
    sizes = Counter(class_of(p) for p in people)
    bands = {"unique": [0, 0], "small": [0, 0], "safe": [0, 0]}
    unique_by: dict[str, Counter[str]] = {d: Counter() for d in QUASI_IDENTIFIERS}
    for cls, size in sizes.items():
        band = "unique" if size == 1 else "small" if size < k else "safe"
        bands[band][0] += size
        bands[band][1] += 1
        if size == 1:
            for dim, value in zip(QUASI_IDENTIFIERS, cls, strict=True):
                unique_by[dim][value] += 1
    return ClassRisk(
        periode=periode,
        k=k,
        people=sum(sizes.values()),
        unique=Band(*bands["unique"]),
        small=Band(*bands["small"]),
        safe=Band(*bands["safe"]),
        unique_by={d: dict(sorted(c.items())) for d, c in unique_by.items()},
    )


def is_count(ukuran: str) -> bool:
    return ukuran == HEADCOUNT or ukuran.startswith(_COUNT_PREFIXES)


def exposures(published: PublishedPeriod) -> list[Exposure]:
    """Shown counts of 1..k-1, and statistics shown for groups under k."""
    k = published.k
    found = []
    for dim, groups in published.groups.items():
        for group in groups:
            size = group[HEADCOUNT]
            small_group = size.shown and size.value < k  # type: ignore[operator]
            for ukuran, cell in group.cells.items():
                if not cell.shown:
                    continue
                if is_count(ukuran) and 1 <= cell.value < k:  # type: ignore[operator]
                    reason = "hitungan"
                elif ukuran.startswith(_STATISTIC_PREFIXES) and small_group:
                    reason = "statistik"
                else:
                    continue
                found.append(Exposure(published.periode, dim, group.kelompok, ukuran, reason))
    return found
