"""Every setting of the portal and the engine, declared once: name, default,
where it is set, and what it does (in Indonesian, as README shows it).

The Pelican plugin reads its settings through `value`, so the default lives
here only; the command line lists the environment variables in its help;
tests/test_settings.py fails when README misses one, or when the source uses
a KINERJA_* name not declared here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PELICAN = "pelicanconf.py"
ENVIRONMENT = "variabel lingkungan"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    where: str  # PELICAN or ENVIRONMENT
    description: str


SETTINGS = (
    Setting(
        "KINERJA_DATA",
        "data",
        PELICAN,
        "folder data (kebijakan dan catatan pegawai), relatif terhadap folder induk content/",
    ),
    Setting(
        "KINERJA_CACHE",
        ".kinerja-cache",
        PELICAN,
        "folder cache hasil pemeriksaan, relatif terhadap folder induk data/; kosong berarti "
        "tanpa cache",
    ),
    Setting(
        "KINERJA_REPO_URL",
        "",
        PELICAN,
        "alamat repositori GitHub portal, ditautkan di kaki setiap halaman",
    ),
    Setting(
        "KINERJA_USULAN_URL",
        "",
        PELICAN,
        'ke mana tautan "Usulkan perubahan" di halaman indikator mengarah',
    ),
    Setting(
        "KINERJA_ADMIN",
        False,
        PELICAN,
        "buat halaman /admin/ (Decap CMS); di publishconf.py diisi dari variabel lingkungan "
        "KINERJA_ADMIN=1",
    ),
    Setting(
        "KINERJA_CMS_LOCAL",
        "",
        PELICAN,
        "alamat decap-server untuk menyunting di komputer sendiri (make admin)",
    ),
    Setting(
        "KINERJA_CMS_REPO",
        "",
        PELICAN,
        "repositori data (tertutup) yang disunting /admin/, mis. bkpsdm/data-kinerja",
    ),
    Setting("KINERJA_CMS_BRANCH", "main", PELICAN, "cabang repositori data yang disunting"),
    Setting(
        "KINERJA_CMS_AUTH_URL",
        "",
        PELICAN,
        "alamat layanan masuk (OAuth) untuk /admin/; kosong berarti masuk dengan token",
    ),
    Setting(
        "KINERJA_CMS_AUTH_ENDPOINT",
        "",
        PELICAN,
        "jalur otorisasi pada layanan masuk /admin/ (bawaan Decap: auth)",
    ),
    Setting(
        "KINERJA_SITEURL",
        "https://bkpsdm-kepahiang.github.io/portal-kinerja",
        ENVIRONMENT,
        "alamat situs terbit untuk make publish (publishconf.py)",
    ),
    Setting(
        "KINERJA_KUNCI_PSEUDONIM",
        "",
        ENVIRONMENT,
        "kunci rahasia BKPSDM untuk membuat ID pseudonim saat kinerja import (wajib, 32 "
        "karakter atau lebih)",
    ),
    Setting(
        "KINERJA_KUNCI_CACHE",
        "",
        ENVIRONMENT,
        "kunci HMAC berkas cache (CI); kosong berarti kunci acak di folder cache pengguna",
    ),
    Setting(
        "KINERJA_UJI_SKALA",
        20,
        ENVIRONMENT,
        "persen jumlah contoh uji properti (hypothesis) yang dijalankan; 100 menjalankan semuanya",
    ),
    Setting(
        "KINERJA_TANGKAPAN",
        "",
        ENVIRONMENT,
        "isi 1 agar uji peramban menyimpan tangkapan layar untuk Panduan kontributor",
    ),
)

BY_NAME = {s.name: s for s in SETTINGS}


def value(settings: Mapping[str, Any], name: str) -> Any:
    """A Pelican setting, or its declared default when pelicanconf.py leaves it out."""
    return settings.get(name, BY_NAME[name].default)


def environment_help() -> str:
    """The environment variables, for the command line's help."""
    rows = [s for s in SETTINGS if s.where == ENVIRONMENT]
    width = max(len(s.name) for s in rows)
    return "variabel lingkungan:\n" + "\n".join(
        f"  {s.name:<{width}}  {s.description}" for s in rows
    )


def markdown_table() -> str:
    """README's table of every setting (tests/test_settings.py keeps them equal)."""
    rows = ["| Pengaturan | Tempat | Bawaan | Kegunaan |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = "(kosong)" if s.default in ("", None) else f"`{s.default!r}`"
        rows.append(f"| `{s.name}` | {s.where} | {default} | {s.description} |")
    return "\n".join(rows)
