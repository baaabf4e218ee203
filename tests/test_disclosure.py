"""Disclosure control, attacked from the outside.

A dataset where one unit has three people and one predikat cell has two is
built with the real portal; the test then plays the attacker: it reads only
the published agregat.csv, writes down every sum a reader can check (rows,
columns and totals of every table) and solves them exactly. No hidden cell
may be pinned down, and for each one the test exhibits a different,
non-negative table that agrees with everything published.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from conftest import VALID_RECORD, run_kinerja
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
FAMILIES += ("pengembangan_",)


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
    return cells, truth(data), out


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


def equations(cells: dict) -> list[tuple[tuple, list[tuple]]]:
    """Every sum a reader can check in the published tables."""
    groups = defaultdict(set)
    categories = defaultdict(set)
    for dim, group, ukuran in cells:
        groups[dim].add(group)
        for prefix in FAMILIES:
            if ukuran.startswith(prefix) and not ukuran.startswith("persen"):
                categories[prefix].add(ukuran)
    eqs = []
    for dim in groups:
        if dim == "semua":
            continue
        eqs.append(
            (
                ("semua", "semua", "jumlah_pegawai"),
                [(dim, g, "jumlah_pegawai") for g in groups[dim]],
            )
        )
        for cats in categories.values():
            for g in groups[dim]:
                eqs.append(((dim, g, "jumlah_pegawai"), [(dim, g, c) for c in cats]))
            for c in cats:
                eqs.append((("semua", "semua", c), [(dim, g, c) for g in groups[dim]]))
    for cats in categories.values():
        eqs.append((("semua", "semua", "jumlah_pegawai"), [("semua", "semua", c) for c in cats]))
    return eqs


def solve(cells: dict) -> tuple[list[tuple], dict[tuple, dict[tuple, Fraction]]]:
    """Reduced row echelon form over the hidden cells (exact rationals)."""
    hidden = sorted(k for k, v in cells.items() if v is None)
    index = {k: i for i, k in enumerate(hidden)}
    rows = []
    for total, parts in equations(cells):
        row = defaultdict(Fraction)
        for sign, cell in [(1, total)] + [(-1, p) for p in parts]:
            if cell in index:
                row[index[cell]] += sign
        row = {i: c for i, c in row.items() if c}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, Fraction]] = {}
    for row in rows:
        for p in [p for p in list(row) if p in pivots]:
            if p in row:
                factor = row[p]
                for j, c in pivots[p].items():
                    row[j] = row.get(j, Fraction(0)) - factor * c
                row = {i: c for i, c in row.items() if c}
        if not row:
            continue
        pivot = min(row)
        row = {i: c / row[pivot] for i, c in row.items()}
        for other in pivots.values():
            if pivot in other:
                factor = other[pivot]
                for j, c in row.items():
                    other[j] = other.get(j, Fraction(0)) - factor * c
                for j in [j for j, c in other.items() if not c]:
                    del other[j]
        pivots[pivot] = row
    named = {hidden[p]: {hidden[j]: c for j, c in row.items()} for p, row in pivots.items()}
    return hidden, named


def test_small_cells_are_hidden(published) -> None:
    cells, _, _ = published
    assert cells[("unit_kerja", "setwan", "jumlah_pegawai")] is None
    assert cells[("unit_kerja", "disdikbud", "predikat_butuh_perbaikan")] is None
    for (dim, group, ukuran), value in cells.items():
        if (dim, group) == ("unit_kerja", "setwan"):
            assert value is None or value == 0, ukuran
    # a complement in each of their lines
    assert sum(cells[("unit_kerja", u, "jumlah_pegawai")] is None for u in POPULATION) >= 2
    assert sum(cells[("unit_kerja", "disdikbud", f"predikat_{p}")] is None for p in PREDIKAT) >= 2


def test_no_hidden_cell_is_pinned_by_the_published_sums(published) -> None:
    cells, _, _ = published
    hidden, rref = solve(cells)
    assert hidden
    pinned = [cell for cell, row in rref.items() if len(row) == 1]
    assert not pinned


def test_every_hidden_cell_has_another_table_that_fits(published) -> None:
    cells, true, _ = published
    hidden, rref = solve(cells)
    free = [h for h in hidden if h not in rref]
    for cell in hidden:
        # a direction in which the published sums stay the same but `cell` moves
        if cell in free:
            direction = {cell: Fraction(1)}
            for pivot, row in rref.items():
                if cell in row:
                    direction[pivot] = -row[cell]
        else:
            f = next(j for j in rref[cell] if j != cell)
            direction = {f: Fraction(1)}
            for pivot, row in rref.items():
                if f in row:
                    direction[pivot] = -row[f]
        scale = 1
        for v in direction.values():
            scale = math.lcm(scale, v.denominator)
        step = {k: int(v * scale) for k, v in direction.items()}
        for t in itertools.chain.from_iterable((n, -n) for n in range(1, 6)):
            other = {k: true[k] + t * step.get(k, 0) for k in hidden}
            if all(v >= 0 for v in other.values()) and other[cell] != true[cell]:
                break
        else:
            pytest.fail(f"{cell} could be pinned down by non-negativity")
        # the alternative table reproduces every published sum
        values = {k: (v if v is not None else other[k]) for k, v in cells.items()}
        for total, parts in equations(cells):
            assert values[total] == sum(values.get(p, 0) for p in parts)


def test_statistics_of_small_groups_are_hidden(published) -> None:
    cells, _, _ = published
    for ukuran in ("rerata_nilai_kinerja", "median_nilai_kinerja", "rerata_nilai_hasil_kerja"):
        assert cells[("unit_kerja", "setwan", ukuran)] is None
    assert cells[("unit_kerja", "disdikbud", "rerata_nilai_kinerja")] is not None


def test_pages_show_no_number_for_hidden_cells(published) -> None:
    _, _, out = published
    html = (out / "hasil/2025/setwan/index.html").read_text(encoding="utf-8")
    assert "ditekan" in html
    summary = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "<td>3</td>" not in summary
