"""Compiled schema validators kept between runs, as the checks' `Schemas`
takes them: bytecode, so only in this user's cache folder and signed with the
cache key (never read from the repository; a forged or foreign file is
ignored and rebuilt)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import tempfile

from kinerja.adapters.cachetrust import cache_key, user_cache_dir
from kinerja.checks.schemacheck import Schemas

FORMAT = b"kinerja-skema-1\0"


def _path():  # type: ignore[no-untyped-def]
    return user_cache_dir() / "skema-terkompilasi.bin"


def load() -> dict[str, tuple[str, bytes]] | None:
    """The kept validators; None when there is no key (then nothing is kept)."""
    key = cache_key()
    if key is None:
        return None
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        raw = _path().read_bytes()
        tag, body = raw[:64], raw[64:]
        if hmac.compare_digest(
            tag, hmac.new(key, FORMAT + body, hashlib.sha256).hexdigest().encode()
        ):
            kept = marshal.loads(body)
            if isinstance(kept, dict):
                return {str(k): (str(v[0]), bytes(v[1])) for k, v in kept.items()}
    return {}


def save(schemas: Schemas) -> None:
    """Keep what this run used, with what it compiled (nothing new: nothing
    written); validators of schemas no longer used are dropped."""
    key = cache_key()
    if not schemas.fresh or schemas.compiled is None or key is None:
        return
    known = {**schemas.compiled, **schemas.fresh}
    kept = {k: v for k, v in known.items() if k in schemas.used}
    body = marshal.dumps({k: [v[0], v[1]] for k, v in sorted(kept.items())})
    tag = hmac.new(key, FORMAT + body, hashlib.sha256).hexdigest().encode()
    with contextlib.suppress(OSError):
        path = _path()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(tag + body)
        os.replace(tmp, path)
    schemas.compiled, schemas.fresh = kept, {}
