"""Whether a cache folder may be trusted: the key that signs its files, kept
outside every repository, and whether Git tracks the folder (then anyone
who can commit could have written it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

KEY_VARIABLE = "KINERJA_KUNCI_CACHE"
_warned: set[str] = set()


def user_cache_dir() -> Path:
    """Where this user's caches live, outside every repository."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "kinerja"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kinerja"


def cache_key() -> bytes | None:
    """The key that authenticates cache files; None: no usable key, no cache."""
    given = os.environ.get(KEY_VARIABLE, "")
    if given:
        return given.encode("utf-8")
    path = user_cache_dir() / "kunci-cache"
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        return path.read_bytes()
    except OSError:
        return None


def tracked_by_git(folder: Path) -> bool:
    """True when Git tracks anything in `folder` (it came with a commit)."""
    probe = folder if folder.is_dir() else folder.parent
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--", str(folder.resolve())],
            cwd=probe,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and bool(done.stdout)


# folder -> whether Git tracks it, as the newest build's open_cache found: the
# page record and memos of the same build ask again (a Git process each)
_TRACKED: dict[str, bool] = {}


def tracked_this_build(folder: Path) -> bool:
    """tracked_by_git, answered once per build (open_cache asks afresh)."""
    found = _TRACKED.get(str(folder))
    if found is None:
        found = _TRACKED[str(folder)] = tracked_by_git(folder)
    return found


def warn_once(folder: Path) -> None:
    if str(folder) in _warned:
        return
    _warned.add(str(folder))
    print(
        f"kinerja: peringatan: folder cache {folder} tercatat di Git, jadi isinya bisa berasal "
        "dari commit siapa pun; cache tidak dibaca dan tidak ditulis. Keluarkan dari Git: "
        f"git rm -r --cached {folder.name} (folder ini ada di .gitignore)",
        file=sys.stderr,
    )
