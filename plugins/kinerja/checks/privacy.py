"""The privacy guard: personal identifiers must never enter the repository.

It reads the raw text, comments included, because a NIP typed into a comment
is as public in Git history as one typed into a value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kinerja.checks.identifiers import Finding, find, suspect_lines
from kinerja.checks.problems import Problem
from kinerja.checks.yamlsource import Document, Pointer

# Keys that hold personal data wherever they appear (the schemas name none of them).
PRIVATE_KEYS = frozenset(
    {
        "nama",
        "nama_lengkap",
        "nip",
        "nik",
        "email",
        "e_mail",
        "surel",
        "telepon",
        "telp",
        "hp",
        "no_hp",
        "nomor_hp",
        "alamat",
        "tanggal_lahir",
        "tempat_lahir",
    }
)
_WHY = "data pribadi tidak boleh masuk repositori (UU 27/2022 Pelindungan Data Pribadi); "
_HINT = (
    "hapus dari berkas ini (dan dari riwayat Git bila sudah di-commit); identitas pegawai "
    "hanya berupa ID pseudonim (ASN-…) yang dibuat 'kinerja import'"
)
_WHAT = {
    "NIP": "tampaknya NIP (18 digit)",
    "NIK": "tampaknya NIK (16 digit)",
    "E-MAIL": "tampaknya alamat e-mail",
    "TELEPON": "tampaknya nomor telepon",
    "TANGGAL-LAHIR": "tampaknya tanggal lahir",
    "ALAMAT": "tampaknya alamat rumah",
    "NAMA": "tampaknya nama orang (sapaan atau gelar diikuti nama)",
}
CODE_OF = {kind: f"PRIVASI-{kind}" for kind in _WHAT} | {"E-MAIL": "PRIVASI-EMAIL"}


def describe(finding: Finding) -> str:
    """What was found, masked: `NIP 1977…003 tampaknya NIP (18 digit)`."""
    return f"{finding.masked} {_WHAT[finding.kind]}"


def scan_text(path: str, text: str) -> Iterator[Problem]:
    if not suspect_lines(text):
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if "yaml-language-server" in line:
            continue
        for finding in find(line):
            yield Problem(
                path, number, finding.col, CODE_OF[finding.kind], describe(finding), _WHY + _HINT
            )


def _keys(data: Any, pointer: Pointer = ()) -> Iterator[Pointer]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*pointer, key)
            yield from _keys(value, (*pointer, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _keys(value, (*pointer, i))


def scan_keys(doc: Document) -> Iterator[Problem]:
    for pointer in _keys(doc.data):
        key = pointer[-1]
        if isinstance(key, str) and key.lower() in PRIVATE_KEYS:
            line, col = doc.key_position(pointer)
            yield Problem(
                doc.path,
                line,
                col,
                "PRIVASI-KUNCI",
                f"kunci '{key}' menyimpan data pribadi",
                _WHY + f"hapus '{key}:' beserta isinya; pegawai dikenali hanya dari 'id'",
            )


def has_private_key(data: Any) -> bool:
    """Quick test over every key (for files that passed the fast schema check)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and key.lower() in PRIVATE_KEYS:
                return True
            if isinstance(value, dict | list) and has_private_key(value):
                return True
        return False
    if isinstance(data, list):
        return any(isinstance(v, dict | list) and has_private_key(v) for v in data)
    return False


def scan_binary(path: str) -> Problem:
    """A binary file (a workbook, a scan) cannot be read for identifiers."""
    return Problem(
        path,
        1,
        1,
        "PRIVASI-BERKAS-BINER",
        "berkas biner di folder data tidak dapat diperiksa isinya dan bisa memuat data pribadi",
        _WHY + "simpan buku kerja, pindaian atau dokumen di luar repositori; folder data hanya "
        "berisi berkas YAML",
    )
