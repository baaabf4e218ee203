"""Every internal link and asset reference in the built portal resolves."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def resolve(site: Path, page: Path, ref: str) -> Path | None:
    url = urlparse(ref)
    if url.scheme or url.netloc or ref.startswith(("#", "mailto:")):
        return None
    path = unquote(url.path)
    if not path:
        return None
    target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_every_internal_reference_exists(site: Path) -> None:
    missing = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            target = resolve(site, page, ref)
            if target is not None and not target.exists():
                missing.append(f"{page.relative_to(site)} → {ref}")
    assert not missing, missing[:20]


def test_external_links_are_only_to_the_repository(site: Path) -> None:
    for page in site.rglob("*.html"):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            if urlparse(ref).netloc:
                assert ref.startswith("https://github.com/"), (page, ref)


def test_proposals_go_to_the_public_issue_form_not_the_records(site: Path) -> None:
    """'Usulkan perubahan' opens the engine repository's issue form (KINERJA_USULAN_URL);
    a link into data/ would lead the public to the private records repository."""
    pages = sorted(site.glob("indikator/*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "issues/new?template=usulan-indikator.yml" in html, page
        assert "/edit/" not in html and "/data/indikator/" not in html, page
    form = Path(__file__).resolve().parents[1] / ".github/ISSUE_TEMPLATE/usulan-indikator.yml"
    assert form.is_file()
