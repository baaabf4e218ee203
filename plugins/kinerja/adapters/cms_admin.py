"""Writes /admin/: the Decap CMS page, its generated config.yml and the CMS
script copied from node_modules (no script from another host).

The adapter reads the schemas and policy files; `kinerja.site.cms` turns them
into the configuration.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import yaml

from kinerja.adapters.loader import resolve_schema_dir
from kinerja.core import settings as declared
from kinerja.site.cms import (
    Backend,
    Catalogue,
    admin_csp,
    build_config,
    key_orders,
    path_rules,
    whole_groups,
)

ROOT = Path(__file__).resolve().parents[3]
THEME_ADMIN = ROOT / "theme" / "admin"
CMS_DIST = ROOT / "node_modules" / "decap-cms" / "dist"
BUNDLE = "decap-cms.js"
LOCAL_ONLY = "repositori-data/belum-diisi"  # development: decap-server is the backend

log = logging.getLogger(__name__)


class BundleMissing(Exception):
    """The pinned CMS script is not installed (run `make node`)."""


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def catalogue(data_dir: Path) -> Catalogue:
    units = _yaml(data_dir / "unit-kerja.yaml").get("unit_kerja") or []
    indicators = [_yaml(p) for p in sorted((data_dir / "indikator").glob("*.yaml"))]
    records = data_dir / "pegawai"
    folders = records.iterdir() if records.is_dir() else ()
    periods = sorted(int(p.name) for p in folders if p.is_dir() and p.name.isdigit())
    return Catalogue(
        units=[(str(u["kode"]), str(u["nama"])) for u in units],
        indicators=[i for i in indicators if isinstance(i, dict)],
        periods=periods,
    )


def _schema(data_dir: Path, name: str = "pegawai") -> dict[str, Any]:
    path = resolve_schema_dir(data_dir) / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def config(data_dir: Path, backend: Backend) -> dict[str, Any]:
    record, indicator = _schema(data_dir), _schema(data_dir, "indikator")
    return build_config(record, indicator, catalogue(data_dir), backend)


def _dump(settings: dict[str, Any]) -> str:
    head = "# Dibuat oleh kinerja dari schemas/ dan data/; jangan disunting tangan.\n"
    return head + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=100)


def config_text(data_dir: Path, backend: Backend) -> str:
    return _dump(config(data_dir, backend))


def backend_from_settings(settings: dict[str, Any]) -> Backend:
    """KINERJA_CMS_REPO names the private records repository; it is never guessed
    from KINERJA_REPO_URL, which points at the public engine repository."""
    local = declared.value(settings, "KINERJA_CMS_LOCAL") or None
    return Backend(
        repo=declared.value(settings, "KINERJA_CMS_REPO") or (LOCAL_ONLY if local else ""),
        branch=declared.value(settings, "KINERJA_CMS_BRANCH"),
        base_url=declared.value(settings, "KINERJA_CMS_AUTH_URL") or None,
        auth_endpoint=declared.value(settings, "KINERJA_CMS_AUTH_ENDPOINT") or None,
        local_url=local,
        site_url=str(settings.get("SITEURL") or "").rstrip("/"),
    )


def write_admin(output: Path, data_dir: Path, backend: Backend, dist: Path = CMS_DIST) -> Path:
    """Writes output/admin/ and returns it; raises BundleMissing without the script."""
    if not (dist / BUNDLE).is_file():
        raise BundleMissing(str(dist / BUNDLE))
    admin = output / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    for path in sorted(dist.iterdir()):
        if path.name.endswith(BUNDLE) or path.suffix == ".wasm":
            shutil.copyfile(path, admin / path.name)
    for path in sorted(THEME_ADMIN.iterdir()):
        text = path.read_text(encoding="utf-8").replace("{{ CSP }}", admin_csp(backend))
        text = text.replace("{{ MASUK_TOKEN }}", "tidak" if backend.local_url else "ya")
        (admin / path.name).write_text(text, encoding="utf-8")
    settings = config(data_dir, backend)
    (admin / "config.yml").write_text(_dump(settings), encoding="utf-8")
    rules = {"jalur": path_rules(settings), "lengkap": whole_groups(_schema(data_dir), settings)}
    for name, value in (("urutan-kunci", key_orders(settings)), ("aturan", rules)):
        text = json.dumps(value, ensure_ascii=False, indent=1)
        (admin / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    return admin


def write_from_settings(output: Path, data_dir: Path, settings: dict[str, Any]) -> None:
    """The Pelican build's entry: /admin/ when KINERJA_ADMIN says so."""
    backend = backend_from_settings(settings)
    if not backend.repo:
        log.warning(
            "/admin/ tidak dibuat: KINERJA_CMS_REPO belum diisi. Isi dengan nama "
            "repositori data yang tertutup, mis. bkpsdm-kepahiang/kinerja-data."
        )
        return
    try:
        write_admin(output, data_dir, backend)
    except BundleMissing as missing:
        log.warning(
            "/admin/ tidak dibuat: %s tidak ada. Jalankan `make node` "
            "(memasang Decap CMS yang dikunci di package-lock.json).",
            missing,
        )
