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
    """True when Git tracks anything in `folder` (it came with a commit), or
    cannot say so for a folder inside a work tree (e.g. "dubious ownership").

    The path is asked as given, never resolved: a committed symlink
    `.kinerja-cache -> output` is tracked itself, while its target is not."""
    probe = folder.parent
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--", os.path.abspath(folder)],
            cwd=probe,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False  # no Git: nothing can have come with a commit
    if done.returncode != 0:
        return b"not a git repository" not in done.stderr.lower()
    return bool(done.stdout)


def refusal(folder: Path) -> str | None:
    """Why a cache folder may not be used (None: it may)."""
    if os.path.islink(folder):
        return (
            f"folder cache {folder} adalah tautan (symlink), jadi isinya bisa ditulis ke tempat "
            "lain (misalnya folder situs yang diterbitkan); cache tidak dibaca dan tidak ditulis. "
            "Hapus tautan itu; folder cache dibuat sendiri saat membangun"
        )
    if tracked_by_git(folder):
        return (
            f"folder cache {folder} tercatat di Git, jadi isinya bisa berasal dari commit siapa "
            "pun; cache tidak dibaca dan tidak ditulis. Keluarkan dari Git: "
            f"git rm -r --cached {folder.name} (folder ini ada di .gitignore)"
        )
    return None


# folder -> why it may not be used ("" when it may), as the newest build's
# open_cache found: the page record and memos of the same build ask again
_REFUSED: dict[str, str] = {}


def refused_this_build(folder: Path) -> bool:
    """Whether `folder` is refused, answered once per build: open_cache asks
    afresh and records the answer; a folder it never opened is asked each time."""
    found = _REFUSED.get(str(folder))
    return bool(refusal(folder) if found is None else found)


def check_for_build(folder: Path) -> bool:
    """Ask afresh (a new build), remember the answer, warn once; True: refused."""
    reason = _REFUSED[str(folder)] = refusal(folder) or ""
    if reason and str(folder) not in _warned:
        _warned.add(str(folder))
        print(f"kinerja: peringatan: {reason}", file=sys.stderr)
    return bool(reason)


def inside_site(cache_dir: Path, output: Path) -> bool:
    """A cache folder inside the site's output would be published with it."""
    if not cache_dir.resolve().is_relative_to(output.resolve()):
        return False
    print(
        f"kinerja: peringatan: folder cache {cache_dir} ada di dalam folder keluaran situs "
        f"{output}, jadi akan ikut diterbitkan; cache tidak dipakai. Pilih folder lain "
        "untuk KINERJA_CACHE",
        file=sys.stderr,
    )
    return True
