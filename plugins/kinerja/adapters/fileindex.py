"""The cache's index of every record file, kept as columns.

For each file: the SHA-256 of its bytes, its stat (size, modification time,
inode, change time, like Git's index), the problems its check found and the
identity it declares. A warm build looks up all 15,000 files and changes one
or two, so the index is stored as a few long columns (every digest in one
bytes object, every stat in another) rather than one small list per file:
decoding and encoding it is then a handful of objects instead of a hundred
thousand. Changes made by a build sit beside the columns until it is saved.

Shown paths are not kept per file: they are the data folder's shown path
(`root`) joined with the file's path, and a build from another working
folder, where every shown path differs, finds no entry.
"""

from __future__ import annotations

import os
import struct
from typing import Any

STAT = struct.Struct("<4q")
_pack = STAT.pack
DIGEST_SIZE = 32  # SHA-256
_SIZE = STAT.size  # == DIGEST_SIZE: unchanged() slices both columns at the same offsets
NO_STAT = bytes(STAT.size)  # written within the racy window: never trusted by stat

# a file's kept result: (digest as hex, problems as plain tuples, [id, periode] or None)
Kept = tuple[str, list, list | None]


def packed_stat(st: os.stat_result) -> bytes:
    return STAT.pack(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


class FileIndex:
    """rel -> what was kept of the file, as columns plus this build's changes."""

    def __init__(self, root: str = "") -> None:
        self.root = root
        self._rels: list[str] = []
        self._pos: dict[str, int] = {}
        self._digests = bytearray()
        self._stats = bytearray()
        self._problems: dict[str, list] = {}  # only files with problems
        self._ids: list[str | None] = []
        self._periodes: list[int | None] = []
        self._fresh: dict[str, tuple[str, list, list | None, bytes]] = {}
        self._gone: set[str] = set()

    @classmethod
    def from_plain(cls, raw: Any) -> FileIndex:
        """The index as saved; ValueError when its shape is not the one saved."""
        root, rels, digests, stats, problems, ids, periodes = raw
        n = len(rels)
        if not (
            isinstance(root, str)
            and isinstance(rels, list)
            and isinstance(digests, bytes)
            and isinstance(stats, bytes)
            and isinstance(problems, dict)
            and isinstance(ids, list)
            and isinstance(periodes, list)
            and len(digests) == n * DIGEST_SIZE
            and len(stats) == n * STAT.size
            and len(ids) == len(periodes) == n
        ):
            raise ValueError("shape")
        index = cls(root)
        index._rels, index._ids, index._periodes = rels, ids, periodes
        index._pos = {rel: i for i, rel in enumerate(rels)}
        if len(index._pos) != n:
            raise ValueError("shape")
        index._digests, index._stats, index._problems = (
            bytearray(digests),
            bytearray(stats),
            problems,
        )
        return index

    def to_plain(self) -> list:
        """ValueError when the columns do not line up (never saved then)."""
        self._settle()
        n = len(self._rels)
        if len(self._digests) != n * DIGEST_SIZE or len(self._stats) != n * _SIZE:
            raise ValueError("columns out of line")
        return [
            self.root,
            self._rels,
            bytes(self._digests),
            bytes(self._stats),
            self._problems,
            self._ids,
            self._periodes,
        ]

    def __len__(self) -> int:
        return len(self._pos) - len(self._gone) + sum(r not in self._pos for r in self._fresh)

    def _kept(self, i: int) -> Kept:
        rel, at = self._rels[i], i * DIGEST_SIZE
        ident = None if self._ids[i] is None else [self._ids[i], self._periodes[i]]
        return self._digests[at : at + DIGEST_SIZE].hex(), self._problems.get(rel) or [], ident

    def unchanged(self, rel: str, st: os.stat_result) -> Kept | None:
        """What was kept of a file whose stat matches the kept one (None: read it)."""
        return self.unchanged_many([rel], [st])[0]

    def unchanged_many(self, rels: list[str], stats: list[os.stat_result]) -> list[Kept | None]:
        """unchanged() of many files: a warm build asks for every file at once,
        and one loop over local names costs half of 15,000 method calls."""
        if self._fresh or self._gone:
            return [self._unchanged_changed(r, st) for r, st in zip(rels, stats, strict=True)]
        pos, column, digests, problems = self._pos, self._stats, self._digests, self._problems
        ids, periodes, pack, size = self._ids, self._periodes, _pack, _SIZE
        out: list[Kept | None] = []
        for rel, st in zip(rels, stats, strict=True):
            i = pos.get(rel)
            if i is None:
                out.append(None)
                continue
            at = i * size
            packed = pack(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
            if column[at : at + size] != packed or packed == NO_STAT:
                out.append(None)
                continue
            name = ids[i]
            ident = None if name is None else [name, periodes[i]]
            out.append((digests[at : at + size].hex(), problems.get(rel) or [], ident))
        return out

    def _unchanged_changed(self, rel: str, st: os.stat_result) -> Kept | None:
        """unchanged() once this build has changed or dropped entries."""
        packed = packed_stat(st)
        if packed == NO_STAT:
            return None
        fresh = self._fresh.get(rel)
        if fresh is not None:
            return (fresh[0], fresh[1], fresh[2]) if fresh[3] == packed else None
        i = self._pos.get(rel)
        if i is None or rel in self._gone:
            return None
        return self._kept(i) if self._stats[i * STAT.size : (i + 1) * STAT.size] == packed else None

    def get(self, rel: str, digest: str | None = None) -> Kept | None:
        """What was kept of the file (when `digest` is given: only for those bytes)."""
        fresh = self._fresh.get(rel)
        if fresh is not None:
            found: Kept | None = (fresh[0], fresh[1], fresh[2])
        else:
            i = self._pos.get(rel)
            found = None if i is None or rel in self._gone else self._kept(i)
        return found if found is None or digest is None or found[0] == digest else None

    def put(self, rel: str, digest: str, problems: list, ident: list | None, stat: bytes) -> None:
        """A file's result; one refused unread (too large, a link: no digest) is
        not kept, and is read again by the next build."""
        if len(digest) != 2 * DIGEST_SIZE:
            self._fresh.pop(rel, None)
            if rel in self._pos:
                self._gone.add(rel)
            return
        self._fresh[rel] = (digest, problems, ident, stat)
        self._gone.discard(rel)

    def keep_only(self, rels: set[str]) -> list[tuple[str, list | None]]:
        """Forget every file not in `rels`; (rel, ident) of those forgotten."""
        gone = [r for r in self._pos if r not in rels and r not in self._gone]
        gone += [r for r in self._fresh if r not in rels and r not in self._pos]
        out = [(rel, found[2]) for rel in gone if (found := self.get(rel)) is not None]
        for rel in gone:
            self._fresh.pop(rel, None)
            if rel in self._pos:
                self._gone.add(rel)
        return out

    def _settle(self) -> None:
        """This build's changes into the columns: in place for a file already
        listed (the usual warm build), the columns rebuilt when files went."""
        for rel, (digest, problems, ident, stat) in self._fresh.items():
            i = self._pos.get(rel)
            if i is None:
                i = self._pos[rel] = len(self._rels)
                self._rels.append(rel)
                self._digests += bytes(DIGEST_SIZE)
                self._stats += NO_STAT
                self._ids.append(None)
                self._periodes.append(None)
            self._digests[i * DIGEST_SIZE : (i + 1) * DIGEST_SIZE] = bytes.fromhex(digest)
            self._stats[i * STAT.size : (i + 1) * STAT.size] = stat
            self._ids[i], self._periodes[i] = (None, None) if ident is None else ident
            if problems:
                self._problems[rel] = problems
            else:
                self._problems.pop(rel, None)
        self._fresh = {}
        if self._gone:
            kept = [i for i, rel in enumerate(self._rels) if rel not in self._gone]
            rebuilt = FileIndex(self.root)
            rebuilt._rels = [self._rels[i] for i in kept]
            rebuilt._pos = {rel: n for n, rel in enumerate(rebuilt._rels)}
            d, s = DIGEST_SIZE, STAT.size
            rebuilt._digests = bytearray().join(self._digests[i * d : (i + 1) * d] for i in kept)
            rebuilt._stats = bytearray().join(self._stats[i * s : (i + 1) * s] for i in kept)
            rebuilt._problems = {r: p for r, p in self._problems.items() if r in rebuilt._pos}
            rebuilt._ids = [self._ids[i] for i in kept]
            rebuilt._periodes = [self._periodes[i] for i in kept]
            self.__dict__.update(rebuilt.__dict__)
