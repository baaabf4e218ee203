"""`kinerja import`: workbooks and CSV folders with NIPs, names and bad rows."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from conftest import ROOT
from kinerja.adapters.cli import main
from kinerja.adapters.importer import pseudonym
from kinerja.core.pseudonym import fingerprint

BEHAVIOUR = [
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
]
GENERAL = [
    "integritas",
    "kerjasama",
    "komunikasi",
    "orientasi_pada_hasil",
    "pelayanan_publik",
    "pengembangan_diri_dan_orang_lain",
    "mengelola_perubahan",
    "pengambilan_keputusan",
    "perekat_bangsa",
]
PEGAWAI = [
    "nip",
    "nama",
    "periode",
    "unit_kerja",
    "jenis_jabatan",
    "status",
    "jenis_kelamin",
    *BEHAVIOUR,
    *GENERAL,
    "perencanaan_program_pendidikan",
    "rating_hasil_kerja",  # 2025 is under a `rating` methodology
    "rating_perilaku_kerja",
    "kepala_unit",
]
GIVEN = ["sesuai_ekspektasi", "di_atas_ekspektasi", None]
HASIL = [
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
]
PENGEMBANGAN = ["nip", "periode", "kegiatan", "jp"]

GOOD = [
    (
        "198001012005011001",
        "Siti Aminah",
        "disdikbud",
        "fungsional",
        "pns",
        "p",
        [4] * 7,
        [3] * 9 + [2],
    ),
    (
        "198502022010012002",
        "Budi Santoso",
        "dinkes",
        "pelaksana",
        "pppk",
        "l",
        [4, 4, 3, 4, 5, 3, 4],
        None,
    ),
    (
        "199003032015031003",
        "Rahmat Hidayat",
        "setda",
        "pengawas",
        "pns",
        "",
        [5] * 7,
        [2] * 9 + [None],
    ),
]
BAD_UNIT = (
    "197701012000011004",
    "Dewi Lestari",
    "dinas_x",
    "fungsional",
    "pns",
    "p",
    [4] * 7,
    None,
)
BAD_BIAYA = ("197801012000011005", "Agus Salim", "rsud", "fungsional", "pns", "l", [4] * 7, None)
BAD_PHONE = ("197901012000011006", "Yuni Kartika", "bkeuda", "pelaksana", "pns", "p", [4] * 7, None)
BAD_SCALE = (
    "198101012000011007",
    "Hendra Wijaya",
    "dlh",
    "pelaksana",
    "pns",
    "l",
    [4, 4, 4, 9, 4, 4, 4],
    None,
)
PEOPLE = [*GOOD, BAD_UNIT, BAD_BIAYA, BAD_PHONE, BAD_SCALE]
NAMES = [p[1] for p in PEOPLE]
NIPS = [p[0] for p in PEOPLE]


def sheets() -> dict[str, list[list]]:
    pegawai = [PEGAWAI]
    hasil = [HASIL]
    pengembangan = [PENGEMBANGAN]
    for nip, nama, unit, jabatan, status, jk, behaviour, komp in PEOPLE:
        comp = komp if komp else [None] * 10
        pegawai.append([nip, nama, 2025, unit, jabatan, status, jk, *behaviour, *comp, *GIVEN])
        rencana = "Laporan layanan" if nip != BAD_PHONE[0] else "Laporan (hubungi 0812-7345-6789)"
        biaya_r = "45.000.000" if nip != BAD_BIAYA[0] else None
        hasil.append([nip, 2025, rencana, "dokumen", 4, 100, 12, "50.000.000", 4, 95, 10, biaya_r])
        hasil.append([nip, 2025, "Rencana kedua", "kegiatan", 2, 100, 12, None, 2, 90, 12, None])
        pengembangan.append([nip, 2025, "Pelatihan pelayanan prima", 24])
    return {"pegawai": pegawai, "hasil_kerja": hasil, "pengembangan": pengembangan}


def write_xlsx(path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets().items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def write_csv(folder: Path) -> Path:
    folder.mkdir()
    for name, rows in sheets().items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([["" if v is None else v for v in row] for row in rows])
    return folder


KEY = "kunci-uji-yang-cukup-panjang-untuk-hmac-0001"
OTHER_KEY = "kunci-lain-yang-cukup-panjang-untuk-hmac-0002"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_import(monkeypatch, capsys):
    """`kinerja import SOURCE --data DATA` in this process, run from DATA's parent."""

    def run(source: Path, data: Path, key: str | None = KEY) -> Done:
        monkeypatch.delenv("KINERJA_KUNCI_PSEUDONIM", raising=False)
        if key is not None:
            monkeypatch.setenv("KINERJA_KUNCI_PSEUDONIM", key)
        monkeypatch.chdir(data.parent)
        capsys.readouterr()
        code = main(["import", str(source), "--data", str(data)])
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run


