"""The glossary: data/istilah.yaml, the /istilah/ page, and first-use links."""

from __future__ import annotations

from pathlib import Path

from conftest import run_kinerja
from kinerja.core.glossary import Term
from kinerja.site.glossary import Linker

TERMS = (
    Term("predikat", "Predikat kinerja", "…", ("x",), ("predikat",)),
    Term("predikat_organisasi", "Predikat kinerja organisasi", "…", ("x",)),
    Term("jp", "JP", "…", ("x",)),
    Term("jpm", "JPM", "…", ("x",)),
    Term("asn", "ASN", "…", ("x",)),
)


def link(html: str) -> str:
    return Linker(TERMS).link(html, "/istilah/")


def test_first_use_only_and_longest_phrase_wins() -> None:
    out = link("<p>Predikat kinerja organisasi menentukan predikat kinerja ASN.</p><p>ASN lagi</p>")
    assert out.count('href="/istilah/#predikat_organisasi"') == 1
    assert '<a class="istilah" href="/istilah/#predikat">predikat kinerja</a> ASN' not in out
    assert out.count('href="/istilah/#predikat"') == 1
    assert out.count('href="/istilah/#asn"') == 1


def test_acronyms_match_whole_words_in_their_own_case() -> None:
    out = link("<p>JPM 95 %, 20 JP, jp kecil, ID ASN-0123456789.</p>")
    assert '<a class="istilah" href="/istilah/#jpm">JPM</a>' in out
    assert '20 <a class="istilah" href="/istilah/#jp">JP</a>' in out
    assert "jp kecil" in out and "ASN-0123456789" in out and "#asn" not in out


def test_links_headings_code_and_charts_are_left_alone() -> None:
    html = (
        '<h1>JPM</h1><a href="/x/">ASN</a><code>JP</code>'
        "<svg><title>JPM</title><text>ASN</text></svg><p>JPM dan JP dan ASN</p>"
    )
    out = link(html)
    assert out.startswith('<h1>JPM</h1><a href="/x/">ASN</a><code>JP</code><svg><title>JPM</title>')
    assert out.endswith(
        '<p><a class="istilah" href="/istilah/#jpm">JPM</a> dan '
        '<a class="istilah" href="/istilah/#jp">JP</a> dan '
        '<a class="istilah" href="/istilah/#asn">ASN</a></p>'
    )


def test_glossary_page_lists_every_term_with_its_anchor(site: Path) -> None:
    import yaml

    root = Path(__file__).parent.parent
    terms = yaml.safe_load((root / "data/istilah.yaml").read_text(encoding="utf-8"))["istilah"]
    html = (site / "istilah/index.html").read_text(encoding="utf-8")
    for t in terms:
        assert f'<dt id="{t["kode"]}">' in html
    assert 'class="istilah" href' not in html, "the glossary does not link to itself"


def test_generated_and_markdown_pages_link_first_uses(site: Path) -> None:
    for page, kode in (
        ("kurva-distribusi/2025/index.html", "kurva_distribusi"),
        ("kompetensi/2025/index.html", "jpm"),
        ("faq/index.html", "keberatan"),
        ("metodologi/2023.1/index.html", "rating"),
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert html.count(f'class="istilah" href="/istilah/#{kode}"') == 1, (page, kode)


def test_duplicate_glossary_code_is_reported_at_its_line(policy_dir: Path) -> None:
    path = policy_dir / "istilah.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - kode: pns\n", "  - kode: asn\n"), encoding="utf-8")
    done = run_kinerja("validate", "--data", "data", cwd=policy_dir.parent)
    assert done.returncode == 1
    assert any(
        line.startswith("data/istilah.yaml:") and ": ISTILAH-GANDA " in line
        for line in done.stdout.splitlines()
    ), done.stdout


def test_linked_pages_are_remembered_by_every_input() -> None:
    """A page linked before is given back only for the same HTML, glossary
    address, terms left out and terms: one memo serves every case below in
    turn, and each case's links differ from the case before."""
    remembered: dict[str, str] = {}

    def memo(key, make):  # type: ignore[no-untyped-def]
        return remembered.setdefault(key, make())

    html = "<p>Predikat kinerja ASN dan JP.</p>"
    other = (
        *TERMS[:4],
        Term("asn", "ASN", "…", ("x",), ("aparatur",)),
        Term("dan", "dan", "…", ("x",)),
    )
    cases = [
        (TERMS, html, "/istilah/", ()),
        (TERMS, html, "/situs/istilah/", ()),
        (TERMS, html, "/situs/istilah/", ("asn",)),
        (TERMS, html.replace("JP", "JPM"), "/situs/istilah/", ("asn",)),
        (other, html.replace("JP", "JPM"), "/situs/istilah/", ("asn",)),
    ]
    before = None
    for terms, page, href, skip in cases:
        fresh = Linker(terms).link(page, href, skip)
        assert fresh != before
        assert Linker(terms, memo).link(page, href, skip) == fresh
        before = fresh
