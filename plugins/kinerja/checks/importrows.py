"""`kinerja import`, the pure part: the rows of three sheets in, record
texts or problems per person out.

The NIP becomes the record id with a keyed hash the moment it is read; the
name is read only to look for it in the person's own free text, and never
written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja.checks import importcells as cell
from kinerja.checks import kinds
from kinerja.checks.identifiers import name_tokens
from kinerja.checks.importcells import Checker, Row
from kinerja.checks.problems import Problem, ProblemsFound
from kinerja.checks.schemacheck import Schemas
from kinerja.checks.validation import check_document
from kinerja.checks.yamlsource import read
from kinerja.core.policy import Policy
from kinerja.core.pseudonym import pseudonym
from kinerja.core.record_yaml import record_text

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
# Given ratings and the unit-head mark (methodologies of jenis rating); optional
# columns, so a workbook made before them still imports.
RATING_COLUMNS = ("rating_hasil_kerja", "rating_perilaku_kerja", "kepala_unit")
# where a kind rule's finding is shown in the pegawai sheet
_FINDING_COLUMN = {
    ("rating",): "rating_hasil_kerja",
    ("rating", "hasil_kerja"): "rating_hasil_kerja",
}


@dataclass
class Person:
    nip: str
    periode: int
    row: Row
    names: set[str]
    record: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportResult:
    files: dict[str, str]  # relative path under pegawai/ -> text
    problems: list[Problem]
    rejected: int
    accepted: int


@dataclass
class _State:
    check: Checker
    people: dict[tuple[str, int], Person] = field(default_factory=dict)
    duplicates: set[tuple[str, int]] = field(default_factory=set)
    unplaced: dict[str, int] = field(default_factory=dict)  # NIP -> pegawai row without periode
    problems: list[Problem] = field(default_factory=list)


def _columns(policy: Policy) -> tuple[list[str], list[str]]:
    behaviour = [i.kode for i in policy.indicators if i.jenis == "perilaku_kerja"]
    competencies = [i.kode for i in policy.indicators if i.jenis.startswith("kompetensi_")]
    return behaviour, competencies


def template_columns(policy: Policy) -> dict[str, list[str]]:
    """The header row of each sheet, from the indicator catalogue."""
    behaviour = [i.kode for i in policy.indicators if i.jenis == "perilaku_kerja"]
    general = list(policy.standards.general)
    teknis = [i.kode for i in policy.indicators if i.jenis == "kompetensi_teknis"]
    return {
        "pegawai": [*PEGAWAI_FIXED, *RATING_COLUMNS, *behaviour, *general, *teknis],
        "hasil_kerja": list(HASIL_COLUMNS),
        "pengembangan": list(PENGEMBANGAN_COLUMNS),
    }


def _require_columns(sheets: dict[str, list[Row]], behaviour: list[str], source: str) -> None:
    for sheet, needed in (
        ("pegawai", (*PEGAWAI_FIXED, *behaviour)),
        ("hasil_kerja", HASIL_COLUMNS),
        ("pengembangan", PENGEMBANGAN_COLUMNS),
    ):
        rows = sheets[sheet]
        columns = rows[0].columns if rows else ()
        missing = [c for c in needed if rows and c not in columns]
        if missing:
            raise ProblemsFound(
                [
                    Problem(
                        f"{source}#{sheet}",
                        1,
                        1,
                        "IMPOR-KOLOM",
                        f"kolom {', '.join(missing)} tidak ada di baris judul",
                        "pakai judul kolom dari templat (kinerja import --buat-templat); "
                        "berkas CSV dipisah koma atau titik koma",
                    )
                ]
            )


def _competencies(row: Row, policy: Policy, kompetensi: list[str], check: Checker, found: list):
    levels = {k: row.values.get(k) for k in kompetensi if not cell.blank(row.values.get(k))}
    if not levels:
        return None
    social = " dan ".join(policy.codes_of("kompetensi_sosial_kultural"))
    for k in [k for k in policy.standards.general if k not in levels]:
        found.append(
            check.problem(
                row,
                k,
                "IMPOR-KOMPETENSI-KURANG",
                "kosong padahal kompetensi lain diisi",
                f"isi semua kompetensi manajerial dan {social}, atau kosongkan semuanya "
                "bila pegawai belum dinilai",
            )
        )
    return {k: cell.level(row, k, check, found) for k in levels}


def _pegawai(row: Row, policy: Policy, check: Checker, perilaku: list[str], kompetensi: list[str]):
    found: list[Problem] = []
    words = policy.vocabulary
    nip = cell.nip(row, check, found)
    periode = cell.periode(row, check, found)
    record: dict[str, Any] = {
        "periode": periode,
        "unit_kerja": cell.choice(
            row, "unit_kerja", tuple(u.kode for u in policy.units), check, found
        ),
        "jenis_jabatan": cell.choice(row, "jenis_jabatan", words.jenis_jabatan, check, found),
        "status": cell.choice(row, "status", words.status, check, found),
    }
    if not cell.blank(row.values.get("jenis_kelamin")):
        record["jenis_kelamin"] = cell.choice(
            row, "jenis_kelamin", words.jenis_kelamin, check, found
        )
    _rating(row, record, check, found, words.ratings)
    m = policy.methodology_for(periode) if periode is not None else None
    levels_given = any(not cell.blank(row.values.get(k)) for k in perilaku)
    if m is None or m.jenis == "angka" or levels_given:  # optional evidence under `rating`
        record["perilaku_kerja"] = {k: cell.level(row, k, check, found) for k in perilaku}
    levels = _competencies(row, policy, kompetensi, check, found)
    if levels is not None:
        record["kompetensi"] = levels
    if periode is not None and policy.methodology_for(periode) is None:
        found.append(
            check.problem(
                row,
                "periode",
                "IMPOR-PERIODE",
                f"tidak ada versi metodologi untuk periode {periode}",
                "periksa tahun periode",
            )
        )
    return nip, periode, record, found


def _rating(
    row: Row, record: dict[str, Any], check: Checker, found: list[Problem], ratings: tuple[str, ...]
) -> None:
    """The given ratings and the unit-head mark, when the row has them."""
    cells = [row.values.get(c) for c in RATING_COLUMNS[:2]]
    if any(not cell.blank(v) for v in cells):
        record["rating"] = {
            "hasil_kerja": cell.choice(row, "rating_hasil_kerja", ratings, check, found),
            "perilaku_kerja": cell.choice(row, "rating_perilaku_kerja", ratings, check, found),
        }
    mark = str(row.values.get("kepala_unit") or "").strip().lower()
    if mark in ("ya", "true"):
        record["kepala_unit"] = True
    elif mark not in ("", "tidak", "false"):
        found.append(
            check.problem(
                row,
                "kepala_unit",
                "IMPOR-PILIHAN",
                "isinya bukan ya atau tidak",
                "isi ya, tidak, atau kosongkan",
            )
        )


def kind_problems(person: Person, policy: Policy, check: Checker) -> list[Problem]:
    """The methodology kind's rules (rating required or refused, unit head), at the row."""
    data = {k: v for k, v in person.record.items() if v != []}
    if None in (data.get("unit_kerja"), *(data.get("rating") or {}).values()):
        return []  # the cell itself is already reported
    out = []
    for f in kinds.findings(data, policy):
        if f.pointer == ("hasil_kerja",):
            out.append(_no_results(person, check))
        else:
            column = _FINDING_COLUMN.get(f.pointer, "periode")
            out.append(check.problem(person.row, column, f.code, f.message, f.hint))
    return out


