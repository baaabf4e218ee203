"""Issue 13, item 2: every piece of Markdown (news, pages, data text) goes
through one sanitiser; a real Pelican build of articles carrying the usual
payloads shows none of them, and neither does Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT
from kinerja.adapters.portal import _content_init
from kinerja.site import presentation, sanitise

PAYLOADS = [
    '<meta http-equiv="refresh" content="0;url=https://evil.example/pergi">',
    '<iframe src="https://evil.example/bingkai"></iframe>',
    "<script>alert('skrip')</script>",
    '<img src="gambar-tidak-ada.png" onerror="alert(\'onerror\')" alt="x">',
    "<a href=\"javascript:alert('tautan')\">tautan</a>",
    "[tautan md](javascript:alert('md'))",
    "<svg onload=\"alert('svg')\"><script>alert('svg-skrip')</script></svg>",
    '<p style="background:url(https://evil.example/gaya.png)">gaya</p>',
    "<style>body{background:url(https://evil.example/gaya2.png)}</style>",
    '<object data="https://evil.example/objek.swf"></object>',
    '<embed src="https://evil.example/sematan.swf">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/kirim"><input name="a"><button>kirim</button></form>',
    "<div onclick=\"alert('klik')\" onmouseover=\"alert('arah')\">div</div>",
    '<img src="https://evil.example/pelacak.png" alt="pelacak">',
    '<img src="/\\evil.example/pelacak2.png" alt="pelacak2">',
    '<link rel="stylesheet" href="https://evil.example/gaya.css">',
    '<video src="https://evil.example/v.mp4" autoplay></video>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('noscript')>\">",
    "<details open ontoggle=\"alert('toggle')\">d</details>",
]
FORBIDDEN = [  # in a real tag; the same words as escaped text are harmless
    r"evil\.example",
    r"alert\('",  # escaped text (the title) shows as alert(&#39;
    r'http-equiv="refresh"',
    r"<[^>]*\son[a-z]+\s*=",
    r"<[^>]*(?:href|src|action)\s*=\s*[\"']?\s*javascript:",
    r"<(?:iframe|svg|object|embed|base|style|math|video|audio|frame)\b",
    r"<[^>]*\sstyle\s*=",
    r'<link rel="stylesheet" href="http',
    r'<input name="a"',  # the theme's own search form stays
]
ARTICLE = (
    "Title: Uji muatan <script>alert('judul')</script>\n"
    "Date: 2026-01-02\n"
    "Slug: uji-muatan\n"
    "Summary: Ringkasan <img src=x onerror=alert('ringkasan')>\n\n"
    "Paragraf biasa dengan **tebal** dan [tautan](/metodologi/).\n\n" + "\n\n".join(PAYLOADS) + "\n"
)


def clean_of_payloads(html: str) -> list[str]:
    return [bad for bad in FORBIDDEN if re.search(bad, html, re.I)]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_data_text_markdown_is_sanitised(payload: str) -> None:
    assert clean_of_payloads(str(presentation.markdown(payload))) == []


def test_pelican_hook_sanitises_content_and_summary() -> None:
    import markdown

    body = markdown.markdown("\n\n".join(PAYLOADS), extensions=["markdown.extensions.extra"])
    content = SimpleNamespace(
        _content=body,
        _summary="<p>r</p><script>alert('r')</script>",
        metadata={"summary": "<img src=x onerror=alert('m')>"},
        settings={"SITEURL": "", "FORMATTED_FIELDS": ["summary"]},
    )
    _content_init(content)
    for html in (content._content, content._summary, content.metadata["summary"]):
        assert clean_of_payloads(html) == []


def test_ordinary_markdown_survives() -> None:
    html = sanitise.html(
        '<h2 id="cara">Cara</h2><p><a href="/faq/">FAQ</a> <img src="/extra/a.png" alt="a"></p>'
        "<table><tr><th>a</th><td>1</td></tr></table><pre><code>kode</code></pre>"
    )
    for kept in ('id="cara"', 'href="/faq/"', 'src="/extra/a.png"', "<table>", "<code>"):
        assert kept in html


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The portal built by Pelican from a copy of content/ plus the payload article
    and page, over a small synthetic population."""
    from kinerja.adapters.cli import main
    from portal_build import copy_policy, pelican_build

    base = tmp_path_factory.mktemp("muatan")
    data = copy_policy(base / "data")
    assert main(["synth", "--pegawai", "40", "--periode", "2025", "--out", str(data)]) == 0
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "berita" / "uji-muatan.md").write_text(ARTICLE, encoding="utf-8")
    page = ARTICLE.replace("Slug: uji-muatan", "Slug: halaman-muatan")
    (content / "pages" / "halaman-muatan.md").write_text(page, encoding="utf-8")
    out = base / "output"
    done = pelican_build(out, data=data, content=content, more={"KINERJA_CACHE": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.mark.parametrize(
    "page", ["berita/uji-muatan/index.html", "halaman-muatan/index.html", "berita/index.html"]
)
def test_built_pages_carry_no_payload(hostile_site: Path, page: str) -> None:
    html = (hostile_site / page).read_text(encoding="utf-8")
    assert "Paragraf biasa" in html or "Ringkasan" in html
    assert clean_of_payloads(html) == []
