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
    value: Fraction | int | None  # None: suppressed
    hidden: bool = False


def bars(
    chart_id: str,
    title: str,
    items: Sequence[Bar],
    unit: str = "",
    places: int = 0,
    maximum: Fraction | int | None = None,
) -> str:
    """A horizontal bar chart; suppressed bars are labelled, never drawn as zero."""
    row_h, label_w, bar_w, pad = 28, 190, 300, 8
    height = pad * 2 + row_h * len(items)
    width = label_w + bar_w + 110
    shown = [Fraction(i.value) for i in items if i.value is not None and not i.hidden]
    high = Fraction(maximum) if maximum is not None else max([Fraction(0), *shown])
    low = min([Fraction(0), *shown])  # negative values (gaps) grow left of zero
    span = (high - low) or Fraction(1)
    zero = label_w + float(-low / span) * bar_w
    summary = []
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-judul {chart_id}-ringkasan" '
        f'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-judul">{escape(title)}</title>',
    ]
    for n, item in enumerate(items):
        y = pad + n * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" class="grafik-label">'
            f"{escape(item.label)}</text>"
        )
        if item.hidden or item.value is None:
            parts.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="{row_h - 10}" '
                'class="grafik-ditekan"/>'
            )
            parts.append(
                f'<text x="{label_w + 6}" y="{y + 18}" class="grafik-nilai">disembunyikan</text>'
            )
            summary.append(f"{item.label}: disembunyikan")
            continue
        end = label_w + float((Fraction(item.value) - low) / span) * bar_w
        left, length = min(zero, end), abs(end - zero)
        shown_value = number(item.value, places) + unit
        parts.append(
            f'<rect x="{left:.1f}" y="{y + 5}" width="{length:.1f}" height="{row_h - 10}" '
            'class="grafik-batang"/>'
        )
        parts.append(
            f'<text x="{max(zero, end) + 6:.1f}" y="{y + 18}" class="grafik-nilai">'
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


def talent_grid(chart_id: str, title: str, boxes: dict[int, tuple[str, str, Bar]]) -> str:
    """The nine boxes: potensial rows (tinggi on top), kinerja columns."""
    cols = ("di_bawah", "sesuai", "di_atas")
    rows = ("tinggi", "menengah", "rendah")
    cell, left, topm = 110, 140, 30
    width, height = left + cell * 3 + 10, topm + cell * 3 + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-judul {chart_id}-ringkasan">',
        f'<title id="{chart_id}-judul">{escape(title)}</title>',
    ]
    summary = []
    for nomor, (kinerja, potensial, bar) in sorted(boxes.items()):
        x = left + cols.index(kinerja) * cell
        y = topm + rows.index(potensial) * cell
        hidden = bar.hidden or bar.value is None
        text = "disembunyikan" if hidden else number(bar.value, 0)
        css = "kotak-ditekan" if hidden else f"kotak kotak-{nomor}"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{cell - 4}" height="{cell - 4}" class="{css}"/>'
        )
        parts.append(f'<text x="{x + 8}" y="{y + 20}" class="grafik-label">Kotak {nomor}</text>')
        parts.append(f'<text x="{x + 8}" y="{y + 62}" class="grafik-angka">{escape(text)}</text>')
        summary.append(f"kotak {nomor}: {text}")
    for i, label in enumerate(("Potensial tinggi", "menengah", "rendah")):
        parts.append(
            f'<text x="{left - 6}" y="{topm + i * cell + cell / 2}" text-anchor="end" '
            f'class="grafik-label">{label}</text>'
        )
    for i, label in enumerate(("Kinerja di bawah", "sesuai", "di atas")):
        parts.append(
            f'<text x="{left + i * cell + cell / 2 - 2}" y="{topm + cell * 3 + 20}" '
            f'text-anchor="middle" class="grafik-label">{label}</text>'
        )
    parts.append(f'<desc id="{chart_id}-ringkasan">{escape("; ".join(summary))}.</desc></svg>')
    return "".join(parts)
