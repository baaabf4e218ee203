"""How much of a build disclosure control takes, and how it grows with units.

    .venv/bin/python benchmarks/disclosure_speed.py            # both parts
    .venv/bin/python benchmarks/disclosure_speed.py --bagian porsi
    .venv/bin/python benchmarks/disclosure_speed.py --bagian skala

porsi: `kinerja synth --pegawai 5000 --periode 2023-2025 --seed 11`
(≈ 15,000 records), a full Pelican build in this process, cold (empty
cache); warm after one record's cells moved, so that the period's hidden
cells are chosen again: once its leniency cell (a figure), once its given
rating; warm after one record changed within its cells (hidden cells
reused) and warm with nothing changed. The time spent choosing the cells to
hide is measured inside the same build, and a line says whether Pagefind
ran (some page's words changed, e.g. a curve rule could now be judged): when
it did not, the build is shortest and disclosure control weighs most. The
last warm case is `make bench`'s own change; `--seed 7` gives `make bench`'s
population, where that change moves a cell and no word. The same change is
then built once more by a whole `pelican` process, as `make html` runs it
(Python's start and imports included), timed from outside.

skala: one period at a fixed mean unit size (30 people) with 27, 100 and
400 units (a synthetic copy of the policy with more units), timing the
suppression of that period alone (CPU seconds).

Timings are wall-clock and CPU seconds; on a shared machine the CPU figures
are the steadier ones. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

import build_speed  # noqa: E402

from kinerja.adapters import cli  # noqa: E402
from kinerja.core import publication  # noqa: E402

SPENT: list[tuple[float, float]] = []  # (wall, CPU) seconds of each suppression
INDEXED: list[bool] = []  # whether the last build ran Pagefind
_suppress = publication.suppress


def _timed(*args, **kwargs):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    try:
        return _suppress(*args, **kwargs)
    finally:
        SPENT.append((time.perf_counter() - start, time.process_time() - cpu))


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (build workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _load() -> str:
    return "beban rata-rata " + " / ".join(f"{x:.2f}" for x in os.getloadavg())


publication.suppress = _timed  # type: ignore[assignment]


def policy_copy(data: Path, units: int | None = None) -> Path:
    data.mkdir(parents=True)
    for name in ("standar-kompetensi.yaml", "sumber-data.yaml", "unit-kerja.yaml", "istilah.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    for folder in ("indikator", "metodologi"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    if units is not None:
        listed = yaml.safe_load((ROOT / "data" / "unit-kerja.yaml").read_text(encoding="utf-8"))
        used = set()  # units an indicator names must stay
        for path in (ROOT / "data" / "indikator").glob("*.yaml"):
            used |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("unit_kerja") or [])
        real = listed["unit_kerja"]
        while len(real) > units:
            drop = next(u for u in reversed(real) if u["kode"] not in used)
            real = [u for u in real if u is not drop]
        extra = [
            {
                **real[-1],
                "kode": f"unit_{i:03d}",
                "nama": f"Unit sintetis {i}",
                "kelompok": "dinas",
                "predikat_organisasi": dict(real[-1]["predikat_organisasi"]),
            }
            for i in range(units - len(real))
        ]
        listed["unit_kerja"] = real + extra
        text = yaml.safe_dump(listed, allow_unicode=True, sort_keys=False)
        (data / "unit-kerja.yaml").write_text(text, encoding="utf-8")
    return data


def synth(data: Path, people: int, periods: str, seed: int) -> None:
    args = ["synth", "--pegawai", str(people), "--periode", periods, "--seed", str(seed)]
    with contextlib.redirect_stdout(io.StringIO()):
        status = cli.main([*args, "--data", str(data), "--out", str(data)])
    if status:
        raise SystemExit(f"synth gagal ({status})")


def pelican(data: Path, out: Path, cache: Path) -> tuple[float, float]:
    """A full Pelican build: (wall, CPU) seconds."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        {
            "PATH": str(ROOT / "content"),
            "OUTPUT_PATH": str(out),
            "KINERJA_DATA": str(data),
            "KINERJA_CACHE": str(cache),
        },
    )
    index = out / "pagefind" / "pagefind-entry.json"
    before = index.stat().st_mtime_ns if index.exists() else None
    start, cpu = time.perf_counter(), _cpu()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        Pelican(settings).run()
    INDEXED[:] = [before != index.stat().st_mtime_ns]  # Pagefind writes the index anew
    return time.perf_counter() - start, _cpu() - cpu


def _first_2025(data: Path) -> tuple[Path, str]:
    record = sorted((data / "pegawai" / "2025").rglob("*.yaml"))[0]
    return record, record.read_text(encoding="utf-8")


# deliberate twin of tests/test_warm_memo._rerate_one (duplicates tool): a benchmark
# imports nothing from the tests
def move_one(data: Path) -> None:
    """One person's given behaviour rating (2025 is of the `rating` kind): their
    cells move, so the period's hidden cells are chosen again."""
    record, text = _first_2025(data)
    for rating in ("di_bawah_ekspektasi", "sesuai_ekspektasi"):
        changed = re.sub(r"(?m)^  perilaku_kerja: \w+$", f"  perilaku_kerja: {rating}", text)
        if changed != text:
            record.write_text(changed, encoding="utf-8")
            return
    raise SystemExit("tidak ada rating perilaku yang dapat diubah")


def lower_one(data: Path) -> None:
    """One person's behaviour scores all set to 1: under the `rating` kind the
    given rating stays, the rating the numbers give falls, so the person moves
    to another leniency cell (a figure only; the search index stands unless
    the new hidden cells change a page's words)."""
    record, text = _first_2025(data)
    block = re.search(r"(?ms)^perilaku_kerja:\n((?:  \w+: \d\n)+)", text)
    if block is None:
        raise SystemExit("tidak ada nilai perilaku yang dapat diubah")
    lowered = re.sub(r": \d", ": 1", block.group(1))
    record.write_text(text.replace(block.group(1), lowered, 1), encoding="utf-8")


