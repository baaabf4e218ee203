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
  or damaged file is discarded and rebuilt; the tag (over every section's
  SHA-256) and the sections' digests are verified before anything is decoded.
The body is `marshal` data of plain lists, strings and numbers (no code is
ever run from it), chosen because it loads several times faster than JSON:
an index of every file (adapters/fileindex.py) and every period's data, then
one section of scored records per record folder, decoded on demand.
Problems in it carry identifiers only masked, as they are printed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kinerja.adapters.cachetrust import cache_key, check_for_build
from kinerja.adapters.fileindex import NO_STAT, STAT, FileIndex, Kept
from kinerja.core.cells import CellKey

FORMAT = "kinerja-cache-15"
INDEX = "indeks"  # the section of every file's result and every period's data
FACTS = "fakta-"  # sections of scored records: fakta-PERIODE:FOLDER


def open_cache(folder: Path | None, context: str) -> FileCache:
    """The cache in `folder`, or no cache when the folder is refused (tracked by
    Git, a symlink) or no key is at hand."""
    if folder is None or check_for_build(folder):
        return FileCache(None, context)
    key = cache_key()
    return FileCache(folder if key else None, context, key or b"")


class FileCache:
    """Per-file results (the index) and per-period data, in one signed file.

    The header signs the list of sections with each one's SHA-256; all are
    checked on opening. The facts of scored records are kept in one section
    per record folder (a unit in a period), decoded only when their period is
    rebuilt and encoded again only when one of their records changed: after
    one record changed, one small section is written anew and every other
    one is written back as it was read.
    """

    def __init__(self, folder: Path | None, context: str, key: bytes = b"") -> None:
        self.folder = folder
        self.context = context
        self.key = key
        self.index = FileIndex()
        # periode -> [key, aggregate, published, statistics, counts] as plain data
        self.periods: dict[int, Any] = {}
        self._facts: dict[str, dict[str, Any]] = {}  # section -> rel -> facts (decoded)
        self._raw: dict[str, tuple[memoryview, str]] = {}  # section -> (bytes, SHA-256) as read
        self._changed: set[str] = set()  # sections to encode again
        # the digest of policy files whose own checks found nothing (pipeline._policy)
        self.documents_clean: str | None = None
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
            if not isinstance(meta, dict):
                raise ValueError("shape")
            layout = meta.get("sections")
            if (
                meta.get("format") != FORMAT
                or meta.get("context") != self.context
                or not hmac.compare_digest(str(meta.get("hmac", "")), self._tag(layout))
            ):
                raise ValueError("forged, foreign or damaged")
            # views, not copies: the body is ten megabytes for 15,000 records
            body, start, sections = memoryview(raw)[cut + 1 :], 0, {}
            for name, size, digest in layout:
                part = body[start : start + int(size)]
                start += int(size)
                if len(part) != int(size) or hashlib.sha256(part).hexdigest() != digest:
                    raise ValueError("damaged section")
                sections[str(name)] = (part, str(digest))
            index, periods, clean = marshal.loads(sections.pop(INDEX)[0])
            if not isinstance(periods, dict) or not isinstance(clean, str | None):
                raise ValueError("shape")
            self.index = FileIndex.from_plain(index)
        except (OSError, ValueError, EOFError, TypeError, KeyError, RecursionError):
            self.rebuilt = True  # corrupt or foreign: start again
            self.dirty = True
            return
        self.periods, self._raw, self.documents_clean = periods, sections, clean

    def _tag(self, layout: Any) -> str:
        """Signs how the body is cut into sections and each section's SHA-256
        (a relabelled, shifted or altered section is a forged file)."""
        signed = json.dumps(layout, sort_keys=True).encode()
        head = FORMAT.encode() + b"\0" + self.context.encode() + b"\0"
        return hmac.new(self.key, head + signed, hashlib.sha256).hexdigest()

    def note_documents_clean(self, key: str) -> None:
        if self.documents_clean != key:
            self.documents_clean = key
            self.dirty = True

    def adopt_root(self, root: str) -> None:
        """Shown paths start with `root` in this build; kept ones that start
        otherwise (a build from another working folder) are all forgotten."""
        if self.index.root != root:
            self.index = FileIndex(root)
            self.dirty = True

    def digest_of(self, rel: str) -> str | None:
        """The digest kept for a file (its bytes may still match)."""
        found = self.index.get(rel)
        return None if found is None else found[0]

    def get(self, rel: str, digest: str) -> Kept | None:
        return self.index.get(rel, digest)

    def put(self, rel: str, digest: str, value: Any, stat: list[int] | None = None) -> None:
        """`value` is [shown, problems, ident, facts]; facts go to their folder's section."""
        _, problems, ident, facts = value
        self.index.put(rel, digest, problems, ident, NO_STAT if stat is None else STAT.pack(*stat))
        if ident is not None and facts is not None:  # None: same bytes, facts already kept
            self._section(_section_name(ident[1], rel))[rel] = facts
        self.dirty = True

    def _section(self, name: str, change: bool = True) -> dict[str, Any]:
        """One section's facts, decoded on first use (its digest was checked on opening)."""
        found = self._facts.get(name)
        if found is None:
            raw = self._raw.get(name)
            try:
                found = {} if raw is None else marshal.loads(raw[0])
            except (ValueError, EOFError, TypeError):
                found = None  # cannot happen to a signed file; the records are read again
            if not isinstance(found, dict):
                found, change = {}, True
            self._facts[name] = found
        if change:
            self._changed.add(name)
            self.dirty = True
        return found

    def facts(self, periode: int) -> dict[str, Any]:
        """rel -> facts of the period's records (read only: put changes them)."""
        prefix = f"{FACTS}{periode}:"
        found: dict[str, Any] = {}
        for name in sorted({*self._raw, *self._facts}):
            if name.startswith(prefix):
                found.update(self._section(name, change=False))
        return found

    def keep_only(self, rels: set[str]) -> None:
        for rel, ident in self.index.keep_only(rels):
            if ident is not None:
                self._section(_section_name(ident[1], rel)).pop(rel, None)
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

    def hidden_before(self, periode: int) -> list[CellKey] | None:
        """The counts the period's last publication hid (None: not kept)."""
        stored = self.periods.get(periode)
        hidden = None if stored is None else stored[1][3]
        return None if hidden is None else [CellKey(*key) for key in hidden]

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
        for name in {*self._raw, *self._facts}:
            if int(name.removeprefix(FACTS).split(":", 1)[0]) not in periods:
                self._raw.pop(name, None)
                self._facts.pop(name, None)
                self._changed.discard(name)
                self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a folder we cannot write just means no cache.
        Inside `saves_held`, only noted: the caller writes it later."""
        if _HELD:
            _HELD[-1].append(self)
            return
        with contextlib.suppress(OSError, ValueError):  # ValueError: an index out of line
            self._save()

    def _sections(self) -> list[tuple[str, bytes | memoryview, str]]:
        """(name, bytes, SHA-256) of every section: unchanged ones as read."""
        index = marshal.dumps([self.index.to_plain(), self.periods, self.documents_clean])
        parts = [(INDEX, index, hashlib.sha256(index).hexdigest())]
        for name in sorted({*self._raw, *self._facts}):
            if name in self._changed or name not in self._raw:
                facts = self._facts[name]
                if facts:
                    raw = marshal.dumps(facts)
                    parts.append((name, raw, hashlib.sha256(raw).hexdigest()))
            else:
                parts.append((name, *self._raw[name]))
        return parts

    def _save(self) -> None:
        path = self.path
        if path is None or not self.dirty:
            return
        parts = self._sections()
        layout = [[name, len(part), digest] for name, part, digest in parts]
        header = json.dumps(
            {
                "format": FORMAT,
                "context": self.context,
                "hmac": self._tag(layout),
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
            handle.writelines(part for _, part, _ in parts)
        os.replace(tmp, path)
        self.dirty = False


def _section_name(periode: int, rel: str) -> str:
    """The section of a record's facts: its period and folder (one unit)."""
    return f"{FACTS}{periode}:{rel.rpartition('/')[0]}"


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
