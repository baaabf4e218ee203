"""The portal's pages as data: where each is saved, which template draws it,
and what it shows. Pure; the Pelican adapter only writes them.

build_pages runs the sections of SECTIONS in order; each turns a Site into
its PageSpecs. A new page is a new section function added to SECTIONS (or to
period_pages.PERIOD_SECTIONS when it has one page per period), never a longer
function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kinerja.core.policy import Policy, example_record
from kinerja.core.provenance import Provenance
from kinerja.core.publication import Group, PublishedPeriod, Row
from kinerja.core.record import appraisal_from
from kinerja.site import opendata
from kinerja.site.explain import sections
from kinerja.site.fingerprint import Fingerprints
from kinerja.site.pageparts import (
    Drawer,
    Memo,
    PageSpec,
    RawFile,
    Site,
    decimals,
    predikat_chart,
    trend,
    trend_chart,
)
from kinerja.site.period_pages import period_pages
from kinerja.site.trendcharts import unit_trends

__all__ = ["SECTIONS", "PageSpec", "RawFile", "Site", "build_pages", "open_data"]


def _latest_everyone(site: Site, chart_id: str) -> dict[str, Any]:
    """The latest period's regency-wide group and its predikat chart (none yet: {})."""
    if site.latest is None:
        return {}
    everyone = site.latest.group("semua", "semua")
    chart = site.draw(
        predikat_chart,
        chart_id,
        everyone,
        f"Sebaran predikat kinerja {site.latest.periode}",
        site.common["kategori"]["predikat"],
        site.names,
    )
    return {"everyone": everyone, "chart_predikat": chart}


def _home(site: Site) -> list[PageSpec]:
    home: dict[str, Any] = {"latest": site.latest, "trend": site.trend}
    home |= _latest_everyone(site, "beranda-predikat")
    return [PageSpec("index.html", "beranda", "Beranda", {**site.common, **home})]


def _indicators(site: Site) -> list[PageSpec]:
    policy = site.policy
    by_kind = [
        (kind, [i for i in policy.indicators if i.jenis == kind])
        for kind in policy.vocabulary.indicator_kinds
    ]
    pages = [
        PageSpec(
            "indikator/index.html",
            "indikator_index",
            "Kriteria penilaian",
            {**site.common, "by_kind": by_kind},
        )
    ]
    for ind in policy.indicators:
        pages.append(
            PageSpec(
                f"indikator/{ind.kode}/index.html",
                "indikator",
                ind.nama,
                {**site.common, "indicator": ind, "standards": policy.standards},
            )
        )
    return pages


def _methodologies(site: Site) -> list[PageSpec]:
    policy = site.policy
    versions = list(policy.methodologies)
    pages = [
        PageSpec(
            "metodologi/index.html",
            "metodologi_index",
            "Metodologi",
            {**site.common, "versions": versions, "current": versions[-1]},
        )
    ]
    for m in versions:
        example = appraisal_from(example_record(m))
        example_score, steps = sections(example, policy)
        pages.append(
            PageSpec(
                f"metodologi/{m.versi}/index.html",
                "metodologi",
                f"Metodologi versi {m.versi}",
                {
                    **site.common,
                    "m": m,
                    "standards": policy.standards,
                    "example": example,
                    "example_score": example_score,
                    "steps": steps,
                },
            )
        )
    return pages


SECTION_INDEXES = (
    ("kompetensi", "Kompetensi"),
    ("pengembangan-kompetensi", "Pengembangan kompetensi"),
    ("talenta", "Talenta"),
    ("kurva-distribusi", "Kurva distribusi"),
)


def _indexes(site: Site) -> list[PageSpec]:
    kinds = {m.versi: m.jenis for m in site.policy.methodologies}
    predikat = site.common["kategori"]["predikat"]
    chart = site.draw(trend_chart, site.trend, kinds, predikat, site.names) if site.trend else ""
    results: dict[str, Any] = {"trend": site.trend, "chart_trend": chart, "latest": site.latest}
    results |= _latest_everyone(site, "hasil-predikat")
    if site.latest is not None:
        results["unit_trends"] = unit_trends(
            site.published, site.policy.units, decimals(site.published, site.policy)
        )
    pages = [
        PageSpec("hasil/index.html", "hasil_index", "Hasil penilaian", {**site.common, **results})
    ]
    for slug, title in SECTION_INDEXES if not site.periods else ():  # else: latest_indexes
        pages.append(
            PageSpec(f"{slug}/index.html", "periode_index", title, {**site.common, "slug": slug})
        )
    return pages


