"""The pages drawn once per published period: results (with one page per
unit), competencies, development, talent and the distribution curve. Pure.
A new per-period page is a function added to PERIOD_SECTIONS."""

from __future__ import annotations

from collections.abc import Callable

from kinerja.core.aggregation import NO_BOX
from kinerja.core.cells import Measure
from kinerja.site import charts, leniency
from kinerja.site.fingerprint import made
from kinerja.site.labels import label
from kinerja.site.pageparts import (
    PageSpec,
    Period,
    PeriodHeader,
    Site,
    categories,
    component_chart,
    gap_rows,
    predikat_chart,
    talent_chart,
    talent_rows,
)
from kinerja.site.trendcharts import as_shown, unit_against_regency, unit_points


def _period_results(site: Site, p: Period) -> list[PageSpec]:
    jenis = p.vars["jenis"]
    pages = [
        PageSpec(
            f"hasil/{p.periode}/index.html",
            "hasil_periode",
            f"Hasil penilaian {p.periode}",
            {
                **p.vars,
                "chart_predikat": site.draw(
                    predikat_chart,
                    f"predikat-{p.periode}",
                    p.everyone,
                    f"Sebaran predikat kinerja {p.periode}",
                    p.vars["kategori"]["predikat"],
                    site.names,
                ),
                "ringkasan": _summary(jenis),
                "rating_baris": _rating_rows(p),
                "chart_komponen": site.draw(
                    component_chart,
                    f"komponen-{p.periode}",
                    p.everyone,
                    f"Rerata {'indeks saran' if jenis == 'rating' else 'nilai'} {p.periode}",
                    p.vars["desimal"],
                    jenis,
                ),
                "chart_selisih": site.draw(
                    leniency.chart,
                    f"selisih-{p.periode}",
                    p.everyone,
                    f"Rating yang diberikan dibanding rating angka saran, {p.periode}",
                )
                if jenis == "rating"
                else "",
                "selisih": made(leniency.rows, p.everyone),
            },
        )
    ]
    return pages + _unit_results(site, p)


def _unit_results(site: Site, p: Period) -> list[PageSpec]:
    pages = []
    units = site.units
    # a unit's page reads its own group, not the whole period: it stays unchanged
    # (and is not drawn again) when only other units' figures change
    own = {k: v for k, v in p.vars.items() if k not in ("pub", "everyone")}
    own["pub"] = PeriodHeader(p.periode, p.pub.revision)
    for group in p.pub.groups["unit_kerja"]:
        unit = units[group.kelompok]
        pages.append(
            PageSpec(
                f"hasil/{p.periode}/{unit.kode}/index.html",
                "hasil_unit",
                f"{unit.nama} — {p.periode}",
                {
                    **own,
                    "unit": unit,
                    "group": group,
                    "curve": p.pub.curves.get(unit.kode),
                    "selisih": made(leniency.rows, group),
                    "gaps": made(gap_rows, group, site.policy),
                    "chart_predikat": site.draw(
                        predikat_chart,
                        f"predikat-{unit.kode}",
                        group,
                        f"Sebaran predikat {unit.nama} {p.periode}",
                        p.vars["kategori"]["predikat"],
                        site.names,
                    ),
                    **_against_regency(site, unit),
                },
            )
        )
    return pages


def _summary(jenis: str) -> list[tuple[str, Measure, Measure]]:
    """The regency's mean and median rows: (heading, mean, median)."""
    if jenis == "rating":
        names = ("Nilai kinerja saran", "Indeks saran hasil kerja", "Indeks saran perilaku kerja")
    else:
        names = ("Nilai kinerja", "Nilai hasil kerja", "Nilai perilaku kerja")
    values = ("nilai_kinerja", "nilai_hasil_kerja", "nilai_perilaku_kerja")
    return [
        (name, Measure("rerata", v), Measure("median", v))
        for name, v in zip(names, values, strict=True)
    ]


def _rating_rows(p: Period) -> list[tuple[str, Measure, Measure]]:
    """Each rating with its hasil kerja and perilaku kerja count."""
    families = p.vars["kategori"]
    pairs = zip(families["rating_hasil_kerja"], families["rating_perilaku_kerja"], strict=True)
    return [(hasil.of, hasil, perilaku) for hasil, perilaku in pairs]


def _against_regency(site: Site, unit) -> dict:  # type: ignore[no-untyped-def]
    """The unit beside the whole regency in every period, as bars and as a table
    (the points as shown: a page changes only when a figure it prints does)."""
    places = site.places
    mine = as_shown(unit_points(site.published, unit.kode), places)
    everyone = site.regency_shown
    return {
        "banding": made(_beside, mine, everyone),
        "chart_banding": site.draw(
            unit_against_regency,
            f"banding-{unit.kode}",
            unit.nama,
            mine,
            everyone,
            places,
        ),
    }


