"""Strict YAML reading with positions, for files HR edits by hand.

Two paths: libyaml's C loader for the common, clean file, and an event-level
reader that knows the line and column of every key and value for files that
need a message. Anchors, aliases, duplicate keys, tabs, non-UTF-8 bytes,
empty files and non-mapping documents are refused on both paths, so a
"billion laughs" file never expands.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from kinerja.checks.problems import Problem

Pointer = tuple[str | int, ...]

_FastLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(Exception):
    """The fast path saw something only the careful path can explain."""


def _no_duplicates(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict:
    # compare the keys as written; anything unusual goes to the careful path
    keys = [k.value if isinstance(k, yaml.ScalarNode) else None for k, _ in node.value]
    if None in keys or len(keys) != len(set(keys)):
        raise _Refused
    return SafeConstructor.construct_mapping(loader, node, deep=deep)


class _StrictFastLoader(_FastLoader):  # type: ignore[misc, valid-type]
    pass


_StrictFastLoader.add_constructor(
    "tag:yaml.org,2002:map",
    lambda loader, node: _no_duplicates(loader, node, deep=True),
)


@dataclass
class Document:
    """A parsed file: its data, and where each part of it stands."""

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    raw: bytes = b""
    _positions: dict[Pointer, tuple[int, int]] | None = None
    _key_positions: dict[Pointer, tuple[int, int]] | None = None

    def _ensure_positions(self) -> None:
        if self._positions is None:
            careful = _read_careful(self.path, self.raw.decode("utf-8"))
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


def _problem(path: str, line: int, col: int, code: str, message: str, hint: str) -> Problem:
    return Problem(path, line, col, code, message, hint)


def read(path: str, raw: bytes) -> Document:
    """Parse one file's bytes; never raises on bad input."""
    doc = Document(path=path, raw=raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(
            _problem(
                path,
                line,
                col,
                "YAML-ENKODE",
                "berkas bukan UTF-8 (ada byte yang tidak dikenali)",
                "simpan ulang berkas dengan enkode UTF-8 dari editor Anda",
            )
        )
        return doc
    if text.startswith("\ufeff"):
        text = text[1:]
    if not any(c in text for c in "\t&*"):
        try:
            doc.data = yaml.load(text, Loader=_StrictFastLoader)  # noqa: S506 - safe C loader
        except (_Refused, yaml.YAMLError):
            pass
        else:
            if isinstance(doc.data, dict) and doc.data and text.count("\n---") == 0:
                return doc
    careful = _read_careful(path, text)
    careful.raw = raw
    return careful


_resolver = Resolver()


class _ScalarBuilder(SafeConstructor):
    def scalar(self, tag: str, value: str, mark: Any) -> Any:
        node = ScalarNode(tag, value, mark, mark)
        return self.construct_object(node)


def _tabs(path: str, text: str) -> Iterator[Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        col = line.find("\t")
        if col >= 0:
            yield _problem(
                path,
                number,
                col + 1,
                "YAML-TAB",
                "ada karakter tab; YAML hanya menerima spasi",
                "ganti setiap tab dengan spasi (dua spasi per tingkat)",
            )


def _read_careful(path: str, text: str) -> Document:
    doc = Document(path=path, raw=text.encode("utf-8"), _positions={}, _key_positions={})
    doc.problems.extend(_tabs(path, text))
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        doc.problems.append(
            _problem(
                path,
                1,
                1,
                "YAML-KOSONG",
                "berkas kosong",
                "isi berkas dengan data sesuai contoh di Panduan kontributor, atau hapus berkasnya",
            )
        )
        return doc
    builder = _ScalarBuilder()
    positions = doc._positions
    key_positions = doc._key_positions
    assert positions is not None and key_positions is not None
    # stack of (container, pointer, pending_key, pending_key_mark)
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    doc.problems.append(
                        _problem(
                            path,
                            event.start_mark.line + 1,
                            event.start_mark.column + 1,
                            "YAML-DOKUMEN",
                            "berkas berisi lebih dari satu dokumen YAML (ada '---' kedua)",
                            "satu berkas hanya untuk satu data; pindahkan dokumen berikutnya "
                            "ke berkas sendiri",
                        )
                    )
                    break
                continue
            if isinstance(event, yaml.AliasEvent):
                doc.problems.append(
                    _problem(
                        path,
                        event.start_mark.line + 1,
                        event.start_mark.column + 1,
                        "YAML-ALIAS",
                        f"alias '*{event.anchor}' tidak diizinkan",
                        "tulis nilainya secara lengkap di tempat ini; anchor (&) dan alias (*) "
                        "tidak dipakai di data ini",
                    )
                )
                break
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                doc.problems.append(
                    _problem(
                        path,
                        event.start_mark.line + 1,
                        event.start_mark.column + 1,
                        "YAML-ANCHOR",
                        f"anchor '&{anchor}' tidak diizinkan",
                        "hapus '&"
                        + anchor
                        + "' dan tulis nilainya secara lengkap di setiap tempat",
                    )
                )
                break
            if not isinstance(
                event,
                yaml.ScalarEvent
                | yaml.MappingStartEvent
                | yaml.SequenceStartEvent
                | yaml.MappingEndEvent
                | yaml.SequenceEndEvent,
            ):
                continue
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                finished = stack.pop()
                value, pointer = finished[0], finished[1]
                _attach(stack, value, pointer, doc, path)
                if not stack:
                    root = value
                continue
            if isinstance(event, yaml.ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
                value = builder.scalar(tag, event.value, event.start_mark)
            else:
                value = {} if isinstance(event, yaml.MappingStartEvent) else []
            # a scalar that is a key of the mapping on top of the stack
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                if not isinstance(value, str | int | float | bool) or value is None:
                    if isinstance(event, yaml.ScalarEvent):
                        value = str(value)
                    else:
                        doc.problems.append(
                            _problem(
                                path,
                                mark[0],
                                mark[1],
                                "YAML-KUNCI",
                                "kunci berupa daftar atau pemetaan",
                                "kunci harus berupa teks sederhana, mis. 'akuntabel:'",
                            )
                        )
                        raise _Refused
                stack[-1][2] = value
                stack[-1][3] = mark
                continue
            pointer = _child_pointer(stack)
            positions[pointer] = mark
            if stack and isinstance(stack[-1][0], dict):
                key_positions[pointer] = stack[-1][3]
            if isinstance(event, yaml.ScalarEvent):
                _attach(stack, value, pointer, doc, path)
                if not stack:
                    root = value
            else:
                stack.append([value, pointer, _NO_KEY, None])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
            mark = exc.context_mark  # where the open quote is, not the end of file
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if any(p.code == "YAML-TAB" and p.line == line for p in doc.problems):
            return doc
        doc.problems.append(
            _problem(
                path,
                line,
                col,
                "YAML-SINTAKS",
                f"YAML tidak dapat dibaca: {_syntax_reason(exc)}",
                "periksa indentasi (spasi) dan tanda ':' pada baris ini dan baris sebelumnya",
            )
        )
        return doc
    except _Refused:
        return doc
    except (yaml.YAMLError, ValueError) as exc:
        doc.problems.append(
            _problem(
                path,
                1,
                1,
                "YAML-SINTAKS",
                f"YAML tidak dapat dibaca: {exc}",
                "periksa penulisan berkas sesuai contoh di Panduan kontributor",
            )
        )
        return doc
    if doc.problems:
        return doc
    if not isinstance(root, dict):
        doc.problems.append(
            _problem(
                path,
                1,
                1,
                "YAML-BUKAN-PEMETAAN",
                "isi berkas harus berupa pasangan 'kunci: nilai', bukan daftar atau teks tunggal",
                "mulai berkas dengan kunci seperti 'id:' sesuai contoh di Panduan kontributor",
            )
        )
        return doc
    doc.data = root
    return doc


_NO_KEY = object()


def _child_pointer(stack: list[list[Any]]) -> Pointer:
    if not stack:
        return ()
    container, pointer, key, _ = stack[-1]
    if isinstance(container, dict):
        return (*pointer, key)
    return (*pointer, len(container))


def _attach(stack: list[list[Any]], value: Any, pointer: Pointer, doc: Document, path: str) -> None:
    if not stack:
        return
    top = stack[-1]
    container = top[0]
    if isinstance(container, dict):
        key = top[2]
        if key in container:
            line, col = top[3]
            doc.problems.append(
                _problem(
                    path,
                    line,
                    col,
                    "YAML-KUNCI-GANDA",
                    f"kunci '{key}' ditulis lebih dari sekali",
                    f"hapus salah satu '{key}:' dan gabungkan isinya",
                )
            )
        container[key] = value
        top[2] = _NO_KEY
    else:
        container.append(value)


def _syntax_reason(exc: yaml.MarkedYAMLError) -> str:
    reason = (exc.problem or exc.context or "").strip()
    known = {
        "mapping values are not allowed here": "ada ':' di tempat yang tidak semestinya",
        "could not find expected ':'": "tanda ':' setelah kunci tidak ditemukan",
        "expected <block end>, but found '<block sequence start>'": "indentasi daftar tidak rata",
        "found character '\\t' that cannot start any token": "ada karakter tab",
        "did not find expected key": "indentasi tidak rata atau kunci tidak lengkap",
        "found undefined alias": "alias tidak dikenal",
        "while scanning a quoted scalar": "tanda kutip tidak ditutup",
        "found unexpected end of stream": "tanda kutip atau kurung tidak ditutup",
    }
    for english, indonesian in known.items():
        if reason.startswith(english) or english in reason:
            return indonesian
    return reason or "struktur tidak dikenali"
