"""`kinerja audit`: class sizes in the records (information) and what a build
would publish (decides the exit status)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import VALID_RECORD
from kinerja.adapters import audit
from kinerja.adapters.cli import main
from kinerja.core.publication import Cell, Group, PublishedPeriod
from kinerja.core.reidentification import class_risk, exposures


def person(unit: str, jabatan: str = "fungsional", status: str = "pns", jk: str = "p") -> dict:
    return {"unit_kerja": unit, "jenis_jabatan": jabatan, "status": status, "jenis_kelamin": jk}


def test_class_sizes_by_band() -> None:
    people = (
        [person("dinkes")] * 6  # one class of 6
        + [person("setwan")] * 3  # one class of 3
        + [person("setwan", jk="tidak_dicatat")] * 2  # missing sex is its own value
        + [person("bappeda", "jpt_pratama", jk="l")]  # the unit head: alone
    )
    risk = class_risk(2025, 5, people)
    assert risk.people == 12
    assert (risk.unique.people, risk.unique.classes) == (1, 1)
    assert (risk.small.people, risk.small.classes) == (5, 2)
    assert (risk.safe.people, risk.safe.classes) == (6, 1)
    assert risk.unique_by["jenis_jabatan"] == {"jpt_pratama": 1}


def published(cells: dict[str, Cell], k: int = 5) -> PublishedPeriod:
    group = Group("unit_kerja", "dinkes", cells)
    return PublishedPeriod(2025, "2023.1", k, {"unit_kerja": [group]}, {})


def test_a_small_count_left_visible_is_an_exposure() -> None:
    safe = published({"jumlah_pegawai": Cell(12), "predikat_kurang": Cell(None, hidden=True)})
    assert exposures(safe) == []
    leak = published({"jumlah_pegawai": Cell(12), "predikat_kurang": Cell(2)})
    assert [(e.ukuran, e.reason) for e in exposures(leak)] == [("predikat_kurang", "hitungan")]
    zero = published({"jumlah_pegawai": Cell(12), "predikat_kurang": Cell(0)})
    assert exposures(zero) == []
    mean = published({"jumlah_pegawai": Cell(3), "rerata_nilai_kinerja": Cell(80)})
    reasons = {(e.ukuran, e.reason) for e in exposures(mean)}
    assert reasons == {("jumlah_pegawai", "hitungan"), ("rerata_nilai_kinerja", "statistik")}


@pytest.fixture
def small_data(policy_dir: Path, write_record) -> Path:
    for i in range(7):
        rid = f"ASN-00000000{i:02d}"
        write_record(VALID_RECORD.replace("ASN-7F3A9C2B1D", rid), f"2025/disdikbud/{rid}.yaml")
    head = VALID_RECORD.replace("ASN-7F3A9C2B1D", "ASN-AAAAAAAA01").replace(
        "jenis_jabatan: fungsional", "jenis_jabatan: jpt_pratama"
    )
    write_record(head, "2025/disdikbud/ASN-AAAAAAAA01.yaml")
    return policy_dir


def test_audit_prints_the_class_counts(small_data: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(small_data.parent)
    assert main(["audit", "--data", "data"]) == 0
    out = capsys.readouterr().out
    assert "Periode 2025 (k = 5): 8 pegawai" in out
    assert "kelas berukuran 1            : 1 pegawai (1 kelas)" in out
    assert "kelas berukuran 5 atau lebih : 7 pegawai (1 kelas)" in out
    assert "jpt_pratama 1" in out
    assert "Hasil: tidak ada angka terbitan yang mengungkap pegawai." in out


def test_audit_json(small_data: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(small_data.parent)
    assert main(["audit", "--data", "data", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (period,) = report["periode"]
    assert period["kelas_ukuran_1"] == {"pegawai": 1, "kelas": 1}
    assert period["kelas_ukuran_k_atau_lebih"] == {"pegawai": 7, "kelas": 1}
    assert report["terungkap"] is False


def test_audit_fails_when_the_attacker_finds_something(
    small_data: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(small_data.parent)
    monkeypatch.setattr(
        audit, "attacker_checks", lambda built, policy: {2025: ["unit_kerja disdikbud: 1"]}
    )
    assert main(["audit", "--data", "data"]) == 1
    assert "penyerang dapat menyimpulkan unit_kerja disdikbud: 1" in capsys.readouterr().out


def test_audit_misuse_and_bad_data(policy_dir: Path, write_record, capsys, monkeypatch) -> None:
    monkeypatch.chdir(policy_dir.parent)
    assert main(["audit", "--data", "tidak-ada"]) == 2
    write_record(VALID_RECORD.replace("loyal: 5", "loyal: 9"))
    assert main(["audit", "--data", "data"]) == 1
    assert "tidak dapat diaudit" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["audit", "--format", "xml"])
    assert exit_.value.code == 2


def test_publish_workflow_audits_before_it_builds() -> None:
    import yaml

    from conftest import ROOT

    steps = yaml.safe_load((ROOT / ".github/workflows/terbit.yml").read_text(encoding="utf-8"))
    runs = [s.get("run", "") for s in steps["jobs"]["bangun"]["steps"]]
    audit_at = next(i for i, r in enumerate(runs) if "kinerja audit" in r)
    build_at = next(i for i, r in enumerate(runs) if "make publish" in r)
    assert audit_at < build_at
