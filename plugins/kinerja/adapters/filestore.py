"""Writing into the data folder: atomic, and only where asked.

A half-written record would fail validation at best and be lost data at
worst, so every file is written to a temporary name and renamed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str) -> bool:
    """Write `text` to `path`; returns False when the file already held it."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_population(files: dict[str, str], out: Path) -> int:
    for rel, text in sorted(files.items()):
        write_atomic(out / "pegawai" / rel, text)
    return len(files)


def prune_population(files: dict[str, str], out: Path) -> int:
    """Remove records of the generated periods that the new population lacks.

    A renamed or removed unit would otherwise leave its old records behind,
    counted twice. Only the periods being written are touched.
    """
    keep = {out / "pegawai" / rel for rel in files}
    periods = {rel.split("/", 1)[0] for rel in files}
    removed = 0
    for periode in sorted(periods):
        folder = out / "pegawai" / periode
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.yaml")):
            if path not in keep:
                path.unlink()
                removed += 1
        for sub in sorted(folder.iterdir(), reverse=True):
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
    return removed
