"""Charts as static, accessible inline SVG, drawn at build time.

No charting library produces small static SVG with a title, a text summary
and honest gaps for suppressed values, so the few shapes needed are drawn
here. Every chart has the same numbers in a table beside it on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape

from kinerja.site.formatting import number


@dataclass(frozen=True)
class Bar:
    label: str
    value: Fraction | int | None  # None and not hidden: nobody to count (tidak ada)
    hidden: bool = False
    kind: str = ""  # extra CSS class, e.g. "pembanding" for the regency beside a unit
    places: int | None = None  # decimals of this bar's period, when bars span periods


WIDTH = 360  # viewBox width: at a 360 px phone the chart is drawn about 1:1
VALUE_W = 76  # room right of the longest bar for its value
HIDDEN_TEXT = "disembunyikan untuk privasi"
NONE_TEXT = "tidak ada yang dinilai"


def bars(
    chart_id: str,
    title: str,
    items: Sequence[Bar],
    unit: str = "",
    places: int = 0,
    maximum: Fraction | int | None = None,
) -> str:
    """Horizontal bars, each with its label above it, so that labels keep their
    size on a phone: the chart is as wide as a phone, never a wide chart shrunk.
    A hidden value is a dashed outline, nobody-to-count is a note; neither is drawn as zero."""
    row_h, bar_h, pad = 46, 16, 4
    bar_w = WIDTH - VALUE_W
    height = pad * 2 + row_h * len(items)
    shown = [Fraction(i.value) for i in items if i.value is not None and not i.hidden]
    high = Fraction(maximum) if maximum is not None else max([Fraction(0), *shown])
    low = min([Fraction(0), *shown])  # negative values (gaps) grow left of zero
    span = (high - low) or Fraction(1)
    zero = float(-low / span) * bar_w
    summary = []
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" data-pagefind-ignore="all" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-judul {chart_id}-ringkasan" '
        f'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-judul">{escape(title)}</title>',
    ]
    for n, item in enumerate(items):
        y = pad + n * row_h
        parts.append(f'<text x="0" y="{y + 15}" class="grafik-label">{escape(item.label)}</text>')
        top = y + 22
        if item.hidden or item.value is None:
            text, css = (
                (HIDDEN_TEXT, "grafik-ditekan") if item.hidden else (NONE_TEXT, "grafik-kosong")
            )
            parts.append(
                f'<rect x="0.5" y="{top}" width="{bar_w}" height="{bar_h}" class="{css}"/>'
                f'<text x="6" y="{top + 13}" class="grafik-nilai">{text}</text>'
            )
            summary.append(f"{item.label}: {text}")
            continue
        end = float((Fraction(item.value) - low) / span) * bar_w
        left, length = min(zero, end), abs(end - zero)
        shown_value = number(item.value, places if item.places is None else item.places) + unit
        css = f"grafik-batang {item.kind}".strip()
        parts.append(
            f'<rect x="{left:.1f}" y="{top}" width="{max(length, 1):.1f}" height="{bar_h}" '
            f'class="{css}"/>'
            f'<text x="{max(zero, end) + 5:.1f}" y="{top + 13}" class="grafik-nilai">'
            f"{escape(shown_value)}</text>"
        )
        summary.append(f"{item.label}: {shown_value}")
    if low < 0:
        parts.append(
            f'<line x1="{zero:.1f}" y1="{pad}" x2="{zero:.1f}" y2="{height - pad}" '
            'class="grafik-sumbu"/>'
        )
    parts.append(f'<desc id="{chart_id}-ringkasan">{escape("; ".join(summary))}.</desc></svg>')
    return "".join(parts)


def _axis_word(level: str) -> str:
    """An axis level as the grid writes it: di_bawah -> 'Di bawah'."""
    return level.replace("_", " ").capitalize()


def talent_grid(
    chart_id: str,
    title: str,
    boxes: dict[int, tuple[str, str, Bar]],
    axes: tuple[Sequence[str], Sequence[str]],
) -> str:
    """The boxes: potensial rows (highest on top), kinerja columns (highest on the
    right); `axes`: each axis's levels, highest first (the methodology schema's)."""
    cols, rows = tuple(reversed(axes[0])), tuple(axes[1])
    cell, left, topm = 92, 82, 26
    width, height = left + cell * len(cols) + 2, topm + cell * len(rows) + 46
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" data-pagefind-ignore="all" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-judul {chart_id}-ringkasan">',
        f'<title id="{chart_id}-judul">{escape(title)}</title>',
        '<text x="0" y="16" class="grafik-label grafik-sumbu-judul">Potensial</text>',
    ]
    summary = []
    for nomor, (kinerja, potensial, bar) in sorted(boxes.items()):
        x = left + cols.index(kinerja) * cell
        y = topm + rows.index(potensial) * cell
        hidden = bar.hidden or bar.value is None
        text = ("×" if bar.hidden else "t.a.") if hidden else number(bar.value, 0)
        css = "kotak-ditekan" if hidden else f"kotak kotak-{nomor}"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{cell - 4}" height="{cell - 4}" class="{css}"/>'
        )
        parts.append(f'<text x="{x + 6}" y="{y + 18}" class="grafik-label">Kotak {nomor}</text>')
        parts.append(f'<text x="{x + 6}" y="{y + 56}" class="grafik-angka">{escape(text)}</text>')
        said = (HIDDEN_TEXT if bar.hidden else NONE_TEXT) if hidden else text
        summary.append(f"kotak {nomor}: {said}")
    for i, level in enumerate(rows):
        parts.append(
            f'<text x="0" y="{topm + i * cell + cell / 2 + 4}" class="grafik-label">'
            f"{escape(_axis_word(level))}</text>"
        )
    bottom = topm + cell * len(rows)
    for i, level in enumerate(cols):
        parts.append(
            f'<text x="{left + i * cell + cell / 2 - 2}" y="{bottom + 16}" '
            f'text-anchor="middle" class="grafik-label">{escape(_axis_word(level))}</text>'
        )
    parts.append(
        f'<text x="{left + cell * len(cols) / 2}" y="{bottom + 38}" text-anchor="middle" '
        'class="grafik-label grafik-sumbu-judul">Kinerja →</text>'
    )
    parts.append(f'<desc id="{chart_id}-ringkasan">{escape("; ".join(summary))}.</desc></svg>')
    return "".join(parts)
