"""`kinerja import`: HR's spreadsheets in, pseudonymous records out.

The NIP is turned into the record id with a keyed hash (HMAC-SHA256) the
moment it is read; names are never read into a record. Messages name the
sheet, row and column, never the value of a NIP or a name, so nothing
personal reaches a log.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import Schemas
from kinerja.checks.validation import check_document
from kinerja.checks.yamlsource import read
from kinerja.core.policy import JENIS_JABATAN, JENIS_KELAMIN, STATUS, Policy

SHEETS = ("pegawai", "hasil_kerja", "pengembangan")
PEGAWAI_FIXED = ("nip", "nama", "periode", "unit_kerja", "jenis_jabatan", "status", "jenis_kelamin")
HASIL_COLUMNS = (
    "nip",
    "periode",
    "rencana",
    "satuan",
    "target_kuantitas",
    "target_kualitas",
    "target_waktu",
    "target_biaya",
    "realisasi_kuantitas",
    "realisasi_kualitas",
    "realisasi_waktu",
    "realisasi_biaya",
)
PENGEMBANGAN_COLUMNS = ("nip", "periode", "kegiatan", "jp")
HEADER = "# yaml-language-server: $schema=../../../../schemas/pegawai.schema.json\n"


class SourceError(Exception):
    """The source cannot be read at all (exit status 2)."""


@dataclass(frozen=True)
class Row:
    sheet: str
    number: int  # as the spreadsheet shows it (header is row 1)
    values: dict[str, Any]
    columns: tuple[str, ...]


def pseudonym(nip: str, key: str) -> str:
    digest = hmac.new(key.encode("utf-8"), nip.encode("utf-8"), hashlib.sha256).hexdigest()
    return "ASN-" + digest[:10].upper()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_source(source: Path) -> dict[str, list[Row]]:
    """Rows of the three sheets from a workbook or a folder of CSV files."""
    if source.is_dir():
        return {sheet: _read_csv(source / f"{sheet}.csv", sheet) for sheet in SHEETS}
    if source.suffix.lower() == ".xlsx" and source.is_file():
        return _read_xlsx(source)
    raise SourceError(
        f"sumber '{source}' harus berupa berkas .xlsx atau folder berisi pegawai.csv, "
        "hasil_kerja.csv dan pengembangan.csv"
    )


def _rows(sheet: str, header: list[Any], body: Iterable[tuple[int, list[Any]]]) -> list[Row]:
    columns = tuple(str(h).strip().lower() if h is not None else "" for h in header)
    rows = []
    for number, values in body:
        if all(_blank(v) for v in values):
            continue
        rows.append(Row(sheet, number, dict(zip(columns, values, strict=False)), columns))
    return rows


def _read_csv(path: Path, sheet: str) -> list[Row]:
    if not path.is_file():
        raise SourceError(f"berkas {path.name} tidak ada di folder sumber")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        lines = list(csv.reader(handle, dialect))
    if not lines:
        raise SourceError(f"berkas {path.name} kosong (tidak ada baris judul kolom)")
    return _rows(sheet, lines[0], ((n, line) for n, line in enumerate(lines[1:], start=2)))


def _read_xlsx(path: Path) -> dict[str, list[Row]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise SourceError(
            f"buku kerja '{path.name}' tidak dapat dibaca: {type(exc).__name__}"
        ) from exc
    out = {}
    for sheet in SHEETS:
        if sheet not in book.sheetnames:
            raise SourceError(f"lembar '{sheet}' tidak ada di {path.name}")
        lines = [list(r) for r in book[sheet].iter_rows(values_only=True)]
        if not lines:
            raise SourceError(f"lembar '{sheet}' kosong (tidak ada baris judul kolom)")
        out[sheet] = _rows(
            sheet, lines[0], ((n, line) for n, line in enumerate(lines[1:], start=2))
        )
    book.close()
    return out


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


@dataclass
class Person:
    nip: str
    periode: int
    row: Row
    record: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Checker:
    def __init__(self, source: str, scale: tuple[int, int]) -> None:
        self.source = source
        self.scale = scale  # the schema's 1-5 bounds for behaviour and competency levels

    def problem(self, row: Row, column: str, code: str, message: str, hint: str) -> Problem:
        col = row.columns.index(column) + 1 if column in row.columns else 1
        where = f"{self.source}#{row.sheet}"
        return Problem(where, row.number, col, code, f"kolom {column}: {message}", hint)


def _nip(row: Row, check: _Checker, problems: list[Problem]) -> str | None:
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
    text = re.sub(r"[\s.-]", "", str(value or ""))
    if not re.fullmatch(r"\d{18}", text):
        problems.append(
            check.problem(
                row, "nip", "IMPOR-NIP", "NIP harus 18 digit", "periksa kembali NIP di baris ini"
            )
        )
        return None
    return text


def _periode(row: Row, check: _Checker, problems: list[Problem]) -> int | None:
    value = number(row.values.get("periode"))
    if not isinstance(value, int) or not 2000 <= value <= 2100:
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


def _level(row: Row, column: str, check: _Checker, problems: list[Problem]) -> int | None:
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


def _choice(
    row: Row, column: str, options: tuple[str, ...], check: _Checker, problems: list[Problem]
) -> str | None:
    value = str(row.values.get(column) or "").strip().lower()
    if value not in options:
        problems.append(
            check.problem(
                row,
                column,
                "IMPOR-PILIHAN",
                "nilai tidak dikenal",
                "pilih salah satu: " + ", ".join(options),
            )
        )
        return None
    return value


def _pegawai(row: Row, policy: Policy, check: _Checker, perilaku: list[str], kompetensi: list[str]):
    problems: list[Problem] = []
    nip = _nip(row, check, problems)
    periode = _periode(row, check, problems)
    units = tuple(u.kode for u in policy.units)
    unit = _choice(row, "unit_kerja", units, check, problems)
    jabatan = _choice(row, "jenis_jabatan", JENIS_JABATAN, check, problems)
    status = _choice(row, "status", STATUS, check, problems)
    record: dict[str, Any] = {
        "periode": periode,
        "unit_kerja": unit,
        "jenis_jabatan": jabatan,
        "status": status,
    }
    if not _blank(row.values.get("jenis_kelamin")):
        record["jenis_kelamin"] = _choice(row, "jenis_kelamin", JENIS_KELAMIN, check, problems)
    record["perilaku_kerja"] = {k: _level(row, k, check, problems) for k in perilaku}
    levels = {k: row.values.get(k) for k in kompetensi if not _blank(row.values.get(k))}
    if levels:
        general = policy.standards.general
        missing = [k for k in general if k not in levels]
        for k in missing:
            problems.append(
                check.problem(
                    row,
                    k,
                    "IMPOR-KOMPETENSI-KURANG",
                    "kosong padahal kompetensi lain diisi",
                    "isi semua kompetensi manajerial dan perekat_bangsa, atau kosongkan semuanya "
                    "bila pegawai belum dinilai",
                )
            )
        record["kompetensi"] = {k: _level(row, k, check, problems) for k in levels}
    if policy.methodology_for(periode or 0) is None and periode is not None:
        problems.append(
            check.problem(
                row,
                "periode",
                "IMPOR-PERIODE",
                f"tidak ada versi metodologi untuk periode {periode}",
                "periksa tahun periode",
            )
        )
    return nip, periode, record, problems


def _aspect_pair(row: Row, name: str, check: _Checker, problems: list[Problem], required: bool):
    t_col, r_col = f"target_{name}", f"realisasi_{name}"
    t_raw, r_raw = row.values.get(t_col), row.values.get(r_col)
    if not required and _blank(t_raw) and _blank(r_raw):
        return None, None
    if not required and (_blank(t_raw) != _blank(r_raw)):
        missing = r_col if _blank(r_raw) else t_col
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


def _text(row: Row, column: str, check: _Checker, problems: list[Problem]) -> str | None:
    value = row.values.get(column)
    if _blank(value):
        problems.append(
            check.problem(row, column, "IMPOR-KOSONG", "tidak boleh kosong", f"isi kolom {column}")
        )
        return None
    return " ".join(str(value).split())


def _scalar(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def render(record_id: str, record: dict[str, Any]) -> str:
    """The record file, in the same layout as the sample and the guide."""
    lines = [
        f"id: {record_id}",
        f"periode: {record['periode']}",
        f"unit_kerja: {record['unit_kerja']}",
        f"jenis_jabatan: {record['jenis_jabatan']}",
        f"status: {record['status']}",
    ]
    if "jenis_kelamin" in record:
        lines.append(f"jenis_kelamin: {record['jenis_kelamin']}")
    lines.append("hasil_kerja:")
    for item in record["hasil_kerja"]:
        t, r = item["target"], item["realisasi"]
        target = ", ".join(f"{k}: {_scalar(v)}" for k, v in t.items())
        real = ", ".join(f"{k}: {_scalar(v)}" for k, v in r.items())
        lines += [
            f"  - rencana: {_scalar(item['rencana'])}",
            f"    target:    {{{target}}}",
            f"    realisasi: {{{real}}}",
        ]
    lines.append("perilaku_kerja:")
    lines += [f"  {k}: {v}" for k, v in record["perilaku_kerja"].items()]
    if "kompetensi" in record:
        lines.append("kompetensi:")
        lines += [f"  {k}: {v}" for k, v in record["kompetensi"].items()]
    if record["pengembangan_kompetensi"]:
        lines.append("pengembangan_kompetensi:")
        for k in record["pengembangan_kompetensi"]:
            lines += [f"  - kegiatan: {_scalar(k['kegiatan'])}", f"    jp: {k['jp']}"]
    else:
        lines.append("pengembangan_kompetensi: []")
    return HEADER + "\n".join(lines) + "\n"


@dataclass
class ImportResult:
    files: dict[str, str]  # relative path under pegawai/ -> text
    problems: list[Problem]
    rejected: int
    accepted: int


def convert(
    sheets: dict[str, list[Row]], policy: Policy, key: str, source_name: str, schemas: Schemas
) -> ImportResult:
    """Pure: rows to record texts, or problems per person."""
    skala = schemas["pegawai"]["$defs"]["skala"]
    check = _Checker(source_name, (skala["minimum"], skala["maximum"]))
    behaviour = [i.kode for i in policy.indicators if i.jenis == "perilaku_kerja"]
    competencies = [i.kode for i in policy.indicators if i.jenis.startswith("kompetensi_")]
    problems: list[Problem] = []
    for sheet, needed in (
        ("pegawai", (*PEGAWAI_FIXED, *behaviour)),
        ("hasil_kerja", HASIL_COLUMNS),
        ("pengembangan", PENGEMBANGAN_COLUMNS),
    ):
        rows = sheets[sheet]
        columns = rows[0].columns if rows else ()
        missing = [c for c in needed if rows and c not in columns]
        if missing:
            raise SourceError(f"lembar {sheet}: kolom {', '.join(missing)} tidak ada")

    people: dict[tuple[str, int], Person] = {}
    bad_keys: set[tuple[str, int]] = set()
    for row in sheets["pegawai"]:
        nip, periode, record, found = _pegawai(row, policy, check, behaviour, competencies)
        problems += found
        if nip is None or periode is None:
            continue
        key_ = (nip, periode)
        if key_ in people:
            problems.append(
                check.problem(
                    row,
                    "nip",
                    "IMPOR-GANDA",
                    f"pegawai yang sama muncul dua kali untuk periode {periode} (lihat juga baris "
                    f"{people[key_].row.number})",
                    "hapus salah satu baris",
                )
            )
            bad_keys.add(key_)
            continue
        person = Person(nip, periode, row, record, found)
        person.record["hasil_kerja"] = []
        person.record["pengembangan_kompetensi"] = []
        people[key_] = person

    def owner(row: Row) -> Person | None:
        local: list[Problem] = []
        nip = _nip(row, check, local)
        periode = _periode(row, check, local)
        if nip is None or periode is None:
            problems.extend(local)
            return None
        person = people.get((nip, periode))
        if person is None:
            problems.append(
                check.problem(
                    row,
                    "nip",
                    "IMPOR-TANPA-PEGAWAI",
                    f"tidak ada baris pegawai dengan NIP ini untuk periode {periode}",
                    "tambahkan pegawainya di lembar pegawai atau perbaiki NIP/periode",
                )
            )
        return person

    for row in sheets["hasil_kerja"]:
        person = owner(row)
        if person is None:
            continue
        found: list[Problem] = []
        rencana = _text(row, "rencana", check, found)
        satuan = _text(row, "satuan", check, found)
        tk, rk = _aspect_pair(row, "kuantitas", check, found, True)
        tq, rq = _aspect_pair(row, "kualitas", check, found, True)
        tw, rw = _aspect_pair(row, "waktu", check, found, True)
        tb, rb = _aspect_pair(row, "biaya", check, found, False)
        target = {"kuantitas": tk, "satuan": satuan, "kualitas": tq, "waktu": tw}
        real = {"kuantitas": rk, "kualitas": rq, "waktu": rw}
        if tb is not None:
            target["biaya"], real["biaya"] = tb, rb
        person.record["hasil_kerja"].append(
            {"rencana": rencana, "target": target, "realisasi": real}
        )
        person.problems += found
        problems += found
    for row in sheets["pengembangan"]:
        person = owner(row)
        if person is None:
            continue
        found = []
        kegiatan = _text(row, "kegiatan", check, found)
        jp = number(row.values.get("jp"))
        if not isinstance(jp, int) or jp < 1:
            found.append(
                check.problem(
                    row, "jp", "IMPOR-JP", "JP harus bilangan bulat 1 atau lebih", "isi JP"
                )
            )
        person.record["pengembangan_kompetensi"].append({"kegiatan": kegiatan, "jp": jp})
        person.problems += found
        problems += found

    files: dict[str, str] = {}
    rejected = len(bad_keys)
    for key_, person in sorted(people.items(), key=lambda kv: kv[1].row.number):
        if key_ in bad_keys:
            continue
        if not person.record["hasil_kerja"] and not person.problems:
            person.problems.append(
                check.problem(
                    person.row,
                    "nip",
                    "IMPOR-TANPA-HASIL-KERJA",
                    "pegawai ini tidak memiliki satu pun baris di lembar hasil_kerja",
                    "tambahkan paling sedikit satu butir hasil kerja untuk pegawai ini",
                )
            )
            problems.append(person.problems[-1])
        if person.problems:
            rejected += 1
            continue
        record_id = pseudonym(person.nip, key)
        text = render(record_id, person.record)
        rel = f"{person.periode}/{person.record['unit_kerja']}/{record_id}.yaml"
        doc = read(rel, text.encode("utf-8"))
        safety = check_document(doc, "pegawai", schemas)
        if safety:
            rejected += 1
            codes = sorted({p.code for p in safety})
            problems.append(
                check.problem(
                    person.row,
                    "nip",
                    "IMPOR-TIDAK-VALID",
                    "data pegawai ini ditolak pemeriksa ("
                    + ", ".join(codes)
                    + "); teks bebas tidak boleh memuat NIP, NIK, e-mail atau nomor telepon",
                    "periksa kolom rencana dan kegiatan pegawai ini di lembar lain",
                )
            )
            continue
        files[rel] = text
    problems = sorted(
        set(problems), key=lambda p: (SHEETS.index(p.path.split("#")[1]), p.line, p.col)
    )
    return ImportResult(files=files, problems=problems, rejected=rejected, accepted=len(files))


def stale_paths(pegawai_dir: Path, rel: str) -> list[Path]:
    """Files for the same id and period in another unit's folder (the person moved)."""
    periode, unit, name = rel.split("/")
    folder = pegawai_dir / periode
    if not folder.is_dir():
        return []
    return [p for p in folder.glob(f"*/{name}") if p.parent.name != unit]


def template_columns(policy: Policy) -> dict[str, list[str]]:
    """The header row of each sheet, from the indicator catalogue."""
    behaviour = [i.kode for i in policy.indicators if i.jenis == "perilaku_kerja"]
    general = list(policy.standards.general)
    teknis = [i.kode for i in policy.indicators if i.jenis == "kompetensi_teknis"]
    return {
        "pegawai": [*PEGAWAI_FIXED, *behaviour, *general, *teknis],
        "hasil_kerja": list(HASIL_COLUMNS),
        "pengembangan": list(PENGEMBANGAN_COLUMNS),
    }


def write_template(policy: Policy, path: Path) -> None:
    """An empty workbook with the right headers, text-formatted NIP columns."""
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    fixed = dt.datetime(2025, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "BKPSDM Kabupaten Kepahiang"
    for sheet, columns in template_columns(policy).items():
        ws = book.create_sheet(sheet)
        ws.append(columns)
        for col in range(1, len(columns) + 1):
            ws.cell(row=1, column=col).font = ws.cell(row=1, column=col).font.copy(bold=True)
        ws.column_dimensions["A"].number_format = "@"
        for row in range(2, 501):
            ws.cell(row=row, column=1).number_format = "@"  # NIP as text
    book.save(path)
