"""The open-data files: agregat.csv, agregat.json, indikator.json and a
Frictionless datapackage.json describing them. Pure: strings in, strings out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence

from kinerja.core.policy import Indicator
from kinerja.core.publication import Row
from kinerja.core.rounding import as_number

CSV_FIELDS = ("periode", "dimensi", "kelompok", "ukuran", "nilai", "ditekan", "metodologi")


def _value(row: Row, places: int) -> float | int | None:
    if not row.cell.shown:
        return None
    value = row.cell.value
    return as_number(value, places) if value is not None else None  # type: ignore[arg-type]


def records(rows: Iterable[Row], versions: dict[int, str], places: dict[int, int]) -> list[dict]:
    """One open-data row per published cell, rounded to its period's methodology."""
    return [
        {
            "periode": r.periode,
            "dimensi": r.dimensi,
            "kelompok": r.kelompok,
            "ukuran": r.ukuran,
            "nilai": _value(r, places[r.periode]),
            "ditekan": r.cell.hidden,
            "metodologi": versions[r.periode],
        }
        for r in rows
        if r.cell.hidden or r.cell.value is not None  # not applicable: no row
    ]


def agregat_csv(items: Sequence[dict]) -> str:
    return csv_joined([csv_rows(items)])


def csv_joined(parts: Sequence[str]) -> str:
    """agregat.csv from its rows' text, in parts (one per period)."""
    return ",".join(CSV_FIELDS) + "\n" + "".join(parts)


def csv_rows(items: Sequence[dict]) -> str:
    """agregat.csv's rows for `items`, without the header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for item in items:
        row = {
            **item,
            "nilai": "" if item["nilai"] is None else item["nilai"],
            "ditekan": "true" if item["ditekan"] else "false",
        }
        writer.writerow([row[f] for f in CSV_FIELDS])
    return out.getvalue()


def agregat_json(items: Sequence[dict]) -> str:
    """One row per line: readable, diff-friendly, and encoded by json's C encoder
    (an indented dump goes through the pure-Python one, ten times slower)."""
    return json_joined([json_lines(items)])


def json_lines(items: Sequence[dict]) -> str:
    """agregat.json's lines for `items`, joined by ',\\n' ('' for none)."""
    return ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)


def json_joined(parts: Sequence[str]) -> str:
    """agregat.json from its lines' text, in parts (one per period)."""
    lines = [part for part in parts if part]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def indikator_json(indicators: Sequence[Indicator]) -> str:
    payload = [
        {
            "kode": i.kode,
            "nama": i.nama,
            "jenis": i.jenis,
            "deskripsi": i.deskripsi,
            "level": [{"level": n, "deskripsi": d} for n, d in enumerate(i.levels, start=1)],
            "rumus": i.rumus or None,
            "unit_kerja": list(i.unit_kerja),
            "level_standar": i.level_standar,
            "dasar_hukum": list(i.dasar_hukum),
            "sifat": i.sifat,
            "sifat_level": i.sifat_level or None,
        }
        for i in indicators
    ]
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _per_period(values: dict[int, int]) -> str:
    """'5' when every period has the same value, else '5 (2023), 10 (2024)'."""
    if len(set(values.values())) <= 1:
        return str(next(iter(values.values()), ""))
    return ", ".join(f"{v} ({p})" for p, v in sorted(values.items()))


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _agregat_fields(k: dict[int, int], places: dict[int, int]) -> list[dict]:
    return [
        {"name": "periode", "type": "integer", "description": "Tahun penilaian"},
        {
            "name": "dimensi",
            "type": "string",
            "description": "semua, unit_kerja, jenis_jabatan, status atau jenis_kelamin",
        },
        {"name": "kelompok", "type": "string", "description": "Kode kelompok dalam dimensi"},
        {"name": "ukuran", "type": "string", "description": "Nama ukuran, mis. predikat_baik"},
        {
            "name": "nilai",
            "type": "number",
            "description": f"Nilai (dibulatkan {_per_period(places)} desimal, menurut metodologi "
            "periodenya); kosong bila disembunyikan",
        },
        {
            "name": "ditekan",
            "type": "boolean",
            "description": f"true bila disembunyikan (kurang dari {_per_period(k)} orang atau sel pelengkap)",
        },
        {"name": "metodologi", "type": "string", "description": "Versi metodologi periode itu"},
    ]


def _resources(files: dict[str, str], k: dict[int, int], places: dict[int, int]) -> list[dict]:
    def json_file(name: str, path: str) -> dict:
        return {
            "name": name,
            "path": path,
            "format": "json",
            "mediatype": "application/json",
            "hash": _digest(files[path]),
        }

    return [
        {
            "name": "agregat",
            "path": "agregat.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "hash": _digest(files["agregat.csv"]),
            "schema": {"fields": _agregat_fields(k, places)},
        },
        json_file("agregat-json", "agregat.json"),
        json_file("indikator", "indikator.json"),
    ]


def datapackage(
    files: dict[str, str], commit: str, data_sha256: str, k: dict[int, int], places: dict[int, int]
) -> str:
    """`k` and `places`: the threshold and the decimals of each period's methodology."""
    package = {
        "profile": "data-package",
        "name": "kinerja-asn-kepahiang",
        "title": "Agregat penilaian kinerja ASN Kabupaten Kepahiang",
        "description": (
            "Agregat hasil penilaian kinerja ASN per periode, perangkat daerah, jenis jabatan, status "
            f"dan jenis kelamin. Angka dari kurang dari {_per_period(k)} orang disembunyikan beserta "
            "sel pelengkapnya."
        ),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "version": commit[:12],
        "sources": [{"title": "Repositori data dan kode portal", "commit": commit}],
        "kinerja_sha256_data": data_sha256,
        "resources": _resources(files, k, places),
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
