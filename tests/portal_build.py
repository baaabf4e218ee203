"""Helpers for tests that build the real portal with Pelican."""

from __future__ import annotations

import json
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
):
    cmd = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-o",
        str(out),
        "-s",
        settings,
        "-q",
    ]
    extra = []  # one -e with every setting: a second -e would replace the first
    if data is not None:
        extra.append(f"KINERJA_DATA={json.dumps(str(data))}")
    if cache is not None:
        extra.append(f"KINERJA_CACHE={json.dumps(str(cache))}")
    for key, value in (more or {}).items():
        extra.append(f"{key}={json.dumps(value)}")
    if extra:
        cmd += ["-e", *extra]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)


def copy_policy(data: Path) -> Path:
    """A data folder holding the shipped policy files and no records."""
    data.mkdir(parents=True, exist_ok=True)
    for name in ("unit-kerja.yaml", "standar-kompetensi.yaml", "sumber-data.yaml", "istilah.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    for folder in ("indikator", "metodologi"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    return data
