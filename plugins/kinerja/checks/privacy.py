"""The privacy guard: personal identifiers must never enter the repository.

It reads the raw text, comments included, because a NIP typed into a comment
is as public in Git history as one typed into a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import PRIVATE_KEYS
from kinerja.checks.yamlsource import Document, Pointer

_WHY = "data pribadi tidak boleh masuk repositori publik (UU 27/2022 Pelindungan Data Pribadi); "

_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "PRIVASI-NIP",
        re.compile(r"(?<![\d.,])(?:\d{18}|\d{8}[ .-]\d{6}[ .-]\d[ .-]\d{3})(?![\d.,])"),
        "tampaknya NIP (18 digit)",
    ),
    ("PRIVASI-NIK", re.compile(r"(?<![\d.,])\d{16}(?![\d.,])"), "tampaknya NIK (16 digit)"),
    (
        "PRIVASI-EMAIL",
        re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
        "tampaknya alamat e-mail",
    ),
    (
        "PRIVASI-TELEPON",
        re.compile(r"(?<![\w.,-])(?:\+62|62|0)[ -]?8\d{1,3}(?:[ -]?\d{3,4}){2,3}(?![\w.,])"),
        "tampaknya nomor telepon",  # not inside a pseudonym such as ASN-0812345678
    ),
)


# cheap necessary conditions for any pattern to match: most files meet none
_MAYBE_DIGITS = re.compile(r"\d{16}|\d{8}[ .-]\d{6}|(?<!\d)(?:\+62|62|0)[ -]?8\d")


def scan_text(path: str, text: str) -> Iterator[Problem]:
    if "@" not in text and not _MAYBE_DIGITS.search(text):
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if "yaml-language-server" in line:
            continue
        for code, pattern, what in _PATTERNS:
            for match in pattern.finditer(line):
                yield Problem(
                    path,
                    number,
                    match.start() + 1,
                    code,
                    f"'{match.group(0)}' {what}",
                    _WHY + "hapus dari berkas ini; identitas pegawai hanya berupa ID pseudonim "
                    "(ASN-…) yang dibuat 'kinerja import'",
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
        return any(
            (isinstance(k, str) and k.lower() in PRIVATE_KEYS) or has_private_key(v)
            for k, v in data.items()
        )
    if isinstance(data, list):
        return any(has_private_key(v) for v in data)
    return False
