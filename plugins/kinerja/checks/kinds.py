"""Checks that depend on the kind (`jenis`) of the period's methodology.

Under `angka` the engine computes the ratings, so a record must carry the
numbers and must not carry ratings. Under `rating` the pejabat penilai's
ratings are the record's; the numbers are optional evidence, and a unit
head's rating hasil kerja must follow the unit's predikat organisasi.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from kinerja.checks.problems import Problem
from kinerja.checks.yamlsource import Document, Pointer
from kinerja.core.policy import Methodology, Policy, Vocabulary
from kinerja.core.scoring import classify

RATING_VALUES = "di_atas_ekspektasi, sesuai_ekspektasi atau di_bawah_ekspektasi"


def _at(doc: Document, pointer: Pointer, code: str, message: str, hint: str) -> Problem:
    line, col = doc.position(pointer)
    return Problem(doc.path, line, col, code, message, hint)


@dataclass(frozen=True)
class Finding:
    """A kind-dependent problem of one record, before it is placed in a file or a sheet."""

    pointer: Pointer  # () for the record as a whole
    code: str
    message: str
    hint: str


def _angka_findings(data: dict[str, Any], m: Methodology) -> Iterable[Finding]:
    if "rating" in data:
        yield Finding(
            ("rating",),
            "RATING-TIDAK-DIPAKAI",
            f"periode {data['periode']} memakai metodologi {m.versi} (jenis angka): rating "
            "dihitung dari angka, bukan diisi",
            "hapus rating atau periksa tahun periode (rating diisi mulai periode yang memakai "
            "metodologi jenis rating)",
        )
    for key, what in (("hasil_kerja", "butir hasil kerja"), ("perilaku_kerja", "level BerAKHLAK")):
        if not data.get(key):
            yield Finding(
                (key,),
                "ANGKA-WAJIB",
                f"metodologi {m.versi} (jenis angka) menghitung rating dari angka, tetapi "
                f"'{key}' tidak ada",
                f"tambahkan {key} ({what}) seperti pada contoh catatan",
            )


def _rating_findings(data: dict[str, Any], m: Methodology, policy: Policy) -> Iterable[Finding]:
    given = data.get("rating")
    if given is None:
        yield Finding(
            ("rating",),  # absent: placed on the record itself
            "RATING-WAJIB",
            f"periode {data['periode']} memakai metodologi {m.versi} (jenis rating), tetapi "
            "catatan ini tidak memuat rating dari pejabat penilai",
            f"isi rating hasil_kerja dan perilaku_kerja ({RATING_VALUES})",
        )
        return
    unit = policy.unit(data["unit_kerja"])
    if not data.get("kepala_unit") or m.advisory is None or unit is None:
        return  # an unknown unit is reported as RUJUKAN-UNIT-KERJA
    org = unit.predikat_organisasi.get(data["periode"])
    if org is None:
        yield Finding(
            ("kepala_unit",),
            "KEPALA-UNIT-TANPA-PREDIKAT",
            f"predikat kinerja organisasi {unit.kode} untuk periode {data['periode']} belum ada, "
            "padahal rating hasil kerja kepala unit mengikutinya",
            f"isi predikat_organisasi {data['periode']} untuk {unit.kode} di data/unit-kerja.yaml",
        )
        return
    expected = m.advisory.kepala_unit[org]
    if given["hasil_kerja"] != expected:
        yield Finding(
            ("rating", "hasil_kerja"),
            "KEPALA-UNIT-RATING",
            f"kepala unit {unit.kode}: rating hasil kerja '{given['hasil_kerja']}' berbeda dengan "
            f"predikat kinerja organisasi '{org}' periode {data['periode']}",
            f"ubah menjadi {expected} (data/metodologi/{m.versi}.yaml, kepala_unit), atau "
            "hapus tanda kepala_unit bila ASN ini bukan kepala unit",
        )


def findings(data: dict[str, Any], policy: Policy) -> list[Finding]:
    """The kind-dependent problems of one record (as a dict of the schema's shape)."""
    m = policy.methodology_for(data["periode"])
    if m is None:
        return []  # reported as PERIODE-TANPA-METODOLOGI
    if m.jenis == "angka":
        return list(_angka_findings(data, m))
    return list(_rating_findings(data, m, policy))


def record_problems(doc: Document, policy: Policy) -> list[Problem]:
    """The kind-dependent problems of one schema-valid record file, at their lines."""
    out = []
    for f in findings(doc.data, policy):
        line, col = doc.key_position(f.pointer) if f.pointer else doc.position(())
        out.append(Problem(doc.path, line, col, f.code, f.message, f.hint))
    return out


def methodology_problems(doc: Document, m: Methodology, words: Vocabulary) -> list[Problem]:
    """A `rating` methodology's advisory index must agree with the level texts.

    Every target met exactly is 100, which must read sesuai ekspektasi (the
    schema's middle rating); the middle level of the scale (the level tables
    of data/indikator write it as sesuai ekspektasi) on every value must read
    sesuai, the highest level di atas, the lowest di bawah.
    """
    if m.advisory is None:
        return []
    adv, p = m.advisory, m.desimal
    above, meets, below = words.ratings
    low, high = words.levels
    found = []
    if classify(Fraction(100), m.rating_hasil, p) != meets:
        found.append(
            _at(
                doc,
                ("rating", "hasil_kerja"),
                "METODOLOGI-KONSISTENSI",
                f"indeks 100 (semua target tercapai tepat) harus masuk {meets}",
                f"atur ambang agar minimal {meets} ≤ 100 < minimal {above}",
            )
        )
    for level, rating in (((low + high) // 2, meets), (high, above), (low, below)):
        index = 100 + (level - adv.level_ekspektasi) * adv.langkah_per_level
        if classify(index, m.rating_perilaku, p) != rating:
            found.append(
                _at(
                    doc,
                    ("rating", "perilaku_kerja"),
                    "METODOLOGI-KONSISTENSI",
                    f"level {level} pada ketujuh nilai BerAKHLAK (indeks {float(index):g}) harus "
                    f"masuk "
                    f"{rating}",
                    "sesuaikan ambang rating perilaku_kerja, level_ekspektasi atau langkah_per_level",
                )
            )
    return found
