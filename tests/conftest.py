"""Shared fixtures: real data folders in temporary directories, and the
`kinerja` command and the Pelican build run in this process."""

from __future__ import annotations

import json
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


def examples(full: int) -> int:
    """Hypothesis examples for a property whose full count is `full`: scaled
    by KINERJA_UJI_SKALA percent (20 by default, so the quick suite stays
    quick; 100 runs them all), never fewer than 25."""
    from kinerja.core.settings import BY_NAME

    scale = int(os.environ.get("KINERJA_UJI_SKALA", BY_NAME["KINERJA_UJI_SKALA"].default))
    return max(25, full * scale // 100)


def stride(files: list) -> list:
    """A stride of `files` scaled like `examples` (every file with
    KINERJA_UJI_SKALA=100), for checks that are exact but slow per file."""
    return files[:: max(1, len(files) // examples(len(files)))]


def _compile_each_schema_once() -> None:
    """Every in-process `kinerja` run and build loads the policy afresh and
    compiles its JSON schemas with fastjsonschema (about 0.1 s a run, most
    of a one-record `validate`). The compiled check is a pure function of
    the schema, so the suite compiles each distinct schema once per process;
    nothing else about a run is shared."""
    import fastjsonschema

    compile_schema = fastjsonschema.compile
    if getattr(compile_schema, "memo", None) is not None:
        return
    memo: dict[str, Callable[..., object]] = {}

    def compile_once(definition, *args, **kwargs):
        key = json.dumps([definition, args, kwargs], sort_keys=True, default=repr)
        if key not in memo:
            memo[key] = compile_schema(definition, *args, **kwargs)
        return memo[key]

    compile_once.memo = memo  # type: ignore[attr-defined]
    fastjsonschema.compile = compile_once


_compile_each_schema_once()


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
def sample_cache(tmp_path_factory) -> Path:
    """The result cache of the shipped sample, empty when the session starts:
    the first build of the sample fills it, later ones read it."""
    return tmp_path_factory.mktemp("sample-cache")


@pytest.fixture(scope="session")
def site(tmp_path_factory, sample_cache: Path) -> Path:
    """The portal built from the shipped sample by a real Pelican run, cold:
    it is the first build to use the sample cache."""
    from portal_build import pelican_build

    assert not any(sample_cache.iterdir()), "the site must be built cold"
    out = tmp_path_factory.mktemp("site") / "output"
    done = pelican_build(out, cache=sample_cache)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def sample_build(site: Path, sample_cache: Path):
    """`pipeline.build` of the shipped sample with everything published (after
    the cold site build, so from its cache)."""
    from kinerja.adapters.pipeline import build

    result = build(DATA, cache_dir=sample_cache)
    assert not result.problems, result.problems[:3]
    return result


@pytest.fixture(scope="session")
def sample_appraisals():
    """Every shipped record, read, checked and typed (no cache): path -> Appraisal."""
    from kinerja.adapters import loader
    from kinerja.adapters.pipeline import build

    result = build(DATA, records=loader.record_paths(DATA))
    assert not result.problems, result.problems[:3]
    return result.appraisals


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


# Tests that share a session fixture of the whole sample run on one worker
# (pytest -n auto --dist loadgroup), so the sample is built once per run:
# the portal and its build, and the typed records.
SAMPLE_GROUPS = {
    "test_portal.py": "sampel",
    "test_links.py": "sampel",
    "test_glossary.py": "sampel",
    "test_cms.py": "sampel",
    "test_disclosure.py": "sampel",
    "test_properties.py": "sampel-dinilai",
    "test_rating.py": "sampel-dinilai",
}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """`-m "not browser"` (make test-cepat, the first half of make test): a file
    whose every test is marked `browser` (it uses Playwright, see below) is not
    even imported, which each xdist worker would otherwise do (±0.7 s)."""
    if config.getoption("markexpr", "") != "not browser" or collection_path.suffix != ".py":
        return None
    if not collection_path.name.startswith("test_"):
        return None
    return "playwright" in collection_path.read_text(encoding="utf-8") or None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium (their file uses Playwright) carry the `browser`
    marker: `make test-cepat` leaves them out, `make test` runs them too.
    xdist groups: the sample groups above; a file with module-scoped fixtures
    is its own group (they are built once); other tests go wherever a worker
    is free."""
    texts: dict[Path, str] = {}
    for item in items:
        if item.path not in texts:
            texts[item.path] = item.path.read_text(encoding="utf-8")
        text = texts[item.path]
        if "playwright" in text:
            item.add_marker(pytest.mark.browser)
        group = SAMPLE_GROUPS.get(item.path.name)
        if group is None and 'scope="module"' in text:
            group = item.path.stem
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
