"""A page's inputs as one digest, so that a page whose inputs did not change
need not be drawn again (most of a build after one record changed).

The digest covers the value itself, never its identity: a new object equal
to the old gives the same digest. Anything this module cannot read exactly
(an object of a type it does not know) makes the digest None, and a page
with no digest is always drawn: a missed skip costs time, a wrong skip
would publish a stale page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any


class Unknown(Exception):
    """A value whose content this module cannot spell exactly."""


_ATOMS = (type(None), bool, int, float, str, bytes, Fraction, Decimal, dt.date, Enum)
ATOM, MAPPING, SEQUENCE, SET, RECORD, UNKNOWN = range(6)
# type -> (how it is spelt, its prefix or field names): looked up once per
# type, since a build spells tens of thousands of cells of a few types
_ROUTES: dict[type, tuple[int, Any]] = {}


def _route(kind: type) -> tuple[int, Any]:
    found = _ROUTES.get(kind)
    if found is not None:
        return found
    if issubclass(kind, _ATOMS):
        # the type is part of the value: Markup and str render differently
        found = (ATOM, f"{kind.__module__}.{kind.__qualname__}:")
    elif issubclass(kind, dict):
        found = (MAPPING, "{")
    elif issubclass(kind, (list, tuple)):
        found = (SEQUENCE, f"{kind.__qualname__}[")  # NamedTuple's name counts
    elif issubclass(kind, (set, frozenset)):
        found = (SET, "set[")
    elif dataclasses.is_dataclass(kind) and not issubclass(kind, type):
        names = tuple(f.name for f in dataclasses.fields(kind))
        found = (RECORD, (f"{kind.__module__}.{kind.__qualname__}(", names))
    else:
        found = (UNKNOWN, kind.__qualname__)
    _ROUTES[kind] = found
    return found


def _spell(value: Any, out: list[str], seen: dict[int, str]) -> None:
    route, how = _route(type(value))
    if route == ATOM:
        out.append(f"{how}{value!r}")
        return
    known = seen.get(id(value))
    if known is not None:  # a shared object (the policy on every page): spelt once
        out.append(known)
        return
    inner: list[str] = [how] if route != RECORD else [how[0]]
    if route == MAPPING:
        for k, v in value.items():
            _spell(k, inner, seen)
            _spell(v, inner, seen)
    elif route == SEQUENCE:
        for v in value:
            _spell(v, inner, seen)
    elif route == SET:
        inner[0] += ",".join(sorted(_text(v, seen) for v in value))
    elif route == RECORD:
        for name in how[1]:
            inner.append(name)
            _spell(getattr(value, name), inner, seen)
    else:
        raise Unknown(how)
    text = hashlib.sha256("\0".join(inner).encode()).hexdigest()
    seen[id(value)] = text
    out.append(text)


def _text(value: Any, seen: dict[int, str]) -> str:
    parts: list[str] = []
    _spell(value, parts, seen)
    return "\0".join(parts)


class Fingerprints:
    """Digests of many values that share parts; shared objects are read once.

    One instance lives for one build only: objects are remembered by identity,
    which is safe while they are alive and unchanged.
    """

    def __init__(self) -> None:
        self._seen: dict[int, str] = {}
        self._alive: list[Any] = []  # keeps remembered objects alive (ids stay unique)

    def of(self, *values: Any) -> str | None:
        try:
            text = "\0".join(_text(v, self._seen) for v in values)
        except (Unknown, RecursionError):
            return None
        self._alive.extend(values)
        return hashlib.sha256(text.encode()).hexdigest()
