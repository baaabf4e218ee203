"""A page's inputs as one digest, so that a page whose inputs did not change
need not be drawn again (most of a build after one record changed).

The digest covers the value itself, never its identity: a new object equal
to the old gives the same digest. Anything this module cannot read exactly
(an object of a type it does not know) makes the digest None, and a page
with no digest is always drawn: a missed skip costs time, a wrong skip
would publish a stale page.

A build reads a few thousand cells, so the reading is cheap where it can be:
an object met before is spelt by its digest, many values of one shape (a
group's cells, a table's rows) by one repr, and a list made by a pure
function from values already read (`made`) by the function and its arguments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from operator import attrgetter, itemgetter
from typing import Any


class Unknown(Exception):
    """A value whose content this module cannot spell exactly."""


class Made(list):
    """A list that a pure function made from its arguments (see `made`): read
    by the function's name and the arguments, not item by item. A page's rows
    derived from a group already read (its leniency table, its gaps) then cost
    nothing to read again."""

    __slots__ = ("origin",)

    def __init__(self, items: Any, origin: tuple) -> None:
        super().__init__(items)
        self.origin = origin


def named_only(fn: Callable[..., Any]) -> bool:
    """Whether `fn` is known by its module and name alone: not a lambda, a nested
    function (its captured values) or a bound method (its object)."""
    return (
        getattr(fn, "__closure__", None) is None
        and not hasattr(fn, "__self__")
        and "<" not in getattr(fn, "__qualname__", "<")
    )


def made(make: Callable[..., Any], *args: Any) -> list:
    """make(*args) as a list read by what made it. `make` must be pure (the same
    arguments give the same items: its code is part of every page's inputs),
    and the arguments must not change afterwards, like everything a page shows.
    A function not known by its name alone gives a plain list, read item by item."""
    if not named_only(make):
        return list(make(*args))
    return Made(make(*args), (make.__module__, make.__qualname__, args))


_ATOMS = (type(None), bool, int, float, str, bytes, Fraction, Decimal, dt.date, Enum)
ATOM, MAPPING, SEQUENCE, SET, RECORD, UNKNOWN, MADE = range(7)
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
        # a dict's subclass is part of the value (a defaultdict answers every key)
        found = (MAPPING, "{" if kind is dict else f"{kind.__module__}.{kind.__qualname__}{{")
    elif issubclass(kind, Made):
        found = (MADE, "made(")
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
    route, how = _ROUTES.get(type(value)) or _route(type(value))
    if route == ATOM:
        out.append(how + repr(value))
        return
    known = seen.get(id(value))
    if known is not None:  # a shared object (the policy on every page): spelt once
        out.append(known)
        return
    if route == MAPPING:
        inner = _mapping(value, how, seen)
    elif route == SEQUENCE:
        at_once = _at_once(value)
        inner = [how, at_once] if at_once is not None else [how, *_each(value, seen)]
    elif route == SET:
        inner = [how + ",".join(sorted(_text(v, seen) for v in value))]
    elif route == RECORD:
        inner = [how[0], *_each([getattr(value, name) for name in how[1]], seen)]
    elif route == MADE:  # each argument by itself: one read before is not read again
        module, name, args = value.origin
        inner = [how, *_each([module, name, *args], seen)]
    else:
        raise Unknown(how)
    text = hashlib.sha256("\0".join(inner).encode()).hexdigest()
    seen[id(value)] = text
    out.append(text)


def _mapping(value: dict, how: str, seen: dict[int, str]) -> list[str]:
    """Keys, then values (as many of each as the dict holds); a group's cells
    (names to cells) are spelt at once."""
    keys, values = _at_once(list(value)), _at_once(list(value.values()))
    if keys is not None and values is not None:
        return [how, keys, values]
    return [f"{how}{len(value)}", *_each(value.keys(), seen), *_each(value.values(), seen)]


# Atoms whose repr says their type and value with nothing left out, so that a
# list of them is spelt by one repr (Markup, Enum and subclasses are not here:
# their repr is theirs to choose; they are spelt one by one with their type)
_PLAIN = frozenset({type(None), bool, int, float, str, Fraction})


def _at_once(values: Any) -> str | None:
    """Many values in one go (a group's cells, a page's table rows), or None
    when they do not all have one shape; see _columns. The text starts with
    "=", which no spelling of a single value starts with."""
    columns = _columns(values if type(values) is list else list(values))
    return None if columns is None else "=" + repr(columns)


def _columns(values: list) -> Any:
    """`values` as plain data whose repr spells them all, or None when they do
    not share one shape: a list when they are all plain atoms; else a tuple
    starting with a tag that says the shape (a list never holds a tuple, and no
    two tags are alike): some None ("?", which are, the others), all records
    of one type (its prefix, how many, each field's values), all tuples of one
    type and length (likewise), all dicts with the same keys (likewise)."""
    kinds = set(map(type, values))
    if kinds <= _PLAIN:
        return values
    if type(None) in kinds:
        present = [v is not None for v in values]
        rest = _columns([v for v in values if v is not None])
        return None if rest is None else ("?", present, rest)
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    route, how = _route(kind)
    if route == RECORD:
        tag, fields = how[0], [attrgetter(name) for name in how[1]]
    elif route == SEQUENCE and issubclass(kind, tuple) and len(set(map(len, values))) == 1:
        tag, fields = how, [itemgetter(i) for i in range(len(values[0]))]
    elif route == MAPPING and len(set(map(tuple, values))) == 1:
        keys = _columns(list(values[0]))  # a list, or None
        tag = None if keys is None else [how, keys]
        fields = [itemgetter(key) for key in values[0]] if tag is not None else []
    else:
        return None
    return _fields(tag, values, fields)


def _fields(tag: Any, values: list, fields: list[Callable[[Any], Any]]) -> Any:
    if tag is None:
        return None
    out = [tag, len(values)]
    for field in fields:
        column = list(map(field, values))
        if not set(map(type, column)) <= _PLAIN:  # else: as _columns would give it
            column = _columns(column)
            if column is None:
                return None
        out.append(column)
    return tuple(out)


def _each(values: Any, seen: dict[int, str]) -> list[str]:
    """Each of `values` in turn; atoms here, without a call each."""
    out: list[str] = []
    for v in values:
        found = _ROUTES.get(type(v))
        if found is not None and found[0] == ATOM:
            out.append(found[1] + repr(v))
        else:
            _spell(v, out, seen)
    return out


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
