"""`kinerja import`: HR's spreadsheets in, pseudonymous records out.

This module reads workbooks and CSV folders and writes the template; the
conversion of rows into records is pure and lives in
`kinerja.checks.importrows` (cells in `importcells`), the key rules in
`kinerja.core.pseudonym`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kinerja.adapters import sheets
from kinerja.adapters.loader import shown_path
from kinerja.adapters.sheets import ImportLimits
from kinerja.checks.importcells import Row, SourceError, blank
from kinerja.checks.importrows import SHEETS, ImportResult, convert, template_columns
from kinerja.checks.problems import Problem, ProblemsFound
from kinerja.checks.schemacheck import Schemas
from kinerja.core.policy import Policy
from kinerja.core.pseudonym import pseudonym

__all__ = [
    "ImportResult",
    "Row",
    "SourceError",
    "convert",
    "pseudonym",
    "read_source",
    "stale_paths",
    "template_columns",
    "write_template",
]


def read_source(source: Path, limits: ImportLimits) -> dict[str, list[Row]]:
    """Rows of the three sheets from a workbook or a folder of CSV files."""
    if source.is_dir():
        return {sheet: _read_csv(source / f"{sheet}.csv", sheet, limits) for sheet in SHEETS}
    if source.suffix.lower() == ".xlsx" and source.is_file():
        return _read_xlsx(source, limits)
    raise SourceError(
        f"sumber '{source}' harus berupa berkas .xlsx atau folder berisi pegawai.csv, "
        "hasil_kerja.csv dan pengembangan.csv"
    )


def _rows(
    sheet: str, header: list[Any], body: Iterable[tuple[int, list[Any]]], typed: bool = False
) -> list[Row]:
    columns = tuple(str(h).strip().lower() if h is not None else "" for h in header)
    rows = []
    for number, values in body:
        if all(blank(v) for v in values):
            continue
        rows.append(Row(sheet, number, dict(zip(columns, values, strict=False)), columns, typed))
    return rows


def _missing_sheet(where: str, what: str) -> ProblemsFound:
    return ProblemsFound(
        [
            Problem(
                where,
                1,
                1,
                "IMPOR-LEMBAR",
                f"{what} tidak ada atau kosong (tidak ada baris judul kolom)",
                "pakai templat dari 'kinerja import --buat-templat' dan isi ketiga lembarnya",
            )
        ]
    )


def _read_csv(path: Path, sheet: str, limits: ImportLimits) -> list[Row]:
    where = f"{shown_path(path.parent)}#{sheet}"
    if not os.path.lexists(path):
        raise _missing_sheet(where, f"berkas {path.name}")
    lines = sheets.read_csv(path, where, limits)
    if not lines:
        raise _missing_sheet(where, f"berkas {path.name}")
    return _rows(sheet, lines[0], ((n, line) for n, line in enumerate(lines[1:], start=2)))


def _read_xlsx(path: Path, limits: ImportLimits) -> dict[str, list[Row]]:
    found = sheets.read_xlsx(path, SHEETS, limits)
    out = {}
    for sheet in SHEETS:
        lines = found.get(sheet)
        if not lines:
            raise _missing_sheet(f"{shown_path(path)}#{sheet}", f"lembar '{sheet}'")
        body = ((n, line) for n, line in enumerate(lines[1:], start=2))
        out[sheet] = _rows(sheet, lines[0], body, typed=True)
    return out


def stale_paths(pegawai_dir: Path, rel: str) -> list[Path]:
    """Files for the same id and period in another unit's folder (the person moved)."""
    periode, unit, name = rel.split("/")
    folder = pegawai_dir / periode
    if not folder.is_dir():
        return []
    return [p for p in folder.glob(f"*/{name}") if p.parent.name != unit]


def write_template(policy: Policy, path: Path, schemas: Schemas) -> None:
    """The template workbook: drop-down lists, number checks, Petunjuk and Kode sheets."""
    from kinerja.adapters.workbook import write

    write(policy, schemas["pegawai"], template_columns(policy), path)


_FINGERPRINT_NOTE = (
    "# Sidik kunci pseudonim, ditulis oleh kinerja import (bukan kuncinya): impor dengan\n"
    "# KINERJA_KUNCI_PSEUDONIM lain ditolak agar tidak ada pegawai yang mendapat ID kedua.\n"
)


