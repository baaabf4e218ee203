"""A persistent cache of per-file results, keyed by file content.

Entries are keyed by the file's path and the SHA-256 of its bytes, inside a
file named for everything else a result depends on (the engine's code, the
schemas, the policy files). A changed record, schema, methodology or engine
therefore misses; a cache file whose own checksum does not match is rebuilt,
never trusted: the checksum is verified before anything is decoded. The body
is `marshal` data of plain lists, strings and numbers (no code is ever run
from it), chosen because it loads several times faster than JSON.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = "kinerja-cache-4"


class FileCache:
    def __init__(self, folder: Path | None, context: str) -> None:
        self.folder = folder
        self.context = context
        self.entries: dict[str, Any] = {}
        self.periods: dict[int, Any] = {}  # periode -> [key, aggregate as plain data]
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
            header, _, body = raw.partition(b"\n")
            meta = json.loads(header)
            if (
                meta.get("format") != FORMAT
                or meta.get("context") != self.context
                or meta.get("sha256") != hashlib.sha256(body).hexdigest()
            ):
                raise ValueError("checksum")
            entries, periods = marshal.loads(body)
            if not isinstance(entries, dict) or not isinstance(periods, dict):
                raise ValueError("shape")
        except (OSError, ValueError, EOFError, TypeError):
            self.rebuilt = True  # corrupt or foreign: start again
            self.dirty = True
            return
        self.entries = entries
        self.periods = periods

    def get(self, rel: str, digest: str) -> Any | None:
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == digest:
            return entry[1]
        return None

    def put(self, rel: str, digest: str, value: Any) -> None:
        self.entries[rel] = [digest, value]
        self.dirty = True

    def keep_only(self, rels: set[str]) -> None:
        for rel in [r for r in self.entries if r not in rels]:
            del self.entries[rel]
            self.dirty = True

    def aggregate(self, periode: int, key: str) -> Any | None:
        from kinerja.core.aggregation import PeriodAggregate

        stored = self.periods.get(periode)
        if stored is None or stored[0] != key:
            return None
        return PeriodAggregate.from_plain(stored[1])

    def keep_aggregate(self, periode: int, key: str, agg: Any) -> None:
        self.periods[periode] = [key, agg.to_plain()]
        self.dirty = True

    def keep_periods(self, periods: set[int]) -> None:
        for p in [p for p in self.periods if p not in periods]:
            del self.periods[p]
            self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a folder we cannot write just means no cache."""
        with contextlib.suppress(OSError):
            self._save()

    def _save(self) -> None:
        path = self.path
        if path is None or not self.dirty:
            return
        body = marshal.dumps([self.entries, self.periods])
        header = json.dumps(
            {"format": FORMAT, "context": self.context, "sha256": hashlib.sha256(body).hexdigest()}
        ).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("catatan-*"):
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(header + b"\n" + body)
        os.replace(tmp, path)
        self.dirty = False


def context_key(parts: list[bytes]) -> str:
    total = hashlib.sha256(FORMAT.encode())
    for part in parts:
        total.update(hashlib.sha256(part).digest())
    return total.hexdigest()
