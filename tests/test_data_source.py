"""data/sumber-data.yaml: real records are never published from a public
repository (issue 10, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_kinerja
from kinerja.core.data_source import publish_refusal, repository_private


@pytest.mark.parametrize(
    ("kind", "private", "refused"),
    [
        ("sintetis", True, False),
        ("sintetis", False, False),
        ("sintetis", None, False),
        ("nyata", True, False),
        ("nyata", False, True),
        ("nyata", None, True),
    ],
)
def test_real_records_are_refused_unless_the_repository_is_private(
    kind: str, private: bool | None, refused: bool
) -> None:
    refusal = publish_refusal(kind, private)
    assert (refusal is not None) == refused
    if refusal:
        assert "publik" in refusal.message or "privat" in refusal.message
        assert "jadikan repositori ini privat" in refusal.hint
        assert "output/" in refusal.hint


@pytest.mark.parametrize(
    ("given", "private"),
    [("true", True), ("True", True), ("false", False), ("", None), ("ya", None)],
)
def test_visibility_from_github(given: str, private: bool | None) -> None:
    assert repository_private(given) is private


def test_this_repository_ships_synthetic_records() -> None:
    text = (ROOT / "data/sumber-data.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["jenis"] == "sintetis"


def write_source(data: Path, kind: str) -> None:
    (data / "sumber-data.yaml").write_text(f"jenis: {kind}\nketerangan: uji\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("kind", "private", "status"),
    [("sintetis", "false", 0), ("nyata", "true", 0), ("nyata", "false", 1), ("nyata", "", 1)],
)
def test_publish_check_command(policy_dir: Path, kind: str, private: str, status: int) -> None:
    write_source(policy_dir, kind)
    done = run_kinerja(
        "publish-check",
        "--data",
        str(policy_dir),
        "--repositori-privat",
        private,
        "--format",
        "github",
    )
    assert done.returncode == status, done.stdout + done.stderr
    if status:
        error = done.stdout.splitlines()[0]
        assert error.startswith("::error file=") and "sumber-data.yaml,line=1,col=8::" in error
        assert "SUMBER-DATA-PUBLIK" in error and "Portal tidak diterbitkan" in error
    assert "Traceback" not in done.stderr


def test_publish_check_refuses_a_missing_or_invalid_file(policy_dir: Path) -> None:
    (policy_dir / "sumber-data.yaml").unlink()
    done = run_kinerja("publish-check", "--data", str(policy_dir), "--repositori-privat", "true")
    assert done.returncode == 1
    assert "sumber-data.yaml:1:1: BERKAS-TIDAK-ADA" in done.stdout
    write_source(policy_dir, "publik")
    done = run_kinerja("publish-check", "--data", str(policy_dir), "--repositori-privat", "true")
    assert done.returncode == 1
    assert "sumber-data.yaml:1:8: SKEMA-PILIHAN" in done.stdout and "sintetis, nyata" in done.stdout


def test_validate_locates_problems_in_the_data_source(policy_dir: Path) -> None:
    (policy_dir / "sumber-data.yaml").write_text("jenis: asli\nsumber: x\n", encoding="utf-8")
    done = run_kinerja("validate", "--data", str(policy_dir), "--tanpa-cache")
    assert done.returncode == 1
    assert "sumber-data.yaml:1:8: SKEMA-PILIHAN" in done.stdout
    assert "sumber-data.yaml:2:1: SKEMA-KUNCI-TIDAK-DIKENAL" in done.stdout
    (policy_dir / "sumber-data.yaml").unlink()
    done = run_kinerja("validate", "--data", str(policy_dir), "--tanpa-cache")
    assert done.returncode == 1
    assert "sumber-data.yaml:1:1: BERKAS-TIDAK-ADA" in done.stdout
    assert "Traceback" not in done.stderr
