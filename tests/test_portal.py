"""A real Pelican build of the sample data: every page kind, the open data,
privacy of the output and byte-identical rebuilds."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from pathlib import Path

import markupsafe
import pytest

from conftest import DATA, VALID_RECORD
from portal_build import copy_policy, pelican_build

PAGES = [
    ("index.html", "Penilaian kinerja ASN Kabupaten Kepahiang"),
    ("indikator/index.html", "Kriteria penilaian"),
    ("indikator/integritas/index.html", "Deskripsi level"),
    ("indikator/perencanaan_program_pendidikan/index.html", "Dinas Pendidikan dan Kebudayaan"),
    ("indikator/aspek_waktu/index.html", "Rumus"),
    ("metodologi/index.html", "Versi metodologi"),
    ("metodologi/2023.1/index.html", "Contoh perhitungan"),
    ("hasil/index.html", "Tren antarperiode"),
    ("hasil/2025/index.html", "Per perangkat daerah"),
    ("hasil/2023/disdikbud/index.html", "Kurva distribusi"),
    ("kompetensi/index.html", "Kompetensi"),
    ("kompetensi/2025/index.html", "Rerata selisih"),
    ("pengembangan-kompetensi/2025/index.html", "20 JP"),
    ("talenta/2025/index.html", "Kotak"),
    ("kurva-distribusi/2024/index.html", "SE MenPANRB 3/2023"),
    ("data/index.html", "agregat.csv"),
    ("cari/index.html", "Cari"),
    ("tentang/index.html", "Dasar hukum"),
    ("faq/index.html", "keberatan"),
    ("panduan-kontributor/index.html", "pull request"),
    ("reproduksi/index.html", "byte demi byte"),
    ("berita/index.html", "Berita"),
    ("berita/sosialisasi-penilaian-kinerja/index.html", "sosialisasi"),
    ("404.html", "tidak ditemukan"),
]


@pytest.mark.parametrize(("path", "text"), PAGES, ids=[p for p, _ in PAGES])
def test_page_kinds(site: Path, path: str, text: str) -> None:
    html = (site / path).read_text(encoding="utf-8")
    assert '<html lang="id">' in html
    assert text in html
    assert "Data: commit" in html  # provenance footer


def test_every_unit_and_period_has_a_results_page(site: Path) -> None:
    units = re.findall(r"^  - kode: (\w+)$", (DATA / "unit-kerja.yaml").read_text(), re.M)
    for periode in (2023, 2024, 2025):
        for unit in units:
            assert (site / f"hasil/{periode}/{unit}/index.html").exists()


def test_worked_example_is_computed_by_the_engine(site: Path) -> None:
    html = (site / "metodologi/2023.1/index.html").read_text(encoding="utf-8")
    assert "nilai butir = (100,00 + 90,00 + 76,00 + 76,00) / 4 = 85,50" in html
    assert "((1,76 × 12 − 10) / 12) × 100 = 92,67" in html


def read_csv(site: Path) -> list[dict[str, str]]:
    with (site / "data/agregat.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_agregat_csv_columns_and_suppression(site: Path) -> None:
    rows = read_csv(site)
    assert list(rows[0]) == [
        "periode",
        "dimensi",
        "kelompok",
        "ukuran",
        "nilai",
        "ditekan",
        "metodologi",
    ]
    assert {r["dimensi"] for r in rows} == {
        "semua",
        "unit_kerja",
        "jenis_jabatan",
        "status",
        "jenis_kelamin",
    }
    ukuran = {r["ukuran"] for r in rows}
    for name in (
        "jumlah_pegawai",
        "predikat_baik",
        "rerata_nilai_kinerja",
        "kotak_talenta_9",
        "median_nilai_kinerja",
        "persen_memenuhi_jp",
        "rerata_jpm",
    ):
        assert name in ukuran
    for r in rows:
        assert r["ditekan"] in ("true", "false")
        assert (r["nilai"] == "") == (r["ditekan"] == "true")
        if (
            r["ukuran"].startswith(("jumlah_", "predikat_", "kotak_", "jpm_", "rating_"))
            and r["nilai"]
        ):
            assert int(r["nilai"]) == 0 or int(r["nilai"]) >= 5
    everyone = {
        r["ukuran"]: r["nilai"] for r in rows if r["periode"] == "2025" and r["dimensi"] == "semua"
    }
    total = int(everyone["jumlah_pegawai"])
    assert (
        sum(
            int(everyone[f"predikat_{p}"])
            for p in ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
        )
        == total
    )


def test_json_and_datapackage_agree_with_csv(site: Path) -> None:
    rows = read_csv(site)
    items = json.loads((site / "data/agregat.json").read_text(encoding="utf-8"))
    assert len(items) == len(rows)
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    names = [r["path"] for r in package["resources"]]
    assert names == ["agregat.csv", "agregat.json", "indikator.json"]
    for resource in package["resources"]:
        digest = hashlib.sha256((site / "data" / resource["path"]).read_bytes()).hexdigest()
        assert resource["hash"] == f"sha256:{digest}"
    assert [f["name"] for f in package["resources"][0]["schema"]["fields"]][:6] == [
        "periode",
        "dimensi",
        "kelompok",
        "ukuran",
        "nilai",
        "ditekan",
    ]
    assert re.fullmatch(r"[0-9a-f]{64}", package["kinerja_sha256_data"])
    indicators = json.loads((site / "data/indikator.json").read_text(encoding="utf-8"))
    assert len(indicators) == len(list((DATA / "indikator").glob("*.yaml")))


def output_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def test_nothing_personal_in_the_output(site: Path) -> None:
    pseudonym = re.compile(r"ASN-[0-9A-F]{10}")
    record_path = re.compile(r"pegawai/\d{4}/\w+/ASN-[0-9A-F]{10}")
    free_text = set()
    for path in (DATA / "pegawai" / "2025" / "disdikbud").glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "rencana:" in line or "kegiatan:" in line:
                free_text.add(line.split(":", 1)[1].strip())
    for path in output_files(site):
        if path.suffix not in (".html", ".csv", ".json", ".txt", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not pseudonym.search(text), path
        assert not record_path.search(text), path
        for phrase in free_text:
            assert phrase not in text, (path, phrase)


PAYLOADS = (
    "<script>alert('nama')</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><svg onload=alert(2)>",
)


def test_text_from_data_is_escaped_in_every_page(tmp_path: Path) -> None:
    """Names and descriptions typed into data/ reach the templates as text, never markup.

    The payloads must show up escaped (so the test sees the text arrive) and
    never raw in any page.
    """
    data = copy_policy(tmp_path / "data")
    shutil.copytree(DATA / "pegawai" / "2025" / "setwan", data / "pegawai" / "2025" / "setwan")
    units = data / "unit-kerja.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace(
            "nama: Sekretariat DPRD", f"nama: {json.dumps('DPRD ' + PAYLOADS[0])}"
        ),
        encoding="utf-8",
    )
    indicator = data / "indikator" / "integritas.yaml"
    indicator.write_text(
        indicator.read_text(encoding="utf-8")
        .replace("nama: Integritas", f"nama: {json.dumps('Integritas ' + PAYLOADS[1])}")
        .replace("deskripsi: >-\n  Konsisten", f"deskripsi: >-\n  {PAYLOADS[2]} Konsisten", 1),
        encoding="utf-8",
    )
    out = tmp_path / "output"
    done = pelican_build(out, data=data)
    assert done.returncode == 0, done.stderr[-2000:]
    pages = {p: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    for payload in PAYLOADS:
        raw = [str(p.relative_to(out)) for p, text in pages.items() if payload in text]
        assert raw == [], f"{payload} unescaped in {raw}"
    for payload in PAYLOADS[:2]:  # plain-text fields: shown, escaped
        escaped = str(markupsafe.escape(payload))
        assert any(escaped in text for text in pages.values()), f"{payload} never reached a page"
    # a Markdown field: the sanitiser drops the markup and keeps the text
    page = pages[out / "indikator/integritas/index.html"]
    assert "Konsisten berperilaku" in page and "onload" not in page


def test_same_commit_builds_identical_bytes(site: Path, sample_cache: Path, tmp_path: Path) -> None:
    """The session's site was built cold; this build reads the cache it left."""
    again = tmp_path / "again"
    done = pelican_build(again, cache=sample_cache)
    assert done.returncode == 0, done.stderr[-2000:]
    first = {p.relative_to(site): p.read_bytes() for p in output_files(site)}
    second = {p.relative_to(again): p.read_bytes() for p in output_files(again)}
    assert first.keys() == second.keys()
    different = [str(k) for k in first if first[k] != second[k]]
    assert not different


