"""What the page sections share: the page types, the Site and Period they read,
and the charts more than one section draws. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja.core.policy import COMPETENCY_KINDS, PREDIKAT, Policy
from kinerja.core.provenance import Provenance
from kinerja.core.publication import Group, PublishedPeriod
from kinerja.site import charts, leniency
from kinerja.site.labels import label


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


def predikat_chart(chart_id: str, group: Group, title: str) -> str:
    return charts.bars(
        chart_id,
        title,
        [
            charts.Bar(label(p), group[f"predikat_{p}"].value, group[f"predikat_{p}"].hidden)
            for p in PREDIKAT
        ],
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
        c = group[f"rerata_{name}"]
        items.append(charts.Bar(text, c.value, c.hidden))
    maximum = 100 if jenis == "angka" else None
    return charts.bars(chart_id, title, items, places=places, maximum=maximum)


def gap_rows(group: Group, policy: Policy) -> list[tuple[str, str, Any]]:
    rows = []
    for ind in policy.indicators:
        if ind.jenis in COMPETENCY_KINDS:
            c = group.cells.get(f"rerata_gap_{ind.kode}")
            if c is not None:
                rows.append((ind.kode, ind.nama, c))
    return rows


def talent_chart(chart_id: str, group: Group, policy: Policy, periode: int) -> str:
    m = policy.methodology_for(periode)
    assert m is not None
    boxes = {}
    for box in m.kotak:
        c = group[f"kotak_talenta_{box.nomor}"]
        boxes[box.nomor] = (
            box.kinerja,
            box.potensial,
            charts.Bar(str(box.nomor), c.value, c.hidden),
        )
    return charts.talent_grid(chart_id, f"Sebaran kotak talenta {periode}", boxes)


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


def trend_chart(trend: list[dict[str, Any]], kinds: dict[str, str]) -> str:
    """Share of good predikat per period: comparable across methodology kinds."""
    return leniency.trend_chart(trend, kinds)


@dataclass(frozen=True)
class Site:
    """What every section reads: the published periods and the policy."""

    published: dict[int, PublishedPeriod]
    policy: Policy
    provenance: Provenance
    trend: list[dict[str, Any]]
    files: list[RawFile]

    @property
    def periods(self) -> list[int]:
        return list(self.published)

    @property
    def latest(self) -> PublishedPeriod | None:
        return self.published[self.periods[-1]] if self.published else None

    @property
    def units(self) -> dict[str, Any]:
        return {u.kode: u for u in self.policy.units}

    @property
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
        return {"periods": self.periods, "units": self.units, "policy": self.policy, **shown}


@dataclass(frozen=True)
class Period:
    """One published period as the per-period sections see it."""

    periode: int
    pub: PublishedPeriod
    everyone: Group
    vars: dict[str, Any]
