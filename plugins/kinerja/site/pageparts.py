"""What the page sections share: the page types, the Site and Period they read,
and the charts more than one section draws. Pure."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kinerja.core.cells import Measure
from kinerja.core.policy import COMPETENCY_KINDS, Policy
from kinerja.core.provenance import Provenance
from kinerja.core.publication import Group, PublishedPeriod, Revision, layout_of
from kinerja.site import charts, leniency
from kinerja.site.fingerprint import Fingerprints, named_only
from kinerja.site.labels import label
from kinerja.site.trendcharts import Point, as_shown, regency_points

Names = Mapping[str, str]
# (key, how to make the value) -> the value: the caller may remember values by key
Memo = Callable[[str, Callable[[], Any]], Any]


@dataclass(frozen=True)
class PageSpec:
    save_as: str
    template: str
    title: str
    vars: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.save_as.removesuffix("index.html")


@dataclass(frozen=True)
class RawFile:
    save_as: str
    text: str


def categories(policy: Policy, periode: int) -> dict[str, tuple[Measure, ...]]:
    """Each counted family's categories, as pages ask a group for their cells
    (`g[c]`, `c.of|label`): the period's, from the schemas and its methodology."""
    return {
        f.attribute: tuple(Measure(f.attribute, c) for c in f.categories)
        for f in layout_of(policy, periode).families
    }


def scale_words(policy: Policy) -> dict[str, Any]:
    """The level scale ('1–5', from the record schema) and the number of
    BerAKHLAK values (the perilaku kerja indicators), as pages print them."""
    low, high = policy.vocabulary.levels
    behaviour = policy.codes_of("perilaku_kerja")
    return {"skala": f"{low}–{high}", "nilai_perilaku": len(behaviour)}


def kind_change(policy: Policy) -> tuple[Any, Any] | None:
    """The first pair of consecutive methodology versions whose kinds differ
    (before, after), for the pages that warn against comparing across it."""
    ms = policy.methodologies
    return next(((a, b) for a, b in zip(ms, ms[1:], strict=False) if a.jenis != b.jenis), None)


def predikat_chart(
    chart_id: str, group: Group, title: str, predikat: tuple[Measure, ...], names: Names
) -> str:
    return charts.bars(
        chart_id,
        title,
        [charts.Bar(label(p.of, names), group[p].value, group[p].hidden) for p in predikat],
    )


def component_chart(
    chart_id: str, group: Group, title: str, places: int, jenis: str = "angka"
) -> str:
    """Mean scores; under `rating` advisory indices (100 = sesuai), not capped at 100."""
    items = []
    for name, text in (
        ("nilai_kinerja", "Nilai kinerja"),
        ("nilai_hasil_kerja", "Hasil kerja"),
        ("nilai_perilaku_kerja", "Perilaku kerja"),
    ):
        c = group[Measure("rerata", name)]
        items.append(charts.Bar(text, c.value, c.hidden))
    maximum = 100 if jenis == "angka" else None
    return charts.bars(chart_id, title, items, places=places, maximum=maximum)


def gap_measure(kode: str) -> Measure:
    return Measure("rerata", f"gap_{kode}")


def gap_rows(group: Group, policy: Policy) -> list[tuple[str, str, Any, Measure]]:
    """(kode, nama, the group's cell, its measure for other groups' cells)."""
    rows = []
    for ind in policy.indicators:
        if ind.jenis in COMPETENCY_KINDS:
            measure = gap_measure(ind.kode)
            c = group.cells.get(measure.ukuran)
            if c is not None:
                rows.append((ind.kode, ind.nama, c, measure))
    return rows


def talent_chart(chart_id: str, group: Group, policy: Policy, periode: int) -> str:
    boxes = {}
    for box, measure in talent_rows(policy, periode):
        c = group[measure]
        boxes[box.nomor] = (
            box.kinerja,
            box.potensial,
            charts.Bar(str(box.nomor), c.value, c.hidden),
        )
    words = policy.vocabulary
    axes = (words.tingkat_kinerja, words.tingkat_potensial)
    return charts.talent_grid(chart_id, f"Sebaran kotak talenta {periode}", boxes, axes)


def talent_rows(policy: Policy, periode: int) -> list[tuple[Any, Measure]]:
    """The methodology's boxes, each with the measure of its count."""
    m = policy.methodology_for(periode)
    assert m is not None
    return [(box, Measure("kotak_talenta", str(box.nomor))) for box in m.kotak]


