"""Checks that depend on the kind (`jenis`) of the period's methodology.

Under `angka` the engine computes the ratings, so a record must carry the
numbers and must not carry ratings. Under `rating` the pejabat penilai's
ratings are the record's; the numbers are optional evidence, and a unit
head's rating hasil kerja must follow the unit's predikat organisasi.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from kinerja.checks.problems import Problem
from kinerja.checks.yamlsource import Document, Pointer
from kinerja.core.policy import Methodology, Policy
from kinerja.core.scoring import classify

RATING_VALUES = "di_atas_ekspektasi, sesuai_ekspektasi atau di_bawah_ekspektasi"


def _at(doc: Document, pointer: Pointer, code: str, message: str, hint: str) -> Problem:
    line, col = doc.position(pointer)
    return Problem(doc.path, line, col, code, message, hint)


def _at_key(doc: Document, pointer: Pointer, code: str, message: str, hint: str) -> Problem:
    line, col = doc.key_position(pointer)
    return Problem(doc.path, line, col, code, message, hint)


def _angka_problems(doc: Document, m: Methodology) -> Iterable[Problem]:
    data = doc.data
    if "rating" in data:
        yield _at_key(
            doc,
            ("rating",),
            "RATING-TIDAK-DIPAKAI",
            f"periode {data['periode']} memakai metodologi {m.versi} (jenis angka): rating "
            "dihitung dari angka, bukan diisi",
            "hapus bagian 'rating:' atau periksa tahun periode (rating diisi mulai periode "
            "yang memakai metodologi jenis rating)",
        )
    for key, what in (("hasil_kerja", "butir hasil kerja"), ("perilaku_kerja", "level BerAKHLAK")):
        if key not in data:
            yield _at(
                doc,
                (),
                "ANGKA-WAJIB",
                f"metodologi {m.versi} (jenis angka) menghitung rating dari angka, tetapi "
                f"'{key}' tidak ada",
                f"tambahkan '{key}:' dengan {what} seperti pada contoh catatan",
            )


def _rating_problems(doc: Document, m: Methodology, policy: Policy) -> Iterable[Problem]:
    data = doc.data
    given = data.get("rating")
    if given is None:
        yield _at(
            doc,
            (),
            "RATING-WAJIB",
            f"periode {data['periode']} memakai metodologi {m.versi} (jenis rating), tetapi "
            "catatan ini tidak memuat rating dari pejabat penilai",
            f"tambahkan 'rating:' dengan 'hasil_kerja:' dan 'perilaku_kerja:' ({RATING_VALUES})",
        )
        return
    if not data.get("kepala_unit") or m.advisory is None:
        return
    unit = policy.unit(data["unit_kerja"])
    if unit is None:
        return  # reported as RUJUKAN-UNIT-KERJA
    org = unit.predikat_organisasi.get(data["periode"])
    if org is None:
        yield _at_key(
            doc,
            ("kepala_unit",),
            "KEPALA-UNIT-TANPA-PREDIKAT",
            f"predikat kinerja organisasi {unit.kode} untuk periode {data['periode']} belum ada, "
            "padahal rating hasil kerja kepala unit mengikutinya",
            f"isi predikat_organisasi {data['periode']} untuk {unit.kode} di data/unit-kerja.yaml",
        )
        return
    expected = m.advisory.kepala_unit[org]
    if given["hasil_kerja"] != expected:
        yield _at_key(
            doc,
            ("rating", "hasil_kerja"),
            "KEPALA-UNIT-RATING",
            f"kepala unit {unit.kode}: rating hasil kerja '{given['hasil_kerja']}' berbeda dengan "
            f"predikat kinerja organisasi '{org}' periode {data['periode']}",
            f"ubah menjadi 'hasil_kerja: {expected}' (data/metodologi/{m.versi}.yaml, "
            "kepala_unit), atau hapus 'kepala_unit: true' bila ASN ini bukan kepala unit",
        )


def record_problems(doc: Document, policy: Policy) -> list[Problem]:
    """The kind-dependent problems of one schema-valid record."""
    m = policy.methodology_for(doc.data["periode"])
    if m is None:
        return []  # reported as PERIODE-TANPA-METODOLOGI
    if m.jenis == "angka":
        return list(_angka_problems(doc, m))
    return list(_rating_problems(doc, m, policy))


def methodology_problems(doc: Document, m: Methodology) -> list[Problem]:
    """A `rating` methodology's advisory index must agree with the level texts.

    Every target met exactly is 100, which must read sesuai ekspektasi; level
    3 (sesuai ekspektasi) on every value must read sesuai, 5 di atas, 1 di
    bawah.
    """
    if m.advisory is None:
        return []
    adv, p = m.advisory, m.desimal
    found = []
    if classify(Fraction(100), m.rating_hasil, p) != "sesuai_ekspektasi":
        found.append(
            _at(
                doc,
                ("rating", "hasil_kerja"),
                "METODOLOGI-KONSISTENSI",
                "indeks 100 (semua target tercapai tepat) harus masuk sesuai_ekspektasi",
                "atur ambang agar minimal sesuai_ekspektasi ≤ 100 < minimal di_atas_ekspektasi",
            )
        )
    for level, rating in (
        (3, "sesuai_ekspektasi"),
        (5, "di_atas_ekspektasi"),
        (1, "di_bawah_ekspektasi"),
    ):
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
