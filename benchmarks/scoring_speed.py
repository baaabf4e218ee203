"""CPU time of turning parsed records into Facts, against the parsing floor.

Run: `.venv/bin/python benchmarks/scoring_speed.py DATA_FOLDER` (e.g. the
folder `make bench` generates). Every record is parsed once and held in
memory; then, with the cycle collector off as in the workers, the typed
record (`appraisal_from`), `score` and `Facts.of` are timed (CPU seconds,
best of three), for the engine and for the old Fraction code kept in
tests/reference_scoring.py, in the same run. The floor is libyaml's
CSafeLoader over the same texts (issue 14: all three together <= 0.1 x).
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import reference_scoring as ref  # noqa: E402

from kinerja.adapters.pipeline import build  # noqa: E402
from kinerja.checks.yamlsource import read  # noqa: E402
from kinerja.core.aggregation import Facts  # noqa: E402
from kinerja.core.record import appraisal_from  # noqa: E402
from kinerja.core.scoring import score  # noqa: E402


def phases(datas: list, policy, typed, scored, facts) -> dict[str, float]:
    ratings = policy.vocabulary.ratings
    best: dict[str, float] = {}
    for _ in range(3):
        t0 = time.process_time()
        appraisals = [typed(d) for d in datas]
        t1 = time.process_time()
        scores = [scored(a, policy) for a in appraisals]
        t2 = time.process_time()
        for s in scores:
            facts(s, ratings)
        t3 = time.process_time()
        for key, value in (("catatan", t1 - t0), ("score", t2 - t1), ("Facts", t3 - t2)):
            best[key] = min(best.get(key, value), value)
    return best


def main(folder: Path) -> None:
    paths = sorted((folder / "pegawai").rglob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    gc.disable()
    start = time.process_time()
    for text in texts:
        yaml.load(text, Loader=yaml.CSafeLoader)
    floor = time.process_time() - start
    policy = build(folder, records=[]).policy
    datas = [read(str(p), t.encode()).data for p, t in zip(paths, texts, strict=True)]
    print(f"{len(paths):,} catatan; lantai (CSafeLoader, CPU) {floor:.2f} s")
    for name, funcs in (
        ("rujukan (Fraction)", (ref.appraisal_from, ref.score, ref.Facts.of)),
        ("mesin", (appraisal_from, score, Facts.of)),
    ):
        best = phases(datas, policy, *funcs)
        total = sum(best.values())
        parts = "  ".join(f"{k} {v:.3f} s ({v / floor:.3f}×)" for k, v in best.items())
        print(f"  {name:<19} {parts}  jumlah {total:.3f} s ({total / floor:.3f}× lantai)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "data"))
