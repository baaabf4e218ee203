"""Helpers for tests that build the real portal with Pelican."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pelican_build(
    out: Path,
    data: Path | None = None,
    settings: str = "pelicanconf.py",
    cache: Path | None = None,
    more: dict[str, object] | None = None,
    content: Path = ROOT / "content",
) -> subprocess.CompletedProcess[str]:
    """Build the portal with a Pelican instance in this process (as `pelican
    CONTENT -o OUT -s SETTINGS -q` would), stdout and stderr captured."""
    from pelican import Pelican
    from pelican.settings import read_settings

    override: dict[str, object] = {"OUTPUT_PATH": str(out), "PATH": str(content)}
    if data is not None:
        override["KINERJA_DATA"] = str(data)
    if cache is not None:
        override["KINERJA_CACHE"] = str(cache)
    override.update(more or {})
    _forget_failed_sitemap()
    return in_process(lambda: Pelican(read_settings(str(ROOT / settings), override)).run())


def _forget_failed_sitemap() -> None:
    """The sitemap plugin keeps its first Pelican instance until that one
    finishes; a build stopped by bad data never does, so the next build in
    the same process would write no sitemap. Start each build afresh."""
    from pelican.plugins.sitemap import sitemap

    sitemap.generator._main_pelican = None
    sitemap.generator.page_queue = []


def in_process(run, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `run()` as a command would run: in `cwd`, output captured, exit
    status from its return value or SystemExit, a traceback as status 1."""
    import contextlib
    import io
    import traceback

    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = run() or 0
            except SystemExit as exc:
                code = exc.code
                status = code if isinstance(code, int) else (0 if code is None else 1)
                if isinstance(code, str):
                    print(code, file=sys.stderr)
            except Exception:
                traceback.print_exc()
                status = 1
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["in-process"], status, out.getvalue(), err.getvalue())


def copy_records(data: Path, units: dict[str, tuple[str, ...]]) -> Path:
    """`data` with the shipped records of these units of each period, where they exist."""
    for periode, names in units.items():
        for unit in names:
            source = ROOT / "data" / "pegawai" / periode / unit
            if source.is_dir():
                shutil.copytree(source, data / "pegawai" / periode / unit)
    return data


def copy_units(data: Path, units: tuple[str, ...]) -> Path:
    """`data` with the shipped records of these units, in every period that has them."""
    periods = sorted(p.name for p in (ROOT / "data" / "pegawai").iterdir())
    return copy_records(data, dict.fromkeys(periods, units))


def copy_policy(data: Path) -> Path:
    """A data folder holding the shipped policy files and no records."""
    data.mkdir(parents=True, exist_ok=True)
    for name in ("unit-kerja.yaml", "standar-kompetensi.yaml", "sumber-data.yaml", "istilah.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    for folder in ("indikator", "metodologi"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    return data
