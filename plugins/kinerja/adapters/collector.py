"""Python's cycle collector, paused while a build runs.

A build holds a large heap (every record's cached result, the period tables)
and makes many small objects that never form cycles; each full collection
walks the whole heap for nothing (suppression alone ran twice as slowly in a
build's heap). Reference counting still frees everything; the collector runs
again when the build is done.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
