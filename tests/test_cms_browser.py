"""/admin/ end to end in Debian's Chromium, offline: Decap CMS from the built
site, decap-server in git mode on a temporary copy of the sample. A save
through the form lands on a cms/... branch (editorial workflow) that
`kinerja validate` accepts and `kinerja diff` reports; an out-of-range score
is refused before anything is written.

KINERJA_TANGKAPAN=1 also writes the contributor guide's screenshots to
content/extra/panduan-cms/ (normal runs write nothing into the repository)."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from kinerja.adapters import loader
from kinerja.checks.vocabulary import vocabulary_from
from kinerja.site.labels import label
from portal_build import copy_policy, pelican_build

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
UNITS = ("bappeda", "inspektorat", "setda")  # 2025 records of three units keep the test quick
SHOTS = ROOT / "content" / "extra" / "panduan-cms"
RENAMED = "Dinas Kesehatan dan Keluarga Berencana"
GIT = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.invalid"]

pytestmark = pytest.mark.skipif(
    not (SERVER.exists() and BUNDLE.exists() and shutil.which("node")),
    reason="Decap CMS belum terpasang: jalankan `make node`",
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def kinerja(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args, "--data", "data"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A records repository: policy files, schemas and some 2025 records, one commit."""
    repo = tmp_path_factory.mktemp("catatan")
    data = copy_policy(repo / "data")
    for unit in UNITS:
        shutil.copytree(ROOT / "data/pegawai/2025" / unit, data / "pegawai/2025" / unit)
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    units = data / "unit-kerja.yaml"  # a renamed unit must reach the select list
    text = units.read_text(encoding="utf-8")
    assert "nama: Dinas Kesehatan\n" in text
    units.write_text(text.replace("nama: Dinas Kesehatan\n", f"nama: {RENAMED}\n"), "utf-8")
    (repo / ".gitignore").write_text(".kinerja-cache/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Data awal")
    return repo


@pytest.fixture(scope="module")
def decap(repo: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1"}
    env.update(GIT_REPO_DIRECTORY=str(repo), LOG_LEVEL="warn")
    env.update(GIT_AUTHOR_NAME="Uji", GIT_AUTHOR_EMAIL="uji@contoh.invalid")
    env.update(GIT_COMMITTER_NAME="Uji", GIT_COMMITTER_EMAIL="uji@contoh.invalid")
    proc = subprocess.Popen(["node", str(SERVER)], cwd=repo, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}/api/v1"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def admin_url(repo: Path, decap: str, tmp_path_factory) -> Iterator[str]:
    """The portal built once by Pelican from the copy, /admin/ talking to decap."""
    out = tmp_path_factory.mktemp("situs") / "output"
    more = {"KINERJA_CMS_LOCAL": decap, "KINERJA_CACHE": "", "KINERJA_ADMIN": True}
    done = pelican_build(out, data=repo / "data", more=more)
    assert done.returncode == 0, done.stderr[-3000:]
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/admin/"
    server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def shot(page: Page, name: str) -> None:
    if os.environ.get("KINERJA_TANGKAPAN") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def open_admin(browser: Browser, admin_url: str) -> tuple[Page, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1100, "height": 720}, locale="id-ID")
    hosts: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).netloc))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    page.goto(admin_url)
    page.get_by_role("button", name="Masuk").wait_for(timeout=30_000)
    shot(page, "01-masuk")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Catatan penilaian 2025").first.wait_for(timeout=30_000)
    return page, hosts, errors


def first_record(repo: Path, unit: str) -> str:
    return sorted((repo / "data/pegawai/2025" / unit).glob("*.yaml"))[0].stem


def branch_of(slug: str) -> str:
    """Decap's editorial-workflow branch: cms/<collection>/<entry slug>."""
    periode, _, rest = slug.partition("/")
    return f"cms/pegawai-{periode}/{rest}"


def field(page: Page, name: str) -> Locator:
    """A form field by its label; optional fields carry "(boleh kosong)" after it."""
    return page.get_by_label(re.compile(rf"^{re.escape(name)}( \(boleh kosong\))?$"))


def edit(page: Page, admin_url: str, slug: str) -> None:
    periode, _, rest = slug.partition("/")
    page.goto(f"{admin_url}#/collections/pegawai-{periode}/entries/{rest}")
    field(page, "Akuntabel").wait_for(timeout=30_000)


