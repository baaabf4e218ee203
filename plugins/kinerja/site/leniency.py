"""Leniency, published: the given rating against the advisory one.

Under a `rating` methodology the pejabat penilai's rating counts and the
numbers only make an advisory rating. Per group, how many given ratings
are above, equal to or below it says how far the ratings drift from the
numbers, never who drifted. The counts are ordinary count cells, so
disclosure control hides them like every other count.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from kinerja.core.aggregation import LENIENCY
from kinerja.core.cells import HEADCOUNT, Measure
from kinerja.core.publication import Group
from kinerja.site import charts
from kinerja.site.labels import label

ELEMENTS = (("hasil_kerja", "Hasil kerja"), ("perilaku_kerja", "Perilaku kerja"))
CATEGORY = {
    "lebih_tinggi": "lebih tinggi dari angka",
    "sama": "sama dengan angka",
    "lebih_rendah": "lebih rendah dari angka",
    "tanpa_angka": "tanpa angka pembanding",
}


def rows(group: Group) -> list[dict[str, Any]]:
    """One row per element: its cell for each leniency category."""
    return [
        {
            "kode": kode,
            "nama": nama,
            "cells": {c: group[Measure(f"selisih_rating_{kode}", c)] for c in LENIENCY},
        }
        for kode, nama in ELEMENTS
    ]


def chart(chart_id: str, group: Group, title: str) -> str:
    """Counts above / equal / below per element (without-number counts are in the table)."""
    items = []
    for kode, nama in ELEMENTS:
        for c in LENIENCY[:3]:
            cell = group[Measure(f"selisih_rating_{kode}", c)]
            items.append(charts.Bar(f"{nama}: {CATEGORY[c]}", cell.value, cell.hidden))
    return charts.bars(chart_id, title, items)


def _share_good(group: Group, good: tuple[Measure, ...]) -> tuple[Fraction | None, bool]:
    """Percentage with a good predikat; hidden when a count is."""
    n = group[HEADCOUNT]
    parts = [group[p] for p in good]
    if not n.shown or not n.value or not all(c.shown for c in parts):
        return None, True
    return Fraction(sum(int(c.value or 0) for c in parts) * 100, int(n.value)), False


def trend_chart(
    trend: list[dict[str, Any]],
    kinds: dict[str, str],
    good: tuple[Measure, ...],
    names: Mapping[str, str],
) -> str:
    """The share of good predikat (`good`: the two best) per period, comparable
    across methodology kinds.

    Mean scores are not comparable once the method changes (a number computed
    from targets under `angka`, an advisory index under `rating`); the predikat
    is the official result under both. Each bar names its methodology.
    """
    items = []
    for t in trend:
        value, hidden = _share_good(t["semua"], good)
        name = f"{t['periode']} ({t['versi']}, jenis {kinds.get(t['versi'], '?')})"
        items.append(charts.Bar(name, value, hidden, places=t.get("desimal")))
    return charts.bars(
        "tren-predikat",
        f"Persentase ASN berpredikat {' atau '.join(label(p.of, names) for p in reversed(good))} per "
        "periode, dengan versi dan jenis metodologinya",
        items,
        unit=" %",
        places=1,
        maximum=100,
    )
