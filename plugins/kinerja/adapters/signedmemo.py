"""Values remembered across builds by the digest of everything they are made
from, in a file of the build cache folder signed like the cache itself."""

from __future__ import annotations

import contextlib
import hmac
import json
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kinerja.adapters.cachetrust import cache_key, refused_this_build

MEMO_FORMAT = "kinerja-memo-1"


class SignedMemo:
    """Values remembered by a key that is the digest of everything they are made
    from (e.g. one period's open-data rows), kept in the build cache folder and
    signed with the cache key like the cache itself, so a commit cannot plant
    them. `context` names what else the values depend on (the engine's code).

    A value is only ever looked up by the digest of its own inputs, so what a
    build makes does not depend on which builds came before. Only the values
    this build asked for are written back.
    """

    def __init__(self, folder: Path | None, name: str, context: str) -> None:
        self.key = cache_key() if folder is not None else None
        usable = folder is not None and self.key and not refused_this_build(folder)
        self.path = folder / f"{name}.bin" if usable and folder is not None else None
        self.context = context
        self.used: dict[str, Any] = {}
        self.known: dict[str, Any] = self._load()

    def __call__(self, key: str, make: Callable[[], Any]) -> Any:
        found = self.used.get(key)
        if found is None:
            found = self.known.get(key)
        if found is None:
            found = make()
        self.used[key] = found
        return found

    def _tag(self, body: bytes) -> str:
        signed = hmac.new(self.key or b"", digestmod="sha256")
        signed.update(f"{MEMO_FORMAT}\0{self.context}\0".encode())
        signed.update(body)
        return signed.hexdigest()

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        with contextlib.suppress(
            OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, RecursionError
        ):
            raw = self.path.read_bytes()
            cut = raw.index(b"\n")
            meta = json.loads(raw[:cut])
            body = raw[cut + 1 :]
            ours = meta["format"] == MEMO_FORMAT and meta["context"] == self.context
            if ours and hmac.compare_digest(str(meta["hmac"]), self._tag(body)):  # then decode
                found = marshal.loads(body)
                return found if isinstance(found, dict) else {}
        return {}

    def save(self) -> None:
        if self.path is None or self.used == self.known:
            return
        with contextlib.suppress(OSError, ValueError):
            body = marshal.dumps(self.used)
            meta = {"format": MEMO_FORMAT, "context": self.context, "hmac": self._tag(body)}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(meta).encode() + b"\n" + body)
            os.replace(tmp, self.path)
