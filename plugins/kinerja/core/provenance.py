"""Where the published figures come from: the data's commit and checksum.

The checksum covers every data file's bytes in path order, so anyone can
check that a rebuilt portal used exactly the same data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Provenance:
    commit: str
    data_sha256: str
    last_change: str  # ISO date of the last commit touching data/, or ""
    files: int


def data_checksum(files: Iterable[tuple[str, str]]) -> str:
    """(relative path, SHA-256 hex of its bytes) of every data file → one digest."""
    total = hashlib.sha256()
    for path, digest in sorted(files):
        total.update(path.encode("utf-8") + b"\0")
        total.update(bytes.fromhex(digest))
    return total.hexdigest()
