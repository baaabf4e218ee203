"""`kinerja validate`: the shipped data, the bad-file corpus and the formats."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
import yaml

from conftest import VALID_RECORD, run_kinerja
from kinerja.checks import yamlsource

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))


def test_shipped_data_is_valid() -> None:
    result = run_kinerja("validate")
    assert result.returncode == 0, result.stdout[-2000:]
    assert result.stdout.strip().splitlines()[-1].startswith("Tidak ada masalah")


def test_corpus_covers_forty_kinds_of_mistake() -> None:
    assert len({case["kode"] + case["berkas"] for case in MANIFEST}) >= 40
    assert all((CORPUS / case["berkas"]).exists() for case in MANIFEST)


@pytest.mark.parametrize("case", MANIFEST, ids=[c["berkas"] for c in MANIFEST])
def test_bad_file_is_reported(case: dict, write_record, policy_dir: Path) -> None:
    write_record((CORPUS / case["berkas"]).read_bytes(), case["jalur"])
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    expected_path = f"data/pegawai/{case['jalur']}"
    hits = [
        line
        for line in result.stdout.splitlines()
        if line.startswith(f"{expected_path}:{case['baris']}:") and f": {case['kode']} " in line
    ]
    assert hits, result.stdout
    # every line is PATH:LINE:COL: KODE pesan — saran
    for line in result.stdout.splitlines()[:-1]:
        path, line_no, col, rest = line.split(":", 3)
        assert line_no.isdigit() and col.isdigit() and " — " in rest


def test_billion_laughs_is_rejected_at_once() -> None:
    raw = (CORPUS / "billion-laughs.yaml").read_bytes()
    tracemalloc.start()
    doc = yamlsource.read("bom.yaml", raw)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10 * 1024 * 1024, peak  # refused before any expansion
    assert doc.data is None
    assert [p.code for p in doc.problems] == ["YAML-ANCHOR"]


def test_every_problem_of_every_file_in_one_run(write_record, policy_dir: Path) -> None:
    write_record(VALID_RECORD.replace("loyal: 5", "loyal: 9"))
    write_record(
        VALID_RECORD.replace("ASN-7F3A9C2B1D", "ASN-0000000001").replace(
            "status: pns", "status: x"
        ),
        "2025/disdikbud/ASN-0000000001.yaml",
    )
    write_record("", "2024/dinkes/ASN-0000000002.yaml")
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert len(lines) == 4
    assert lines[0].startswith("data/pegawai/2024/dinkes/ASN-0000000002.yaml:1:1: YAML-KOSONG")
    assert lines[1].startswith("data/pegawai/2025/disdikbud/ASN-0000000001.yaml:6:9: SKEMA-PILIHAN")
    assert lines[2].startswith("data/pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml:20:10:")
    assert lines[3].startswith("3 masalah di 3 berkas")


def test_duplicate_id_in_one_period(write_record, policy_dir: Path) -> None:
    write_record(VALID_RECORD)
    write_record(
        VALID_RECORD.replace("unit_kerja: disdikbud", "unit_kerja: dinkes"),
        "2025/dinkes/ASN-7F3A9C2B1D.yaml",
    )
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert result.returncode == 1
    assert "data/pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml:2:5: ID-GANDA" in result.stdout


def test_same_id_in_two_periods_is_fine(write_record, policy_dir: Path) -> None:
    write_record(VALID_RECORD)
    write_record(
        VALID_RECORD.replace("periode: 2025", "periode: 2024"), "2024/disdikbud/ASN-7F3A9C2B1D.yaml"
    )
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert result.returncode == 0, result.stdout


def test_github_format(write_record, policy_dir: Path) -> None:
    write_record(VALID_RECORD.replace("loyal: 5", "loyal: 9"))
    result = run_kinerja("validate", "--data", "data", "--format", "github", cwd=policy_dir.parent)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=data/pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml,line=20,col=10::SKEMA-RENTANG"
    )


def test_json_format(write_record, policy_dir: Path) -> None:
    write_record(VALID_RECORD.replace("loyal: 5", "loyal: 9"))
    result = run_kinerja("validate", "--data", "data", "--format", "json", cwd=policy_dir.parent)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["jumlah_masalah"] == 1
    problem = payload["masalah"][0]
    assert (problem["line"], problem["col"], problem["code"]) == (20, 10, "SKEMA-RENTANG")


@pytest.mark.parametrize(
    "args",
    [("validate", "--format", "xml"), ("validate", "--data", "/tidak/ada"), ("bogus",), ()],
)
def test_misuse_exits_2(args: tuple[str, ...]) -> None:
    result = run_kinerja(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "code"),
    [
        ("metodologi/2023.1.yaml", 'versi: "2023.1"', 'versi: "2024.1"', "METODOLOGI-VERSI"),
        ("metodologi/2023.1.yaml", "hasil_kerja: 0.7", "hasil_kerja: 0.8", "METODOLOGI-BOBOT"),
        (
            "metodologi/2023.1.yaml",
            "{rating: di_bawah_ekspektasi, minimal: 0}",
            "{rating: di_bawah_ekspektasi, minimal: 10}",
            "METODOLOGI-AMBANG",
        ),
        ("metodologi/2024.1.yaml", "sampai: null", "sampai: 2020", "METODOLOGI-PERIODE"),
        ("indikator/loyal.yaml", "kode: loyal", "kode: adaptif", "INDIKATOR-KODE-BERKAS"),
        ("standar-kompetensi.yaml", "  - integritas", "  - integritas_x", "RUJUKAN-KOMPETENSI"),
        ("unit-kerja.yaml", "kode: setwan", "kode: setda", "UNIT-KERJA-GANDA"),
        ("indikator/penyuluhan_pertanian.yaml", "- distan", "- dinas_x", "RUJUKAN-UNIT-KERJA"),
        (
            "unit-kerja.yaml",
            '"2023": baik, "2024": baik',
            '"2023": hebat, "2024": baik',
            "SKEMA-PILIHAN",
        ),
    ],
)
def test_policy_file_mistakes(policy_dir: Path, file: str, old: str, new: str, code: str) -> None:
    path = policy_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert result.returncode == 1
    assert f": {code} " in result.stdout


def test_overlapping_methodology_versions(policy_dir: Path) -> None:
    text = (policy_dir / "metodologi/2023.1.yaml").read_text(encoding="utf-8")
    second = text.replace('versi: "2023.1"', 'versi: "2025.1"').replace("dari: 2023", "dari: 2025")
    (policy_dir / "metodologi/2025.1.yaml").write_text(second, encoding="utf-8")
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert result.returncode == 1
    assert "data/metodologi/2025.1.yaml" in result.stdout
    assert "METODOLOGI-TUMPANG-TINDIH" in result.stdout


def test_privacy_guard_reads_policy_text_too(policy_dir: Path) -> None:
    path = policy_dir / "unit-kerja.yaml"
    path.write_text(path.read_text() + "# kontak: admin@example.org\n", encoding="utf-8")
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert result.returncode == 1
    assert "data/unit-kerja.yaml" in result.stdout and "PRIVASI-EMAIL" in result.stdout


@pytest.mark.parametrize("rid", ["ASN-0812345678", "ASN-0839437690", "ASN-6281234567"])
def test_all_digit_pseudonyms_are_not_phone_numbers(
    rid: str, write_record, policy_dir: Path
) -> None:
    write_record(VALID_RECORD.replace("ASN-7F3A9C2B1D", rid), f"2025/disdikbud/{rid}.yaml")
    result = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert result.returncode == 0, result.stdout


def test_synth_removes_records_of_a_renamed_unit(policy_dir: Path, write_record) -> None:
    stale = write_record(
        VALID_RECORD.replace("disdikbud", "unit_lama"), "2025/unit_lama/ASN-7F3A9C2B1D.yaml"
    )
    other_period = write_record(
        VALID_RECORD.replace("2025", "2022"), "2022/disdikbud/ASN-7F3A9C2B1D.yaml"
    )
    args = (
        "synth",
        "--pegawai",
        "40",
        "--periode",
        "2025",
        "--seed",
        "1",
        "--data",
        "data",
        "--out",
        "data",
    )
    result = run_kinerja(*args, cwd=policy_dir.parent)
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and not stale.parent.exists()
    assert other_period.exists(), "only the generated periods are replaced"


def test_synth_refuses_a_folder_that_declares_real_records(policy_dir: Path) -> None:
    (policy_dir / "sumber-data.yaml").write_text("jenis: nyata\n", encoding="utf-8")
    args = ("synth", "--pegawai", "5", "--periode", "2025", "--data", "data", "--out", "data")
    result = run_kinerja(*args, cwd=policy_dir.parent)
    assert result.returncode == 2 and "jenis: nyata" in result.stderr
    assert not any((policy_dir / "pegawai").rglob("*.yaml"))


def test_glossary_matches_its_schema_and_codes_are_unique() -> None:
    import jsonschema

    root = Path(__file__).parent.parent
    schema = json.loads((root / "schemas/istilah.schema.json").read_text(encoding="utf-8"))
    terms = yaml.safe_load((root / "data/istilah.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(terms)
    codes = [t["kode"] for t in terms["istilah"]]
    assert len(codes) == len(set(codes))
    for needed in ("jpm", "kurva_distribusi", "predikat", "predikat_organisasi", "rating"):
        assert needed in codes
