"""Python's cycle collector, paused while a build runs (pure: no I/O).

A build holds a large heap (every record's cached result, the period tables)
and makes many small objects that never form cycles; each full collection
walks the whole heap for nothing (suppression alone ran twice as slowly in a
build's heap). Reference counting still frees everything; the collector runs
again when the build is done.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Nested pauses are fine: only the outermost turns the collector back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def while_paused(function: Callable[P, R]) -> Callable[P, R]:
    """`function` runs with the collector paused."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return function(*args, **kwargs)

    return run
