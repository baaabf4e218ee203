"""The portal's pages as data: where each is saved, which template draws it,
and what it shows. Pure; the Pelican adapter only writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja.core.policy import COMPETENCY_KINDS, PREDIKAT, Policy, example_record
from kinerja.core.provenance import Provenance
from kinerja.core.publication import Group, PublishedPeriod
from kinerja.core.record import appraisal_from
from kinerja.site import charts, opendata
from kinerja.site.explain import sections
from kinerja.site.labels import label

INDICATOR_ORDER = (
    "perilaku_kerja",
    "kompetensi_manajerial",
    "kompetensi_sosial_kultural",
    "kompetensi_teknis",
    "aspek_hasil_kerja",
    "pengembangan_kompetensi",
)


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


def _predikat_chart(chart_id: str, group: Group, title: str) -> str:
    return charts.bars(
        chart_id,
        title,
        [
            charts.Bar(label(p), group[f"predikat_{p}"].value, group[f"predikat_{p}"].hidden)
            for p in PREDIKAT
        ],
    )


def _component_chart(chart_id: str, group: Group, title: str) -> str:
    items = []
    for name, text in (
        ("nilai_kinerja", "Nilai kinerja"),
        ("nilai_hasil_kerja", "Hasil kerja"),
        ("nilai_perilaku_kerja", "Perilaku kerja"),
    ):
        c = group[f"rerata_{name}"]
        items.append(charts.Bar(text, c.value, c.hidden))
    return charts.bars(chart_id, title, items, places=2, maximum=100)


def _gap_rows(group: Group, policy: Policy) -> list[tuple[str, str, Any]]:
    rows = []
    for ind in policy.indicators:
        if ind.jenis in COMPETENCY_KINDS:
            c = group.cells.get(f"rerata_gap_{ind.kode}")
            if c is not None:
                rows.append((ind.kode, ind.nama, c))
    return rows


def _talent_chart(chart_id: str, group: Group, policy: Policy, periode: int) -> str:
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


def _trend(published: dict[int, PublishedPeriod]) -> list[dict[str, Any]]:
    rows = []
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
            }
        )
        previous = pub.versi
    return rows


def _trend_chart(trend: list[dict[str, Any]]) -> str:
    return charts.bars(
        "tren-nilai",
        "Rerata nilai kinerja per periode",
        [
            charts.Bar(
                str(t["periode"]),
                t["semua"]["rerata_nilai_kinerja"].value,
                t["semua"]["rerata_nilai_kinerja"].hidden,
            )
            for t in trend
        ],
        places=2,
        maximum=100,
    )


def build_pages(
    published: dict[int, PublishedPeriod], policy: Policy, provenance: Provenance
) -> tuple[list[PageSpec], list[RawFile]]:
    assert policy is not None
    pages: list[PageSpec] = []
    periods = list(published)
    latest = published[periods[-1]] if periods else None
    units = {u.kode: u for u in policy.units}
    common = {"periods": periods, "units": units, "policy": policy}

    trend = _trend(published)
    home: dict[str, Any] = {"latest": latest, "trend": trend}
    if latest is not None:
        everyone = latest.group("semua", "semua")
        home["everyone"] = everyone
        home["chart_predikat"] = _predikat_chart(
            "beranda-predikat", everyone, f"Sebaran predikat kinerja {latest.periode}"
        )
    pages.append(PageSpec("index.html", "beranda", "Beranda", {**common, **home}))

    by_kind = [
        (kind, [i for i in policy.indicators if i.jenis == kind]) for kind in INDICATOR_ORDER
    ]
    pages.append(
        PageSpec(
            "indikator/index.html",
            "indikator_index",
            "Kriteria penilaian",
            {**common, "by_kind": by_kind},
        )
    )
    standards = policy.standards
    for ind in policy.indicators:
        pages.append(
            PageSpec(
                f"indikator/{ind.kode}/index.html",
                "indikator",
                ind.nama,
                {**common, "indicator": ind, "standards": standards},
            )
        )

    versions = list(policy.methodologies)
    pages.append(
        PageSpec(
            "metodologi/index.html",
            "metodologi_index",
            "Metodologi",
            {**common, "versions": versions, "current": versions[-1]},
        )
    )
    for m in versions:
        example = appraisal_from(example_record(m))
        example_score, steps = sections(example, policy)
        pages.append(
            PageSpec(
                f"metodologi/{m.versi}/index.html",
                "metodologi",
                f"Metodologi versi {m.versi}",
                {
                    **common,
                    "m": m,
                    "standards": standards,
                    "example": example,
                    "example_score": example_score,
                    "steps": steps,
                },
            )
        )

    pages.append(
        PageSpec(
            "hasil/index.html",
            "hasil_index",
            "Hasil penilaian",
            {**common, "trend": trend, "chart_trend": _trend_chart(trend) if trend else ""},
        )
    )
    sections_index = (
        ("kompetensi", "Kompetensi", "kompetensi"),
        ("pengembangan-kompetensi", "Pengembangan kompetensi", "pengembangan"),
        ("talenta", "Talenta", "talenta"),
        ("kurva-distribusi", "Kurva distribusi", "kurva"),
    )
    for slug, title, _ in sections_index:
        pages.append(
            PageSpec(f"{slug}/index.html", "periode_index", title, {**common, "slug": slug})
        )
    for periode, pub in published.items():
        everyone = pub.group("semua", "semua")
        assert everyone is not None
        per = {**common, "pub": pub, "everyone": everyone, "k": pub.k}
        pages.append(
            PageSpec(
                f"hasil/{periode}/index.html",
                "hasil_periode",
                f"Hasil penilaian {periode}",
                {
                    **per,
                    "chart_predikat": _predikat_chart(
                        f"predikat-{periode}", everyone, f"Sebaran predikat kinerja {periode}"
                    ),
                    "chart_komponen": _component_chart(
                        f"komponen-{periode}", everyone, f"Rerata nilai {periode}"
                    ),
                },
            )
        )
        for group in pub.groups["unit_kerja"]:
            unit = units[group.kelompok]
            pages.append(
                PageSpec(
                    f"hasil/{periode}/{unit.kode}/index.html",
                    "hasil_unit",
                    f"{unit.nama} — {periode}",
                    {
                        **per,
                        "unit": unit,
                        "group": group,
                        "curve": pub.curves.get(unit.kode),
                        "gaps": _gap_rows(group, policy),
                        "chart_predikat": _predikat_chart(
                            f"predikat-{unit.kode}",
                            group,
                            f"Sebaran predikat {unit.nama} {periode}",
                        ),
                    },
                )
            )
        gap_chart = charts.bars(
            f"gap-{periode}",
            f"Rerata gap kompetensi {periode} (level dicapai − standar)",
            [charts.Bar(name, c.value, c.hidden) for _, name, c in _gap_rows(everyone, policy)],
            places=2,
        )
        pages.append(
            PageSpec(
                f"kompetensi/{periode}/index.html",
                "kompetensi",
                f"Kompetensi {periode}",
                {
                    **per,
                    "gaps": _gap_rows(everyone, policy),
                    "chart_gap": gap_chart,
                    "gap_groups": {
                        g.kelompok: _gap_rows(g, policy) for g in pub.groups["jenis_jabatan"]
                    },
                },
            )
        )
        m = policy.methodology_for(periode)
        pages.append(
            PageSpec(
                f"pengembangan-kompetensi/{periode}/index.html",
                "pengembangan",
                f"Pengembangan kompetensi {periode}",
                {
                    **per,
                    "m": m,
                    "chart_jp": charts.bars(
                        f"jp-{periode}",
                        f"Persentase PNS yang memenuhi {m.jp_minimal if m else ''} JP, {periode}",
                        [
                            charts.Bar(
                                label(g.kelompok),
                                g["persen_memenuhi_jp"].value,
                                g["persen_memenuhi_jp"].hidden,
                            )
                            for g in pub.groups["jenis_jabatan"]
                        ],
                        unit=" %",
                        places=1,
                        maximum=100,
                    ),
                },
            )
        )
        pages.append(
            PageSpec(
                f"talenta/{periode}/index.html",
                "talenta",
                f"Talenta {periode}",
                {
                    **per,
                    "m": m,
                    "chart_talenta": _talent_chart(f"talenta-{periode}", everyone, policy, periode),
                },
            )
        )
        pages.append(
            PageSpec(
                f"kurva-distribusi/{periode}/index.html",
                "kurva",
                f"Kurva distribusi {periode}",
                {**per, "m": m},
            )
        )

    files = open_data(published, policy, provenance)
    pages.append(
        PageSpec(
            "data/index.html",
            "data_terbuka",
            "Data terbuka",
            {**common, "files": files, "fields": opendata.CSV_FIELDS},
        )
    )
    pages.append(PageSpec("cari/index.html", "cari", "Cari", common))
    return pages, files


def open_data(
    published: dict[int, PublishedPeriod], policy: Policy, provenance: Provenance
) -> list[RawFile]:
    assert policy is not None
    rows = [row for pub in published.values() for row in pub.rows()]
    versions = {p: pub.versi for p, pub in published.items()}
    places = policy.methodologies[-1].desimal
    items = opendata.records(rows, versions, places)
    texts = {
        "agregat.csv": opendata.agregat_csv(items),
        "agregat.json": opendata.agregat_json(items),
        "indikator.json": opendata.indikator_json(policy.indicators),
    }
    k = policy.methodologies[-1].ambang_k
    texts["datapackage.json"] = opendata.datapackage(
        texts, provenance.commit, provenance.data_sha256, k
    )
    return [RawFile(f"data/{name}", text) for name, text in texts.items()]
