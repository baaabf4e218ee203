"""The `kinerja` command line: every subcommand, option, help text and example.

All text is Bahasa Indonesia (see kinerja.adapters.bahasa); a test reads
every ``--help`` for English words. A new subcommand is one function here
plus its handler in kinerja.adapters.cli.
"""

from __future__ import annotations

import argparse

from kinerja.adapters.bahasa import Parser
from kinerja.core.settings import environment_help

DATA_HELP = "folder data (bawaan: data/ di folder ini)"

DESKRIPSI = """\
Validasi, penilaian dan data Portal Transparansi Kinerja ASN.

Status keluar: 0 beres, 1 data bermasalah, 2 perintah tidak tepat."""

CONTOH = """\
contoh:
  kinerja validate                    periksa seluruh data/
  kinerja import templat.xlsx --buat-templat
  kinerja import isian.xlsx           impor buku kerja yang sudah diisi
  kinerja diff origin/main            dampak perubahan pada angka terbit
  kinerja PERINTAH --help             bantuan satu perintah"""


def _validate(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser(
        "validate",
        help="periksa seluruh data di folder data/",
        description="Periksa seluruh data: satu masalah per baris "
        "(BERKAS:BARIS:KOLOM: KODE pesan — saran), lalu satu baris ringkasan.",
        epilog="contoh:\n  kinerja validate\n  kinerja validate --format github"
        "\n  kinerja validate --data ../data-kabupaten --tanpa-cache",
    )
    v.add_argument("--data", metavar="FOLDER", help=DATA_HELP)
    v.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="bentuk keluaran: text (untuk dibaca), github (anotasi GitHub Actions) "
        "atau json (bawaan: text)",
    )
    v.add_argument(
        "--tanpa-cache", action="store_true", help="abaikan cache hasil pemeriksaan sebelumnya"
    )


# Deliberate twins (duplicates tool): each subcommand declares its options in the same
# argparse shape; a table of options would hide the help texts HR reads.
def _score(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "score",
        help="hitung nilai satu atau beberapa catatan pegawai",
        description="Hitung nilai catatan pegawai dengan metodologi periodenya.",
        epilog="contoh:\n  kinerja score data/pegawai/2025/disdikbud/ASN-001A5D7FB5.yaml --json"
        "\n  kinerja score BERKAS.yaml --explain",
    )
    s.add_argument("files", nargs="+", metavar="BERKAS", help="catatan pegawai (.yaml)")
    s.add_argument("--data", metavar="FOLDER", help=DATA_HELP)
    mode = s.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="keluaran JSON (satu objek per berkas)")
    mode.add_argument(
        "--explain", action="store_true", help="uraian perhitungan langkah demi langkah"
    )


def _synth(sub: argparse._SubParsersAction) -> None:
    y = sub.add_parser(
        "synth",
        help="buat populasi sintetis dalam tata letak data/pegawai",
        description="Buat catatan pegawai sintetis (bukan orang sungguhan) untuk contoh "
        "dan pengujian. Menolak menulis ke folder yang menyatakan data nyata.",
        epilog="contoh:\n  kinerja synth --pegawai 1700 --periode 2023-2025 --seed 2023 --out data",
    )
    y.add_argument("--pegawai", type=int, required=True, metavar="JUMLAH", help="jumlah pegawai")
    y.add_argument(
        "--periode", required=True, metavar="TAHUN[-TAHUN]", help="tahun atau rentang tahun"
    )
    y.add_argument(
        "--seed",
        type=int,
        default=2023,
        metavar="BILANGAN",
        help="benih acak; benih sama, data sama (bawaan: 2023)",
    )
    y.add_argument(
        "--data",
        metavar="FOLDER",
        help="folder data kebijakan: unit kerja, indikator (bawaan: data/)",
    )
    y.add_argument(
        "--out", required=True, metavar="FOLDER", help="folder tujuan (berkas ditulis ke pegawai/)"
    )


