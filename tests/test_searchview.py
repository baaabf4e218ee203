"""What the search indexer can read of a page: figures marked
`data-pagefind-ignore="all"` are left out, anything uncertain gives None (the
index is then built again)."""

from __future__ import annotations

import pytest

from kinerja.site.searchview import indexed_view

PAGE = (
    '<html lang="id"><body><main data-pagefind-body><h1>Dinas Kesehatan</h1>'
    "<p>Ringkasan &amp; catatan</p>{figures}<p>Penutup</p></main></body></html>"
)
FIGURES = (
    '<div class="gulir" data-pagefind-ignore="all"><table><tr><td>{n}</td>'
    '<td><br>{n}</td></tr></table><svg data-pagefind-ignore="all"><rect x="{n}"/>'
    "<text>{n}</text></svg></div>"
)


def view(figures: str) -> str | None:
    return indexed_view(PAGE.format(figures=figures).encode())


def test_figures_marked_ignored_do_not_change_the_view() -> None:
    assert view(FIGURES.format(n=1)) == view(FIGURES.format(n=2)) is not None
    assert view(FIGURES.format(n=1)) != view("")  # the ignored element itself is seen


@pytest.mark.parametrize(
    "one, other",
    [
        ("<p>1</p>", "<p>2</p>"),  # a figure outside an ignored element
        ('<p class="a">x</p>', '<p class="b">x</p>'),  # an attribute
        ("<div data-pagefind-ignore><p>1</p></div>", "<div data-pagefind-ignore><p>2</p></div>"),
        (
            '<div data-pagefind-ignore="index"><p>1</p></div>',
            '<div data-pagefind-ignore="index"><p>2</p></div>',
        ),  # only "all" leaves filters and metadata out too
        ('<img data-pagefind-ignore="all" alt="1">', '<img data-pagefind-ignore="all" alt="2">'),
        ("<!-- 1 -->", "<!-- 2 -->"),
        ("&#49;", "&#50;"),
        ('<span data-pagefind-meta="n:1"></span>', '<span data-pagefind-meta="n:2"></span>'),
    ],
)
def test_anything_else_that_changes_changes_the_view(one: str, other: str) -> None:
    assert view(one) != view(other)
    assert view(one) is not None and view(other) is not None


@pytest.mark.parametrize(
    "figures",
    [
        '<div data-pagefind-ignore="all"><p>1</div>',  # an element closed implicitly
        '<div data-pagefind-ignore="all"><table><td>1</table></div>',
        '<div data-pagefind-ignore="all"><p>1</p>',  # never closed
        '<div data-pagefind-ignore="all"></span></div>',
        '<div data-pagefind-ignore="all"><br></br></div>',
        # where HTML and Python's parser end a comment or raw text differently
        '<div data-pagefind-ignore="all"><!--></div>AAA<div>--></div>',
        '<div data-pagefind-ignore="all"><!-- --!></div>AAA<div>--></div>',
        '<div data-pagefind-ignore="all"><![CDATA[x></div>AAA<div>]]></div>',
        '<div data-pagefind-ignore="all"><textarea><!--</textarea></div>AAA<div>--></div>',
        '<div data-pagefind-ignore="index" data-pagefind-ignore="all"><span>AAA</span></div>',
    ],
)
def test_a_structure_it_cannot_be_sure_of_gives_none(figures: str) -> None:
    assert view(figures) is None


def test_a_chart_title_inside_svg_is_markup_as_html_reads_it() -> None:
    svg = '<svg data-pagefind-ignore="all"><title>{n}</title><text>{n}</text></svg>'
    assert view(svg.format(n=1)) == view(svg.format(n=2)) is not None
    assert view('<div data-pagefind-ignore="all"><title>1</title></div>') is None


def test_a_page_that_is_not_utf8_gives_none() -> None:
    assert indexed_view(b"<p>\xff</p>") is None
