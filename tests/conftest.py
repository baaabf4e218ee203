"""Shared fixtures: real data folders in temporary directories, and the
`kinerja` command and the Pelican build run in this process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

VALID_RECORD = """\
# yaml-language-server: $schema=../../../../schemas/pegawai.schema.json
id: ASN-7F3A9C2B1D
periode: 2025
unit_kerja: disdikbud
jenis_jabatan: fungsional
status: pns
jenis_kelamin: p
rating:
  hasil_kerja: sesuai_ekspektasi
  perilaku_kerja: di_atas_ekspektasi
hasil_kerja:
  - rencana: Tersusunnya rencana program pendidikan dasar
    target:    {kuantitas: 4, satuan: dokumen, kualitas: 100, waktu: 12, biaya: 50000000}
    realisasi: {kuantitas: 4, kualitas: 95, waktu: 10, biaya: 45000000}
perilaku_kerja:
  berorientasi_pelayanan: 4
  akuntabel: 4
  kompeten: 3
  harmonis: 4
  loyal: 5
  adaptif: 3
  kolaboratif: 4
kompetensi:
  integritas: 3
  kerjasama: 3
  komunikasi: 3
  orientasi_pada_hasil: 2
  pelayanan_publik: 3
  pengembangan_diri_dan_orang_lain: 2
  mengelola_perubahan: 2
  pengambilan_keputusan: 2
  perekat_bangsa: 3
  perencanaan_program_pendidikan: 2
pengembangan_kompetensi:
  - kegiatan: Pelatihan perencanaan berbasis kinerja
    jp: 24
"""


def run_kinerja(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`kinerja ARGS` run in this process through cli.main (fast), as the
    command would run: in `cwd`, output captured, the exit status returned."""
    from kinerja.adapters import cli
    from portal_build import in_process

    saved = dict(os.environ)
    try:
        os.environ.update(env or {})
        return in_process(lambda: cli.main(list(args)), cwd or ROOT)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_kinerja_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real `python -m kinerja` as a separate process (for the few tests
    that are about the process itself: entry point, exit status, no traceback)."""
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The portal built from the shipped sample by a real Pelican run."""
    from portal_build import pelican_build

    out = tmp_path_factory.mktemp("site") / "output"
    done = pelican_build(out)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture
def policy_dir(tmp_path: Path) -> Path:
    """A data folder with the shipped policy and no records."""
    from portal_build import copy_policy

    data = copy_policy(tmp_path / "data")
    (data / "pegawai").mkdir()
    return data


@pytest.fixture
def write_record(policy_dir: Path) -> Callable[..., Path]:
    def write(text: str | bytes, rel: str = "2025/disdikbud/ASN-7F3A9C2B1D.yaml") -> Path:
        path = policy_dir / "pegawai" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium (their file uses Playwright) carry the `browser`
    marker: `make test-cepat` leaves them out, `make test` runs them too."""
    drives: dict[Path, bool] = {}
    for item in items:
        if item.path not in drives:
            drives[item.path] = "playwright" in item.path.read_text(encoding="utf-8")
        if drives[item.path]:
            item.add_marker(pytest.mark.browser)
