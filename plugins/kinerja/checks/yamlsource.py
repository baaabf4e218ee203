"""Strict YAML reading with positions, for files HR edits by hand.

Two paths: libyaml's composer with a direct builder for the common, clean,
shallow file, and an event-level reader (yamlcareful) that knows the line and
column of every key and value for files that need a message. Anchors, aliases,
explicit tags, merge keys, duplicate keys, tabs, YAML 1.1 numbers and
booleans, numbers that are not finite, nesting deeper than the limit,
non-UTF-8 bytes, empty files and non-mapping documents are refused on both
paths (the fast one leaves them to the careful one), so a "billion laughs"
file never expands and a deep one never recurses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, ScalarNode

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


class Extent(NamedTuple):
    """What the safety limits (checks.limits) ask of a file's data, measured
    while the fast path builds it, so a clean file needs no second walk."""

    longest_text: int  # characters, keys included
    most_items: int  # in one list or mapping
    largest_number: int | float  # absolute; booleans are not numbers here


@dataclass
class Document:
    """A parsed file: its data, and where each part of it stands.

    `extent` is set by the fast path only and describes `data` as read.
    """

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    raw: bytes = b""
    _positions: dict[Pointer, tuple[int, int]] | None = None
    _key_positions: dict[Pointer, tuple[int, int]] | None = None
    max_depth: int = PARSER_DEPTH_CEILING
    extent: Extent | None = None

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


class _Refused(Exception):
    """The fast path saw something only the careful path can explain."""


# Plain scalars read so far, by their text: resolving a tag and building the
# value depend on nothing else, and records repeat most of them (keys, small
# numbers, unit names). Bounded so a hostile file cannot grow it: only short
# texts are kept, and a full memo starts over.
PLAIN_MEMO_ENTRIES = 1 << 14
PLAIN_MEMO_LENGTH = 64
_PLAIN: dict[str, Any] = {}
_MISSING = object()
_REFUSED = object()


def _plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar, or _REFUSED; remembered when short."""
    tag = yamlscalars.RESOLVER.resolve(ScalarNode, text, (True, False))
    try:
        value = yamlscalars.construct_common(tag, text)
    except yamlscalars.ScalarRefused:
        value = _REFUSED
    if len(text) <= PLAIN_MEMO_LENGTH:
        if len(_PLAIN) >= PLAIN_MEMO_ENTRIES:
            _PLAIN.clear()
        _PLAIN[text] = value
    return value


def _quoted(text: str) -> str:
    """A quoted or block scalar: always text, refused if it holds control characters."""
    try:
        return yamlscalars.construct_common(yamlscalars.STR, text)
    except yamlscalars.ScalarRefused as exc:
        raise _Refused from exc


if _CParser is not None:

    class _Composer(_CParser):  # type: ignore[misc, valid-type]
        """libyaml's parser and composer, leaving tags to the builder.

        The builder reads a scalar's kind from its style and its text, so the
        composer's per-node resolver calls do no work; there are no path
        resolvers. (Explicit tags never get here: the text has no '!'.)
        """

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: Any, implicit: Any) -> None:
            return None


class _Builder:
    """Python data from libyaml's nodes, built directly: SafeConstructor's
    generic machinery (state generators, merge handling) cost more than the
    parse itself. Raises _Refused wherever the careful reader would report a
    problem or read the file differently; measures the Extent as it goes."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.longest = 0
        self.most = 0
        self.largest: int | float = 0

    def extent(self) -> Extent:
        return Extent(self.longest, self.most, self.largest)

    def collection(self, node: Any, level: int) -> dict | list:
        if level > self.max_depth:
            raise _Refused
        items = node.value
        if len(items) > self.most:
            self.most = len(items)
        if node.__class__ is MappingNode:
            return self.mapping(items, level)
        scalar, collection = self.scalar, self.collection
        return [
            scalar(item) if item.__class__ is ScalarNode else collection(item, level + 1)
            for item in items
        ]

    def mapping(self, pairs: list[tuple[Any, Any]], level: int) -> dict:
        built: dict[str, Any] = {}
        scalar, collection = self.scalar, self.collection
        for key_node, node in pairs:
            # a key other than text (a list, null, a number, `<<`) is the careful reader's
            if key_node.__class__ is not ScalarNode:
                raise _Refused
            key = scalar(key_node)
            if key.__class__ is not str:
                raise _Refused
            built[key] = (
                scalar(node) if node.__class__ is ScalarNode else collection(node, level + 1)
            )
        if len(built) != len(pairs):
            raise _Refused  # a key written twice
        return built

    def scalar(self, node: Any) -> Any:
        text = node.value
        if node.style:  # quoted or block ('' is plain)
            value = _quoted(text)
        else:
            value = _PLAIN.get(text, _MISSING)
            if value is _MISSING:
                value = _plain(text)
        kind = value.__class__
        if kind is str:
            if len(value) > self.longest:
                self.longest = len(value)
        elif kind is int or kind is float:
            if value > self.largest or -value > self.largest:
                self.largest = abs(value)
        elif value is _REFUSED:
            raise _Refused
        return value


_LINE_BREAKS = "\n\r\x85\u2028\u2029"  # YAML's (libyaml's) line breaks
_INDENTS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def shallow(text: str, ceiling: int) -> bool:
    """Whether `text` surely nests no deeper than `ceiling`, without parsing it.

    Block nesting needs, per level, a deeper content column (a sequence
    under a key may share its column, hence 2 levels per column) or an
    indicator (`- ? :`) on the same line; flow nesting needs one bracket per
    level. So when no line starts with more than `room` spaces and
    indicators, the depth is at most 2 * (room + 1) + brackets. Only files
    under the ceiling take libyaml's recursive composer; the careful reader
    counts exactly. Two regular expressions, not a loop over lines.
    """
    brackets = text.count("[") + text.count("{")
    room = (ceiling - brackets) // 2 - 1
    if room < 0:
        return False
    patterns = _INDENTS.get(room)
    if patterns is None:
        wide = f"[ ?:-]{{{room + 1}}}"
        patterns = _INDENTS[room] = (re.compile(wide), re.compile(f"[{_LINE_BREAKS}]{wide}"))
    return patterns[0].match(text) is None and patterns[1].search(text) is None


def _fast(
    text: str, max_depth: int, top: type | tuple[type, ...] = dict
) -> tuple[Any, Extent] | None:
    """The data of a plain, shallow file and its Extent, or None for the careful path."""
    if _CParser is None or any(c in text for c in "\t&*!") or "\n---" in text:
        return None
    # libyaml reads `a?b` and `a ? b` inside [ ] and { } as text, the careful
    # reader's (PyYAML's) scanner as a key: such files are the careful reader's
    if "?" in text and ("{" in text or "[" in text):
        return None
    if not shallow(text, PARSER_DEPTH_CEILING):
        return None
    builder = _Builder(max_depth)
    try:
        node = _Composer(text).get_single_node()
        if node is None or node.__class__ is ScalarNode:
            return None
        data = builder.collection(node, 1)
    except (_Refused, yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, top) or not data:
        return None
    return data, builder.extent()


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
    fast = _fast(text, max_depth, top)
    if fast is not None:
        doc.data, doc.extent = fast
        return doc
    from kinerja.checks.yamlcareful import read_careful

    careful = read_careful(path, text, max_depth, top)
    careful.raw = raw
    return careful
