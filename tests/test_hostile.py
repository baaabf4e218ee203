"""Hostile input (issue 13): every one ends in a located problem and exit 1,
within seconds and bounded memory, for validate, score, import and the
Pelican build. Run in this process through `kinerja.adapters.cli.main`."""

from __future__ import annotations

import os
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from conftest import VALID_RECORD
from kinerja.adapters.cli import main

LOCATED = re.compile(
    r"^(?P<path>\S[^\n]*?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z0-9-]+) .+ — .+$"
)
RECORD = "2025/disdikbud/ASN-7F3A9C2B1D.yaml"
KEY = "kunci-uji-yang-cukup-panjang-untuk-hmac-0001"


def located(text: str) -> list[re.Match]:
    return [m for m in map(LOCATED.match, text.splitlines()) if m]


def run(capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))  # speed is the benchmarks' business, never a timed assertion
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def validate(capsys, data: Path) -> tuple[int, str]:
    return run(capsys, "validate", "--data", str(data), "--tanpa-cache")


def assert_refused(code: int, text: str, expected: str, line: int | None = None) -> None:
    assert code == 1, text
    found = [m for m in located(text) if m["code"] == expected]
    assert found, text[-2000:]
    if line is not None:
        assert int(found[0]["line"]) == line, found[0].group(0)


def nested(depth: int, flow: bool) -> str:
    if flow:
        return "[" * depth + "]" * depth
    return "\n      " + "- " * depth + "x"  # block sequences of sequences on one line


RECORD_CASES = {
    "inf": (("biaya: 50000000", "biaya: .inf"), "YAML-ANGKA", 0),
    "nan": (("kualitas: 95", "kualitas: .nan"), "YAML-ANGKA", 0),
    "overflow": (("biaya: 45000000", "biaya: 1.0e+309"), "YAML-ANGKA", 0),
    "digits-5000": (("jp: 24", "jp: " + "9" * 5000), "YAML-NILAI", 0),
    "biaya-400-digits": (("biaya: 50000000", "biaya: 1" + "0" * 400), "BATAS-ANGKA", 0),
    "biaya-over-maximum": (("biaya: 50000000", "biaya: 10000000000000"), "SKEMA-RENTANG", 0),
    "hex": (("periode: 2025", "periode: 0x7E9"), "YAML-ANGKA", 0),
    "sexagesimal": (("periode: 2025", "periode: 33:45"), "YAML-ANGKA", 0),
    "octal": (("periode: 2025", "periode: 0o17"), "YAML-ANGKA", 0),
    "leading-zero": (("periode: 2025", "periode: 017"), "YAML-ANGKA", 0),
    "underscore": (("periode: 2025", "periode: 2_025"), "YAML-ANGKA", 0),
    "yes": (("status: pns", "status: yes"), "YAML-BOOLEAN", 0),
    "off": (("loyal: 5", "loyal: off"), "YAML-BOOLEAN", 0),
    "merge-key": (("  akuntabel: 4", "  <<: {akuntabel: 4}"), "YAML-GABUNG", 0),
    "explicit-tag": (("periode: 2025", 'periode: !!int "2025"'), "YAML-TAG", 0),
    "trailing-newline": (
        ("unit_kerja: disdikbud", 'unit_kerja: "disdikbud\\n"'),
        "SKEMA-FORMAT",
        0,
    ),
    "bell": (("jp: 24", 'jp: 24\n    ket: "a\\x07"'), "YAML-KARAKTER", 1),
    "bidi-override": (
        ("kegiatan: Pelatihan", 'kegiatan: "Pelatihan \\u202e"'),
        "YAML-KARAKTER",
        0,
    ),
    "long-rencana": (("rencana: Tersusunnya", "rencana: " + "x" * 600), "SKEMA-PANJANG", 0),
    "long-text": (("jp: 24", "jp: 24\n    catatan: " + "k" * 5000), "BATAS-TEKS", 1),
    "long-key": (("  loyal: 5", "  " + "k" * 5000 + ": 5"), "YAML-SINTAKS", 0),
    "deep-flow-3000": (("jp: 24", "jp: " + nested(3000, True)), "YAML-KEDALAMAN", 0),
    "deep-flow-10000": (("jp: 24", "jp: " + nested(10000, True)), "YAML-KEDALAMAN", 0),
    "deep-block-3000": (("    jp: 24", "    jp:" + nested(3000, False)), "YAML-KEDALAMAN", 1),
}


