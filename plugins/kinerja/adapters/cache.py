"""A persistent cache of per-file results, keyed by file content, that a
commit cannot plant.

Entries are keyed by the file's path and the SHA-256 of its bytes, and carry
the file's stat (size, modification time, inode, change time) so an
unchanged file need not be read at all (like Git's index); they sit inside a
file named for everything else a result depends on (the engine's code, the
schemas, the policy files). A changed record, schema, methodology or engine
therefore misses.

Whoever can commit to the repository must not be able to change a published
figure through the cache, so:
- a cache folder that Git tracks is never read (nor written): a warning says
  so once, and the build runs without a cache;
- every cache file is authenticated with HMAC-SHA256 under a key that never
  enters the repository: `KINERJA_KUNCI_CACHE` (CI) or a random key made on
  first use in the user's cache folder (`$XDG_CACHE_HOME/kinerja`,
  `~/.cache/kinerja`, `%LOCALAPPDATA%\\kinerja` on Windows). A forged, foreign
  or damaged file is discarded and rebuilt; the tag is verified before
  anything is decoded.
The body is `marshal` data of plain lists, strings and numbers (no code is
ever run from it), chosen because it loads several times faster than JSON:
an index of every file, then one section per period, decoded on demand.
Problems in it carry identifiers only masked, as they are printed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import marshal
import os
import secrets
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kinerja.core.cells import CellKey

FORMAT = "kinerja-cache-13"
# a file's size, modification time, inode and change time, packed: four big
# integers per file are most of what decoding the index of every file costs
_STAT = struct.Struct("<4q")
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


def _warn_once(folder: Path) -> None:
    if str(folder) in _warned:
        return
    _warned.add(str(folder))
    print(
        f"kinerja: peringatan: folder cache {folder} tercatat di Git, jadi isinya bisa berasal "
        "dari commit siapa pun; cache tidak dibaca dan tidak ditulis. Keluarkan dari Git: "
        f"git rm -r --cached {folder.name} (folder ini ada di .gitignore)",
        file=sys.stderr,
    )


def open_cache(folder: Path | None, context: str) -> FileCache:
    """The cache in `folder`, or no cache when Git tracks it or no key is at hand."""
    if folder is None:
        return FileCache(None, context)
    _TRACKED[str(folder)] = tracked_by_git(folder)
    if _TRACKED[str(folder)]:
        _warn_once(folder)
        return FileCache(None, context)
    key = cache_key()
    return FileCache(folder if key else None, context, key or b"")


class FileCache:
    """Per-file results (the index) and per-period sections, in one signed file.

    The whole file's tag is checked on opening (cheap); each period's section
    (the scored records' facts, the aggregate, what was published) is decoded
    only when that period is rebuilt, so a build that changed one period does
    not decode the others.
    """

    def __init__(self, folder: Path | None, context: str, key: bytes = b"") -> None:
        self.folder = folder
        self.context = context
        self.key = key
        # rel -> [digest, [shown, problems, ident], stat packed as _STAT]
        self.entries: dict[str, Any] = {}
        # periode -> [key, aggregate, published, statistics, counts] as plain data
        self.periods: dict[int, Any] = {}
        self._facts: dict[int, dict[str, Any]] = {}  # periode -> rel -> facts (decoded)
        self._raw_facts: dict[int, bytes | memoryview] = {}  # periode -> not decoded yet
        self.dirty = False
        self.rebuilt = False
        if folder is not None:
            self._load()

    @property
    def path(self) -> Path | None:
        return None if self.folder is None else self.folder / f"catatan-{self.context[:24]}.bin"

    def _load(self) -> None:
        path = self.path
        if path is None or not path.exists():
            return
        try:
            raw = path.read_bytes()
            cut = raw.index(b"\n")
            meta = json.loads(raw[:cut])
            # views, not copies: the body is ten megabytes for 15,000 records
            body = memoryview(raw)[cut + 1 :]
            if (
                meta.get("format") != FORMAT
                or meta.get("context") != self.context
                or not hmac.compare_digest(
                    str(meta.get("hmac", "")), self._tag([body], meta.get("sections"))
                )
            ):
                raise ValueError("forged, foreign or damaged")
            sections, start = {}, 0
            for name, size in meta["sections"]:
                sections[str(name)] = body[start : start + int(size)]
                start += int(size)
            entries, periods = marshal.loads(sections.pop("indeks"))
            if not isinstance(entries, dict) or not isinstance(periods, dict):
                raise ValueError("shape")
            raw_facts = {int(name.removeprefix("fakta-")): part for name, part in sections.items()}
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            self.rebuilt = True  # corrupt or foreign: start again
            self.dirty = True
            return
        self.entries, self.periods, self._raw_facts = entries, periods, raw_facts

    def _tag(self, body: bytes | list[bytes | memoryview], sections: Any = None) -> str:
        """Signs the body (or its parts, in order: no ten-megabyte copy is made
        to sign them) and how it is cut into sections (a relabelled or shifted
        section list is a forged file)."""
        parts = [body] if isinstance(body, bytes) else body
        layout = json.dumps(sections, sort_keys=True).encode()
        signed = hmac.new(self.key, digestmod=hashlib.sha256)
        signed.update(FORMAT.encode() + b"\0" + self.context.encode() + b"\0" + layout + b"\0")
        for part in parts:
            signed.update(part)
        return signed.hexdigest()

    def unchanged(self, rel: str, shown: str, st: os.stat_result) -> list | None:
        """[digest, [shown, problems, ident]] of a file whose stat and shown path
        match what was kept, else None; the stats are compared packed, as kept,
        so a walk over 15,000 unchanged files unpacks none of them."""
        found = self.entries.get(rel)
        if found is None or found[2] is None or found[1][0] != shown:
            return None
        if found[2] != _STAT.pack(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns):
            return None
        return found

    def digest_of(self, rel: str, shown: str) -> str | None:
        """The digest kept for a file under this shown path (its bytes may still match)."""
        found = self.entries.get(rel)
        return None if found is None or found[1][0] != shown else found[0]

    def get(self, rel: str, digest: str) -> Any | None:
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == digest:
            return entry[1]
        return None

    def put(self, rel: str, digest: str, value: Any, stat: list[int] | None = None) -> None:
        """`value` is [shown, problems, ident, facts]; facts go to their period's section."""
        shown, problems, ident, facts = value
        packed = None if stat is None else _STAT.pack(*stat)
        self.entries[rel] = [digest, [shown, problems, ident], packed]
        if ident is not None and facts is not None:  # None: same bytes, facts already kept
            self.facts(ident[1])[rel] = facts
        self.dirty = True

    def facts(self, periode: int) -> dict[str, Any]:
        """rel -> facts of the period's records, decoded on first use."""
        found = self._facts.get(periode)
        if found is None:
            raw = self._raw_facts.pop(periode, None)
            try:
                found = {} if raw is None else marshal.loads(raw)
            except (ValueError, EOFError, TypeError):
                found = {}  # cannot happen to a signed file; the records are read again
            if not isinstance(found, dict):
                found = {}
            self._facts[periode] = found
            self.dirty = self.dirty or raw is not None and not found
        return found

    def keep_only(self, rels: set[str]) -> None:
        for rel in [r for r in self.entries if r not in rels]:
            ident = self.entries.pop(rel)[1][2]
            if ident is not None:
                self.facts(ident[1]).pop(rel, None)
            self.dirty = True

    def period(self, periode: int, key: str, policy: Any) -> tuple[Any, Any] | None:
        """A period whose records are unchanged: its aggregate (joint table and
        hidden counts) and what was published from it, as the last build made them."""
        from kinerja.core.aggregation import PeriodAggregate
        from kinerja.core.publication import PublishedPeriod

        stored = self.periods.get(periode)
        if stored is None or stored[0] != key:
            return None
        return PeriodAggregate.from_plain(stored[1]), PublishedPeriod.from_plain(stored[2], policy)

    def keep_period(
        self,
        periode: int,
        key: str,
        agg: Any,
        published: Any,
        used: dict[bytes, list[int]] | None = None,
        counts: dict | None = None,
    ) -> None:
        """`used`: the means and medians the publication asked for (StatsMemo.used)."""
        used = used or {}
        counted = None if counts is None else [(*k, n) for k, n in counts.items()]
        self.periods[periode] = [key, agg.to_plain(), published.to_plain(), used, counted]
        self.dirty = True

    def counts_before(self, periode: int) -> tuple[dict, dict] | None:
        """The joint table and counts of the period's last publication (None: not
        kept), from which publication.counts_after adds what changed."""
        stored = self.periods.get(periode)
        if stored is None or len(stored) < 5 or stored[4] is None:
            return None
        atoms = {tuple(atom): n for atom, n in stored[1][2]}
        return atoms, {CellKey(d, g, u): n for d, g, u, n in stored[4]}

    def statistics(self, periode: int) -> dict[bytes, list[int]]:
        """The means and medians the period's last publication computed (by the
        SHA-256 of their values: publishing.StatsMemo), for the groups whose
        values did not change since."""
        stored = self.periods.get(periode)
        known = stored[3] if stored is not None and len(stored) > 3 else {}
        return known if isinstance(known, dict) else {}

    def keep_periods(self, periods: set[int]) -> None:
        for p in [p for p in self.periods if p not in periods]:
            del self.periods[p]
            self.dirty = True
        for p in [p for p in {*self._facts, *self._raw_facts} if p not in periods]:
            self._facts.pop(p, None)
            self._raw_facts.pop(p, None)
            self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a folder we cannot write just means no cache.
        Inside `saves_held`, only noted: the caller writes it later."""
        if _HELD:
            _HELD[-1].append(self)
            return
        with contextlib.suppress(OSError):
            self._save()

    def _save(self) -> None:
        path = self.path
        if path is None or not self.dirty:
            return
        parts = [("indeks", marshal.dumps([self.entries, self.periods]))]
        periods = sorted(set(self._facts) | set(self._raw_facts))
        for p in periods:
            raw = self._raw_facts.get(p)  # never decoded: written back as read
            parts.append((f"fakta-{p}", raw if raw is not None else marshal.dumps(self._facts[p])))
        layout = [[name, len(part)] for name, part in parts]
        body = [part for _, part in parts]
        header = json.dumps(
            {
                "format": FORMAT,
                "context": self.context,
                "hmac": self._tag(body, layout),
                "sections": layout,
            }
        ).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("catatan-*"):
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + b"\n")
            handle.writelines(body)
        os.replace(tmp, path)
        self.dirty = False


_HELD: list[list[FileCache]] = []  # the innermost saves_held block's caches


@contextlib.contextmanager
def saves_held() -> Iterator[list[FileCache]]:
    """Caches saved inside the block are handed to the caller to save later (the
    portal saves them while Pagefind indexes the site and this process waits)."""
    _HELD.append([])
    try:
        yield _HELD[-1]
    finally:
        _HELD.pop()


def environment() -> bytes:
    """The Python and the installed packages (name and version, from the
    dist-info folders' names: no metadata is read) that results depend on: a
    dependency upgraded under the same commit (Markdown, PyYAML, Babel) misses."""
    found = {sys.version}
    for folder in sys.path:
        with contextlib.suppress(OSError):
            found.update(
                name
                for name in os.listdir(folder or ".")
                if name.endswith((".dist-info", ".egg-info"))
            )
    return "\n".join(sorted(found)).encode()


def context_key(parts: list[bytes]) -> str:
    total = hashlib.sha256(FORMAT.encode())
    for part in parts:
        total.update(hashlib.sha256(part).digest())
    return total.hexdigest()
