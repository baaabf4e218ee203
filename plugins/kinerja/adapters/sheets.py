"""HR's spreadsheets read with limits: a folder of CSV files or an .xlsx workbook.

Every way a sheet can be unreadable ends in a located `Problem`
(`SUMBER#lembar:baris:kolom`), never a traceback: bytes that are not UTF-8,
CSV the csv module cannot split, a workbook that is not a zip, and a zip
bomb, refused from the sizes its directory declares before openpyxl opens
it. Rows and columns are bounded as the schema's `x-batas-impor` says.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja.adapters.loader import read_limited
from kinerja.checks.problems import Problem
from kinerja.checks.problems import ProblemsFound as SheetProblems
from kinerja.checks.yamlsource import byte_position


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int  # one CSV file or the .xlsx file itself
    max_unpacked: int  # all members of the .xlsx zip, uncompressed
    max_rows: int
    max_cols: int

    @classmethod
    def of(cls, schema: dict[str, Any]) -> ImportLimits:
        given = schema["x-batas-impor"]
        return cls(
            max_bytes=int(given["ukuran_berkas_maks"]),
            max_unpacked=int(given["ukuran_terurai_maks"]),
            max_rows=int(given["baris_maks"]),
            max_cols=int(given["kolom_maks"]),
        )


def _stop(where: str, line: int, col: int, code: str, message: str, hint: str) -> SheetProblems:
    return SheetProblems([Problem(where, line, col, code, message, hint)])


def _bounded(where: str, rows: Iterable[list[Any]], limits: ImportLimits) -> list[list[Any]]:
    lines: list[list[Any]] = []
    for number, row in enumerate(rows, start=1):
        if number > limits.max_rows:
            raise _stop(
                where,
                number,
                1,
                "IMPOR-BATAS-BARIS",
                f"lembar ini lebih dari {limits.max_rows} baris",
                "pecah impor menjadi beberapa berkas; batasnya di x-batas-impor "
                "schemas/pegawai.schema.json",
            )
        if len(row) > limits.max_cols:
            if any(v not in (None, "") for v in row[limits.max_cols :]):
                raise _stop(
                    where,
                    number,
                    limits.max_cols + 1,
                    "IMPOR-BATAS-KOLOM",
                    f"baris ini lebih dari {limits.max_cols} kolom",
                    "hapus kolom yang tidak dipakai di sebelah kanan",
                )
            row = row[: limits.max_cols]
        lines.append(list(row))
    return lines


def read_csv(path: Path, where: str, limits: ImportLimits) -> list[list[Any]]:
    raw = read_limited(path, limits.max_bytes)
    if isinstance(raw, Problem):
        raise SheetProblems([Problem(where, 1, 1, raw.code, raw.message, raw.hint)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = byte_position(raw, exc.start)
        raise _stop(
            where,
            line,
            col,
            "IMPOR-ENKODE",
            "berkas CSV bukan UTF-8 (ada byte yang tidak dikenali)",
            "di spreadsheet pilih Simpan Sebagai › CSV UTF-8, lalu impor lagi",
        ) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or nothing to tell the delimiter by
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return _bounded(where, reader, limits)
    except csv.Error as exc:
        raise _stop(
            where,
            max(reader.line_num, 1),
            1,
            "IMPOR-CSV",
            f"baris CSV tidak dapat dibaca ({exc})",
            "periksa tanda kutip dan karakter aneh di baris ini; simpan ulang sebagai CSV UTF-8",
        ) from None


def _check_zip(path: Path, where: str, limits: ImportLimits) -> bytes:
    raw = read_limited(path, limits.max_bytes)
    if isinstance(raw, Problem):
        raise SheetProblems([Problem(where, 1, 1, raw.code, raw.message, raw.hint)])
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _stop(
            where,
            1,
            1,
            "IMPOR-XLSX",
            f"berkas bukan buku kerja .xlsx yang utuh ({type(exc).__name__})",
            "buka berkasnya di spreadsheet lalu simpan ulang sebagai Buku Kerja Excel (.xlsx)",
        ) from None
    if unpacked > limits.max_unpacked:
        raise _stop(
            where,
            1,
            1,
            "IMPOR-XLSX-TERLALU-BESAR",
            f"isi buku kerja terurai menjadi {unpacked:,} byte, melebihi batas "
            f"{limits.max_unpacked:,} byte; tidak dibuka".replace(",", "."),
            "hapus lembar, gambar atau sel yang tidak dipakai; batasnya di x-batas-impor "
            "schemas/pegawai.schema.json",
        )
    return raw


def read_xlsx(path: Path, sheets: tuple[str, ...], limits: ImportLimits) -> dict[str, list]:
    """The rows of each named sheet; the zip's declared sizes are checked first."""
    from openpyxl import load_workbook

    where = str(path)
    raw = _check_zip(path, where, limits)
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise _stop(
            where,
            1,
            1,
            "IMPOR-XLSX",
            f"buku kerja tidak dapat dibaca ({type(exc).__name__})",
            "buka berkasnya di spreadsheet lalu simpan ulang sebagai Buku Kerja Excel (.xlsx)",
        ) from None
    out: dict[str, list] = {}
    try:
        for sheet in sheets:
            if sheet not in book.sheetnames:
                continue
            rows = book[sheet].iter_rows(
                max_row=limits.max_rows + 1, max_col=limits.max_cols + 1, values_only=True
            )
            out[sheet] = _bounded(f"{where}#{sheet}", (list(r) for r in rows), limits)
    except SheetProblems:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet's XML
        raise _stop(
            where,
            1,
            1,
            "IMPOR-XLSX",
            f"isi lembar tidak dapat dibaca ({type(exc).__name__})",
            "buka berkasnya di spreadsheet lalu simpan ulang sebagai Buku Kerja Excel (.xlsx)",
        ) from None
    finally:
        book.close()
    return out