def decimals(published: dict[int, PublishedPeriod], policy: Policy) -> dict[int, int]:
    """The decimals each published period is shown with: its own methodology's `desimal`."""
    out = {}
    for periode in published:
        m = policy.methodology_for(periode)
        assert m is not None
        out[periode] = m.desimal
    return out


def trend(published: dict[int, PublishedPeriod], policy: Policy) -> list[dict[str, Any]]:
    rows = []
    places = decimals(published, policy)
    previous = None
    for periode, pub in published.items():
        everyone = pub.group("semua", "semua")
        assert everyone is not None
        rows.append(
            {
                "periode": periode,
                "versi": pub.versi,
                "versi_berubah": previous is not None and previous != pub.versi,
                "semua": everyone,
                "desimal": places[periode],
                "k": pub.k,
            }
        )
        previous = pub.versi
    return rows


def trend_chart(
    trend: list[dict[str, Any]],
    kinds: dict[str, str],
    predikat: tuple[Measure, ...],
    names: Names,
) -> str:
    """Share of good predikat (the schema's two best) per period: comparable
    across methodology kinds."""
    good = predikat[:2]
    return leniency.trend_chart(trend, kinds, good, names)


@dataclass(frozen=True)
class Drawer:
    """Draws a chart, or gives back the one drawn before from the same arguments.

    A chart is a pure function of its arguments and of the engine's code (which
    the memo's owner keys the whole memo by), so the fingerprint of the
    function's name and of every argument is a complete key. Most charts of a
    build after one record changed are those of the last build."""

    memo: Memo | None = None
    prints: Fingerprints = field(default_factory=Fingerprints)

    def __call__(self, draw: Callable[..., str], *args: Any, **kwargs: Any) -> str:
        key = None
        if self.memo is not None and named_only(draw):  # else its captured values count
            key = self.prints.of(draw.__module__, draw.__qualname__, args, kwargs)
        if key is None or self.memo is None:
            return draw(*args, **kwargs)
        return self.memo(key, lambda: draw(*args, **kwargs))


@dataclass(frozen=True)
class Site:
    """What every section reads: the published periods and the policy."""

    published: dict[int, PublishedPeriod]
    policy: Policy
    provenance: Provenance
    trend: list[dict[str, Any]]
    draw: Drawer = field(default_factory=Drawer)  # every chart is drawn through it

    @property
    def periods(self) -> list[int]:
        return list(self.published)

    @property
    def latest(self) -> PublishedPeriod | None:
        return self.published[self.periods[-1]] if self.published else None

    @property
    def names(self) -> Names:
        """The categories' labels, from the schemas."""
        return self.policy.vocabulary.labels

    @functools.cached_property
    def places(self) -> dict[int, int]:
        """Each period's decimals (`decimals`)."""
        return decimals(self.published, self.policy)

    @functools.cached_property
    def regency_shown(self) -> list[Point]:
        """The regency's rerata nilai kinerja in every period, as pages show it
        (every unit's page sets it beside the unit's)."""
        return as_shown(regency_points(self.published), self.places)

    @functools.cached_property
    def units(self) -> dict[str, Any]:
        return {u.kode: u for u in self.policy.units}

    # made once: every page shares the same objects, so a page's fingerprint
    # reads them once for the whole site (pages copy the dict, never its values)
    @functools.cached_property
    def common(self) -> dict[str, Any]:
        """Every page's variables. `k` and `desimal` are the latest period's (pages of
        one period replace them with that period's); `*_periode` give each period's."""
        latest = self.latest
        shown = {
            "desimal_periode": decimals(self.published, self.policy),
            "k_periode": {p: pub.k for p, pub in self.published.items()},
        }
        if latest is not None:
            shown |= {"k": latest.k, "desimal": shown["desimal_periode"][latest.periode]}
        newest = latest.periode if latest else self.policy.methodologies[-1].dari
        shown["kategori"] = categories(self.policy, newest)
        return {
            "periods": self.periods,
            "units": self.units,
            "policy": self.policy,
            **shown,
            **scale_words(self.policy),
            "jenis_berganti": kind_change(self.policy),
        }


@dataclass(frozen=True)
class PeriodHeader:
    """What a page of one group says about its period (base.html's release note)."""

    periode: int
    revision: Revision | None


# (dataclass field lists here and in core/policy.py share a shape by nature)
@dataclass(frozen=True)
class Period:
    """One published period as the per-period sections see it."""

    periode: int
    pub: PublishedPeriod
    everyone: Group
    vars: dict[str, Any]
