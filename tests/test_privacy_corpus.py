"""A corpus of personal-data leaks as people type them: every one is caught
at its file and line, and none is ever printed (or cached) whole."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import VALID_RECORD
from kinerja.adapters.cli import main

KEY = "kunci-uji-yang-cukup-panjang-untuk-hmac-0001"
RECORD = "data/pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml"
NIP = "197712312005011003"


@dataclass(frozen=True)
class Leak:
    name: str
    where: str  # nilai | komentar | dotfile | berkas-lain | kebijakan | impor
    text: str  # the line (or cell) holding the leak
    code: str
    secret: str  # must never appear whole in any output


LEAKS = [
    Leak("nama-sdr", "nilai", "Laporan kegiatan Sdr. Budi Santoso", "PRIVASI-NAMA", "Budi Santoso"),
    Leak("nama-sdri", "komentar", "diperiksa Sdri. Rina Marlina", "PRIVASI-NAMA", "Rina Marlina"),
    Leak("nama-bapak", "dotfile", "catatan: Bapak Joko Widodo", "PRIVASI-NAMA", "Joko Widodo"),
    Leak("nama-ibu", "berkas-lain", "penilai: Ibu Sri Mulyani", "PRIVASI-NAMA", "Sri Mulyani"),
    Leak("nama-bpk", "kebijakan", "kontak Bpk. Ahmad Dahlan", "PRIVASI-NAMA", "Ahmad Dahlan"),
    Leak("gelar-spd", "komentar", "pegawai: Budi Santoso, S.Pd.", "PRIVASI-NAMA", "Budi Santoso"),
    Leak("gelar-se", "nilai", "Disusun oleh Wahyu Nugroho, S.E.", "PRIVASI-NAMA", "Wahyu Nugroho"),
    Leak("gelar-msi", "dotfile", "Dewi Lestari, M.Si. (penilai)", "PRIVASI-NAMA", "Dewi Lestari"),
    Leak("gelar-sh", "berkas-lain", "Hendra Gunawan, S.H.", "PRIVASI-NAMA", "Hendra Gunawan"),
    Leak(
        "gelar-skom", "nilai", "Aplikasi oleh Rudi Hartono, S.Kom.", "PRIVASI-NAMA", "Rudi Hartono"
    ),
    Leak("gelar-dr", "komentar", "rujukan dr. Andi Pratama", "PRIVASI-NAMA", "Andi Pratama"),
    Leak("nip-polos", "nilai", f"Laporan NIP {NIP}", "PRIVASI-NIP", NIP),
    Leak(
        "nip-spasi", "komentar", "1990 0202 2015 0320 02", "PRIVASI-NIP", "1990 0202 2015 0320 02"
    ),
    Leak("nip-garis-miring", "nilai", "Laporan 19771231/200501/1/003", "PRIVASI-NIP", "200501/1"),
    Leak("nip-titik", "dotfile", "nip 19771231.200501.1.003", "PRIVASI-NIP", "200501.1"),
    Leak("nip-strip", "kebijakan", "19771231-200501-1-003", "PRIVASI-NIP", "200501-1"),
    Leak(
        "nip-lebar-nol",
        "nilai",
        "Laporan 19771231\u200b200501\u200b1\u200b003",
        "PRIVASI-NIP",
        "200501\u200b1",
    ),
    Leak("nip-berkas-lain", "berkas-lain", f"NIP: {NIP}", "PRIVASI-NIP", NIP),
    Leak("nik-polos", "komentar", "NIK 3207014508900001", "PRIVASI-NIK", "3207014508900001"),
    Leak("nik-titik", "nilai", "Laporan 3207.0145.0890.0001", "PRIVASI-NIK", "0145.0890"),
    Leak("nik-spasi", "dotfile", "3207 0145 0890 0001", "PRIVASI-NIK", "0145 0890"),
    Leak(
        "lahir-kata",
        "komentar",
        "lahir di Kepahiang 12-05-1980",
        "PRIVASI-TANGGAL-LAHIR",
        "12-05-1980",
    ),
    Leak(
        "lahir-ttl",
        "berkas-lain",
        "TTL: Kepahiang, 12 Mei 1980",
        "PRIVASI-TANGGAL-LAHIR",
        "12 Mei 1980",
    ),
    Leak("lahir-angka", "nilai", "Laporan 07/11/1985", "PRIVASI-TANGGAL-LAHIR", "07/11/1985"),
    Leak("alamat-jl", "nilai", "Laporan ke Jl. Merdeka No. 5", "PRIVASI-ALAMAT", "Merdeka No. 5"),
    Leak(
        "alamat-jalan",
        "komentar",
        "rumah di Jalan Sudirman No. 10",
        "PRIVASI-ALAMAT",
        "Sudirman No. 10",
    ),
    Leak("alamat-rtrw", "dotfile", "Desa Tebat RT 03 RW 05", "PRIVASI-ALAMAT", "RT 03 RW 05"),
    Leak("telepon-62", "nilai", "Laporan (hub. +62 812-7345-6789)", "PRIVASI-TELEPON", "7345-6789"),
    Leak("telepon-08", "kebijakan", "hp 0812 7345 6789", "PRIVASI-TELEPON", "7345 6789"),
    Leak("telepon-rapat", "berkas-lain", "WA 081273456789", "PRIVASI-TELEPON", "081273456789"),
    Leak("email", "nilai", "Laporan ke budi.santoso@gmail.com", "PRIVASI-EMAIL", "budi.santoso@"),
    Leak("email-komentar", "komentar", "surel: rina@kepahiangkab.go.id", "PRIVASI-EMAIL", "rina@"),
    Leak(
        "impor-nama-sendiri",
        "impor",
        "Laporan kegiatan siti aminah",
        "IMPOR-PRIVASI-NAMA",
        "aminah",
    ),
    Leak("impor-nama-aksen", "impor", "Rekap SITÍ Amínah", "IMPOR-PRIVASI-NAMA", "Amínah"),
    Leak("impor-nip", "impor", "Laporan 1990 0202 2015 0320 02", "IMPOR-PRIVASI-NIP", "0202 2015"),
    Leak(
        "impor-lahir", "impor", "tgl lahir 12-05-1980", "IMPOR-PRIVASI-TANGGAL-LAHIR", "12-05-1980"
    ),
    Leak("impor-alamat", "impor", "Kirim ke Jl. Merdeka No. 5", "IMPOR-PRIVASI-ALAMAT", "Merdeka"),
    Leak("impor-email", "impor", "Laporan ke siti@example.org", "IMPOR-PRIVASI-EMAIL", "siti@"),
]


def place(leak: Leak, data: Path) -> tuple[str, int]:
    """Put the leak under data/; the shown path and line where it must be reported."""
    record = data / "pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(VALID_RECORD, encoding="utf-8")
    if leak.where == "nilai":
        old = "rencana: Tersusunnya rencana program pendidikan dasar"
        record.write_text(VALID_RECORD.replace(old, f"rencana: {leak.text}"), encoding="utf-8")
        return RECORD, VALID_RECORD[: VALID_RECORD.index(old)].count("\n") + 1
    if leak.where == "komentar":
        record.write_text(VALID_RECORD + f"# {leak.text}\n", encoding="utf-8")
        return RECORD, VALID_RECORD.count("\n") + 1
    if leak.where == "kebijakan":
        path = data / "unit-kerja.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"# {leak.text}\n", encoding="utf-8")
        return "data/unit-kerja.yaml", text.count("\n") + 1
    name = {"dotfile": ".catatan-hr", "berkas-lain": "pegawai/2025/catatan.txt"}[leak.where]
    (data / name).write_text(f"keterangan\n{leak.text}\n", encoding="utf-8")
    return f"data/{name}", 2


def outputs(capsys) -> str:
    """validate in every format; everything printed."""
    printed = []
    for fmt in ("text", "github", "json"):
        assert main(["validate", "--data", "data", "--format", fmt]) == 1
        out, err = capsys.readouterr()
        printed.append(out + err)
    return "\n".join(printed)


def run_import(leak: Leak, tmp: Path, capsys) -> tuple[str, str, int, int]:
    from test_import import BEHAVIOUR, HASIL, PEGAWAI, PENGEMBANGAN

    source = tmp / "impor"
    source.mkdir()
    nip = "198001012005011001"
    rows = {
        "pegawai": [
            PEGAWAI,
            [nip, "Siti Aminah", 2025, "disdikbud", "fungsional", "pns", "p"]
            + [4] * len(BEHAVIOUR)
            + [""] * (len(PEGAWAI) - 7 - len(BEHAVIOUR)),
        ],
        "hasil_kerja": [HASIL, [nip, 2025, leak.text, "dokumen", 4, 100, 12, "", 4, 95, 10, ""]],
        "pengembangan": [PENGEMBANGAN, [nip, 2025, "Pelatihan pelayanan prima", 24]],
    }
    for sheet, lines in rows.items():
        with (source / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(lines)
    code = main(["import", "impor", "--data", "data"])
    out, err = capsys.readouterr()
    return out + err, "impor#hasil_kerja", 2, code


@pytest.mark.parametrize("leak", LEAKS, ids=[leak.name for leak in LEAKS])
def test_leak_is_caught_where_it_is_and_never_echoed(
    leak: Leak, policy_dir: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(policy_dir.parent)
    monkeypatch.setenv("KINERJA_KUNCI_PSEUDONIM", KEY)
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", KEY)
    if leak.where == "impor":
        printed, path, line, code = run_import(leak, policy_dir.parent, capsys)
        assert code == 1
        assert not list((policy_dir / "pegawai").rglob("*.yaml"))  # nothing written
    else:
        path, line = place(leak, policy_dir)
        printed = outputs(capsys)
        cached = b"".join(p.read_bytes() for p in (policy_dir.parent / ".kinerja-cache").glob("*"))
        assert leak.secret.encode() not in cached
    assert f"{path}:{line}:" in printed and f": {leak.code} " in printed, printed
    hits = [x for x in printed.splitlines() if x.startswith(f"{path}:{line}:")]
    assert any(f" {leak.code} " in x for x in hits), hits
    assert leak.secret not in printed
    assert leak.secret.replace("\u200b", "") not in printed


def test_corpus_has_thirty_leaks_of_every_form_and_place() -> None:
    assert len(LEAKS) >= 30
    assert {leak.where for leak in LEAKS} == {
        "nilai",
        "komentar",
        "dotfile",
        "berkas-lain",
        "kebijakan",
        "impor",
    }
    kinds = {leak.code.removeprefix("IMPOR-") for leak in LEAKS}
    assert kinds == {
        "PRIVASI-NAMA",
        "PRIVASI-NIP",
        "PRIVASI-NIK",
        "PRIVASI-TANGGAL-LAHIR",
        "PRIVASI-ALAMAT",
        "PRIVASI-TELEPON",
        "PRIVASI-EMAIL",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Pemeriksaan ibu hamil dan menyusui",
        "Pembangunan Ibu Kota Negara",
        "Rapat dengan Bapak Bupati",
        "Laporan berjalan sesuai jalan cerita program",
        "Dokumen 12 rencana, 4 laporan",
        "PP 17/2020 dan UU 27/2022",
        "Anggaran 50.000.000 rupiah",
        "Peningkatan Jalan Lingkar Kepahiang",
        "Pemeliharaan Jalan Kabupaten 12 ruas",
        "Upacara Hari Lahir Pancasila 1 Juni 2024",
        "Posyandu Ibu Balita",
        "Program Bapak Asuh Anak Stunting",
        "Rapat koordinasi 12-05-2024",
    ],
)
def test_ordinary_work_text_is_not_a_leak(text: str, write_record, policy_dir, capsys, monkeypatch):
    monkeypatch.chdir(policy_dir.parent)
    write_record(VALID_RECORD.replace("Tersusunnya rencana program pendidikan dasar", text))
    assert main(["validate", "--data", "data", "--tanpa-cache"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("old", "new", "secret"),
    [
        ("id: ASN-7F3A9C2B1D", f"id: {NIP}", NIP),  # SKEMA-TIPE quotes the value
        ("status: pns", "status: pns 0812-7345-6789", "7345-6789"),  # SKEMA-PILIHAN
        ("kualitas: 95", "kualitas: 3207014508900001", "3207014508900001"),  # SKEMA-RENTANG
        ("loyal: 5", "loyal: 5\nbudi.santoso@gmail.com: 1", "budi.santoso@"),  # unknown key
    ],
)
def test_messages_quoting_a_value_mask_it(
    old: str, new: str, secret: str, write_record, policy_dir: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(policy_dir.parent)
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", KEY)
    assert old in VALID_RECORD
    write_record(VALID_RECORD.replace(old, new))
    printed = outputs(capsys)
    assert "PRIVASI-" in printed
    assert secret not in printed
    cached = b"".join(p.read_bytes() for p in (policy_dir.parent / ".kinerja-cache").glob("*"))
    assert secret.encode() not in cached


@pytest.mark.parametrize(
    "name",
    [
        ".catatan-hr",  # a dotfile beside the policy files
        ".arsip/lama/catatan.txt",  # inside a hidden folder, below another
        "indikator/.catatan",  # beside the indicators
        "pegawai/README.md",  # skipped by the loader as documentation
        "pegawai/2025/.catatan",  # a dotfile among the records
        "pegawai/2025/disdikbud/catatan.yml",  # a misnamed record
        "pegawai/.arsip/2024/ASN-0A1B2C3D4E.yaml",  # records in a hidden folder
        "pegawai/2025/disdikbud/.lama/ASN-0A1B2C3D4E.yaml",  # a hidden folder among records
    ],
)
def test_every_file_the_loader_passes_over_is_swept(
    name: str, policy_dir: Path, capsys, monkeypatch
) -> None:
    """The privacy sweep reads what the record walk passed over, wherever it sits."""
    monkeypatch.chdir(policy_dir.parent)
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", KEY)
    record = policy_dir / "pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(VALID_RECORD, encoding="utf-8")
    path = policy_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"keterangan\nNIP: {NIP}\n", encoding="utf-8")
    assert main(["validate", "--data", "data"]) == 1  # one format: all three are tested above
    printed = "".join(capsys.readouterr())
    assert f"data/{name}:2:" in printed and " PRIVASI-NIP " in printed, printed
    assert NIP not in printed
