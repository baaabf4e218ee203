"""The appraisal record as the engine sees it: numbers only.

Free text (rencana, kegiatan, satuan) is dropped here, so nothing written in
a record's prose can reach a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from kinerja.core.policy import exact


@dataclass(frozen=True)
class Aspect:
    target: Fraction
    realisasi: Fraction


@dataclass(frozen=True)
class WorkItem:
    kuantitas: Aspect
    kualitas: Aspect
    waktu: Aspect
    biaya: Aspect | None


@dataclass(frozen=True)
class Appraisal:
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


def _aspect(item: dict[str, Any], name: str) -> Aspect | None:
    if name not in item["target"] or name not in item["realisasi"]:
        return None
    return Aspect(exact(item["target"][name]), exact(item["realisasi"][name]))


def appraisal_from(data: dict[str, Any]) -> Appraisal:
    """Build from a record that passed validation."""
    items = tuple(
        WorkItem(
            kuantitas=_aspect(i, "kuantitas"),  # type: ignore[arg-type]
            kualitas=_aspect(i, "kualitas"),  # type: ignore[arg-type]
            waktu=_aspect(i, "waktu"),  # type: ignore[arg-type]
            biaya=_aspect(i, "biaya"),
        )
        for i in data.get("hasil_kerja") or ()
    )
    kompetensi = data.get("kompetensi")
    given = data.get("rating")
    return Appraisal(
        id=data["id"],
        periode=data["periode"],
        unit_kerja=data["unit_kerja"],
        jenis_jabatan=data["jenis_jabatan"],
        status=data["status"],
        jenis_kelamin=data.get("jenis_kelamin"),
        hasil_kerja=items,
        perilaku_kerja=tuple(sorted((data.get("perilaku_kerja") or {}).items())),
        kompetensi=None if kompetensi is None else tuple(sorted(kompetensi.items())),
        jp=sum(k["jp"] for k in data.get("pengembangan_kompetensi") or ()),
        rating=None if given is None else (given["hasil_kerja"], given["perilaku_kerja"]),
        kepala_unit=bool(data.get("kepala_unit", False)),
    )
