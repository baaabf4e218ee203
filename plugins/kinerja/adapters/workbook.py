"""Writes the import template (.xlsx) from kinerja.site.workbook.

Sheets: Petunjuk, pegawai, hasil_kerja, pengembangan, Kode. Every coded
column has a drop-down list (a named range on the Kode sheet), every number
column a number validation with the schema's bounds, every header an input
message. The bytes depend only on schemas and data (fixed dates in the
workbook and in the zip), so content/extra/ holds a copy a test compares.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja.core.policy import Policy
from kinerja.site.workbook import Column, columns, instructions

ROWS = 2000  # rows prepared with validations under each header
FIXED = dt.datetime(2025, 1, 1)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _rule(col: Column, letter: str) -> DataValidation | None:
    if col.choices:
        rule = DataValidation(type="list", formula1=col.list_name, allow_blank=True)
        rule.error = "Pilih salah satu isian dari daftar (lihat lembar Kode)."
    elif col.bounds is not None:
        b = col.bounds
        kind = "whole" if b.whole else "decimal"
        if b.low_open and b.high is not None:
            cell = f"{letter}2"
            rule = DataValidation(
                type="custom", formula1=f"AND(ISNUMBER({cell}),{cell}>{b.low},{cell}<={b.high})"
            )
        elif b.low is not None and b.high is not None:
            rule = DataValidation(type=kind, operator="between", formula1=b.low, formula2=b.high)
        elif b.low is not None:
            op = "greaterThan" if b.low_open else "greaterThanOrEqual"
            rule = DataValidation(type=kind, operator=op, formula1=b.low)
        else:
            rule = DataValidation(type=kind, operator="lessThanOrEqual", formula1=b.high)
        rule.error = f"Isi {b.words()}, diketik sebagai angka."
        rule.allow_blank = True
    else:
        return None
    rule.errorTitle = "Isian ditolak"
    rule.errorStyle = "stop"
    return rule


def _prompt(rule: DataValidation, col: Column) -> DataValidation:
    rule.promptTitle = col.name[:32]
    rule.prompt = col.prompt
    rule.showInputMessage = True
    rule.showErrorMessage = True
    return rule


def _data_sheet(book: Workbook, sheet: str, cols: list[Column]) -> None:
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"
    for index, col in enumerate(cols, start=1):
        letter = get_column_letter(index)
        head = ws.cell(row=1, column=index, value=col.name)
        head.font = Font(bold=True)
        head.fill = HEADER_FILL
        ws.column_dimensions[letter].width = max(12, min(40, len(col.name) + 4))
        header_rule = _prompt(DataValidation(), col)
        header_rule.add(f"{letter}1")
        ws.add_data_validation(header_rule)
        rule = _rule(col, letter)
        if rule is not None:
            _prompt(rule, col).add(f"{letter}2:{letter}{ROWS + 1}")
            ws.add_data_validation(rule)
        if col.text:
            ws.column_dimensions[letter].number_format = "@"
            for row in range(2, ROWS + 2):
                ws.cell(row=row, column=index).number_format = "@"


def _codes_sheet(book: Workbook, cols: list[Column]) -> None:
    ws = book.create_sheet("Kode")
    coded = {c.name: c for c in cols if c.choices}
    for index, col in enumerate(coded.values()):
        first = 1 + index * 3
        value_letter, meaning_letter = get_column_letter(first), get_column_letter(first + 1)
        for letter, title in ((value_letter, col.name), (meaning_letter, "arti")):
            cell = ws[f"{letter}1"]
            cell.value, cell.font, cell.fill = title, Font(bold=True), HEADER_FILL
        for row, (value, meaning) in enumerate(col.choices, start=2):
            ws[f"{value_letter}{row}"] = value
            ws[f"{meaning_letter}{row}"] = meaning
        ws.column_dimensions[value_letter].width = max(len(v) for v, _ in col.choices) + 2
        ws.column_dimensions[meaning_letter].width = min(
            45, max(len(m) for _, m in col.choices) + 2
        )
        last = len(col.choices) + 1
        ref = f"Kode!${value_letter}$2:${value_letter}${last}"
        book.defined_names[col.list_name] = DefinedName(col.list_name, attr_text=ref)


def build(policy: Policy, schema: dict[str, Any], headers: dict[str, list[str]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    book.properties.created = FIXED
    book.properties.modified = FIXED
    book.properties.creator = "BKPSDM Kabupaten Kepahiang"
    guide = book.create_sheet("Petunjuk")
    guide.column_dimensions["A"].width = 110
    for row, text in enumerate(instructions(headers, policy), start=1):
        cell = guide.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    specs = columns(headers, schema, policy)
    for sheet, cols in specs.items():
        _data_sheet(book, sheet, cols)
    _codes_sheet(book, [c for cols in specs.values() for c in cols])
    book.active = 1
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook with every zip entry dated 1980-01-01: same input, same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", body
                )
            dst.writestr(fixed, body)
    return out.getvalue()


def write(policy: Policy, schema: dict[str, Any], headers: dict[str, list[str]], path: Path):
    path.write_bytes(build(policy, schema, headers))
