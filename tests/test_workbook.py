"""The import template for a non-programmer: generated from schemas and data,
drop-down lists and number checks, Petunjuk and Kode sheets; filled with
openpyxl and imported back; wrong type or case refused with a fix."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import ROOT, run_kinerja
from kinerja.adapters import cli, loader, pipeline
from kinerja.adapters.importer import template_columns
from kinerja.adapters.workbook import build

SHIPPED = ROOT / "content/extra/templat-impor-kinerja.xlsx"
NIP = "198001012005011001"


@pytest.fixture(scope="module")
def policy():
    return pipeline.build(ROOT / "data", records=[]).policy


@pytest.fixture(scope="module")
def schema():
    return loader.load_schemas(ROOT / "data")["pegawai"]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("pegawai"))
    return target


@pytest.fixture(scope="module")
def written_template(tmp_path_factory) -> Path:
    """`kinerja import --buat-templat`, once for the tests below."""
    path = tmp_path_factory.mktemp("templat") / "templat.xlsx"
    done = run_kinerja("import", str(path), "--buat-templat", "--data", str(ROOT / "data"))
    assert done.returncode == 0 and "Templat ditulis" in done.stdout, done.stderr
    return path


@pytest.fixture
def template(written_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the written template, for one test to fill."""
    return Path(shutil.copy(written_template, tmp_path / "templat.xlsx"))


def test_shipped_copy_is_what_the_generator_writes(policy, schema):
    fresh = build(policy, schema, template_columns(policy))
    assert SHIPPED.read_bytes() == fresh, (
        "content/extra/templat-impor-kinerja.xlsx is stale: run "
        "`kinerja import content/extra/templat-impor-kinerja.xlsx --buat-templat`"
    )


def test_generator_is_reproducible(policy, schema):
    headers = template_columns(policy)
    assert build(policy, schema, headers) == build(policy, schema, headers)


def validations(ws) -> dict[str, object]:
    """Column letter -> the data validation over its data rows."""
    out = {}
    for rule in ws.data_validations.dataValidation:
        ref = str(rule.sqref)
        if ":" in ref:
            out[ref.split(":")[0].rstrip("0123456789")] = rule
    return out


def test_every_coded_column_has_a_list_and_every_number_column_bounds(template, schema, policy):
    book = load_workbook(template)
    assert book.sheetnames == ["Petunjuk", "pegawai", "hasil_kerja", "pengembangan", "Kode"]
    ws = book["pegawai"]
    header = [c.value for c in ws[1]]
    rules = validations(ws)
    letter = {name: ws.cell(row=1, column=i + 1).column_letter for i, name in enumerate(header)}
    coded = [c for c in header if "enum" in schema["properties"].get(c, {})] + ["unit_kerja"]
    assert {"jenis_jabatan", "status", "jenis_kelamin", "unit_kerja"} <= set(coded)
    for name in coded:
        rule = rules[letter[name]]
        assert rule.type == "list" and rule.formula1 == f"daftar_{name}", name
        assert f"daftar_{name}" in book.defined_names
    if "rating" in schema["properties"]:
        for name in [h for h in header if h.startswith("rating_") or h == "kepala_unit"]:
            assert rules[letter[name]].type == "list", name
    periode = rules[letter["periode"]]
    assert (periode.type, periode.formula1, periode.formula2) == ("whole", "2000", "2100")
    skala = schema["$defs"]["skala"]
    loyal = rules[letter["loyal"]]
    assert (loyal.type, loyal.formula1, loyal.formula2) == (
        "whole",
        str(skala["minimum"]),
        str(skala["maximum"]),
    )
    header_prompts = [r for r in ws.data_validations.dataValidation if ":" not in str(r.sqref)]
    assert len(header_prompts) == len(header)
    assert all(r.prompt and r.showInputMessage for r in header_prompts)
    kualitas = validations(book["hasil_kerja"])["F"]
    assert kualitas.type == "custom" and "<=100" in kualitas.formula1
    units = [c.value for c in book["Kode"]["A"][1:] if c.value]
    assert units == [f"{u.kode} — {u.nama}" for u in policy.units]
    guide = " ".join(str(c.value) for c in book["Petunjuk"]["A"] if c.value)
    assert "kinerja import" in guide and "--buat-templat" in guide and "Kode" in guide


def fill(path: Path, pegawai: list, hasil: list | None = None, pengembangan=None) -> None:
    book = load_workbook(path)
    ws = book["pegawai"]
    header = [c.value for c in ws[1]]
    for row, values in enumerate(pegawai, start=2):
        for name, value in values.items():
            ws.cell(row=row, column=header.index(name) + 1, value=value)
    for sheet, rows in (("hasil_kerja", hasil), ("pengembangan", pengembangan)):
        for row, values in enumerate(rows or [], start=2):
            for col, value in enumerate(values, start=1):
                book[sheet].cell(row=row, column=col, value=value)
    book.save(path)


def person(nip: str = NIP, **changes) -> dict:
    values = {
        "nip": nip,
        "nama": "Siti Aminah",
        "periode": 2025,
        "unit_kerja": "disdikbud — Dinas Pendidikan dan Kebudayaan",
        "jenis_jabatan": "fungsional",
        "status": "pns",
        "jenis_kelamin": "p",
        "rating_hasil_kerja": "sesuai_ekspektasi",  # 2025 is under a `rating` methodology
        "rating_perilaku_kerja": "sesuai_ekspektasi",
        **dict.fromkeys(
            [
                "berorientasi_pelayanan",
                "akuntabel",
                "kompeten",
                "harmonis",
                "loyal",
                "adaptif",
                "kolaboratif",
            ],
            4,
        ),
    }
    values.update(changes)
    return values