def _open_data_page(site: Site) -> list[PageSpec]:
    return [
        PageSpec(
            "data/index.html",
            "data_terbuka",
            "Data terbuka",
            {
                **site.common,
                "fields": opendata.CSV_FIELDS,
                # the data checksum is shown here only, so other pages stay unchanged
                "provenance": site.provenance,
            },
        )
    ]


def _glossary(site: Site) -> list[PageSpec]:
    terms = sorted(site.policy.glossary, key=lambda t: t.judul.casefold())
    page_vars = {**site.common, "terms": terms, "tanpa_tautan_istilah": True}
    return [PageSpec("istilah/index.html", "istilah", "Istilah", page_vars)]


def _search(site: Site) -> list[PageSpec]:
    return [PageSpec("cari/index.html", "cari", "Cari", site.common)]


SECTIONS: tuple[Callable[[Site], list[PageSpec]], ...] = (
    _home,
    _indicators,
    _methodologies,
    _indexes,
    period_pages,
    _open_data_page,
    _glossary,
    _search,
)


def build_pages(
    published: dict[int, PublishedPeriod],
    policy: Policy,
    provenance: Provenance,
    memo: Memo | None = None,
    prints: Fingerprints | None = None,
) -> tuple[list[PageSpec], list[RawFile]]:
    """Every page of the portal (in SECTIONS order) and the open-data files.
    `memo` may give open-data rows and charts made by an earlier build (keyed
    by the fingerprints of what they are made from); `prints`: the build's
    fingerprints, which the page cache reads again."""
    prints = prints if prints is not None else Fingerprints()
    files = open_data(published, policy, provenance, memo, prints)
    site = Site(published, policy, provenance, trend(published, policy), Drawer(memo, prints))
    pages: list[PageSpec] = []
    for section in SECTIONS:
        pages += section(site)
    return pages, files


def _period_rows(
    pub: PublishedPeriod, places: int, memo: Memo | None, prints: Fingerprints
) -> tuple[str, str]:
    """One period's rows of agregat.csv and agregat.json, group by group.

    A group's rows are made from the group (its dimension, code and cells),
    the period's number and methodology version, and its decimals only, so
    `memo` may give them by the fingerprint of those: after one record
    changed, only the groups that person is counted in are written again.
    The pages read the same fingerprints of the groups again."""
    csv_parts, json_parts = [], []
    for groups in pub.groups.values():
        for group in groups:

            def rows(group: Group = group) -> tuple[str, str]:
                cells = [Row(pub.periode, group.key(u), c) for u, c in group.cells.items()]
                items = opendata.records(cells, {pub.periode: pub.versi}, {pub.periode: places})
                return opendata.csv_rows(items), opendata.json_lines(items)

            key = None if memo is None else prints.of(group, pub.periode, pub.versi, places)
            csv, lines = rows() if memo is None or key is None else memo(key, rows)
            csv_parts.append(csv)
            json_parts.append(lines)
    return "".join(csv_parts), ",\n".join(part for part in json_parts if part)


# deliberate twin of build_pages' signature (duplicates tool): the open-data
# files are made from the same inputs as the pages
def open_data(
    published: dict[int, PublishedPeriod],
    policy: Policy,
    provenance: Provenance,
    memo: Memo | None = None,
    prints: Fingerprints | None = None,
) -> list[RawFile]:
    assert policy is not None
    places = decimals(published, policy)
    prints = prints if prints is not None else Fingerprints()
    parts = [_period_rows(pub, places[p], memo, prints) for p, pub in published.items()]
    texts = {
        "agregat.csv": opendata.csv_joined([csv for csv, _ in parts]),
        "agregat.json": opendata.json_joined([lines for _, lines in parts]),
        # json's indented dump is its slow one: remembered like a chart
        "indikator.json": Drawer(memo, prints)(opendata.indikator_json, policy.indicators),
    }
    # with nothing published yet, the latest methodology is the one that will apply
    latest = policy.methodologies[-1]
    k = {p: pub.k for p, pub in published.items()} or {latest.dari: latest.ambang_k}
    texts["datapackage.json"] = opendata.datapackage(
        texts, provenance.commit, provenance.data_sha256, k, places or {latest.dari: latest.desimal}
    )
    return [RawFile(f"data/{name}", text) for name, text in texts.items()]
