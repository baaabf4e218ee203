"""The appraisal record as the engine sees it: numbers only.

Free text (rencana, kegiatan, satuan) is dropped here, so nothing written in
a record's prose can reach a page. Tuples rather than dataclasses: a record
is built for every file of every build, and a named tuple costs a tenth of a
frozen dataclass to make.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

from kinerja.core.exact import pair_of


class Aspect(NamedTuple):
    """Target T = t/u and realisation R = r/v, exactly, as integers (u, v > 0;
    the schema keeps t > 0 and r >= 0)."""

    t: int
    u: int
    r: int
    v: int

    @classmethod
    def of(cls, target: Any, realisasi: Any) -> Aspect:
        return cls(*pair_of(target), *pair_of(realisasi))

    @property
    def target(self) -> Fraction:
        return Fraction(self.t, self.u)

    @property
    def realisasi(self) -> Fraction:
        return Fraction(self.r, self.v)


class WorkItem(NamedTuple):
    kuantitas: Aspect
    kualitas: Aspect
    waktu: Aspect
    biaya: Aspect | None


class Appraisal(NamedTuple):
    id: str
    periode: int
    unit_kerja: str
    jenis_jabatan: str
    status: str
    jenis_kelamin: str | None
    hasil_kerja: tuple[WorkItem, ...]  # empty: no numeric evidence (only under `rating`)
    perilaku_kerja: tuple[tuple[str, int], ...]  # empty: no levels (only under `rating`)
    kompetensi: tuple[tuple[str, int], ...] | None
    jp: int
    rating: tuple[str, str] | None = None  # given (hasil kerja, perilaku kerja)
    kepala_unit: bool = False


# A named tuple made straight from a tuple, skipping its generated Python
# __new__: the same object for a third of the cost (aspects are most of a record).
make = tuple.__new__


def _aspect(target: Any, realisasi: Any) -> Aspect:
    if type(target) is int and type(realisasi) is int:  # most numbers in records are whole
        return make(Aspect, (target, 1, realisasi, 1))
    return make(Aspect, (*pair_of(target), *pair_of(realisasi)))


def _item(item: dict[str, Any]) -> WorkItem:
    """The schema requires kuantitas, kualitas and waktu; biaya is on both sides or neither."""
    t, r = item["target"], item["realisasi"]
    return make(
        WorkItem,
        (
            _aspect(t["kuantitas"], r["kuantitas"]),
            _aspect(t["kualitas"], r["kualitas"]),
            _aspect(t["waktu"], r["waktu"]),
            _aspect(t["biaya"], r["biaya"]) if "biaya" in t and "biaya" in r else None,
        ),
    )


def appraisal_from(data: dict[str, Any]) -> Appraisal:
    """Build from a record that passed validation."""
    kompetensi = data.get("kompetensi")
    given = data.get("rating")
    return Appraisal(  # positional: keywords cost more than the rest of the record
        data["id"],
        data["periode"],
        data["unit_kerja"],
        data["jenis_jabatan"],
        data["status"],
        data.get("jenis_kelamin"),
        tuple([_item(i) for i in data.get("hasil_kerja") or ()]),
        tuple(sorted((data.get("perilaku_kerja") or {}).items())),
        None if kompetensi is None else tuple(sorted(kompetensi.items())),
        sum([k["jp"] for k in data.get("pengembangan_kompetensi") or ()]),
        None if given is None else (given["hasil_kerja"], given["perilaku_kerja"]),
        bool(data.get("kepala_unit", False)),
    )
