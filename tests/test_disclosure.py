"""Disclosure control, attacked from the outside.

The attacker (tests/attacker.py) reads only published agregat.csv text,
learns the identities among count columns from fully published groups and
bounds every hidden count with an integer program. It must pin nothing and
confine nothing to 1..k-1: in a small hand-made population built by the
real portal, in the shipped sample and in a synthetic population of small
units. The rounded means must not give a hidden denominator away.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

import attacker
from conftest import VALID_RECORD, run_kinerja
from kinerja.adapters.pipeline import Build, build
from kinerja.core.aggregation import leniency
from kinerja.core.cells import CellKey
from kinerja.core.publication import layout_of
from kinerja.site import opendata
from portal_build import copy_policy, pelican_build

HASIL = {
    "atas": {"kuantitas": 1, "satuan": "dokumen", "kualitas": 100, "waktu": 12},
    "sesuai": {"kuantitas": 1, "satuan": "dokumen", "kualitas": 100, "waktu": 12},
    "bawah": {"kuantitas": 10, "satuan": "dokumen", "kualitas": 100, "waktu": 12},
}
REAL = {
    "atas": {"kuantitas": 1, "kualitas": 100, "waktu": 10},
    "sesuai": {"kuantitas": 1, "kualitas": 90, "waktu": 12},
    "bawah": {"kuantitas": 5, "kualitas": 60, "waktu": 12},
}
BEHAVIOUR = {"atas": 5, "sesuai": 4, "bawah": 3}
RATINGS = ("di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi")  # highest first
PREDIKAT = {
    "sangat_baik": ("atas", "atas"),
    "baik": ("sesuai", "sesuai"),
    "butuh_perbaikan": ("bawah", "sesuai"),
    "kurang": ("sesuai", "bawah"),
    "sangat_kurang": ("bawah", "bawah"),
}
POPULATION = {
    "disdikbud": {"baik": 20, "sangat_baik": 8, "butuh_perbaikan": 2, "kurang": 6},
    "dinkes": {"baik": 15, "sangat_baik": 6, "kurang": 5},
    "rsud": {"baik": 12, "sangat_baik": 5},
    "setwan": {"baik": 3},
}
FAMILIES = ("predikat_", "rating_hasil_kerja_", "rating_perilaku_kerja_", "jpm_", "kotak_talenta_")
FAMILIES += ("pengembangan_", "selisih_rating_hasil_kerja_", "selisih_rating_perilaku_kerja_")
GIVEN = {
    "atas": "di_atas_ekspektasi",
    "sesuai": "sesuai_ekspektasi",
    "bawah": "di_bawah_ekspektasi",
}
LENIENCY = ("lebih_tinggi", "sama", "lebih_rendah", "tanpa_angka")
COUNTS = {"jumlah_pegawai"} | {
    f"{prefix}{c}"
    for prefix, cats in {
        "predikat_": PREDIKAT,
        "rating_hasil_kerja_": ("di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"),
        "rating_perilaku_kerja_": (
            "di_atas_ekspektasi",
            "sesuai_ekspektasi",
            "di_bawah_ekspektasi",
        ),
        "jpm_": ("optimal", "cukup_optimal", "kurang_optimal", "tidak_dinilai"),
        "kotak_talenta_": (*map(str, range(1, 10)), "tidak_ada"),
        "pengembangan_": ("memenuhi_jp", "belum_memenuhi_jp", "tidak_berlaku"),
        "selisih_rating_hasil_kerja_": LENIENCY,
        "selisih_rating_perilaku_kerja_": LENIENCY,
    }.items()
    for c in cats
}


def write_population(data: Path) -> None:
    base = yaml.safe_load(VALID_RECORD)
    base.pop("kompetensi")
    n = 0
    for unit, cells in POPULATION.items():
        for predikat, count in cells.items():
            hasil, perilaku = PREDIKAT[predikat]
            for _ in range(count):
                n += 1
                record = dict(base)
                record.update(
                    id=f"ASN-{n:010X}",
                    unit_kerja=unit,
                    jenis_jabatan=("fungsional", "pelaksana", "pengawas")[n % 3],
                    jenis_kelamin=("l", "p")[n % 2],
                    hasil_kerja=[
                        {"rencana": "x", "target": HASIL[hasil], "realisasi": REAL[hasil]}
                    ],
                    perilaku_kerja={k: BEHAVIOUR[perilaku] for k in base["perilaku_kerja"]},
                    # 2025 is under a `rating` methodology: the given ratings make the predikat
                    rating={"hasil_kerja": GIVEN[hasil], "perilaku_kerja": GIVEN[perilaku]},
                    pengembangan_kompetensi=[{"kegiatan": "x", "jp": 10 + 3 * (n % 5)}],
                )
                path = data / "pegawai" / "2025" / unit / f"{record['id']}.yaml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[dict, dict, Path]:
    root = tmp_path_factory.mktemp("kecil")
    data = copy_policy(root / "data")
    write_population(data)
    out = root / "output"
    done = pelican_build(out, data=data)
    assert done.returncode == 0, done.stderr[-3000:]
    cells: dict[tuple[str, str, str], int | None] = {}
    with (out / "data/agregat.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            value = None if row["ditekan"] == "true" else Fraction(row["nilai"])
            cells[(row["dimensi"], row["kelompok"], row["ukuran"])] = value
    result = build(data)
    agg = result.aggregates[2025]
    hidden = {CellKey(*key) for key, v in cells.items() if v is None and key[2] in COUNTS}
    return cells, truth(data), out, (agg, layout_of(result.policy, 2025), hidden)


def truth(data: Path) -> dict[tuple[str, str, str], int]:
    """The true counts, from the engine's per-record scores (tested elsewhere)."""
    files = sorted(str(p) for p in (data / "pegawai").rglob("*.yaml"))
    scores = json.loads(run_kinerja("score", *files, "--data", str(data), "--json").stdout)
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for s in scores:
        record = yaml.safe_load(
            (data / "pegawai" / "2025" / s["unit_kerja"] / f"{s['id']}.yaml").read_text()
        )
        facts = {
            "predikat_": s["predikat"],
            "rating_hasil_kerja_": s["hasil_kerja"]["rating"],
            "rating_perilaku_kerja_": s["perilaku_kerja"]["rating"],
            "jpm_": s["kompetensi"]["kategori"] or "tidak_dinilai",
            "kotak_talenta_": str(s["kotak_talenta"] or "tidak_ada"),
            "pengembangan_": {
                True: "memenuhi_jp",
                False: "belum_memenuhi_jp",
                None: "tidak_berlaku",
            }[s["pengembangan_kompetensi"]["memenuhi"]],
            "selisih_rating_hasil_kerja_": leniency(
                s["hasil_kerja"]["rating"], s["hasil_kerja"]["rating_angka"], RATINGS
            ),
            "selisih_rating_perilaku_kerja_": leniency(
                s["perilaku_kerja"]["rating"], s["perilaku_kerja"]["rating_angka"], RATINGS
            ),
        }
        groups = [("semua", "semua")] + [
            (d, record.get(d, "tidak_dicatat"))
            for d in ("unit_kerja", "jenis_jabatan", "status", "jenis_kelamin")
        ]
        for dim, group in groups:
            counts[(dim, group, "jumlah_pegawai")] += 1
            for prefix, value in facts.items():
                counts[(dim, group, prefix + value)] += 1
    return counts


