"""The scoring engine against DOMAIN.md's checked values and DESIGN.md's policy."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from conftest import DATA, VALID_RECORD, run_kinerja
from kinerja.adapters.pipeline import build
from kinerja.core.hasil_kerja import efficiency_score, score_item
from kinerja.core.record import Aspect, appraisal_from
from kinerja.core.scoring import classify, score


@pytest.fixture(scope="module")
def policy():
    result = build(DATA, records=[])
    assert result.policy is not None, result.problems
    return result.policy


@pytest.fixture(scope="module")
def m(policy):
    return policy.methodology_for(2023)  # the `angka` kind; `rating` is in test_rating.py


# VALID_RECORD under the `angka` methodology: 2023, no given ratings
ANGKA_RECORD = VALID_RECORD.replace("periode: 2025", "periode: 2023").replace(
    "rating:\n  hasil_kerja: sesuai_ekspektasi\n  perilaku_kerja: di_atas_ekspektasi\n", ""
)


def record(**changes) -> dict:
    data = yaml.safe_load(ANGKA_RECORD)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def item(tk, rk, tq, rq, tw, rw, tb=None, rb=None) -> dict:
    target = {"kuantitas": tk, "satuan": "dokumen", "kualitas": tq, "waktu": tw}
    real = {"kuantitas": rk, "kualitas": rq, "waktu": rw}
    if tb is not None:
        target["biaya"], real["biaya"] = tb, rb
    return {"rencana": "x", "target": target, "realisasi": real}


def behaviour(*values: int) -> dict:
    keys = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis"]
    keys += ["loyal", "adaptif", "kolaboratif"]
    return dict(zip(keys, values, strict=True))


def test_published_worked_example(m) -> None:
    appraisal = appraisal_from(
        record(hasil_kerja=[item(1, 1, 100, 90, 12, 12, 170395000, 170395000)])
    )
    result = score_item(appraisal.hasil_kerja[0], m)
    assert (result.kuantitas, result.kualitas, result.waktu, result.biaya) == (100, 90, 76, 76)
    assert result.nilai == Fraction("85.5")


@pytest.mark.parametrize(
    ("target", "real", "shown"),
    [
        (12, 12, "76.00"),
        (12, 10, "92.67"),
        (12, 8, "66.67"),
        (10, 7.6, "100.00"),
        (10, 7.5, "75.00"),
    ],
)
def test_time_aspect(m, target, real, shown) -> None:
    from kinerja.core.exact import fraction
    from kinerja.core.rounding import half_up

    value = fraction(efficiency_score(Aspect.of(target, real), m))
    assert str(half_up(value, 2)) == shown


HASIL = {  # one item giving each hasil rating
    "di_atas_ekspektasi": item(1, 1, 100, 100, 12, 10),  # 97.56
    "sesuai_ekspektasi": item(1, 1, 100, 90, 12, 12),  # 88.67
    "di_bawah_ekspektasi": item(10, 5, 100, 60, 12, 12),  # 62.00
}
PERILAKU = {
    "di_atas_ekspektasi": behaviour(5, 5, 5, 5, 5, 5, 4),  # 97.14
    "sesuai_ekspektasi": behaviour(4, 4, 4, 4, 4, 4, 4),  # 80
    "di_bawah_ekspektasi": behaviour(3, 3, 3, 3, 3, 3, 3),  # 60
}
MATRIX = {
    ("di_atas_ekspektasi", "di_atas_ekspektasi"): "sangat_baik",
    ("di_atas_ekspektasi", "sesuai_ekspektasi"): "baik",
    ("di_atas_ekspektasi", "di_bawah_ekspektasi"): "kurang",
    ("sesuai_ekspektasi", "di_atas_ekspektasi"): "baik",
    ("sesuai_ekspektasi", "sesuai_ekspektasi"): "baik",
    ("sesuai_ekspektasi", "di_bawah_ekspektasi"): "kurang",
    ("di_bawah_ekspektasi", "di_atas_ekspektasi"): "butuh_perbaikan",
    ("di_bawah_ekspektasi", "sesuai_ekspektasi"): "butuh_perbaikan",
    ("di_bawah_ekspektasi", "di_bawah_ekspektasi"): "sangat_kurang",
}


@pytest.mark.parametrize(("cell", "predikat"), MATRIX.items(), ids=[f"{h}-{p}" for h, p in MATRIX])
def test_predikat_matrix(policy, cell, predikat) -> None:
    hasil, perilaku = cell
    s = score(
        appraisal_from(record(hasil_kerja=[HASIL[hasil]], perilaku_kerja=PERILAKU[perilaku])),
        policy,
    )
    assert (s.hasil_rating, s.perilaku_rating, s.predikat) == (hasil, perilaku, predikat)
    assert s.nilai_kinerja == Fraction(7, 10) * s.hasil_nilai + Fraction(3, 10) * s.perilaku_nilai


def levels(level: int, teknis: int | None = None) -> dict:
    data = {
        k: level
        for k in [
            "integritas",
            "kerjasama",
            "komunikasi",
            "orientasi_pada_hasil",
            "pelayanan_publik",
            "pengembangan_diri_dan_orang_lain",
            "mengelola_perubahan",
            "pengambilan_keputusan",
            "perekat_bangsa",
        ]
    }
    if teknis is not None:
        data["perencanaan_program_pendidikan"] = teknis
    return data


# 17/20 = 85 %: cukup optimal
LOWER = {**levels(2, 2), "integritas": 1, "kerjasama": 1, "komunikasi": 1}

# (hasil, perilaku, kompetensi for a fungsional at disdikbud needing level 2 everywhere) → box
BOXES = [
    ("di_atas_ekspektasi", "di_atas_ekspektasi", levels(2, 2), 9),  # sangat baik, optimal
    ("sesuai_ekspektasi", "sesuai_ekspektasi", levels(2, 2), 8),  # baik, optimal
    ("di_atas_ekspektasi", "di_atas_ekspektasi", LOWER, 7),
    ("di_bawah_ekspektasi", "sesuai_ekspektasi", levels(3, 3), 6),
    ("sesuai_ekspektasi", "sesuai_ekspektasi", LOWER, 5),
    ("di_atas_ekspektasi", "di_atas_ekspektasi", levels(1, 1), 4),
    ("di_bawah_ekspektasi", "di_bawah_ekspektasi", LOWER, 3),
    ("sesuai_ekspektasi", "sesuai_ekspektasi", levels(1, 1), 2),
    ("di_bawah_ekspektasi", "di_bawah_ekspektasi", levels(1), 1),
]


@pytest.mark.parametrize(
    ("hasil", "perilaku", "kompetensi", "box"), BOXES, ids=[str(b[3]) for b in BOXES]
)
def test_talent_boxes(policy, hasil, perilaku, kompetensi, box) -> None:
    data = record(
        hasil_kerja=[HASIL[hasil]], perilaku_kerja=PERILAKU[perilaku], kompetensi=kompetensi
    )
    assert score(appraisal_from(data), policy).kotak_talenta == box


def test_no_kompetensi_means_no_jpm_and_no_box(policy) -> None:
    s = score(appraisal_from(record(kompetensi=None)), policy)
    assert (s.jpm, s.jpm_kategori, s.gap, s.kotak_talenta) == (None, None, {}, None)


def test_unassessed_teknis_is_left_out_not_zero(policy) -> None:
    s = score(appraisal_from(record(kompetensi=levels(2))), policy)
    assert "perencanaan_program_pendidikan" not in s.gap
    assert s.jpm == 100


def test_jpm_caps_at_the_standard_and_reports_gaps(policy) -> None:
    data = record(jenis_jabatan="administrator", kompetensi={**levels(4, 1)})
    s = score(appraisal_from(data), policy)
    # administrator: 9 × 3 + teknis 3 = 30 required; counted 9 × 3 + 1 = 28
    assert s.jpm == Fraction(28, 30) * 100
    assert s.gap["integritas"] == 1 and s.gap["perencanaan_program_pendidikan"] == -2
    assert s.jpm_kategori == "optimal"


@pytest.mark.parametrize(
    ("value", "kategori"),
    [
        (Fraction(90), "optimal"),
        (Fraction("89.995"), "optimal"),  # shown as 90,00
        (Fraction("89.994"), "cukup_optimal"),
        (Fraction(78), "cukup_optimal"),
        (Fraction("77.99"), "kurang_optimal"),
    ],
)
def test_jpm_boundaries(m, value, kategori) -> None:
    assert classify(value, m.kategori_jpm, m.desimal) == kategori


def test_jpm_boundary_from_a_record(policy) -> None:
    # fungsional at disdikbud: 10 competencies at level 2 = 20; 18/20 = 90 %
    data = record(kompetensi={**levels(2, 2), "integritas": 1, "kerjasama": 1})
    assert score(appraisal_from(data), policy).jpm_kategori == "optimal"
    data = record(kompetensi={**levels(2, 2), "integritas": 1, "kerjasama": 1, "komunikasi": 1})
    assert score(appraisal_from(data), policy).jpm_kategori == "cukup_optimal"  # 85 %


def test_rating_uses_the_shown_value(m) -> None:
    assert classify(Fraction("90.995"), m.rating_hasil, 2) == "di_atas_ekspektasi"
    assert classify(Fraction("90.994"), m.rating_hasil, 2) == "sesuai_ekspektasi"


@pytest.mark.parametrize(
    ("status", "training", "expected"),
    [
        ("pns", [{"kegiatan": "a", "jp": 20}], True),
        ("pns", [{"kegiatan": "a", "jp": 12}, {"kegiatan": "b", "jp": 7}], False),
        ("pns", [], False),
        ("pppk", [{"kegiatan": "a", "jp": 40}], None),
        ("pppk", [], None),
    ],
)
def test_training_rule(policy, status, training, expected) -> None:
    s = score(appraisal_from(record(status=status, pengembangan_kompetensi=training)), policy)
    assert s.memenuhi_jp is expected


def test_methodology_change_moves_the_result(policy_dir: Path, tmp_path: Path) -> None:
    rec = tmp_path / "r.yaml"
    rec.write_text(ANGKA_RECORD, encoding="utf-8")
    before = json.loads(run_kinerja("score", str(rec), "--data", str(policy_dir), "--json").stdout)
    path = policy_dir / "metodologi/2023.1.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "{rating: di_atas_ekspektasi, minimal: 91}", "{rating: di_atas_ekspektasi, minimal: 95}"
    )
    text = text.replace(
        "hasil_kerja: 0.7\n  perilaku_kerja: 0.3", "hasil_kerja: 0.6\n  perilaku_kerja: 0.4"
    )
    path.write_text(text, encoding="utf-8")
    after = json.loads(run_kinerja("score", str(rec), "--data", str(policy_dir), "--json").stdout)
    assert before["hasil_kerja"]["rating"] == "di_atas_ekspektasi"  # 93.42 ≥ 91
    assert after["hasil_kerja"]["rating"] == "sesuai_ekspektasi"  # 93.42 < 95
    assert before["nilai_kinerja"] != after["nilai_kinerja"]
    assert after["nilai_kinerja"] == pytest.approx(
        0.6 * after["hasil_kerja"]["nilai"] + 0.4 * after["perilaku_kerja"]["nilai"], abs=0.01
    )


def test_score_json_keys(tmp_path: Path) -> None:
    rec = tmp_path / "r.yaml"
    rec.write_text(ANGKA_RECORD, encoding="utf-8")
    result = run_kinerja("score", str(rec), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["id"] == "ASN-7F3A9C2B1D" and out["periode"] == 2023
    butir = out["hasil_kerja"]["butir"][0]
    assert butir["aspek"] == {"kuantitas": 100, "kualitas": 95, "waktu": 92.67, "biaya": 86}
    assert butir["nilai"] == 93.42 and out["hasil_kerja"]["nilai"] == 93.42
    assert out["hasil_kerja"]["rating"] == "di_atas_ekspektasi"
    assert out["hasil_kerja"]["rating_angka"] == "di_atas_ekspektasi"  # angka: equal to rating
    assert out["perilaku_kerja"] == {
        "nilai": 77.14,
        "rating": "sesuai_ekspektasi",
        "rating_angka": "sesuai_ekspektasi",
    }
    assert out["predikat"] == "baik"
    assert out["nilai_kinerja"] == 88.53  # from full precision, not 0.7 × 93.42 + 0.3 × 77.14
    assert out["kompetensi"]["jpm"] == 100 and out["kompetensi"]["kategori"] == "optimal"
    assert out["kompetensi"]["gap"]["integritas"] == 1
    assert out["pengembangan_kompetensi"] == {"jp": 24, "memenuhi": True}
    assert out["kotak_talenta"] == 8


def test_score_several_files_gives_an_array_in_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(VALID_RECORD, encoding="utf-8")
    b.write_text(VALID_RECORD.replace("ASN-7F3A9C2B1D", "ASN-000000000B"), encoding="utf-8")
    out = json.loads(run_kinerja("score", str(b), str(a), "--json").stdout)
    assert [o["id"] for o in out] == ["ASN-000000000B", "ASN-7F3A9C2B1D"]


def test_score_refuses_an_invalid_file(tmp_path: Path) -> None:
    rec = tmp_path / "r.yaml"
    rec.write_text(VALID_RECORD.replace("loyal: 5", "loyal: 7"), encoding="utf-8")
    result = run_kinerja("score", str(rec), "--json")
    assert result.returncode == 1
    assert "SKEMA-RENTANG" in result.stderr and "Traceback" not in result.stderr


def test_explain_walks_through_the_calculation(tmp_path: Path) -> None:
    rec = tmp_path / "r.yaml"
    rec.write_text(ANGKA_RECORD, encoding="utf-8")
    out = run_kinerja("score", str(rec), "--explain").stdout
    assert "((1,76 × 12 − 10) / 12) × 100 = 92,67" in out
    assert "nilai butir = (100,00 + 95,00 + 92,67 + 86,00) / 4 = 93,42" in out
    assert "93,42 ≥ 91 → Di atas ekspektasi" in out
    assert "→ Baik" in out and "JPM = 20 / 20 × 100 = 100,00 %" in out
    assert "kotak 8" in out
