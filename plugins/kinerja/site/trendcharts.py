"""Pictures across periods: a sparkline per unit, and a unit beside the regency.

Inline SVG drawn at build time, each next to a table with the same numbers;
a hidden value is a gap in the line (never a zero), and is said so in the
chart's text alternative. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape
from typing import Any

from kinerja.core.publication import Cell
from kinerja.core.rounding import half_up
from kinerja.site import charts
from kinerja.site.formatting import number

MEASURE = "rerata_nilai_kinerja"


@dataclass(frozen=True)
class Point:
    periode: int
    cell: Cell | None  # None: the unit had no one assessed that period


def sparkline(
    chart_id: str,
    title: str,
    points: Sequence[Point],
    places: dict[int, int],
    low: int = 60,
    high: int = 100,
) -> str:
    """A small line of one measure across periods; gaps where hidden or absent.
    Numbers in its text are rounded to `places[periode]`."""
    width, height, pad = 120, 32, 4
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    span = Fraction(high - low)
    runs: list[list[tuple[float, float]]] = [[]]
    said = []
    for n, p in enumerate(points):
        if p.cell is None or not p.cell.shown:
            runs.append([])
            said.append(f"{p.periode}: {_absent(p.cell)}")
            continue
        value = min(max(Fraction(p.cell.value), Fraction(low)), Fraction(high))
        y = height - pad - float((value - low) / span) * (height - 2 * pad)
        runs[-1].append((pad + n * step, y))
        said.append(f"{p.periode}: {number(p.cell.value, places[p.periode])}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="garis-mini" data-pagefind-ignore="all" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-judul {chart_id}-ringkasan">',
        f'<title id="{chart_id}-judul">{escape(title)}</title>',
    ]
    for run in runs:
        if len(run) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(f'<polyline points="{coords}" class="garis-mini-garis"/>')
        for x, y in run:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" class="garis-mini-titik"/>')
    parts.append(f'<desc id="{chart_id}-ringkasan">{escape("; ".join(said))}.</desc></svg>')
    return "".join(parts)


def _absent(cell: Cell | None) -> str:
    if cell is not None and cell.hidden:
        return charts.HIDDEN_TEXT
    return charts.NONE_TEXT


def unit_points(published: dict[int, Any], unit: str, measure: str = MEASURE) -> list[Point]:
    points = []
    for periode, pub in published.items():
        group = pub.group("unit_kerja", unit)
        points.append(Point(periode, group.cells.get(measure) if group is not None else None))
    return points


def as_shown(points: list[Point], places: dict[int, int]) -> list[Point]:
    """The points as pages show them: rounded to each period's decimals. A page
    then depends on the figures it prints, not on digits it never shows, so a
    change that moves no printed figure leaves the page unchanged."""

    def shown(cell: Cell | None, periode: int) -> Cell | None:
        if cell is None or not cell.shown or isinstance(cell.value, int):
            return cell
        return Cell(Fraction(half_up(Fraction(cell.value), places[periode])))

    return [Point(p.periode, shown(p.cell, p.periode)) for p in points]


def regency_points(published: dict[int, Any], measure: str = MEASURE) -> list[Point]:
    return [
        Point(p, pub.group("semua", "semua").cells.get(measure)) for p, pub in published.items()
    ]


def unit_against_regency(
    chart_id: str, name: str, unit: list[Point], regency: list[Point], places: dict[int, int]
) -> str:
    """Per period, the unit's bar and the regency's bar (in a second colour), each
    rounded to `places[periode]`, its period's methodology decimals."""
    items = []
    for mine, everyone in zip(unit, regency, strict=True):
        for who, point, kind in ((name, mine, ""), ("Seluruh kabupaten", everyone, "pembanding")):
            cell = point.cell
            value = cell.value if cell is not None and cell.shown else None
            hidden = cell is not None and cell.hidden
            items.append(
                charts.Bar(f"{point.periode} · {who}", value, hidden, kind, places[point.periode])
            )
    return charts.bars(
        chart_id,
        f"Rerata nilai kinerja {name} dan seluruh kabupaten per periode",
        items,
        maximum=100,
    )


def shared_scale(rows: Sequence[Sequence[Point]]) -> tuple[int, int]:
    """One scale for every sparkline (whole numbers around all shown values), so that
    two units' lines can be compared by eye."""
    values = [
        Fraction(p.cell.value) for ps in rows for p in ps if p.cell is not None and p.cell.shown
    ]
    if not values:
        return 0, 100
    low, high = int(min(values)) - 1, int(max(values)) + 2
    return max(low, 0), min(high, 100)


def unit_trends(
    published: dict[int, Any], units: Sequence[Any], places: dict[int, int]
) -> dict[str, Any]:
    """Each unit's rerata nilai kinerja across periods: a sparkline and its numbers."""
    found = [(u, unit_points(published, u.kode)) for u in units]
    found = [(u, ps) for u, ps in found if any(p.cell is not None for p in ps)]
    low, high = shared_scale([ps for _, ps in found])
    rows = []
    for unit, points in found:
        title = f"Tren rerata nilai kinerja {unit.nama}"
        chart = sparkline(f"tren-{unit.kode}", title, points, places, low, high)
        rows.append({"unit": unit, "points": points, "chart": chart})
    return {"rows": rows, "skala": (low, high)}