def _beside(mine: list, everyone: list) -> list:
    """Each period's point of the unit beside the regency's."""
    return list(zip(mine, everyone, strict=True))


def _period_competencies(site: Site, p: Period) -> list[PageSpec]:
    gaps = gap_rows(p.everyone, site.policy)
    gap_chart = site.draw(
        charts.bars,
        f"gap-{p.periode}",
        f"Rerata selisih kompetensi {p.periode} (level dicapai − standar)",
        [charts.Bar(name, c.value, c.hidden) for _, name, c, _ in gaps],
        places=p.vars["desimal"],
    )
    by_position = {g.kelompok: gap_rows(g, site.policy) for g in p.pub.groups["jenis_jabatan"]}
    return [
        PageSpec(
            f"kompetensi/{p.periode}/index.html",
            "kompetensi",
            f"Kompetensi {p.periode}",
            {**p.vars, "gaps": gaps, "chart_gap": gap_chart, "gap_groups": by_position},
        )
    ]


def _period_development(site: Site, p: Period) -> list[PageSpec]:
    m = site.policy.methodology_for(p.periode)
    chart = site.draw(
        charts.bars,
        f"jp-{p.periode}",
        f"Persentase PNS yang memenuhi {m.jp_minimal if m else ''} JP, {p.periode}",
        [
            charts.Bar(
                label(g.kelompok, site.names),
                g["persen_memenuhi_jp"].value,
                g["persen_memenuhi_jp"].hidden,
            )
            for g in p.pub.groups["jenis_jabatan"]
        ],
        unit=" %",
        places=p.vars["desimal"],
        maximum=100,
    )
    return [
        PageSpec(
            f"pengembangan-kompetensi/{p.periode}/index.html",
            "pengembangan",
            f"Pengembangan kompetensi {p.periode}",
            {**p.vars, "m": m, "chart_jp": chart},
        )
    ]


def _period_talent(site: Site, p: Period) -> list[PageSpec]:
    m = site.policy.methodology_for(p.periode)
    chart = site.draw(talent_chart, f"talenta-{p.periode}", p.everyone, site.policy, p.periode)
    return [
        PageSpec(
            f"talenta/{p.periode}/index.html",
            "talenta",
            f"Talenta {p.periode}",
            {
                **p.vars,
                "m": m,
                "chart_talenta": chart,
                "kotak": talent_rows(site.policy, p.periode),
                "tanpa_kotak": Measure("kotak_talenta", NO_BOX),
            },
        )
    ]


def _period_curve(site: Site, p: Period) -> list[PageSpec]:
    m = site.policy.methodology_for(p.periode)
    return [
        PageSpec(
            f"kurva-distribusi/{p.periode}/index.html",
            "kurva",
            f"Kurva distribusi {p.periode}",
            {**p.vars, "m": m},
        )
    ]


PERIOD_SECTIONS: tuple[Callable[[Site, Period], list[PageSpec]], ...] = (
    _period_results,
    _period_competencies,
    _period_development,
    _period_talent,
    _period_curve,
)


# Section index pages that show their latest period (slug -> title).
LATEST_INDEXES = {
    "kompetensi": "Kompetensi",
    "pengembangan-kompetensi": "Pengembangan kompetensi",
    "talenta": "Talenta",
    "kurva-distribusi": "Kurva distribusi",
}


def period_pages(site: Site) -> list[PageSpec]:
    pages: list[PageSpec] = []
    for periode, pub in site.published.items():
        everyone = pub.group("semua", "semua")
        assert everyone is not None
        m = site.policy.methodology_for(periode)
        assert m is not None
        # k and decimals of this period's own methodology, for every cell on its pages
        per = {**site.common, "pub": pub, "everyone": everyone, "k": pub.k, "desimal": m.desimal}
        per["jenis"] = m.jenis
        per["kategori"] = categories(site.policy, periode)
        period = Period(periode, pub, everyone, per)
        for section in PERIOD_SECTIONS:
            pages += section(site, period)
    return pages + latest_indexes(site, pages)


def latest_indexes(site: Site, pages: list[PageSpec]) -> list[PageSpec]:
    """/kompetensi/ and the like: the latest period's page itself, said to be the latest,
    so a reader lands on figures, a chart and a table instead of a list of years."""
    if not site.periods:
        return []
    latest = site.periods[-1]
    out = []
    for page in pages:
        slug = page.save_as.split("/")[0]
        if slug in LATEST_INDEXES and page.save_as == f"{slug}/{latest}/index.html":
            out.append(
                PageSpec(
                    f"{slug}/index.html",
                    page.template,
                    LATEST_INDEXES[slug],
                    {**page.vars, "indeks": slug},
                )
            )
    return out