def tree(data: Path) -> dict[str, str]:
    return {
        str(p.relative_to(data)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((data / "pegawai").rglob("*"))
        if p.is_file()
    }


@pytest.fixture(params=["xlsx", "csv"])
def source(request, tmp_path: Path) -> Path:
    if request.param == "xlsx":
        return write_xlsx(tmp_path / "impor.xlsx")
    return write_csv(tmp_path / "impor")


def test_import_writes_the_good_and_reports_the_bad(
    source: Path, policy_dir: Path, run_import
) -> None:
    done = run_import(source, policy_dir)
    assert done.returncode == 1, done.stderr
    written = tree(policy_dir)
    assert len(written) == 3
    for nip, *_ in GOOD:
        rid = pseudonym(nip, KEY)
        assert any(path.endswith(f"/{rid}.yaml") for path in written)
    out = done.stdout
    assert "#pegawai:5:4: IMPOR-PILIHAN kolom unit_kerja" in out  # BAD_UNIT, row 5
    assert "#pegawai:8:11: IMPOR-SKALA kolom harmonis" in out  # BAD_SCALE
    assert "#hasil_kerja:" in out and "IMPOR-BIAYA-TIDAK-BERPASANGAN" in out
    assert "#hasil_kerja:12:3: IMPOR-PRIVASI-TELEPON kolom rencana: telepon 0812…89" in out
    assert "3 dari 7 pegawai diimpor" in out and "4 pegawai ditolak" in out
    # nothing personal in what was printed or written
    printed = done.stdout + done.stderr
    for secret in NIPS + NAMES + ["0812-7345-6789"]:
        assert secret not in printed
        for path in (policy_dir / "pegawai").rglob("*.yaml"):
            assert secret not in path.read_text(encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "kinerja", "validate", "--data", str(policy_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.returncode == 0, check.stdout


def test_reimport_changes_no_byte(source: Path, policy_dir: Path, run_import) -> None:
    run_import(source, policy_dir)
    first = tree(policy_dir)
    mtimes = {p: p.stat().st_mtime_ns for p in (policy_dir / "pegawai").rglob("*.yaml")}
    done = run_import(source, policy_dir)
    assert "(0 berkas berubah:" in done.stdout
    assert tree(policy_dir) == first
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_a_different_key_is_refused_before_anything_is_written(
    source: Path, policy_dir: Path, run_import
) -> None:
    first = run_import(source, policy_dir, key=KEY)
    assert "sidik kunci pseudonim dicatat" in first.stdout
    declared = yaml.safe_load((policy_dir / "sumber-data.yaml").read_text(encoding="utf-8"))
    assert declared["sidik_kunci"] == fingerprint(KEY) and KEY not in str(declared)
    assert declared["jenis"] == "nyata"
    before = tree(policy_dir)
    source_file = (policy_dir / "sumber-data.yaml").read_bytes()
    for other in (OTHER_KEY, KEY + " ", " " + KEY, KEY + "\n"):
        done = run_import(source, policy_dir, key=other)
        assert done.returncode == 2, other
        assert "Tidak ada berkas yang ditulis" in done.stderr
        assert tree(policy_dir) == before
        assert (policy_dir / "sumber-data.yaml").read_bytes() == source_file
    again = run_import(source, policy_dir, key=KEY)
    assert again.returncode == 1 and "(0 berkas berubah:" in again.stdout


def test_before_any_fingerprint_a_key_giving_everyone_new_ids_is_refused(
    source: Path, policy_dir: Path, run_import
) -> None:
    """A records repository from before fingerprints: the ids themselves tell."""
    run_import(source, policy_dir, key=KEY)
    path = policy_dir / "sumber-data.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith("sidik_kunci:")), "utf-8")
    before = tree(policy_dir)
    done = run_import(source, policy_dir, key=OTHER_KEY)
    assert done.returncode == 2 and "dihitung dua kali" in done.stderr
    assert tree(policy_dir) == before
    assert "sidik_kunci:" not in path.read_text(encoding="utf-8")
    again = run_import(source, policy_dir, key=KEY)  # the old key: ids match, fingerprint kept
    assert again.returncode == 1 and f"sidik_kunci: {fingerprint(KEY)}" in path.read_text()


@pytest.mark.parametrize("key", ["a", "kunci-satu", "x" * 31])
def test_short_key_is_refused_with_how_to_make_one(
    key: str, source: Path, policy_dir: Path, run_import
) -> None:
    done = run_import(source, policy_dir, key=key)
    assert done.returncode == 2
    assert "secrets.token_urlsafe(32)" in done.stderr
    assert tree(policy_dir) == {}
    assert "sidik_kunci" not in (policy_dir / "sumber-data.yaml").read_text(encoding="utf-8")


def test_refused_without_a_key(source: Path, policy_dir: Path, run_import) -> None:
    done = run_import(source, policy_dir, key=None)
    assert done.returncode == 2
    assert "KINERJA_KUNCI_PSEUDONIM" in done.stderr
    assert tree(policy_dir) == {}


def test_nip_typed_as_a_number_is_refused(tmp_path: Path, policy_dir: Path, run_import) -> None:
    book = Workbook()
    book.remove(book.active)
    rows = sheets()
    rows["pegawai"] = rows["pegawai"][:2]
    rows["pegawai"][1] = [198001012005011001, *rows["pegawai"][1][1:]]
    for name, data in rows.items():
        ws = book.create_sheet(name)
        for row in data:
            ws.append(row)
    book.save(tmp_path / "angka.xlsx")
    done = run_import(tmp_path / "angka.xlsx", policy_dir)
    assert done.returncode == 1
    assert "IMPOR-NIP-ANGKA" in done.stdout
    assert "198001012005011001" not in done.stdout


def test_person_moving_unit_leaves_one_file(
    source: Path, policy_dir: Path, tmp_path: Path, run_import
) -> None:
    run_import(source, policy_dir)
    rid = pseudonym(GOOD[0][0], KEY)
    moved = tmp_path / "pindah"
    rows = sheets()
    rows["pegawai"][1][3] = "dinkes"
    moved.mkdir()
    for name, data in rows.items():
        with (moved / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([["" if v is None else v for v in row] for row in data])
    run_import(moved, policy_dir)
    found = list((policy_dir / "pegawai").rglob(f"{rid}.yaml"))
    assert [p.parent.name for p in found] == ["dinkes"]


def test_shipped_template_has_the_right_headers() -> None:
    from openpyxl import load_workbook

    from kinerja.adapters.importer import template_columns
    from kinerja.adapters.pipeline import build

    policy = build(ROOT / "data", records=[]).policy
    book = load_workbook(ROOT / "content/extra/templat-impor-kinerja.xlsx", read_only=True)
    for sheet, columns in template_columns(policy).items():
        header = next(book[sheet].iter_rows(values_only=True))
        assert list(header) == columns


# --- the rating columns (methodologies of jenis rating) ---

RATING = PEGAWAI.index("rating_hasil_kerja")
HEAD = PEGAWAI.index("kepala_unit")


def _book(tmp_path: Path, change) -> Path:
    """One good person (disdikbud, 2025, a `rating` year), changed, as a workbook."""
    rows = sheets()
    rows["pegawai"] = rows["pegawai"][:2]
    rows["hasil_kerja"] = rows["hasil_kerja"][:3]
    rows["pengembangan"] = rows["pengembangan"][:2]
    change(rows)
    book = Workbook()
    book.remove(book.active)
    for name, data in rows.items():
        ws = book.create_sheet(name)
        for row in data:
            ws.append(row)
    book.save(tmp_path / "impor.xlsx")
    return tmp_path / "impor.xlsx"


def test_given_ratings_and_the_head_mark_reach_the_record(tmp_path, policy_dir, run_import):
    def head(rows):
        rows["pegawai"][1][HEAD] = "ya"  # disdikbud 2025: predikat organisasi baik

    done = run_import(_book(tmp_path, head), policy_dir)
    assert done.returncode == 0, done.stdout
    rid = pseudonym(sheets()["pegawai"][1][0], KEY)
    (path,) = (policy_dir / "pegawai").rglob(f"{rid}.yaml")
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["rating"] == {
        "hasil_kerja": "sesuai_ekspektasi",
        "perilaku_kerja": "di_atas_ekspektasi",
    }
    assert record["kepala_unit"] is True


def test_a_head_whose_rating_contradicts_the_unit_is_refused_at_the_cell(
    tmp_path, policy_dir, run_import
):
    def head(rows):
        rows["pegawai"][1][HEAD] = "ya"
        rows["pegawai"][1][RATING] = "di_atas_ekspektasi"

    done = run_import(_book(tmp_path, head), policy_dir)
    assert done.returncode == 1
    assert f"#pegawai:2:{RATING + 1}: KEPALA-UNIT-RATING" in done.stdout
    assert "ubah menjadi sesuai_ekspektasi" in done.stdout


def test_rating_is_required_in_a_rating_year(tmp_path, policy_dir, run_import):
    def drop(rows):
        rows["pegawai"][1][RATING] = rows["pegawai"][1][RATING + 1] = None

    done = run_import(_book(tmp_path, drop), policy_dir)
    assert done.returncode == 1
    assert f"#pegawai:2:{RATING + 1}: RATING-WAJIB" in done.stdout


def test_numbers_are_optional_evidence_in_a_rating_year(tmp_path, policy_dir, run_import):
    def bare(rows):
        rows["hasil_kerja"] = rows["hasil_kerja"][:1]
        for i in range(PEGAWAI.index("berorientasi_pelayanan"), PEGAWAI.index("kolaboratif") + 1):
            rows["pegawai"][1][i] = None

    done = run_import(_book(tmp_path, bare), policy_dir)
    assert done.returncode == 0, done.stdout
    (path,) = (policy_dir / "pegawai").rglob("*.yaml")
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "hasil_kerja" not in record and "perilaku_kerja" not in record