def published_text(data: Path, cache: Path | None = None) -> tuple[str, Build]:
    """What the portal would publish as agregat.csv for this data folder."""
    result = build(data, cache_dir=cache)
    assert not result.problems, result.problems[:3]
    return agregat_text(result), result


def agregat_text(result: Build) -> str:
    rows = [row for pub in result.published.values() for row in pub.rows()]
    versions = {p: pub.versi for p, pub in result.published.items()}
    places = {p: result.policy.methodology_for(p).desimal for p in versions}
    items = opendata.records(rows, versions, places)
    return opendata.agregat_csv(items)


def assert_attack_fails(text: str, k: int = 5, keep=lambda column: True, known=()) -> int:
    """The attacker pins no hidden count of `text` and confines none to 1..k-1;
    `known`: identities learned elsewhere (the sample of the same portal)."""
    periods = attacker.read(text)
    columns = [c for c in attacker.count_columns(periods) if keep(c)]
    assert "jumlah_pegawai" in columns and len(columns) > 20
    ids = attacker.identities(periods, columns)
    ids += [i for i in known if set(i) <= set(columns)]
    assert ids, "the attacker learned no identity: the test would prove nothing"
    hidden = 0
    for periode, cells in sorted(periods.items()):
        weak = attacker.attack(cells, columns, ids, k)
        assert not weak, f"{periode}: {weak[:5]}"
        hidden += sum(v is None for v in cells.values())
    return hidden