def keep_fingerprint(source_file: Path, fingerprint: str) -> list[str]:
    """Record the key's fingerprint in data/sumber-data.yaml; notes on what changed.

    Records read from HR's spreadsheets are real: a folder that said
    `jenis: sintetis` says `jenis: nyata` from now on, so that the publish
    check refuses to publish them from a public repository.
    """
    from kinerja.adapters.filestore import write_atomic

    text = source_file.read_text(encoding="utf-8")
    shown = shown_path(source_file)
    notes = []
    lines = text.splitlines(keepends=True)
    if not any(line.startswith("sidik_kunci:") for line in lines):
        text = text.rstrip("\n") + "\n" + _FINGERPRINT_NOTE + f"sidik_kunci: {fingerprint}\n"
        notes.append(f"sidik kunci pseudonim dicatat di {shown}")
    marked = re.sub(r"(?m)^jenis:\s*sintetis\s*$", "jenis: nyata", text)
    if marked != text:
        notes.append(
            f"{shown} kini menyatakan jenis: nyata (catatan hasil impor adalah data "
            "pegawai sungguhan; perbarui juga keterangannya)"
        )
    write_atomic(source_file, marked)
    return notes


def unmatched_periods(files: dict[str, str], pegawai_dir: Path) -> list[str]:
    """Periods that already hold records none of whose ids this import produces.

    Before a repository kept a key fingerprint, this is the one sign of a
    different key: the same people would come back under new ids.
    """
    new: dict[str, set[str]] = {}
    for rel in files:
        periode, _unit, name = rel.split("/")
        new.setdefault(periode, set()).add(name)
    out = []
    for periode, names in sorted(new.items()):
        existing = {p.name for p in (pegawai_dir / periode).glob("*/*.yaml")}
        if existing and not existing & names:
            out.append(periode)
    return out


def legacy_refusal(periods: list[str]) -> str:
    return (
        f"tidak ada satu pun ID hasil impor ini yang sama dengan catatan periode "
        f"{', '.join(periods)} yang sudah ada, dan data/sumber-data.yaml belum menyimpan "
        "sidik_kunci: kemungkinan besar KINERJA_KUNCI_PSEUDONIM berbeda dari kunci impor "
        "sebelumnya, sehingga setiap pegawai akan dihitung dua kali. Pakai kunci yang lama"
    )


def command(source: Path, data: str | None, template: bool) -> int:
    """`kinerja import`: exit 0 all imported, 1 rows refused, 2 misuse (nothing written)."""
    import os
    import sys

    from kinerja.adapters import loader
    from kinerja.adapters.pipeline import build
    from kinerja.checks.problems import render
    from kinerja.core.pseudonym import fingerprint, fingerprint_refusal, key_refusal

    data_dir = loader.resolve_data_dir(data)
    result = build(data_dir, records=[])
    loaded = result.loaded
    if result.policy is None or loaded is None:
        print(render(result.problems, result.files, "text"), file=sys.stderr)
        return 1
    if template:
        write_template(result.policy, source, loaded.schemas)
        print(f"Templat ditulis ke {source}")
        return 0
    key = os.environ.get("KINERJA_KUNCI_PSEUDONIM", "")
    stored = loaded.data_source.data.get("sidik_kunci") if loaded.data_source else None
    refusal = key_refusal(key) or fingerprint_refusal(stored, key)
    if refusal:
        print(f"kinerja: {refusal}. Tidak ada berkas yang ditulis.", file=sys.stderr)
        return 2
    try:
        rows = read_source(source, ImportLimits.of(loaded.schemas["pegawai"]))
        imported = convert(rows, result.policy, key, loader.shown_path(source), loaded.schemas)
    except SourceError as exc:
        print(f"kinerja: {exc}", file=sys.stderr)
        return 2
    except ProblemsFound as exc:
        print(render(exc.problems, 1, "text"))
        print("Tidak ada berkas yang ditulis.")
        return 1
    declared = loaded.data_source.data.get("jenis") if loaded.data_source else None
    unmatched = unmatched_periods(imported.files, data_dir / "pegawai")
    if stored is None and declared == "nyata" and unmatched:
        print(
            f"kinerja: {legacy_refusal(unmatched)}. Tidak ada berkas yang ditulis.", file=sys.stderr
        )
        return 2
    for note in keep_fingerprint(data_dir / "sumber-data.yaml", fingerprint(key)):
        print(note)
    from kinerja.adapters.importwrite import apply, summary

    done = apply(imported, data_dir / "pegawai")
    for problem in imported.problems:
        print(problem.as_text())
    print("\n".join([*done.lines(), summary(imported, done)]))
    return 1 if imported.rejected or imported.problems else 0