def _read_people(rows: list[Row], policy: Policy, state: _State, columns) -> None:
    check = state.check
    for row in rows:
        nip, periode, record, found = _pegawai(row, policy, check, *columns)
        names = name_tokens(str(row.values.get("nama") or ""))
        found += cell.personal_data(row, names, check)
        state.problems += found
        if nip is not None and periode is None:
            state.unplaced.setdefault(nip, row.number)
        if nip is None or periode is None:
            continue
        key = (nip, periode)
        if key in state.people:
            state.problems.append(
                check.problem(
                    row,
                    "nip",
                    "IMPOR-GANDA",
                    f"pegawai yang sama muncul dua kali untuk periode {periode} (lihat juga baris "
                    f"{state.people[key].row.number})",
                    "hapus salah satu baris",
                )
            )
            state.duplicates.add(key)
            continue
        record.update(hasil_kerja=[], pengembangan_kompetensi=[])
        state.people[key] = Person(nip, periode, row, names, record, found)


def _owner(row: Row, state: _State) -> Person | None:
    local: list[Problem] = []
    nip = cell.nip(row, state.check, local)
    periode = cell.periode(row, state.check, local)
    if nip is None or periode is None:
        state.problems.extend(local)
        return None
    person = state.people.get((nip, periode))
    if person is None and nip in state.unplaced:
        state.problems.append(
            state.check.problem(
                row,
                "nip",
                "IMPOR-PEGAWAI-DITOLAK",
                f"baris pegawai untuk NIP ini (lembar pegawai baris {state.unplaced[nip]}) "
                "ditolak, jadi baris ini ikut ditolak",
                "perbaiki dulu baris pegawai itu (lihat pesannya di atas), lalu impor ulang",
            )
        )
    elif person is None:
        state.problems.append(
            state.check.problem(
                row,
                "nip",
                "IMPOR-TANPA-PEGAWAI",
                f"tidak ada baris pegawai dengan NIP ini untuk periode {periode}",
                "tambahkan pegawainya di lembar pegawai atau perbaiki NIP/periode",
            )
        )
    return person


