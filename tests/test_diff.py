"""`kinerja diff` on real commits in a temporary repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, ROOT, run_kinerja
from portal_build import copy_policy


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Uji", "-c", "user.email=uji@localhost", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def diff(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_kinerja("diff", *args, "--data", "data", cwd=repo)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A repository with the policy, the schemas and one period of the sample."""
    repo = tmp_path_factory.mktemp("pristine")
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    data = copy_policy(repo / "data")

    # disdikbud and the 20 units under 33 people (about 1,000 records): with a
    # few units only, complementary suppression hides most unit cells
    def big(folder: str, names: list[str]) -> list[str]:
        units = [n for n in names if n != "disdikbud" and (Path(folder) / n).is_dir()]
        return [n for n in units if len(list((Path(folder) / n).iterdir())) >= 33]

    shutil.copytree(DATA / "pegawai/2025", data / "pegawai/2025", ignore=big)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "awal")
    return repo


@pytest.fixture
def repo(pristine: Path, tmp_path: Path) -> Path:
    """A clone of the pristine repository for each test, so no test sees another's commits."""
    git(tmp_path, "clone", "-q", str(pristine), "repo")
    return tmp_path / "repo"


def test_a_scored_change_is_reported_by_unit(repo: Path) -> None:
    # 2025 is under a `rating` methodology: the given rating makes the predikat
    records = sorted((repo / "data/pegawai/2025/disdikbud").glob("*.yaml"))
    record = next(r for r in records if "  perilaku_kerja: sesuai_ekspektasi" in r.read_text())
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace(
            "  perilaku_kerja: sesuai_ekspektasi", "  perilaku_kerja: di_bawah_ekspektasi"
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "nilai berubah")
    done = diff(repo, "HEAD~1", "HEAD")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Ringkasan:" in out
    assert "Perangkat daerah" in out
    assert "| Dinas Pendidikan dan Kebudayaan | Predikat " in out
    assert "| disdikbud |" not in out, "readers see unit names, not codes"
    assert "predikat_" not in out, "readers see words, not measure codes"


def test_a_text_only_change_moves_nothing(repo: Path) -> None:
    """Also the working tree against a commit (no HEAD revision given)."""
    record = sorted((repo / "data/pegawai/2025/bkpsdm").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    text = text.replace("rencana: ", "rencana: Revisi uraian — ", 1)
    record.write_text(text, encoding="utf-8")
    ind = repo / "data/indikator/integritas.yaml"
    ind.write_text(
        ind.read_text(encoding="utf-8").replace("Konsisten", "Selalu konsisten"), encoding="utf-8"
    )
    git(repo, "commit", "-qam", "hanya teks")
    done = diff(repo, "HEAD~1")  # HEAD~1 against the working tree
    assert done.returncode == 0, done.stderr
    assert "(HEAD~1 → folder kerja)" in done.stdout
    assert "Tidak ada angka terbitan yang berubah." in done.stdout
    assert "bkpsdm" not in done.stdout and "|" not in done.stdout


def test_unknown_revision_is_misuse(repo: Path) -> None:
    done = diff(repo, "tidak-ada-revisi-ini")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_counts_are_whole_numbers_and_groups_have_reader_labels() -> None:
    from kinerja.adapters.impact import Change, group_label, markdown, reader_names

    changes = [
        Change((2025, "jenis_kelamin", "l", "jumlah_pegawai"), ("700.00", False), ("701", False)),
        Change((2025, "status", "pns", "rerata_nilai_kinerja"), ("80.5", False), ("81.25", False)),
    ]
    names = reader_names(DATA)  # the schemas' labels and the units' names
    out = markdown(changes, "a", "b", names)
    assert "| Laki-laki | Jumlah ASN | 700 | 701 |" in out
    assert "| PNS | Rerata nilai kinerja | 80,5 | 81,25 |" in out
    assert "700,00" not in out and "| l |" not in out
    assert group_label("semua", names) == "Semua ASN"
    assert group_label("dinkes", names) == "Dinas Kesehatan"