def hasil(nip: str = NIP) -> list:
    return [nip, 2025, "Laporan layanan", "dokumen", 4, 100, 12, None, 4, 95, 10, None]


def run_import(capsys, path: Path, data_dir: Path, monkeypatch) -> tuple[int, str]:
    monkeypatch.setenv("KINERJA_KUNCI_PSEUDONIM", "kunci-uji-yang-cukup-panjang-untuk-hmac-0001")
    status = cli.main(["import", str(path), "--data", str(data_dir)])
    out = capsys.readouterr()
    return status, out.out + out.err


def test_filled_template_imports_and_lists_each_file(template, data_dir, capsys, monkeypatch):
    fill(template, [person()], [hasil()], [[NIP, 2025, "Pelatihan pelayanan prima", 24]])
    status, text = run_import(capsys, template, data_dir, monkeypatch)
    assert status == 0, text
    written = list((data_dir / "pegawai").rglob("*.yaml"))
    assert len(written) == 1 and written[0].parent.name == "disdikbud"
    assert f"ditulis  {loader.shown_path(written[0])}" in text
    assert "Semua 1 pegawai diimpor (1 berkas berubah: 1 baru, 0 diubah, 0 dihapus" in text
    assert NIP not in text and "Siti" not in text
    fill(template, [person(jenis_jabatan="pelaksana")])
    status, text = run_import(capsys, template, data_dir, monkeypatch)
    assert f"diubah   {loader.shown_path(written[0])}" in text
    fill(template, [person(unit_kerja="dinkes")])
    status, text = run_import(capsys, template, data_dir, monkeypatch)
    assert f"dihapus  {loader.shown_path(written[0])}" in text and "ditulis" in text


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("jenis_jabatan", "Fungsional", "ketik fungsional"),
        ("status", "PNS", "ketik pns"),
        ("jenis_kelamin", "P", "ketik p"),
        ("periode", "2025", "ketik ulang 2025 sebagai angka"),
        ("loyal", "4", "ketik ulang 4 sebagai angka"),
        ("unit_kerja", "dinas pendidikan", "lembar Kode"),
    ],
)
def test_wrong_type_or_case_is_refused_with_a_fix(
    template, data_dir, capsys, monkeypatch, column, value, expected
):
    fill(template, [person(**{column: value})], [hasil()])
    status, text = run_import(capsys, template, data_dir, monkeypatch)
    assert status == 1
    header = [c.value for c in load_workbook(template)["pegawai"][1]]
    where = f"{loader.shown_path(template)}#pegawai:2:{header.index(column) + 1}:"
    (line,) = [ln for ln in text.splitlines() if ln.startswith(where)]
    assert f"kolom {column}" in line and expected in line, line
    assert not list((data_dir / "pegawai").rglob("*.yaml"))
    assert "Tidak ada catatan yang diimpor: semua 1 pegawai ditolak" in text


def test_everyone_rejected_is_said_so(template, data_dir, capsys, monkeypatch):
    fill(template, [person(status="PNS"), person("198502022010012002", periode="2025")])
    status, text = run_import(capsys, template, data_dir, monkeypatch)
    assert status == 1
    assert "semua 2 pegawai ditolak" in text and "0 pegawai ditolak" not in text


def test_some_rejected_counts_both(template, data_dir, capsys, monkeypatch):
    other = "198502022010012002"
    fill(template, [person(), person(other, status="PNS")], [hasil(), hasil(other)])
    status, text = run_import(capsys, template, data_dir, monkeypatch)
    assert status == 1
    assert "1 dari 2 pegawai diimpor" in text and "1 pegawai ditolak" in text


def test_guide_names_the_command_and_the_template():
    guide = (ROOT / "content/pages/panduan-kontributor.md").read_text(encoding="utf-8")
    assert "kinerja import templat-impor-kinerja.xlsx --buat-templat" in guide
    assert "content/extra/templat-impor-kinerja.xlsx" in guide


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_libreoffice_opens_the_template(tmp_path: Path):
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(SHIPPED)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "templat-impor-kinerja.ods").stat().st_size > 0


def test_rating_and_kepala_unit_columns_get_lists_from_the_schema(policy, schema):
    """When the schema gains `rating` and `kepala_unit` (methodology kind `rating`),
    their template columns get drop-down lists without a code change."""
    import copy

    from kinerja.site.workbook import column

    grown = copy.deepcopy(schema)
    ratings = ["di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"]
    grown["properties"]["rating"] = {
        "type": "object",
        "required": ["hasil_kerja", "perilaku_kerja"],
        "properties": {"hasil_kerja": {"enum": ratings}, "perilaku_kerja": {"enum": ratings}},
    }
    grown["properties"]["kepala_unit"] = {"type": "boolean"}
    hasil = column("rating_hasil_kerja", grown, policy)
    assert [c for c, _ in hasil.choices] == ratings and "Wajib" in hasil.prompt
    assert [c for c, _ in column("kepala_unit", grown, policy).choices] == ["ya", "tidak"]


def test_a_refused_person_row_explains_their_other_rows(template, data_dir, capsys, monkeypatch):
    fill(template, [person(periode="2025")], [hasil()])
    status, text = run_import(capsys, template, data_dir, monkeypatch)
    assert status == 1
    (line,) = [ln for ln in text.splitlines() if "#hasil_kerja:2:" in ln]
    assert "IMPOR-PEGAWAI-DITOLAK" in line and "lembar pegawai baris 2" in line
    assert "tidak ada baris pegawai" not in text