@pytest.mark.parametrize("case", RECORD_CASES.values(), ids=list(RECORD_CASES))
def test_hostile_record_is_located(capsys, write_record, policy_dir: Path, case) -> None:
    (old, new), code, offset = case
    assert old in VALID_RECORD
    at = VALID_RECORD[: VALID_RECORD.index(old)].count("\n") + 1
    line = None if offset is None else at + offset
    path = write_record(VALID_RECORD.replace(old, new, 1))
    assert_refused(*validate(capsys, policy_dir), code, line)
    assert_refused(*run(capsys, "score", str(path), "--data", str(policy_dir)), code, line)


def test_too_many_items_is_refused_by_the_schema(capsys, write_record, policy_dir) -> None:
    head, item, tail = re.split(r"(  - rencana:.*?\n(?:    .*\n)+)", VALID_RECORD, maxsplit=1)
    write_record(head + item * 60 + tail)
    assert_refused(*validate(capsys, policy_dir), "SKEMA-JUMLAH-BUTIR")


def test_hundred_thousand_items_stop_at_the_size_limit(capsys, write_record, policy_dir) -> None:
    item = "  - {rencana: a, target: {kuantitas: 1, satuan: b, kualitas: 1, waktu: 1}, "
    item += "realisasi: {kuantitas: 1, kualitas: 1, waktu: 1}}\n"
    write_record(VALID_RECORD.replace("hasil_kerja:\n", "hasil_kerja:\n" + item * 100_000))
    assert_refused(*validate(capsys, policy_dir), "BERKAS-TERLALU-BESAR", 1)


def test_fifty_megabyte_record_is_refused_unread(capsys, write_record, policy_dir) -> None:
    path = write_record(VALID_RECORD)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(("# " + "x" * 1022 + "\n") * 50 * 1024)
    assert path.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    code, text = validate(capsys, policy_dir)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert_refused(code, text, "BERKAS-TERLALU-BESAR", 1)
    assert peak < 20 * 1024 * 1024, peak  # the file is never read into memory


@pytest.mark.parametrize(
    ("where", "depth", "flow"),
    [("unit-kerja.yaml", 3000, True), ("unit-kerja.yaml", 10000, False)],
)
def test_deep_policy_file_is_located(capsys, policy_dir, where, depth, flow) -> None:
    path = policy_dir / where
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "catatan:" + (" " + nested(depth, True) if flow else nested(depth, False))
    )
    assert_refused(*validate(capsys, policy_dir), "YAML-KEDALAMAN")


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1.0e+309", "9" * 5000])
def test_hostile_number_in_methodology_is_located(capsys, policy_dir, value) -> None:
    path = policy_dir / "metodologi" / "2023.1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("konstanta_efisiensi: 1.76", f"konstanta_efisiensi: {value}"))
    line = text[: text.index("konstanta_efisiensi")].count("\n") + 1
    code, out = validate(capsys, policy_dir)
    assert code == 1
    assert any(int(m["line"]) == line and m["code"].startswith("YAML-") for m in located(out)), out


def test_symlinks_and_odd_files_are_refused_unread(capsys, write_record, policy_dir, tmp_path):
    outside = tmp_path / "luar"
    outside.mkdir()
    secret = outside / "rahasia.yaml"
    secret.write_text("id: RAHASIA-DI-LUAR-REPOSITORI\n", encoding="utf-8")
    write_record(VALID_RECORD)
    folder = policy_dir / "pegawai" / "2025" / "disdikbud"
    (folder / "ASN-0000000001.yaml").symlink_to(secret)
    (folder / "ASN-0000000002.yaml").symlink_to(tmp_path / "tidak-ada.yaml")  # dangling
    (policy_dir / "pegawai" / "2024").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "ASN-0000000003.yaml")  # would block a plain open()
    (policy_dir / "metodologi" / "2099.1.yaml").symlink_to(secret)
    code, text = validate(capsys, policy_dir)
    assert code == 1
    codes = [(Path(m["path"]).name, m["code"]) for m in located(text)]
    for name in ("ASN-0000000001.yaml", "ASN-0000000002.yaml", "2024", "2099.1.yaml"):
        assert (name, "BERKAS-TAUTAN") in codes, text
    assert ("ASN-0000000003.yaml", "BERKAS-BUKAN-BIASA") in codes, text
    assert "RAHASIA" not in text


