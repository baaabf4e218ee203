"""Build speed against the YAML parsing floor (15,000 records by default).

Run with `make bench` (or `.venv/bin/python benchmarks/build_speed.py`).
Prints each measurement in seconds and as a ratio to the floor: reading and
parsing every record once with libyaml's CSafeLoader in one process. Also a
plain Pelican build of the same Markdown content with no plugin (the default
theme), the fixed cost any Pelican site pays, and the targets of issue 14:
cold build <= 1.0 x floor; warm build (one record changed) <= 0.1 x floor or
<= 0.5 s above the plain Pelican build, whichever is larger.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def run(cmd: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    """Wall time and peak resident memory (MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"gagal: {' '.join(cmd)}\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


def floor(data: Path) -> float:
    files = sorted((data / "pegawai").rglob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 - safe loader
    return time.perf_counter() - start


def prepare(tmp: Path, people: int, seed: int = 7) -> tuple[Path, int]:
    data = tmp / "data"
    data.mkdir(parents=True)
    for name in ("unit-kerja.yaml", "standar-kompetensi.yaml", "sumber-data.yaml", "istilah.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    for folder in ("indikator", "metodologi"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    run(
        [
            PY,
            "-m",
            "kinerja",
            "synth",
            "--pegawai",
            str(people),
            "--periode",
            "2023-2025",
            "--seed",
            str(seed),
            "--data",
            str(data),
            "--out",
            str(data),
        ]
    )
    return data, len(list((data / "pegawai").rglob("*.yaml")))


def touch_one(data: Path) -> None:
    record = sorted((data / "pegawai" / "2025" / "dinkes").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    lines = ["  loyal: 1" if ln.startswith("  loyal:") else ln for ln in text.splitlines()]
    if lines == text.splitlines():
        lines = ["  loyal: 2" if ln.startswith("  loyal:") else ln for ln in text.splitlines()]
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pelican(data: Path, out: Path, cache: Path) -> list[str]:
    extra = [f"KINERJA_DATA={json.dumps(str(data))}", f"KINERJA_CACHE={json.dumps(str(cache))}"]
    return [
        PY,
        "-m",
        "pelican",
        "content",
        "-o",
        str(out),
        "-s",
        "pelicanconf.py",
        "-q",
        "-e",
        *extra,
    ]


PLAIN_SETTINGS = """
PATH = {content!r}
ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["extra"]
PLUGINS = []
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
READERS = {{"rst": None}}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""


def plain_pelican(tmp: Path) -> list[str]:
    """The same Markdown content, built by Pelican alone (no plugin, default theme)."""
    settings = tmp / "polos.py"
    settings.write_text(PLAIN_SETTINGS.format(content=str(ROOT / "content")), encoding="utf-8")
    return [PY, "-m", "pelican", "content", "-o", str(tmp / "out-polos"), "-s", str(settings), "-q"]


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def compile_engine() -> None:
    """Python caches compiled modules after a first run; an environment with
    PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images) never does, and
    every build would compile the engine afresh. Compile it once, as a user's
    first run would, so the figures are those of every later run."""
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "plugins")], check=True)


def measure(people: int, seed: int = 7) -> dict[str, float]:
    compile_engine()
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data, records = prepare(tmp, people, seed)
        load_before = load_average()
        size = sum(p.stat().st_size for p in (data / "pegawai").rglob("*.yaml"))
        base = floor(data)
        startup, _ = run([PY, "-c", "import kinerja.adapters.pipeline"])
        validate_cold, validate_mem = run([PY, "-m", "kinerja", "validate", "--data", str(data)])
        # validate_cold has now filled data/../.kinerja-cache
        touch_one(data)
        validate_warm, _ = run([PY, "-m", "kinerja", "validate", "--data", str(data)])
        cache = tmp / "build-cache"
        cold, cold_mem = run(pelican(data, tmp / "out-cold", cache))
        touch_one(data)
        # into the same output/ as `make html` and `make serve` do: unchanged pages stay
        warm, _ = run(pelican(data, tmp / "out-cold", cache))
        unchanged, _ = run(pelican(data, tmp / "out-cold", cache))
        plain, _ = run(plain_pelican(tmp))
        return {
            "load": f"{load_before} → {load_average()}",
            "plain": plain,
            "records": records,
            "megabytes": size / 1e6,
            "floor": base,
            "startup": startup,
            "validate_cold": validate_cold,
            "validate_warm": validate_warm,
            "build_cold": cold,
            "build_warm": warm,
            "build_unchanged": unchanged,
            "peak_mib_build": cold_mem,
            "peak_mib_validate": validate_mem,
        }


def report(m: dict) -> None:
    f = m["floor"]
    print(f"\n{int(m['records']):,} catatan ({m['megabytes']:.1f} MB YAML)")
    print(f"  beban mesin (load average 1/5/15 menit, awal → akhir): {m['load']}")
    print(f"  lantai (CSafeLoader, 1 proses)     {f:8.2f} s   1,00 × lantai")
    for key, text in (
        ("validate_cold", "kinerja validate, cache dingin"),
        ("validate_warm", "kinerja validate, 1 catatan berubah"),
        ("build_cold", "bangun dingin (tanpa cache)"),
        ("build_warm", "bangun hangat, 1 catatan berubah"),
        ("build_unchanged", "bangun hangat, tanpa perubahan"),
    ):
        print(f"  {text:<35}{m[key]:8.2f} s   {m[key] / f:5.2f} × lantai")
    print(f"  Pelican polos (tanpa plugin)       {m['plain']:8.2f} s")
    beyond = m["validate_warm"] - m["startup"]
    print(f"  validate hangat di luar start-up   {beyond:8.2f} s   (start-up {m['startup']:.2f} s)")
    print(
        f"  memori puncak: bangun {m['peak_mib_build']} MiB, validate {m['peak_mib_validate']} MiB"
    )
    warm_limit = max(0.1 * f, m["plain"] + 0.5)
    print("  target issue 14:")
    print(
        f"    bangun dingin ≤ 1,0 × lantai: {m['build_cold'] / f:.2f} ×",
        _verdict(m["build_cold"] <= f),
    )
    print(
        f"    bangun hangat ≤ maks(0,1 × lantai, Pelican polos + 0,5 s) = {warm_limit:.2f} s: "
        f"{m['build_warm']:.2f} s",
        _verdict(m["build_warm"] <= warm_limit),
    )


def _verdict(ok: bool) -> str:
    return "tercapai" if ok else "BELUM tercapai"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--pegawai",
        type=int,
        nargs="*",
        default=[5000],
        help="ukuran populasi (bawaan: 5000 ≈ 15.000 catatan; mis. --pegawai 5000 34000)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=7,
        help="benih kinerja synth (mis. --seed 11: populasi issue pengungkapan)",
    )
    args = parser.parse_args()
    print(f"Mesin: {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}")
    results = []
    for people in args.pegawai:
        m = measure(people, args.seed)
        report(m)
        results.append(m)
    if len(results) > 1:
        a, b = results[0], results[-1]
        scale = b["records"] / a["records"]
        print(
            f"\nPertumbuhan ×{scale:.1f} catatan: lantai ×{b['floor'] / a['floor']:.1f}, "
            f"bangun dingin ×{b['build_cold'] / a['build_cold']:.1f}, "
            f"validate dingin ×{b['validate_cold'] / a['validate_cold']:.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
