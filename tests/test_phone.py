"""Phones first, in Chromium at 360 px: chart labels keep a readable size, the
first screen shows the page heading and content (not thirteen links), the
menu opens without JavaScript, and index pages summarise their latest period."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from test_browser import base_url, browser, visit  # noqa: F401 - fixtures

PHONE = {"viewport": {"width": 360, "height": 740}}
CHARTS = (
    "/",
    "/hasil/",
    "/hasil/2025/",
    "/hasil/2025/disdikbud/",
    "/kompetensi/",
    "/kompetensi/2025/",
    "/pengembangan-kompetensi/",
    "/talenta/",
    "/talenta/2025/",
)
LABEL_SIZES = """() => [...document.querySelectorAll('svg.grafik text')].map(t => {
  const svg = t.closest('svg'), box = svg.getBoundingClientRect();
  return parseFloat(getComputedStyle(t).fontSize) * box.width / svg.viewBox.baseVal.width;
})"""


@pytest.mark.parametrize("path", CHARTS)
def test_chart_labels_readable_at_360(browser: Browser, base_url: str, path: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + path, **PHONE)
    sizes = page.evaluate(LABEL_SIZES)
    assert sizes, "page has a chart"
    assert min(sizes) >= 11.5, (path, min(sizes))
    page.context.close()


@pytest.mark.parametrize("path", ["/", "/hasil/", "/kurva-distribusi/", "/hasil/2025/disdikbud/"])
def test_first_screen_is_heading_and_content(browser: Browser, base_url: str, path: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + path, **PHONE)
    visible_links = page.evaluate(
        """() => [...document.querySelectorAll('nav.navigasi a')].filter(a => {
             const r = a.getBoundingClientRect();
             return a.checkVisibility() && r.top < innerHeight; }).length"""
    )
    assert visible_links == 0, "the menu is folded on a phone"
    h1 = page.locator("h1").first.bounding_box()
    assert h1 is not None and h1["y"] + h1["height"] < 400
    text_top = page.evaluate(
        "document.querySelector('main p, main figure').getBoundingClientRect().top"
    )
    assert text_top < 740
    page.context.close()


def test_menu_opens_without_javascript(browser: Browser, base_url: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + "/", java_script_enabled=False, **PHONE)
    menu = page.locator("details.menu-ringkas")
    assert not menu.locator("a").first.is_visible()
    menu.locator("summary").click()
    assert menu.locator("a", has_text="Kurva distribusi").is_visible()
    assert menu.locator("a").count() == 13
    page.context.close()


def test_wide_screen_shows_the_menu_list(browser: Browser, base_url: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + "/", viewport={"width": 1280, "height": 800})
    assert page.locator("ul.menu-lebar a", has_text="Kurva distribusi").is_visible()
    assert not page.locator("details.menu-ringkas").is_visible()
    page.context.close()


def test_wide_table_scrolls_inside_itself(browser: Browser, base_url: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + "/hasil/", **PHONE)
    box = page.locator(".gulir:has(table.tabel-tren)")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.context.close()


@pytest.mark.parametrize(
    "slug", ["kompetensi", "pengembangan-kompetensi", "talenta", "kurva-distribusi"]
)
def test_index_pages_show_the_latest_period(browser: Browser, base_url: str, slug: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + f"/{slug}/")
    assert "periode terbaru" in page.locator(".indeks-terbaru").inner_text()
    assert page.locator("main table").count() >= 1
    if slug != "kurva-distribusi":
        assert page.locator("main figure svg").count() >= 1
    page.context.close()


def test_kurva_says_what_it_means_for_one_person(browser: Browser, base_url: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + "/kurva-distribusi/2025/")
    intro = page.locator("main .pembuka")
    assert "seorang ASN" in intro.inner_text()
    assert intro.locator("a[href*='/faq/#mengapa-ada-kurva-distribusi']").count() == 1
    assert intro.locator("a[href*='/metodologi/']").count() == 1
    page.context.close()


def test_pictures_across_periods(browser: Browser, base_url: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + "/hasil/")
    assert page.locator("table.tabel-tren svg.garis-mini").count() >= 20
    page.context.close()
    page, _, _, _ = visit(browser, base_url + "/hasil/2025/disdikbud/")
    figure = page.locator("#banding ~ figure svg")
    assert "Seluruh kabupaten" in figure.inner_html()
    assert page.locator("#banding ~ .gulir").first.locator("tbody tr").count() == 3
    page.context.close()


def test_legend_tells_hidden_from_nobody(browser: Browser, base_url: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + "/hasil/2025/setwan/")
    legend = page.locator("dl.legenda").first.inner_text()
    assert "disembunyikan untuk privasi" in legend and "tidak ada yang dinilai" in legend
    assert page.locator("main abbr.ditekan").count() >= 2
    page.context.close()


def test_home_page_explains_jpm(browser: Browser, base_url: str) -> None:  # noqa: F811
    page, _, _, _ = visit(browser, base_url + "/")
    item = page.locator(".angka-utama li", has_text="JPM")
    assert "standar jabatan" in item.inner_text()
    assert item.locator("a[href$='/istilah/#jpm']").count() == 1
    page.context.close()