def test_a_form_save_becomes_a_valid_branch(
    browser: Browser, admin_url: str, repo: Path, decap: str
) -> None:
    ident = first_record(repo, "bappeda")
    slug = f"2025/bappeda/{ident}"
    path = f"data/pegawai/{slug}.yaml"
    before = yaml.safe_load((repo / path).read_text(encoding="utf-8"))
    page, hosts, errors = open_admin(browser, admin_url)
    page.get_by_text(ident).first.wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Media").count() == 0  # no uploads
    shot(page, "02-daftar")
    edit(page, admin_url, slug)
    assert "rating" in before  # 2025 is under the 'rating' methodology
    score = 5 if before["perilaku_kerja"]["akuntabel"] != 5 else 4
    field(page, "Akuntabel").fill(str(score))
    page.get_by_label("Realisasi kualitas").first.fill("91.5")
    # a given rating (methodology kind 'rating'): perilaku has no unit-head rule to break
    rated = "sesuai_ekspektasi"
    if before["rating"]["perilaku_kerja"] == rated:
        rated = "di_atas_ekspektasi"
    field(page, "Rating perilaku kerja").click()
    names = vocabulary_from(loader.load_schemas(ROOT / "data")).labels
    page.get_by_text(label(rated, names), exact=True).last.click()
    field(page, "Akuntabel").scroll_into_view_if_needed()
    shot(page, "03-formulir")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Catatan tersimpan").first.wait_for(timeout=30_000)
    shot(page, "04-tersimpan")

    branch = branch_of(slug)
    assert branch in git(repo, "branch", "--list", "cms/*")
    saved_text = git(repo, "show", f"{branch}:{path}")
    saved = yaml.safe_load(saved_text)
    expected = before
    expected["perilaku_kerja"]["akuntabel"] = score
    expected["hasil_kerja"][0]["realisasi"]["kualitas"] = 91.5
    expected["rating"]["perilaku_kerja"] = rated
    assert saved == expected  # only the three edits: no other meaning changed
    assert saved_text.startswith("# yaml-language-server: $schema=")
    assert git(repo, "diff", "--name-only", "main", branch).split() == [path]
    subject = git(repo, "log", "-1", "--format=%s", branch).strip()
    assert subject == f"Ubah catatan penilaian 2025 bappeda/{ident} (lewat formulir)"  # the guide
    assert set(hosts) == {urlparse(admin_url).netloc, urlparse(decap).netloc}
    assert not errors

    page.goto(f"{admin_url}#/workflow")
    page.get_by_text(ident).first.wait_for(timeout=30_000)
    shot(page, "05-alur-kerja")
    page.close()

    git(repo, "checkout", "-q", branch)
    try:
        valid = kinerja(repo, "validate")
    finally:
        git(repo, "checkout", "-q", "main")
    assert valid.returncode == 0, valid.stdout[-2000:]
    diff = kinerja(repo, "diff", "main", branch)
    assert diff.returncode == 0, diff.stderr[-2000:]
    assert "bappeda" in diff.stdout and "berubah" in diff.stdout


def test_an_out_of_range_score_is_refused_before_saving(
    browser: Browser, admin_url: str, repo: Path
) -> None:
    ident = first_record(repo, "inspektorat")
    page, _, _ = open_admin(browser, admin_url)
    edit(page, admin_url, f"2025/inspektorat/{ident}")
    field(page, "Akuntabel").fill("7")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Akuntabel harus antara 1 dan 5.").wait_for(timeout=10_000)
    page.get_by_text("Belum disimpan").first.wait_for(timeout=10_000)
    field(page, "Akuntabel").scroll_into_view_if_needed()
    shot(page, "06-ditolak")
    page.close()
    assert branch_of(f"2025/inspektorat/{ident}") not in git(repo, "branch", "--list", "cms/*")


def test_the_unit_select_lists_the_units_file(browser: Browser, admin_url: str, repo: Path) -> None:
    units = yaml.safe_load((repo / "data/unit-kerja.yaml").read_text(encoding="utf-8"))
    page, _, _ = open_admin(browser, admin_url)
    edit(page, admin_url, f"2025/setda/{first_record(repo, 'setda')}")
    page.get_by_label("Unit kerja", exact=True).click()
    for unit in units["unit_kerja"][:3]:
        page.get_by_text(f"{unit['nama']} · {unit['kode']}").first.wait_for(timeout=10_000)
    page.get_by_text(f"{RENAMED} · dinkes").first.wait_for(timeout=10_000)
    page.close()


@pytest.fixture(scope="module")
def online_admin_url(repo: Path, tmp_path_factory) -> Iterator[str]:
    """/admin/ as a public build with KINERJA_ADMIN writes it: GitHub backend, no local server."""
    from kinerja.adapters.cms_admin import write_admin
    from kinerja.site.cms import Backend

    out = tmp_path_factory.mktemp("daring")
    write_admin(out, repo / "data", Backend(repo="bkpsdm-kepahiang/kinerja-data"))
    shutil.copy(ROOT / "content/extra/favicon.svg", out / "favicon.svg")  # the CMS logo
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/admin/"
    server.shutdown()


