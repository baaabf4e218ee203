"""The one typed key of a published cell, from aggregation to template.

A cell is one number of one group: `CellKey("unit_kerja", "dinkes",
"predikat_baik")`. Aggregation counts under these keys, disclosure control
hides them, publication fills them and the pages and open-data files read
them; nothing re-spells a cell as a set, a prefix or a path on the way.
Pages name a group's cell by a `Measure` (a family's category, a statistic
of a value), built by the site modules, so no template spells a measure.
"""

from __future__ import annotations

from typing import NamedTuple

EVERYONE = ("semua", "semua")
HEADCOUNT = "jumlah_pegawai"


class CellKey(NamedTuple):
    dimensi: str  # "semua" or a dimension such as unit_kerja
    kelompok: str  # the group's code within the dimension
    ukuran: str  # the measure: jumlah_pegawai, predikat_baik, rerata_nilai_kinerja, ...

    @property
    def group(self) -> tuple[str, str]:
        return (self.dimensi, self.kelompok)

    def sibling(self, ukuran: str) -> CellKey:
        """The same group's cell for another measure."""
        return CellKey(self.dimensi, self.kelompok, ukuran)


class Measure(NamedTuple):
    """A measure by its parts: a family's category count (predikat, baik) or a
    statistic of a value (rerata, nilai_kinerja); `ukuran` is its one spelling."""

    stem: str  # the family (predikat, jpm, kotak_talenta, ...) or statistic (rerata, median)
    of: str  # the category (baik, optimal, 7, ...) or the value (nilai_kinerja, gap_<kode>)

    @property
    def ukuran(self) -> str:
        return f"{self.stem}_{self.of}"


def count_measure(family: str, category: str) -> str:
    """The measure name of a family's category count, e.g. predikat_baik."""
    return Measure(family, category).ukuran
