"""Every page template in a real Chromium (Debian's, driven by Playwright):
no request to another host, no console error, no serious accessibility
violation, readable without JavaScript, no sideways scrolling on a phone."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# one URL per template
TEMPLATES = {
    "beranda": "/",
    "indikator_index": "/indikator/",
    "indikator": "/indikator/integritas/",
    "metodologi_index": "/metodologi/",
    "metodologi": "/metodologi/2023.1/",
    "hasil_index": "/hasil/",
    "hasil_periode": "/hasil/2025/",
    "hasil_unit": "/hasil/2025/disdikbud/",
    "indeks_terbaru": "/talenta/",
    "kompetensi": "/kompetensi/2025/",
    "pengembangan": "/pengembangan-kompetensi/2025/",
    "talenta": "/talenta/2025/",
    "kurva": "/kurva-distribusi/2025/",
    "data_terbuka": "/data/",
    "cari": "/cari/",
    "page": "/faq/",
    "article": "/berita/portal-transparansi-diluncurkan/",
    "index": "/berita/",
    "istilah": "/istilah/",
    "404": "/404.html",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def visit(browser: Browser, url: str, **options) -> tuple[Page, list[str], list[str], list[int]]:
    context = browser.new_context(**options)
    page = context.new_page()
    hosts: list[str] = []
    errors: list[str] = []
    sizes: list[int] = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).netloc))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def on_response(response) -> None:  # noqa: ANN001
        try:
            sizes.append(len(response.body()))
        except Exception:  # noqa: BLE001 - redirects have no body
            sizes.append(0)

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    return page, hosts, errors, sizes


@pytest.mark.parametrize("path", TEMPLATES.values(), ids=list(TEMPLATES))
def test_page_in_chromium(browser: Browser, base_url: str, path: str) -> None:
    page, hosts, errors, _ = visit(browser, base_url + path)
    own = urlparse(base_url).netloc
    assert set(hosts) <= {own}, hosts
    assert not errors
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["nodes"][0]["html"]) for v in serious]
    page.context.close()


@pytest.mark.parametrize("path", TEMPLATES.values(), ids=list(TEMPLATES))
def test_text_without_javascript(browser: Browser, base_url: str, path: str) -> None:
    page, _, _, _ = visit(browser, base_url + path, java_script_enabled=False)
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("footer").inner_text().count("commit") == 1
    page.context.close()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", TEMPLATES.values(), ids=list(TEMPLATES))
def test_no_horizontal_scroll(browser: Browser, base_url: str, path: str, width: int) -> None:
    page, _, _, _ = visit(browser, base_url + path, viewport={"width": width, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.context.close()


def test_search_finds_an_indicator_by_name(browser: Browser, base_url: str) -> None:
    page, _, errors, _ = visit(browser, base_url + "/cari/?q=Perekat%20Bangsa")
    link = page.locator("#hasil-cari a[href*='/indikator/perekat_bangsa/']")
    link.first.wait_for(timeout=10_000)
    assert not errors
    page.context.close()


def test_search_box_in_header_leads_to_results(browser: Browser, base_url: str) -> None:
    page, _, _, _ = visit(browser, base_url + "/")
    page.fill("#q-kepala", "Integritas")
    page.press("#q-kepala", "Enter")
    page.locator("#hasil-cari a[href*='/indikator/integritas/']").first.wait_for(timeout=10_000)
    page.context.close()


def test_front_page_weighs_under_150_kb(browser: Browser, base_url: str) -> None:
    page, _, _, sizes = visit(browser, base_url + "/")
    assert sum(sizes) < 150 * 1024, sum(sizes)
    page.context.close()