def _hasil(row: Row, check: Checker, found: list[Problem]) -> dict[str, Any]:
    tk, rk = cell.aspect_pair(row, "kuantitas", check, found, True)
    tq, rq = cell.aspect_pair(row, "kualitas", check, found, True)
    tw, rw = cell.aspect_pair(row, "waktu", check, found, True)
    tb, rb = cell.aspect_pair(row, "biaya", check, found, False)
    satuan = cell.text(row, "satuan", check, found)
    target = {"kuantitas": tk, "satuan": satuan, "kualitas": tq, "waktu": tw}
    real = {"kuantitas": rk, "kualitas": rq, "waktu": rw}
    if tb is not None:
        target["biaya"], real["biaya"] = tb, rb
    return {"rencana": cell.text(row, "rencana", check, found), "target": target, "realisasi": real}


def _pengembangan(row: Row, check: Checker, found: list[Problem]) -> dict[str, Any]:
    kegiatan = cell.text(row, "kegiatan", check, found)
    typed_as_text = cell.as_text(row, "jp", check, found)
    jp = None if typed_as_text else cell.number(row.values.get("jp"))
    if not typed_as_text and (not isinstance(jp, int) or jp < 1):
        found.append(
            check.problem(row, "jp", "IMPOR-JP", "JP harus bilangan bulat 1 atau lebih", "isi JP")
        )
    return {"kegiatan": kegiatan, "jp": jp}


def _attach(rows: list[Row], state: _State, part: str, build) -> None:
    """Each row of a detail sheet to its person's record (`part`)."""
    for row in rows:
        person = _owner(row, state)
        if person is None:
            continue
        found: list[Problem] = []
        person.record[part].append(build(row, state.check, found))
        found += cell.personal_data(row, person.names, state.check)
        person.problems += found
        state.problems += found


def render(record_id: str, record: dict[str, Any]) -> str:
    """The record file (the one layout every writer uses)."""
    return record_text({"id": record_id, **record})


def _no_results(person: Person, check: Checker) -> Problem:
    return check.problem(
        person.row,
        "nip",
        "IMPOR-TANPA-HASIL-KERJA",
        "pegawai ini tidak memiliki satu pun baris di lembar hasil_kerja",
        "tambahkan paling sedikit satu butir hasil kerja untuk pegawai ini",
    )


def _refused(person: Person, check: Checker, safety: list[Problem]) -> Problem:
    codes = sorted({p.code for p in safety})
    return check.problem(
        person.row,
        "nip",
        "IMPOR-TIDAK-VALID",
        "data pegawai ini ditolak pemeriksa (" + ", ".join(codes) + "); teks bebas tidak boleh "
        "memuat nama, NIP, NIK, tanggal lahir, alamat, e-mail atau nomor telepon",
        "periksa kolom rencana dan kegiatan pegawai ini di lembar lain",
    )


def _records(
    state: _State, key: str, schemas: Schemas, policy: Policy
) -> tuple[dict[str, str], int]:
    files: dict[str, str] = {}
    rejected = len(state.duplicates)
    for person_key, person in sorted(state.people.items(), key=lambda kv: kv[1].row.number):
        if person_key in state.duplicates:
            continue
        if not person.problems:
            person.problems += kind_problems(person, policy, state.check)
            state.problems += person.problems
        if not person.record["hasil_kerja"]:  # optional evidence under `rating`
            del person.record["hasil_kerja"]
        if person.problems:
            rejected += 1
            continue
        record_id = pseudonym(person.nip, key)
        text = render(record_id, person.record)
        rel = f"{person.periode}/{person.record['unit_kerja']}/{record_id}.yaml"
        safety = check_document(read(rel, text.encode("utf-8")), "pegawai", schemas)
        if safety:  # the validator's guard, as a last line behind the cell checks
            rejected += 1
            state.problems.append(_refused(person, state.check, safety))
            continue
        files[rel] = text
    return files, rejected


def convert(
    sheets: dict[str, list[Row]], policy: Policy, key: str, source_name: str, schemas: Schemas
) -> ImportResult:
    """Pure: rows to record texts, or problems per person."""
    skala = schemas["pegawai"]["$defs"]["skala"]
    years = schemas["pegawai"]["properties"]["periode"]
    state = _State(
        Checker(
            source_name,
            (skala["minimum"], skala["maximum"]),
            (years["minimum"], years["maximum"]),
        )
    )
    columns = _columns(policy)
    _require_columns(sheets, columns[0], source_name)
    _read_people(sheets["pegawai"], policy, state, columns)
    _attach(sheets["hasil_kerja"], state, "hasil_kerja", _hasil)
    _attach(sheets["pengembangan"], state, "pengembangan_kompetensi", _pengembangan)
    files, _ = _records(state, key, schemas, policy)
    rejected = len(sheets["pegawai"]) - len(files)  # every pegawai row not written
    problems = sorted(
        set(state.problems), key=lambda p: (SHEETS.index(p.path.split("#")[1]), p.line, p.col)
    )
    return ImportResult(files=files, problems=problems, rejected=rejected, accepted=len(files))
