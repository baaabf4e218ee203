"""`kinerja audit`: re-identification risk in the records, and whether a
build would disclose anybody.

Exit 0: nothing a build would publish discloses a person (class sizes in
the records are information: small classes are why the records repository
is private). Exit 1: a published cell would disclose people, or the data
has problems and cannot be audited. Exit 2: misuse.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any

from kinerja.adapters import loader
from kinerja.adapters.pipeline import Build, build
from kinerja.checks.problems import render
from kinerja.core.policy import Policy
from kinerja.core.reidentification import Band, ClassRisk, Exposure, class_risk, exposures

DIMENSION_WORDS = {
    "unit_kerja": "unit kerja",
    "jenis_jabatan": "jenis jabatan",
    "status": "status",
    "jenis_kelamin": "jenis kelamin",
}


def attacker_checks(built: Build, policy: Policy) -> dict[int, list[str]] | None:
    """HOOK (issue 11): the attacker's checks on what a build would publish.

    Runs `kinerja.core.attack.check_period(aggregate, published, policy)`
    (each finding printed with str()) once the disclosure work provides it;
    None until then, and the report says that these checks did not run.
    """
    try:
        from kinerja.core import attack  # type: ignore[attr-defined]
    except ImportError:
        return None
    check = getattr(attack, "check_period", None)
    if check is None:
        return None
    return {
        periode: [str(f) for f in check(built.aggregates[periode], published, policy)]
        for periode, published in built.published.items()
    }


def _risks(built: Build) -> list[ClassRisk]:
    out = []
    for periode, facts in sorted(built.facts.items()):
        people = [dict(f.attributes) for f in facts]
        out.append(class_risk(periode, built.published[periode].k, people))
    return out


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _risk_lines(r: ClassRisk) -> list[str]:
    bands = (
        ("berukuran 1", r.unique),
        (f"berukuran 2 sampai {r.k - 1}", r.small),
        (f"berukuran {r.k} atau lebih", r.safe),
    )
    width = max(len(label) for label, _ in bands)
    lines = [f"Periode {r.periode} (k = {r.k}): {_n(r.people)} pegawai"]
    for label, band in bands:
        lines.append(
            f"  kelas {label:<{width}} : {_n(band.people)} pegawai ({_n(band.classes)} kelas)"
        )
    alone = r.unique_by.get("jenis_jabatan", {})
    if alone:
        listed = ", ".join(f"{g} {_n(n)}" for g, n in sorted(alone.items(), key=lambda x: -x[1]))
        lines.append(f"  sendirian di kelasnya, menurut jenis jabatan: {listed}")
    return lines


def _exposure_line(e: Exposure) -> str:
    what = (
        "hitungan 1 sampai k−1 tampil"
        if e.reason == "hitungan"
        else "statistik tampil untuk kelompok kurang dari k orang"
    )
    return f"  periode {e.periode}, {DIMENSION_WORDS.get(e.dimensi, e.dimensi)} {e.kelompok}, {e.ukuran}: {what}"


def text_report(risks: list[ClassRisk], shown: list[Exposure], attacks) -> str:
    lines = [
        "Audit risiko identifikasi ulang",
        "Kelas: unit kerja × jenis jabatan × status × jenis kelamin (kosong = nilai tersendiri).",
        "",
        "1. Di dalam catatan (informasi; catatan disimpan di repositori privat karena ini):",
    ]
    for r in risks:
        lines += _risk_lines(r)
    lines += ["", "2. Pada angka yang akan diterbitkan:"]
    if shown:
        lines += [_exposure_line(e) for e in shown]
    else:
        lines.append("  tidak ada hitungan 1 sampai k−1 atau statistik kelompok kecil yang tampil")
    if attacks is None:
        lines.append(
            "  pemeriksaan penyerang (menghitung ulang angka tersembunyi dari jumlah yang "
            "terbit) belum tersedia di versi ini"
        )
    else:
        found = [(p, f) for p, fs in sorted(attacks.items()) for f in fs]
        lines += [f"  periode {p}: penyerang dapat menyimpulkan {f}" for p, f in found]
        if not found:
            lines.append(
                "  pemeriksaan penyerang: tidak ada angka tersembunyi yang dapat disimpulkan"
            )
    disclosed = bool(shown) or bool(attacks and any(attacks.values()))
    lines += [
        "",
        "Hasil: ada angka yang akan mengungkap pegawai; jangan terbitkan sebelum diperbaiki."
        if disclosed
        else "Hasil: tidak ada angka terbitan yang mengungkap pegawai.",
    ]
    return "\n".join(lines)


def _band(band: Band) -> dict[str, int]:
    return {"pegawai": band.people, "kelas": band.classes}


def json_report(risks: list[ClassRisk], shown: list[Exposure], attacks) -> str:
    periods: list[dict[str, Any]] = []
    for r in risks:
        periods.append(
            {
                "periode": r.periode,
                "k": r.k,
                "pegawai": r.people,
                "kelas_ukuran_1": _band(r.unique),
                "kelas_ukuran_2_sampai_k_kurang_1": _band(r.small),
                "kelas_ukuran_k_atau_lebih": _band(r.safe),
                "sendirian_menurut": r.unique_by,
                "angka_terungkap": [asdict(e) for e in shown if e.periode == r.periode],
                "temuan_penyerang": None if attacks is None else attacks.get(r.periode, []),
            }
        )
    payload = {
        "kuasi_identifikasi": ["unit_kerja", "jenis_jabatan", "status", "jenis_kelamin"],
        "periode": periods,
        "pemeriksaan_penyerang": attacks is not None,
        "terungkap": bool(shown) or bool(attacks and any(attacks.values())),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def command(data: str | None, fmt: str) -> int:
    data_dir = loader.resolve_data_dir(data)
    if not data_dir.is_dir():
        print(f"kinerja: folder data '{data}' tidak ditemukan", file=sys.stderr)
        return 2
    built = build(data_dir, cache_dir=data_dir.resolve().parent / ".kinerja-cache", all_facts=True)
    policy = built.policy
    if built.problems or policy is None:
        print(render(built.problems, built.files, "text"), file=sys.stderr)
        print("kinerja: data bermasalah sehingga tidak dapat diaudit.", file=sys.stderr)
        return 1
    risks = _risks(built)
    shown = [e for p in sorted(built.published) for e in exposures(built.published[p])]
    attacks = attacker_checks(built, policy)
    report = json_report if fmt == "json" else text_report
    print(report(risks, shown, attacks))
    return 1 if shown or (attacks and any(attacks.values())) else 0