def test_policy_file_as_symlink_is_refused(capsys, policy_dir, tmp_path) -> None:
    target = tmp_path / "unit.yaml"
    (policy_dir / "unit-kerja.yaml").rename(target)
    (policy_dir / "unit-kerja.yaml").symlink_to(target)
    code, text = validate(capsys, policy_dir)
    assert_refused(code, text, "BERKAS-TAUTAN", 1)


# --- kinerja import ----------------------------------------------------------


@pytest.fixture
def run_import(monkeypatch, capsys, policy_dir):
    def go(source: Path) -> tuple[int, str]:
        monkeypatch.setenv("KINERJA_KUNCI_PSEUDONIM", KEY)
        monkeypatch.chdir(policy_dir.parent)
        return run(capsys, "import", str(source), "--data", str(policy_dir))

    return go


def csv_folder(tmp_path: Path, pegawai: bytes) -> Path:
    folder = tmp_path / "impor"
    folder.mkdir()
    (folder / "pegawai.csv").write_bytes(pegawai)
    (folder / "hasil_kerja.csv").write_text("nip,periode,rencana\n", encoding="utf-8")
    (folder / "pengembangan.csv").write_text("nip,periode,kegiatan,jp\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("content", "expected", "line"),
    [
        (b"nip\n123456789012345678\n", "IMPOR-KOLOM", 1),
        (b"nip,periode\n1985\xff\xfe,2025\n", "IMPOR-ENKODE", 2),
        (b'nip,periode\n"' + b"x" * 200_000 + b'",2025\n', "IMPOR-CSV", None),
        (b"", "IMPOR-LEMBAR", 1),
    ],
    ids=["one-column", "not-utf8", "field-too-large", "empty"],
)
def test_bad_csv_is_located(run_import, tmp_path, content, expected, line) -> None:
    code, text = run_import(csv_folder(tmp_path, content))
    assert_refused(code, text, expected, line)
    assert not (tmp_path / "data" / "pegawai").exists() or not any(
        (tmp_path / "data" / "pegawai").rglob("*.yaml")
    )


def test_zip_bomb_workbook_is_refused_before_opening(run_import, tmp_path) -> None:
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        chunk = b"<row>" + b" " * (1024 * 1024 - 11) + b"</row>"
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(222):
                sheet.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    code, text = run_import(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert_refused(code, text, "IMPOR-XLSX-TERLALU-BESAR", 1)
    assert peak < 64 * 1024 * 1024, peak


def test_workbook_that_is_not_a_zip_is_located(run_import, tmp_path) -> None:
    fake = tmp_path / "palsu.xlsx"
    fake.write_bytes(b"nip,periode\n")
    assert_refused(*run_import(fake), "IMPOR-XLSX", 1)


# --- the Pelican build ---------------------------------------------------------


def test_pelican_build_stops_with_located_messages(write_record, policy_dir, tmp_path) -> None:
    from portal_build import pelican_build

    write_record(VALID_RECORD.replace("biaya: 50000000", "biaya: .inf"))
    deep = VALID_RECORD.replace("jp: 24", "jp: " + nested(10000, True))
    write_record(deep, "2025/disdikbud/ASN-0000000009.yaml")
    (policy_dir / "pegawai" / "2025" / "dinkes").mkdir()
    (policy_dir / "pegawai" / "2025" / "dinkes" / "ASN-000000000A.yaml").symlink_to("/etc/passwd")
    out = tmp_path / "output"
    done = pelican_build(out, data=policy_dir, cache=tmp_path / "cache")
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    codes = {m["code"] for m in located(done.stderr)}
    assert {"YAML-ANGKA", "YAML-KEDALAMAN", "BERKAS-TAUTAN"} <= codes, done.stderr[-3000:]
    assert "root:" not in done.stderr
    assert not out.exists()


def test_every_sample_record_takes_the_fast_path() -> None:
    """The careful reader is for files that need a message; a clean record read
    by it costs three times the parse (a loose depth guard once sent 44 % there)."""
    from kinerja.checks import yamlsource

    root = Path(__file__).resolve().parents[1] / "data" / "pegawai"
    slow = [
        p
        for p in sorted(root.rglob("*.yaml"))[::7]
        if yamlsource._fast(p.read_text(encoding="utf-8"), 8) is None
    ]
    assert slow == []
