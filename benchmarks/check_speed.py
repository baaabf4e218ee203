"""CPU time of checking clean record files, against the parsing floor.

Run: `.venv/bin/python benchmarks/check_speed.py DATA_FOLDER [OTHER_PLUGINS_DIR]`
(e.g. the folder `make bench` generates). Every record is parsed once
(`yamlsource.read`) and held in memory; then, with the cycle collector off
as in the workers, `check_record` is timed (CPU seconds, best of three), and
the typed record it ends with (`appraisal_from`) on its own, so the checks
themselves show (issue 14: <= 0.2 x the floor). The floor is libyaml's
CSafeLoader over the same texts. OTHER_PLUGINS_DIR (the `plugins` folder of
another checkout, e.g. from `git archive`) is measured the same way in a
second process of the same run, for a before/after.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from pathlib import Path


def measure(folder: Path) -> str:
    import yaml

    from kinerja.adapters.pipeline import build
    from kinerja.checks.limits import FileLimits
    from kinerja.checks.validation import check_record
    from kinerja.checks.yamlsource import read
    from kinerja.core.record import appraisal_from

    loaded = build(folder, records=[])
    policy, schemas = loaded.policy, loaded.loaded.schemas
    depth = FileLimits.of(schemas["pegawai"]).max_depth
    root = folder / "pegawai"
    paths = sorted(root.rglob("*.yaml"))
    raws = [p.read_bytes() for p in paths]
    texts = [raw.decode("utf-8") for raw in raws]
    gc.disable()
    start = time.process_time()
    for text in texts:
        yaml.load(text, Loader=yaml.CSafeLoader)
    floor = time.process_time() - start
    docs = [read(str(p), raw, depth) for p, raw in zip(paths, raws, strict=True)]
    places = [p.relative_to(root).as_posix() for p in paths]
    best = typed = float("inf")
    for _ in range(3):
        start = time.process_time()
        found = [check_record(d, policy, schemas, w) for d, w in zip(docs, places, strict=True)]
        best = min(best, time.process_time() - start)
        start = time.process_time()
        for doc in docs:
            appraisal_from(doc.data)
        typed = min(typed, time.process_time() - start)
    problems = sum(len(p) for p, _ in found)
    return (
        f"{len(docs):,} catatan, {problems} masalah; lantai {floor:.2f} s; check_record "
        f"{best:.3f} s ({best / floor:.3f}×), tanpa catatan bertipe {best - typed:.3f} s "
        f"({(best - typed) / floor:.3f}×)"
    )


def main(argv: list[str]) -> None:
    data = Path(argv[0])
    if len(argv) == 3 and argv[1] == "--plugins":  # the other checkout, in its own process
        sys.path.insert(0, argv[2])
        print(f"{argv[2]}: {measure(data)}")
        return
    if len(argv) == 2:
        other = str(Path(argv[1]).resolve())
        subprocess.run([sys.executable, __file__, str(data), "--plugins", other], check=True)  # noqa: S603
    print(f"mesin ini: {measure(data)}")


if __name__ == "__main__":
    main(sys.argv[1:])
