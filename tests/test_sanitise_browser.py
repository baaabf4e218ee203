"""Issue 13, item 2 in Chromium: the payload article and page of test_sanitise
neither navigate away, nor open a dialog, nor send a request to another host."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser
from test_browser import _Quiet, browser  # noqa: F401 - the shared Chromium fixture
from test_sanitise import hostile_site  # noqa: F401 - the payload site fixture

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:  # noqa: F811
    handler = functools.partial(_Quiet, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("path", ["/berita/uji-muatan/", "/halaman-muatan/", "/berita/"])
def test_payloads_do_nothing_in_chromium(
    browser: Browser,  # noqa: F811
    hostile_url: str,
    path: str,
) -> None:
    context = browser.new_context()
    page = context.new_page()
    hosts: list[str] = []
    dialogs: list[str] = []
    navigations: list[str] = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).netloc))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)
    url = hostile_url + path
    page.goto(url, wait_until="networkidle")
    page.mouse.move(200, 300)  # onmouseover, if any survived
    page.locator("body").click(position={"x": 5, "y": 5})
    page.wait_for_timeout(2500)  # a refresh of 0 or 1 s would have left by now
    assert page.url == url
    assert navigations == [url]
    assert dialogs == []
    assert set(hosts) <= {urlparse(hostile_url).netloc}, hosts
    context.close()