def test_small_cells_are_hidden(published) -> None:
    cells = published[0]
    assert cells[("unit_kerja", "setwan", "jumlah_pegawai")] is None
    assert cells[("unit_kerja", "disdikbud", "predikat_butuh_perbaikan")] is None
    for (dim, group, ukuran), value in cells.items():
        if (dim, group) == ("unit_kerja", "setwan"):
            assert value is None or value == 0, ukuran


def test_attacker_pins_nothing_in_a_small_population(published) -> None:
    out = published[2]
    text = (out / "data/agregat.csv").read_text(encoding="utf-8")
    # one period has too few groups to learn identities over every column at once
    # (the sample test does), so the leniency columns are attacked apart
    leniency_column = lambda c: c.startswith("selisih_rating_")  # noqa: E731
    assert assert_attack_fails(text, keep=lambda c: not leniency_column(c)) > 0
    others = ("jumlah", "rating_", "predikat_", "pengembangan_")
    with_leniency = lambda c: leniency_column(c) or c.startswith(others)  # noqa: E731
    assert assert_attack_fails(text, keep=with_leniency) > 0


def test_the_attacker_pins_a_count_the_others_give_away(published) -> None:
    """The attacker can fail a population: every true count published but one."""
    cells, counts = published[0], published[1]
    shown = {key: Fraction(counts.get(key, 0)) for key in cells if key[2] in COUNTS}
    secret = ("unit_kerja", "setwan", "jumlah_pegawai")
    shown[secret] = None
    periods = {2025: shown}
    columns = attacker.count_columns(periods)
    weak = attacker.attack(shown, columns, attacker.identities(periods, columns), 5)
    assert weak == [(secret, 3, 3)]


@pytest.fixture(scope="module")
def sample(sample_build: Build) -> tuple[str, Build]:
    """The sample's agregat.csv text, from the session's build (conftest)."""
    return agregat_text(sample_build), sample_build


def test_attacker_pins_nothing_in_the_sample(sample) -> None:
    assert assert_attack_fails(sample[0]) > 100


def test_attacker_pins_nothing_with_small_units(sample, tmp_path: Path) -> None:
    """Units too small to teach the attacker any identity: it brings those
    learned from the sample, published by the same portal."""
    data = copy_policy(tmp_path / "data")
    done = run_kinerja(
        "synth",
        "--pegawai",
        "240",
        "--periode",
        "2025",
        "--seed",
        "11",
        "--data",
        str(data),
        "--out",
        str(data),
    )
    assert done.returncode == 0, done.stderr
    text, _ = published_text(data)
    periods = attacker.read(sample[0])
    known = attacker.identities(periods, attacker.count_columns(periods))
    assert assert_attack_fails(text, known=known) > 100


def test_means_do_not_betray_denominators(sample) -> None:
    """Rounded gap means admit few denominators; none may reveal a hidden count."""
    periods = attacker.read(sample[0])
    tried = 0
    for cells in periods.values():
        groups = {key[:2] for key in cells}
        for group in groups:
            means = [
                v
                for (d, g, u), v in cells.items()
                if (d, g) == group and u.startswith("rerata_gap_") and v is not None
            ]
            if not means:
                continue
            tried += 1
            total = cells[(*group, "jumlah_pegawai")]
            upto = int(total or cells[("semua", "semua", "jumlah_pegawai")])
            options = attacker.denominators(means[0], 2, range(1, upto + 1))
            for m in means[1:]:
                options = attacker.denominators(m, 2, sorted(options))
            missing = cells[(*group, "jpm_tidak_dinilai")]
            if len(options) == 1 and (total is None) != (missing is None):
                pytest.fail(f"{group}: the means give away a hidden count ({options})")
            # a published mean always sits on a published denominator
            assert total is not None and missing is not None, group
    assert tried > 20


