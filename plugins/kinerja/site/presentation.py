"""Jinja filters and globals that turn published cells into text.

Templates never format numbers themselves, so every page shows a hidden cell
the same way and every number in Indonesian style.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import markdown as markdown_lib
from jinja2 import pass_context
from markupsafe import Markup, escape

from kinerja.core.publication import Cell
from kinerja.site import formatting, sanitise
from kinerja.site.labels import curve_rule, label

HIDDEN_TITLE = (
    "Disembunyikan untuk melindungi kerahasiaan: angka dari kurang dari {k} orang, "
    "atau angka pelengkap yang disembunyikan agar angka kecil tidak dapat dihitung ulang."
)


HIDDEN_MARK = "×"  # hidden for privacy; the legend (macros.catatan_tekan) says so
NONE_MARK = "t.a."  # nobody assessed, or the rule does not apply: nothing to hide
NONE_TITLE = (
    "Tidak ada yang dinilai atau tidak berlaku: tidak ada angka, bukan angka yang disembunyikan."
)


@pass_context
def cell(
    ctx: Any, value: Cell | None, places: int = 0, unit: str = "", k: int | None = None
) -> Markup:
    """A published cell as text. `places`: the decimals of the cell's period
    (templates pass `desimal`); `k`: its disclosure threshold, by default the
    page's `k` (the period's own methodology)."""
    if value is None or value.value is None and not value.hidden:
        return Markup(
            f'<abbr class="kosong" title="{escape(NONE_TITLE)}">{NONE_MARK}'
            '<span class="sr-only"> (tidak ada yang dinilai)</span></abbr>'
        )
    if value.hidden:
        title = HIDDEN_TITLE.format(k=k if k is not None else ctx["k"])
        return Markup(
            f'<abbr class="ditekan" title="{escape(title)}">{HIDDEN_MARK}<span class="sr-only"> '
            "(disembunyikan untuk privasi)</span></abbr>"
        )
    assert value.value is not None
    text = formatting.number(Fraction(value.value), places) + unit
    return Markup(escape(text))


def number(value: Any, places: int) -> str:
    """`places`: always given (a methodology's `desimal`, or 0 for whole numbers)."""
    if value is None:
        return "—"
    return formatting.number(Fraction(value) if not isinstance(value, Fraction) else value, places)


def written(value: Any) -> str:
    """A policy input as written in its file (1,76; 24), no forced decimals."""
    return "—" if value is None else formatting.plain(value)


def count(value: int | None) -> str:
    return "—" if value is None else formatting.count(int(value))


def markdown(text: str | None) -> Markup:
    """Markdown from data files, sanitised: HR's text never carries script."""
    html = markdown_lib.markdown(text or "", output_format="html")
    return Markup(sanitise.html(html))


def _names(ctx: Any) -> dict[str, str]:
    """The categories' labels from the schemas (the portal puts them in KINERJA)."""
    return (ctx.get("KINERJA") or {}).get("label", {})


@pass_context
def label_filter(ctx: Any, key: str | None) -> str:
    return label(key, _names(ctx))


@pass_context
def column_label(ctx: Any, key: str | None) -> Markup:
    """A label for a narrow column heading: a line may break after '/'."""
    return Markup(escape(label(key, _names(ctx))).replace("/", Markup("/<wbr>")))


@pass_context
def rule(ctx: Any, r) -> str:  # type: ignore[no-untyped-def]
    return curve_rule(r.predikat, r.kind, r.limit, _names(ctx))


def date(value: Any) -> str:
    """A date (or an ISO date string from Git) as '29 November 2026'."""
    import datetime as dt

    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return formatting.date(value)


@pass_context
def link_terms(ctx: Any, html: str) -> Markup:
    """The first use of each glossary term on the page links to /istilah/#kode."""
    linker = (ctx.get("KINERJA") or {}).get("istilah")
    if linker is None or ctx.get("tanpa_tautan_istilah"):
        return Markup(html)
    return Markup(linker.link(str(html), f"{ctx.get('SITEURL', '')}/istilah/"))


FILTERS = {
    "aturan_kurva": rule,
    "tautkan_istilah": link_terms,
    "markdown": markdown,
    "sel": cell,
    "angka": number,
    "tertulis": written,
    "bilangan": count,
    "terbilang": formatting.words,
    "label": label_filter,
    "label_kolom": column_label,
    "tanggal": date,
}
