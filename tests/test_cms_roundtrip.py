"""Decap CMS's own YAML writer (Node) saves every shipped record unchanged.

Apart from tests/test_cms.py, whose tests share the sample portal (one xdist
group): this one needs no portal and takes seconds, so it runs wherever a
worker is free."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from test_cms import BACKEND, FAST, RECORDS, ROOT, collection

from kinerja.adapters import cms_admin
from kinerja.site.cms import key_orders


def test_a_save_without_edits_keeps_every_record_valid_and_equal(tmp_path: Path) -> None:
    """Every shipped 2025 record and indicator, written as Decap writes an entry: the
    same data (YAML-equal), the header comment kept, and `kinerja validate` passes."""
    if not (ROOT / "node_modules" / "yaml").exists() or not shutil.which("node"):
        pytest.skip("Decap CMS belum terpasang: jalankan `make node`")
    from conftest import run_kinerja
    from portal_build import copy_policy

    settings = cms_admin.config(ROOT / "data", BACKEND)
    orders = tmp_path / "urutan-kunci.json"
    orders.write_text(json.dumps(key_orders(settings)), encoding="utf-8")
    data = copy_policy(tmp_path / "data")
    shutil.rmtree(data / "indikator")
    for name, folder in ((RECORDS, "pegawai/2025"), ("indikator", "indikator")):
        comment = collection(settings, name)["fields"][0]["comment"]
        done = subprocess.run(
            ["node", str(ROOT / "tests" / "cms_roundtrip.js"), str(orders), name, comment,
             str(ROOT / "data" / folder), str(data / folder)],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
    originals = sorted((ROOT / "data").glob("pegawai/2025/**/*.yaml"))
    originals += sorted((ROOT / "data").glob("indikator/*.yaml"))
    assert len(originals) > 1000
    for original in originals:
        saved = data / original.relative_to(ROOT / "data")
        text = saved.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema="), saved
        before = original.read_text(encoding="utf-8")
        assert yaml.load(text, FAST) == yaml.load(before, FAST), saved
    checked = run_kinerja("validate", "--data", str(data))
    assert checked.returncode == 0, checked.stdout[-3000:]
