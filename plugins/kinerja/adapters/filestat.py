"""A file's bytes known by its stat, like Git's index: a file whose stat is
the one recorded when its bytes were last read is not read again.

A stat stands for the bytes only once it is settled: the file's last change
(its ctime, which no one can set by hand, or its mtime) is older, by more
than the filesystem's timestamp step, than a clock reading taken before the
stat and the read. Any later change then gets a later ctime, so a stale or
edited file never matches the recorded stat, whatever its size and mtime.
A file changed within one timestamp step of being read ("racily clean" in
Git's words) is read again next time. On Windows ctime is the creation
time, so no stat is trusted there.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

# [size, mtime_ns, inode, ctime_ns]: compared as a whole
Stat = list[int]
FINE_STEP_NS = 100_000_000  # timestamps finer than a second: kernels step by 1-10 ms
COARSE_STEP_NS = 2_000_000_000  # whole-second timestamps (FAT keeps two seconds)


def settled(st: os.stat_result, before_ns: int) -> bool:
    """True when no later change of the file can leave this stat as it is."""
    if os.name == "nt":
        return False
    newest = max(st.st_mtime_ns, st.st_ctime_ns)
    step = COARSE_STEP_NS if newest % 1_000_000_000 == 0 else FINE_STEP_NS
    return newest < before_ns - step


def current_sha(path: Path, known: list | None) -> tuple[str | None, Stat | None, bytes | None]:
    """(SHA-256 of the file's bytes, its stat if settled, the bytes if read);
    (None, None, None) when it cannot be read. `known`: [SHA-256, settled stat
    or None] recorded before; when the file's stat is that settled stat, the
    file is not read."""
    before = time.time_ns()
    try:
        st = os.stat(path)
    except OSError:
        return None, None, None
    stat = [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]
    if known is not None and known[1] is not None and known[1] == stat:
        return str(known[0]), stat, None
    try:
        raw = path.read_bytes()
    except OSError:
        return None, None, None
    return hashlib.sha256(raw).hexdigest(), stat if settled(st, before) else None, raw


def stat_or_none(value: object) -> Stat | None:
    """A stat as a record loaded from JSON holds it, or None."""
    if isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value):
        return list(value)
    return None