def reword_one(data: Path) -> None:
    """One work item's wording: the person's cells stay, and so do the hidden cells."""
    record, text = _first_2025(data)
    record.write_text(text.replace("  - rencana: ", "  - rencana: Revisi ", 1), encoding="utf-8")


def share(seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kinerja-sdc-") as tmp_name:
        tmp = Path(tmp_name)
        data = policy_copy(tmp / "data")
        synth(data, 5000, "2023-2025", seed)
        records = len(list((data / "pegawai").rglob("*.yaml")))
        count = f"{records:,}".replace(",", ".")
        print(f"Porsi pengendalian pengungkapan, {count} catatan (seed {seed}); {_load()}")
        print("  (waktu jam dinding; CPU: proses ini dan pekerjanya)")
        cache = tmp / "cache"
        for label, prepare in (
            ("dingin (cache kosong)", None),
            ("hangat, 1 catatan pindah sel selisih", lower_one),
            ("hangat, 1 catatan pindah sel rating", move_one),
            ("hangat, 1 catatan berubah, sel tetap", reword_one),
            ("hangat, perubahan make bench", build_speed.touch_one),
            ("hangat, tidak ada yang berubah", None),
        ):
            if prepare:
                prepare(data)
            SPENT.clear()
            wall, cpu = pelican(data, tmp / "out", cache)
            spent = sum(w for w, _ in SPENT)
            spent_cpu = sum(c for _, c in SPENT)
            print(
                f"  {label:<38} {wall:6.2f} s, pengungkapan {spent:5.2f} s "
                f"({100 * spent / wall:4.1f} %); CPU {cpu:6.2f} s, pengungkapan "
                f"{spent_cpu:5.2f} s ({100 * spent_cpu / cpu:4.1f} %); "
                f"{len(SPENT)} periode dihitung"
            )
            if prepare:
                ran = "Pagefind berjalan" if INDEXED[0] else "indeks pencarian tetap"
                print(f"  {'':<38} ({ran})")
        whole_process(data, tmp / "out", cache)  # the page record as the command line sets it
        build_speed.touch_one(data)
        wall, spent, periods = whole_process(data, tmp / "out", cache)
        print(
            f"  {'perubahan make bench, proses pelican':<38} {wall:6.2f} s, pengungkapan "
            f"{spent:5.2f} s ({100 * spent / wall:4.1f} %); {periods} periode dihitung "
            "(jam dinding, termasuk memulai Python dan impor, seperti make html)"
        )
        ran = "Pagefind berjalan" if INDEXED[0] else "indeks pencarian tetap"
        print(f"  {'':<38} ({ran})")
        print(f"  selesai; {_load()}")


# a `pelican` run as `make html` starts it, the choice of hidden cells timed inside
_WHOLE = """
import sys, time
sys.path.insert(0, {plugins!r})
from kinerja.core import publication
spent = []
real = publication.suppress
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return real(*args, **kwargs)
    finally:
        spent.append(time.perf_counter() - start)
publication.suppress = timed
import pelican
sys.argv = {argv!r}
try:
    pelican.main()
except SystemExit:
    pass
print(sum(spent), len(spent))
"""


def whole_process(data: Path, out: Path, cache: Path) -> tuple[float, float, int]:
    """(wall seconds of the whole process, of choosing hidden cells, periods chosen)."""
    argv = ["pelican", "content", "-o", str(out), "-s", "pelicanconf.py", "-q"]
    argv += ["-e", f'KINERJA_DATA="{data}"', f'KINERJA_CACHE="{cache}"']
    code = _WHOLE.format(plugins=str(ROOT / "plugins"), argv=argv)
    index = out / "pagefind" / "pagefind-entry.json"
    before = index.stat().st_mtime_ns
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    INDEXED[:] = [before != index.stat().st_mtime_ns]
    spent, periods = done.stdout.split()[-2:]
    return wall, float(spent), int(periods)


def scale(sizes: list[int], per_unit: int) -> None:
    from kinerja.adapters.pipeline import build

    print(f"Skala: satu periode, rata-rata {per_unit} pegawai per unit; {_load()}")
    base = None
    for units in sizes:
        with tempfile.TemporaryDirectory(prefix="kinerja-sdc-") as tmp_name:
            data = policy_copy(Path(tmp_name) / "data", units)
            synth(data, units * per_unit, "2025", 11)
            SPENT.clear()
            result = build(data, cache_dir=None)
            assert not result.problems, result.problems[:3]
            hidden = sum(r.cell.hidden for r in result.published[2025].rows())
            spent = sum(c for _, c in SPENT)
            base = base or spent / units
            print(
                f"  {units:4d} unit, {units * per_unit:6d} pegawai: CPU {spent:6.2f} s "
                f"({1000 * spent / units:5.1f} ms per unit, ×{spent / units / base:4.2f}; "
                f"{hidden} sel disembunyikan)"
            )
    print(f"  selesai; {_load()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bagian", choices=("porsi", "skala", "semua"), default="semua")
    parser.add_argument("--unit", type=int, nargs="*", default=[27, 100, 400])
    parser.add_argument("--per-unit", type=int, default=30)
    parser.add_argument("--seed", type=int, default=11, help="benih populasi bagian porsi")
    args = parser.parse_args()
    if args.bagian in ("porsi", "semua"):
        share(args.seed)
    if args.bagian in ("skala", "semua"):
        scale(args.unit, args.per_unit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
