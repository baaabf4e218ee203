"""Where the records live, and whether a build of them may be published.

A regency keeps its real records in a private repository; this engine's
repository ships synthetic ones and says so in data/sumber-data.yaml.
Publishing real records from a public repository would also publish every
record, with its Git history, to anyone: the publish workflow refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass

REAL = "nyata"


@dataclass(frozen=True)
class Refusal:
    message: str
    hint: str


def repository_private(value: str) -> bool | None:
    """GitHub's `github.event.repository.private` as given on the command line."""
    return {"true": True, "false": False}.get(value.strip().lower())


def publish_refusal(kind: str, private: bool | None) -> Refusal | None:
    """Why a build of `kind` records must not be published from this repository."""
    if kind != REAL or private is True:
        return None
    where = (
        "repositori ini publik"
        if private is False
        else "tidak dapat dipastikan bahwa repositori ini privat"
    )
    return Refusal(
        f"jenis: nyata berarti catatan pegawai sungguhan, tetapi {where}: siapa pun dapat membaca data/pegawai/ beserta riwayat Git-nya, dan ID "
        "pseudonim tidak menyamarkan pegawai dalam kelompok kecil. Portal tidak diterbitkan",
        "segera jadikan repositori ini privat (Settings → General → Danger Zone → Change "
        "visibility) lalu jalankan lagi, atau terbitkan dari repositori catatan yang privat "
        "yang hanya mendorong folder output/ ke repositori atau hosting publik (Panduan "
        "kontributor, bagian Menyiapkan repositori data); "
        "bila catatannya memang buatan, tulis jenis: sintetis",
    )
