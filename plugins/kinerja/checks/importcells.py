"""One spreadsheet cell at a time: numbers as HR types them, choices, and
personal data where only a description of work belongs.

Messages name the sheet, row and column, never the value of a NIP or a
name, so nothing personal reaches a log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kinerja.checks.identifiers import find, mentions
from kinerja.checks.privacy import CODE_OF, describe
from kinerja.checks.problems import Problem

PRIVATE_COLUMNS = ("nip", "nama")  # read, never written and never scanned as free text


class SourceError(Exception):
    """The source cannot be read at all (exit status 2)."""


@dataclass(frozen=True)
class Row:
    sheet: str
    number: int  # as the spreadsheet shows it (header is row 1)
    values: dict[str, Any]
    columns: tuple[str, ...]
    typed: bool = False  # a workbook cell: text and number are different things


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def number(value: Any) -> float | int | None:
    """A number as HR types it: 4, 4,5, 50.000.000 or 50000000."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        parsed = float(text)
    except ValueError:
        return None
    return int(parsed) if parsed.is_integer() else parsed


class Checker:
    """Makes problems that point at a cell: SOURCE#sheet:row:column."""

    def __init__(self, source: str, scale: tuple[int, int], years: tuple[int, int]) -> None:
        self.source = source
        self.scale = scale  # the schema's bounds for behaviour and competency levels
        self.years = years  # the schema's bounds for periode

    def problem(self, row: Row, column: str, code: str, message: str, hint: str) -> Problem:
        col = row.columns.index(column) + 1 if column in row.columns else 1
        where = f"{self.source}#{row.sheet}"
        return Problem(where, row.number, col, code, f"kolom {column}: {message}", hint)


def nip(row: Row, check: Checker, problems: list[Problem]) -> str | None:
    value = row.values.get("nip")
    if isinstance(value, int | float) and not isinstance(value, bool):
        problems.append(
            check.problem(
                row,
                "nip",
                "IMPOR-NIP-ANGKA",
                "NIP tersimpan sebagai angka sehingga digit terakhirnya bisa berubah",
                "format kolom nip sebagai Teks (atau awali dengan tanda petik ') lalu ketik ulang",
            )
        )
        return None
    text = re.sub(r"[\s.\-/]|[\u200b-\u200f\u2060\ufeff]", "", str(value or ""))
    if not re.fullmatch(r"\d{18}", text):
        problems.append(
            check.problem(
                row, "nip", "IMPOR-NIP", "NIP harus 18 digit", "periksa kembali NIP di baris ini"
            )
        )
        return None
    return text


def as_text(row: Row, column: str, check: Checker, problems: list[Problem]) -> bool:
    """True (and a problem) when a workbook cell holds a number stored as text.

    CSV cells are all text, so only workbook cells are held to this."""
    raw = row.values.get(column)
    if not row.typed or not isinstance(raw, str) or not raw.strip():
        return False
    hint = (
        f"ketik ulang {raw.strip()} sebagai angka: hapus tanda petik (') di depannya "
        "atau ubah format sel menjadi Angka"
        if number(raw) is not None
        else "isi dengan angka (lihat pesan isian di judul kolom)"
    )
    problems.append(
        check.problem(row, column, "IMPOR-ANGKA-TEKS", "berisi teks, padahal harus angka", hint)
    )
    return True


def periode(row: Row, check: Checker, problems: list[Problem]) -> int | None:
    if as_text(row, "periode", check, problems):
        return None
    value = number(row.values.get("periode"))
    low, high = check.years
    if not isinstance(value, int) or not low <= value <= high:
        problems.append(
            check.problem(
                row,
                "periode",
                "IMPOR-PERIODE",
                "periode harus tahun, mis. 2025",
                "isi tahun penilaian",
            )
        )
        return None
    return value