IMPORT_EPILOG = """\
kunci pseudonim:
  Impor memerlukan variabel lingkungan KINERJA_KUNCI_PSEUDONIM: kunci rahasia
  BKPSDM yang mengubah NIP menjadi ID pseudonim (ASN-…). Jangan simpan kunci di
  repositori. Membuat templat tidak memerlukan kunci.

contoh:
  kinerja import templat-impor-kinerja.xlsx --buat-templat
  KINERJA_KUNCI_PSEUDONIM=... kinerja import isian.xlsx         (Linux, macOS)
  set KINERJA_KUNCI_PSEUDONIM=...  lalu  kinerja import isian.xlsx   (Windows cmd)
  kinerja import folder-csv/     (berisi pegawai.csv, hasil_kerja.csv, pengembangan.csv)"""


def _import(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser(
        "import",
        help="impor buku kerja .xlsx atau folder CSV ke data/pegawai",
        description="Ubah lembar kerja BKPSDM menjadi catatan data/pegawai/<periode>/"
        "<unit_kerja>/<id>.yaml. Baris yang salah ditolak dengan lembar, baris dan kolomnya; "
        "setiap berkas yang ditulis, diubah atau dihapus disebutkan.",
        epilog=IMPORT_EPILOG,
    )
    i.add_argument(
        "source",
        metavar="SUMBER",
        help="berkas .xlsx atau folder berisi CSV (dengan --buat-templat: berkas yang ditulis)",
    )
    i.add_argument("--data", metavar="FOLDER", help=DATA_HELP)
    i.add_argument(
        "--buat-templat",
        action="store_true",
        help="tulis buku kerja kosong (daftar pilihan, petunjuk, kode) ke SUMBER, lalu selesai",
    )


def _diff(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser(
        "diff",
        help="dampak perubahan data pada angka yang diterbitkan",
        description="Bandingkan angka yang akan terbit pada dua revisi Git (Markdown).",
        epilog="contoh:\n  kinerja diff origin/main\n  kinerja diff v2025 HEAD",
    )
    d.add_argument("base", metavar="PEMBANDING", help="revisi Git pembanding, mis. origin/main")
    d.add_argument(
        "head", metavar="BARU", nargs="?", help="revisi Git baru (bawaan: isi folder kerja)"
    )
    d.add_argument("--data", metavar="FOLDER", help=DATA_HELP)


def _publish_check(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser(
        "publish-check",
        help="tolak penerbitan data nyata dari repositori publik (data/sumber-data.yaml)",
        description="Periksa apakah data boleh diterbitkan dari repositori ini.",
        epilog="contoh:\n  kinerja publish-check --repositori-privat false",
    )
    c.add_argument(
        "--repositori-privat",
        required=True,
        metavar="true|false",
        help="apakah repositori privat (di GitHub Actions: github.event.repository.private)",
    )
    c.add_argument("--data", metavar="FOLDER", help=DATA_HELP)
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="bentuk keluaran: text atau github (bawaan: text)",
    )


def _audit(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser(
        "audit",
        help="risiko identifikasi ulang di catatan dan pada angka yang akan diterbitkan",
        description=(
            "Hitung pegawai per periode menurut ukuran kelas unit kerja × jenis jabatan × "
            "status × jenis kelamin, lalu periksa apakah angka yang akan diterbitkan "
            "mengungkap pegawai. Keluar 0 bila tidak ada yang terungkap, 1 bila ada."
        ),
        epilog="contoh:\n  kinerja audit\n  kinerja audit --format json",
    )
    a.add_argument("--data", metavar="FOLDER", help=DATA_HELP)
    a.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="bentuk keluaran: text atau json (bawaan: text)",
    )


SUBCOMMANDS = (_validate, _score, _synth, _import, _diff, _publish_check, _audit)


def parser() -> argparse.ArgumentParser:
    """The whole command line; build it inside kinerja.adapters.bahasa.indonesian()."""
    p = Parser(prog="kinerja", description=DESKRIPSI, epilog=f"{CONTOH}\n\n{environment_help()}")
    sub = p.add_subparsers(
        dest="command",
        required=True,
        title="perintah",
        metavar="PERINTAH",
        parser_class=Parser,
    )
    for add in SUBCOMMANDS:
        add(sub)
    return p