def test_lp_attacker_agrees_with_integer_attacker(published) -> None:
    """On a small case the linear relaxation finds the same weak cells as the integer program."""
    from kinerja.core import attack

    agg, codes, hidden = published[3]
    model = attack.Model(agg.atoms, codes)
    counts = agg.count_cells(codes)
    lp = attack.audit(model, counts, hidden, 5)
    ip = attack.audit(model, counts, hidden, 5, integer=True)
    assert lp == ip == []
    # and both catch a cell left unprotected
    naked = {next(iter(sorted(hidden)))}
    assert (
        attack.audit(model, counts, naked, 5)
        == attack.audit(model, counts, naked, 5, integer=True)
        != []
    )


def test_statistics_of_small_groups_are_hidden(published) -> None:
    cells = published[0]
    for ukuran in ("rerata_nilai_kinerja", "median_nilai_kinerja", "rerata_nilai_hasil_kerja"):
        assert cells[("unit_kerja", "setwan", ukuran)] is None
    # a mean is shown exactly where its denominator is a published count of at least k
    shown = 0
    for unit in POPULATION:
        n = cells[("unit_kerja", unit, "jumlah_pegawai")]
        mean = cells[("unit_kerja", unit, "rerata_nilai_kinerja")]
        assert (mean is not None) == (n is not None and n >= 5), unit
        shown += mean is not None
    assert shown >= 2


def test_pages_show_no_number_for_hidden_cells(published) -> None:
    out = published[2]
    html = (out / "hasil/2025/setwan/index.html").read_text(encoding="utf-8")
    assert "ditekan" in html
    summary = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "<td>3</td>" not in summary


def test_suppression_is_kept_with_the_aggregate(tmp_path: Path, monkeypatch) -> None:
    """An unchanged period reuses its hidden cells: suppression does not run again."""
    from kinerja.core import publication

    data = copy_policy(tmp_path / "data")
    write_population(data)
    cache = tmp_path / "cache"
    first = build(data, cache_dir=cache)
    calls: list[int] = []
    real = publication.suppress
    monkeypatch.setattr(publication, "suppress", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    again = build(data, cache_dir=cache)
    assert again.reused_periods == [2025] and calls == []
    assert again.published[2025].rows() == first.published[2025].rows()


def test_a_curve_rule_needing_a_hidden_count_is_not_judged() -> None:
    from kinerja.core.policy import CurveRule
    from kinerja.core.publication import HIDDEN, Cell, judge

    at_least_one = CurveRule(("butuh_perbaikan", "kurang"), "paling_sedikit_orang", Fraction(1))
    n = Cell(20)
    # whatever the hidden count is, the rule cannot be judged from what is published
    assert judge(at_least_one, [HIDDEN, Cell(0)], n) == "tidak_dapat_dinilai"
    assert judge(at_least_one, [HIDDEN, Cell(3)], n) == "tidak_dapat_dinilai"
    assert judge(at_least_one, [Cell(0), Cell(0)], n) == "tidak_sesuai_kurva"
    assert judge(at_least_one, [Cell(0), Cell(1)], n) == "sesuai_kurva"
    share = CurveRule(("sangat_baik",), "paling_banyak_persen", Fraction(20))
    assert judge(share, [Cell(4)], HIDDEN) == "tidak_dapat_dinilai"
    assert judge(share, [Cell(4)], n) == "sesuai_kurva"


def test_curve_judgements_in_the_sample_use_published_counts_only(sample) -> None:
    for pub in sample[1].published.values():
        for code, (_, checks) in pub.curves.items():
            group = pub.group("unit_kerja", code)
            for check in checks:
                involved = [group[f"predikat_{p}"] for p in check.rule.predikat]
                judged = check.status != "tidak_dapat_dinilai"
                assert judged == (group["jumlah_pegawai"].shown and all(c.shown for c in involved))
