"""Strict YAML reading with positions, for files HR edits by hand.

Two paths: libyaml's C loader for the common, clean, shallow file, and an
event-level reader (yamlcareful) that knows the line and column of every key
and value for files that need a message. Anchors, aliases, explicit tags,
merge keys, duplicate keys, tabs, YAML 1.1 numbers and booleans, numbers that
are not finite, nesting deeper than the limit, non-UTF-8 bytes, empty files
and non-mapping documents are refused on both paths, so a "billion laughs"
file never expands and a deep one never recurses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from kinerja.checks import yamlscalars
from kinerja.checks.problems import Problem

Pointer = tuple[str | int, ...]

# Parser safety, not policy: files whose nesting could exceed this never reach
# libyaml's recursive composer, and no caller without a schema limit gets more.
PARSER_DEPTH_CEILING = 100

# `yaml.CParser` is not exported by `yaml` itself (cyaml's __all__ omits it),
# so it must be imported from yaml.cyaml; without libyaml the careful path serves.
try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml
    _CParser = None  # type: ignore[assignment, misc]


class _Refused(Exception):
    """The fast path saw something only the careful path can explain."""


def _no_duplicates(loader: Any, node: yaml.MappingNode) -> dict:
    # compare the keys as written; anything unusual goes to the careful path
    keys = [k.value if isinstance(k, yaml.ScalarNode) else None for k, _ in node.value]
    if None in keys or "<<" in keys or len(keys) != len(set(keys)):
        raise _Refused
    return SafeConstructor.construct_mapping(loader, node, deep=True)


def _scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yamlscalars.construct_common(node.tag, node.value)
    except yamlscalars.ScalarRefused as exc:
        raise _Refused from exc


if _CParser is not None:

    class _StrictFastLoader(_CParser, SafeConstructor, yamlscalars.StrictResolver):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)  # type: ignore[misc]
            SafeConstructor.__init__(self)
            yamlscalars.StrictResolver.__init__(self)

    _StrictFastLoader.add_constructor("tag:yaml.org,2002:map", _no_duplicates)
    for _tag in ("bool", "int", "float", "null", "str", "timestamp"):
        _StrictFastLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _scalar)
    _StrictFastLoader.add_constructor(yamlscalars.ODD, _scalar)


@dataclass
class Document:
    """A parsed file: its data, and where each part of it stands."""

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    raw: bytes = b""
    _positions: dict[Pointer, tuple[int, int]] | None = None
    _key_positions: dict[Pointer, tuple[int, int]] | None = None
    max_depth: int = PARSER_DEPTH_CEILING

    def _ensure_positions(self) -> None:
        if self._positions is None:
            from kinerja.checks.yamlcareful import read_careful

            text = self.raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
            careful = read_careful(self.path, text, self.max_depth)
            self._positions = careful._positions or {}
            self._key_positions = careful._key_positions or {}

    def _all_positions(self) -> dict[Pointer, tuple[int, int]]:
        self._ensure_positions()
        return dict(self._positions or {})

    def _all_key_positions(self) -> dict[Pointer, tuple[int, int]]:
        self._ensure_positions()
        return dict(self._key_positions or {})

    def position(self, pointer: Pointer) -> tuple[int, int]:
        """Line and column of the value at `pointer`, or of its nearest parent."""
        self._ensure_positions()
        assert self._positions is not None
        p = tuple(pointer)
        while p and p not in self._positions:
            p = p[:-1]
        return self._positions.get(p, (1, 1))

    def key_position(self, pointer: Pointer) -> tuple[int, int]:
        """Line and column of the key that holds `pointer` (the value's own for items)."""
        self._ensure_positions()
        assert self._key_positions is not None
        p = tuple(pointer)
        if p in self._key_positions:
            return self._key_positions[p]
        return self.position(p)


def depth(data: Any) -> int:
    """How deeply `data` nests (a scalar is 0), without recursion."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        value, level = todo.pop()
        if isinstance(value, dict):
            deepest = max(deepest, level)
            todo += [(v, level + 1) for v in value.values()]
        elif isinstance(value, list):
            deepest = max(deepest, level)
            todo += [(v, level + 1) for v in value]
    return deepest


def _fast(text: str, max_depth: int, top: type | tuple[type, ...] = dict) -> Any:
    """The C loader's reading of a plain, shallow file, or None."""
    if _CParser is None or any(c in text for c in "\t&*!"):
        return None
    # the bound only keeps libyaml's recursive composer shallow; the file's own
    # limit is checked on the parsed data below (a loose bound costs nothing)
    if yamlscalars.depth_bound(text) > PARSER_DEPTH_CEILING:
        return None
    try:
        data = yaml.load(text, Loader=_StrictFastLoader)  # noqa: S506 - strict safe C loader
    except (_Refused, yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, top) or not data or "\n---" in text or depth(data) > max_depth:
        return None
    return data


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of a byte offset, for a decode error's place."""
    line = raw[:offset].count(b"\n") + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def _not_utf8(path: str, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    line, col = byte_position(raw, exc.start)
    return Problem(
        path,
        line,
        col,
        "YAML-ENKODE",
        "berkas bukan UTF-8 (ada byte yang tidak dikenali)",
        "simpan ulang berkas dengan enkode UTF-8 dari editor Anda",
    )


def read(
    path: str, raw: bytes, max_depth: int = PARSER_DEPTH_CEILING, allow_list: bool = False
) -> Document:
    """Parse one file's bytes; never raises on bad input.

    `max_depth` is the nesting the file's schema allows (its `x-batas`).
    `allow_list` lets the top level be a list (data/rilis.yaml, as DESIGN.md
    writes it); every other file is a mapping.
    """
    top = (dict, list) if allow_list else dict
    max_depth = min(max_depth, PARSER_DEPTH_CEILING)
    doc = Document(path=path, raw=raw, max_depth=max_depth)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc.problems.append(_not_utf8(path, raw, exc))
        return doc
    text = text.removeprefix("\ufeff")
    doc.data = _fast(text, max_depth, top)
    if doc.data is not None:
        return doc
    from kinerja.checks.yamlcareful import read_careful

    careful = read_careful(path, text, max_depth, top)
    careful.raw = raw
    return careful