def level(row: Row, column: str, check: Checker, problems: list[Problem]) -> int | None:
    if as_text(row, column, check, problems):
        return None
    value = number(row.values.get(column))
    low, high = check.scale
    if not isinstance(value, int) or not low <= value <= high:
        problems.append(
            check.problem(
                row,
                column,
                "IMPOR-SKALA",
                f"harus bilangan bulat {low} sampai {high}",
                f"isi bilangan bulat dari {low} sampai {high}",
            )
        )
        return None
    return value


LIST_SEPARATOR = "—"  # the template's unit list reads "kode — nama"


def choice(
    row: Row, column: str, options: tuple[str, ...], check: Checker, problems: list[Problem]
) -> str | None:
    """A coded cell: exactly as listed (a unit may be "kode — nama" from the drop-down)."""
    value = str(row.values.get(column) or "").strip()
    if LIST_SEPARATOR in value:
        value = value.split(LIST_SEPARATOR, 1)[0].strip()
    if value in options:
        return value
    if value and value.lower() in options:
        message = f"'{value}' harus ditulis persis seperti di daftar, dengan huruf kecil"
        hint = f"ketik {value.lower()} (atau pilih dari daftar di sel)"
    else:
        # what was typed is not repeated: an unknown value may be a name or a NIP
        message = "isinya tidak ada di daftar" if value else "kosong"
        hint = (
            f"pilih dari daftar di sel; semua kode {column} ada di lembar Kode templat"
            if len(options) > 8
            else "pilih salah satu: " + ", ".join(options)
        )
    problems.append(check.problem(row, column, "IMPOR-PILIHAN", message, hint))
    return None


def aspect_pair(row: Row, name: str, check: Checker, problems: list[Problem], required: bool):
    t_col, r_col = f"target_{name}", f"realisasi_{name}"
    t_raw, r_raw = row.values.get(t_col), row.values.get(r_col)
    if not required and blank(t_raw) and blank(r_raw):
        return None, None
    if not required and (blank(t_raw) != blank(r_raw)):
        missing = r_col if blank(r_raw) else t_col
        problems.append(
            check.problem(
                row,
                missing,
                "IMPOR-BIAYA-TIDAK-BERPASANGAN",
                "biaya hanya diisi di salah satu kolom",
                "isi target_biaya dan realisasi_biaya bersama, atau kosongkan keduanya",
            )
        )
        return None, None
    target, real = number(t_raw), number(r_raw)
    if target is None or target <= 0:
        problems.append(
            check.problem(row, t_col, "IMPOR-ANGKA", "harus angka lebih dari 0", "isi target")
        )
    if real is None or real < 0:
        problems.append(
            check.problem(row, r_col, "IMPOR-ANGKA", "harus angka 0 atau lebih", "isi realisasi")
        )
    return target, real


def text(row: Row, column: str, check: Checker, problems: list[Problem]) -> str | None:
    value = row.values.get(column)
    if blank(value):
        problems.append(
            check.problem(row, column, "IMPOR-KOSONG", "tidak boleh kosong", f"isi kolom {column}")
        )
        return None
    return " ".join(str(value).split())


_PRIVATE_HINT = (
    "tulis hanya uraian pekerjaan; nama, NIP, NIK, tanggal lahir, alamat, telepon dan e-mail "
    "tidak boleh masuk catatan (UU 27/2022 Pelindungan Data Pribadi)"
)


def personal_data(row: Row, names: set[str], check: Checker) -> list[Problem]:
    """Identifiers, and words of this person's own name, in the row's free-text cells."""
    found = []
    for column, value in row.values.items():
        if column in PRIVATE_COLUMNS or not isinstance(value, str) or not column:
            continue
        for finding in find(value.replace("\n", " ")):
            found.append(
                check.problem(
                    row, column, f"IMPOR-{CODE_OF[finding.kind]}", describe(finding), _PRIVATE_HINT
                )
            )
        if names and mentions(value, names):
            found.append(
                check.problem(
                    row,
                    column,
                    "IMPOR-PRIVASI-NAMA",
                    "memuat nama pegawai ini (dari kolom nama)",
                    _PRIVATE_HINT,
                )
            )
    return found