def test_sign_in_with_a_token_scoped_to_the_records_repository(
    browser: Browser, online_admin_url: str
) -> None:
    """GitHub is simulated: the token goes only to api.github.com, and a token
    with write access to the records repository opens the collections."""
    seen: list[tuple[str, str]] = []

    def github(route) -> None:  # noqa: ANN001
        url = urlparse(route.request.url)
        seen.append((url.path, route.request.headers.get("authorization", "")))
        bodies = {
            "/user": {"login": "petugas-bkpsdm", "name": "Petugas BKPSDM", "avatar_url": ""},
            "/repos/bkpsdm-kepahiang/kinerja-data": {
                "owner": {"login": "bkpsdm-kepahiang"},
                "private": True,
                "default_branch": "main",
                "permissions": {"admin": False, "push": True, "pull": True},
            },
        }
        if url.path in bodies:
            route.fulfill(status=200, json=bodies[url.path])
        else:
            route.fulfill(status=404, json={"message": "Not Found"})

    page = browser.new_page(viewport={"width": 1100, "height": 720}, locale="id-ID")
    hosts: list[str] = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).netloc))
    page.route("https://api.github.com/**", github)
    page.goto(online_admin_url)
    page.get_by_label("Token").wait_for(timeout=30_000)
    page.get_by_label("Token").fill("github_pat_uji")
    shot(page, "07-token")
    page.get_by_role("button", name="Masuk dengan token").click()
    page.get_by_text("Koleksi").first.wait_for(timeout=30_000)
    assert page.locator("#masuk-token").is_hidden()
    assert ("/user", "token github_pat_uji") in seen
    assert set(hosts) <= {urlparse(online_admin_url).netloc, "api.github.com"}
    page.close()


def test_a_change_of_unit_is_refused_before_saving(
    browser: Browser, admin_url: str, repo: Path
) -> None:
    """The file's place comes from periode, unit kerja and ID: moving a person
    to another unit goes through the import, not through the form."""
    ident = sorted((repo / "data/pegawai/2025/setda").glob("*.yaml"))[1].stem
    page, _, _ = open_admin(browser, admin_url)
    edit(page, admin_url, f"2025/setda/{ident}")
    page.get_by_label("Unit kerja", exact=True).click()
    page.get_by_text("Inspektorat Daerah · inspektorat").first.click()
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("harus tetap sesuai letak berkas").first.wait_for(timeout=10_000)
    page.close()
    assert branch_of(f"2025/setda/{ident}") not in git(repo, "branch", "--list", "cms/*")


def test_an_indicator_edit_changes_only_that_text(
    browser: Browser, admin_url: str, repo: Path
) -> None:
    """Optional parts an indicator does not have (rumus, unit_kerja, level_standar)
    stay absent after a save through the form."""
    path = "data/indikator/adaptif.yaml"
    before = yaml.safe_load((repo / path).read_text(encoding="utf-8"))
    page, _, _ = open_admin(browser, admin_url)
    page.goto(f"{admin_url}#/collections/indikator/entries/adaptif")
    name = page.get_by_label("Nama indikator", exact=True)
    name.wait_for(timeout=30_000)
    name.fill("Adaptif (uji)")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Catatan tersimpan").first.wait_for(timeout=30_000)
    page.close()
    saved = yaml.safe_load(git(repo, "show", f"cms/indikator/adaptif:{path}"))
    assert saved == {**before, "nama": "Adaptif (uji)"}


def test_a_sparse_record_gains_no_empty_fields(
    browser: Browser, admin_url: str, repo: Path
) -> None:
    """A record without jenis_kelamin, kompetensi or biaya keeps them absent
    (no null, no empty map) when another field is saved."""
    files = sorted((repo / "data/pegawai/2025").glob("*/*.yaml"))
    loaded = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in files}

    def absent(r: dict) -> int:
        no_cost = not any("biaya" in b["target"] for b in r.get("hasil_kerja", []))
        return ("jenis_kelamin" not in r) + ("kompetensi" not in r) + no_cost

    # the edit is a behaviour level, so the record must carry that evidence
    with_levels = [p for p in loaded if "perilaku_kerja" in loaded[p]]
    path = max(with_levels, key=lambda p: absent(loaded[p]))
    assert absent(loaded[path]) >= 2
    before = loaded[path]
    slug = path.relative_to(repo / "data/pegawai").with_suffix("").as_posix()
    page, _, _ = open_admin(browser, admin_url)
    edit(page, admin_url, slug)
    score = 1 if before["perilaku_kerja"]["loyal"] != 1 else 2
    field(page, "Loyal").fill(str(score))
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Catatan tersimpan").first.wait_for(timeout=30_000)
    page.close()
    rel = path.relative_to(repo).as_posix()
    saved = yaml.safe_load(git(repo, "show", f"{branch_of(slug)}:{rel}"))
    before["perilaku_kerja"]["loyal"] = score
    assert saved == before


def test_competences_are_all_or_none(browser: Browser, admin_url: str, repo: Path) -> None:
    """One competence typed into a record without kompetensi is refused: the
    nine are filled together (an assessment) or not at all."""
    files = sorted((repo / "data/pegawai/2025").glob("*/*.yaml"))
    path = next(p for p in reversed(files) if "\nkompetensi:" not in p.read_text(encoding="utf-8"))
    slug = path.relative_to(repo / "data/pegawai").with_suffix("").as_posix()
    page, _, _ = open_admin(browser, admin_url)
    edit(page, admin_url, slug)
    page.get_by_label("Integritas").fill("3")  # optional here: "Integritas (boleh kosong)"
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("diisi semua atau dikosongkan semua").first.wait_for(timeout=10_000)
    page.close()
    assert branch_of(slug) not in git(repo, "branch", "--list", "cms/*")