def test_bad_data_stops_the_build_with_no_output(
    policy_dir: Path, write_record, tmp_path: Path
) -> None:
    write_record(VALID_RECORD.replace("loyal: 5", "loyal: 8"))
    write_record("", "2025/dinkes/ASN-0000000002.yaml")
    out = tmp_path / "output"
    done = pelican_build(out, data=policy_dir)
    assert done.returncode != 0
    assert "SKEMA-RENTANG" in done.stderr and "YAML-KOSONG" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.rglob("*.html"))


def test_publish_build_links_carry_the_site_url(
    site: Path, sample_cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "publish"
    done = pelican_build(out, settings="publishconf.py", cache=sample_cache)
    assert done.returncode == 0, done.stderr[-2000:]
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'href="/' not in html and 'src="/' not in html, page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://' in index
    assert '<meta property="og:title"' in index
    assert (out / "sitemap.txt").read_text().startswith("https://")
    assert "Sitemap: https://" in (out / "robots.txt").read_text()
    assert not (out / "admin").exists()  # public builds leave the CMS out by default


def test_indonesian_number_and_date_formats(site: Path) -> None:
    html = (site / "hasil/2025/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<a class=\"istilah\"[^>]*>([^<]*)</a>", r"\1", html)  # glossary links
    assert re.search(r"\b1\.\d{3} ASN dinilai", text)  # thousands with a dot
    assert re.search(r"<td>\d{2},\d{2}</td>", html)  # decimals with a comma
    article = (site / "berita/portal-transparansi-diluncurkan/index.html").read_text(
        encoding="utf-8"
    )
    assert "2 Juni 2025" in article
    assert re.search(r"perubahan data terakhir \d{1,2} [A-Z][a-z]+ \d{4}", html)


def test_pages_state_the_basis_they_have(site: Path) -> None:
    """Badges say whose rule it is; words the review asked for (issue 12)."""
    akuntabel = (site / "indikator/akuntabel/index.html").read_text(encoding="utf-8")
    assert "lencana-ditetapkan_peraturan" in akuntabel  # the value is law (UU 20/2023)
    assert 'Dasar tabel level: <span class="lencana lencana-kebijakan_daerah">' in akuntabel
    perekat = (site / "indikator/perekat_bangsa/index.html").read_text(encoding="utf-8")
    assert "lencana lencana-ditetapkan_peraturan" in perekat
    for ind in (DATA / "indikator").glob("*.yaml"):
        assert "Peraturan Bupati" not in ind.read_text(encoding="utf-8"), ind
    methodology = (site / "metodologi/2023.1/index.html").read_text(encoding="utf-8")
    assert "Kurang Optimal: JPM &lt; 78 %" in methodology and "≥ 0 %" not in methodology
    assert "Pasal 203 ayat (4)" in methodology and "lencana-belum_terverifikasi" in methodology
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for word in ("Melanggar", "e-mail", "Kerjasama", "pasal 203 ayat 4", "ditekan)"):
            assert word not in text, (page, word)
