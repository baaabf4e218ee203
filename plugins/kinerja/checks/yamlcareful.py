"""The careful YAML reader: events in, data and the position of every part out.

It walks PyYAML's event stream (a state machine, never recursive) with its
own stack, so it can stop at the first anchor, alias, explicit tag, merge
key, odd scalar or level deeper than the limit, and say where it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from kinerja.checks import yamlscalars
from kinerja.checks.locations import outdented_line
from kinerja.checks.problems import Problem
from kinerja.checks.yamlsource import Document, Pointer

_NO_KEY = object()
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Stop(Exception):
    """A problem was recorded; reading ends here."""


def _tabs(path: str, text: str) -> Iterator[Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        col = line.find("\t")
        if col >= 0:
            yield Problem(
                path,
                number,
                col + 1,
                "YAML-TAB",
                "ada karakter tab; YAML hanya menerima spasi",
                "ganti setiap tab dengan spasi (dua spasi per tingkat)",
            )


def _only_comments(text: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())


class _Reader:
    top: type | tuple[type, ...] = dict

    def __init__(self, path: str, text: str, max_depth: int) -> None:
        self.path = path
        self.text = text
        self.max_depth = max_depth
        self.doc = Document(
            path=path,
            raw=text.encode("utf-8"),
            _positions={},
            _key_positions={},
            max_depth=max_depth,
        )
        # stack of [container, pointer, pending key, pending key's mark]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.documents = 0

    def problem(self, mark: Any, code: str, message: str, hint: str) -> _Stop:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.doc.problems.append(Problem(self.path, line, col, code, message, hint))
        return _Stop()

    def run(self) -> Document:
        self.doc.problems.extend(_tabs(self.path, self.text))
        if not self.text.strip() or _only_comments(self.text):
            self.problem(
                None,
                "YAML-KOSONG",
                "berkas kosong",
                "isi berkas dengan data sesuai contoh di Panduan kontributor, atau hapus berkasnya",
            )
            return self.doc
        try:
            for event in yaml.parse(self.text, Loader=yaml.SafeLoader):
                self.on_event(event)
        except _Stop:
            return self.doc
        except yaml.MarkedYAMLError as exc:
            self.syntax_error(exc)
            return self.doc
        except yaml.reader.ReaderError as exc:
            self.reader_error(exc)
            return self.doc
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            self.problem(
                None,
                "YAML-SINTAKS",
                f"YAML tidak dapat dibaca ({type(exc).__name__})",
                "periksa penulisan berkas sesuai contoh di Panduan kontributor",
            )
            return self.doc
        return self.finish()

    def finish(self) -> Document:
        if self.doc.problems:
            return self.doc
        if not isinstance(self.root, self.top):
            self.problem(
                None,
                "YAML-BUKAN-PEMETAAN",
                "isi berkas harus berupa pasangan 'kunci: nilai', bukan daftar atau teks tunggal",
                "mulai berkas dengan kunci seperti 'id:' sesuai contoh di Panduan kontributor",
            )
            return self.doc
        self.doc.data = self.root
        return self.doc

    def on_event(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.problem(
                    event.start_mark,
                    "YAML-DOKUMEN",
                    "berkas berisi lebih dari satu dokumen YAML (ada '---' kedua)",
                    "satu berkas hanya untuk satu data; pindahkan dokumen berikutnya "
                    "ke berkas sendiri",
                )
            return
        if isinstance(event, yaml.AliasEvent):
            raise self.problem(
                event.start_mark,
                "YAML-ALIAS",
                f"alias '*{event.anchor}' tidak diizinkan",
                "tulis nilainya secara lengkap di tempat ini; anchor (&) dan alias (*) "
                "tidak dipakai di data ini",
            )
        if isinstance(event, _COLLECTION_END):
            self.end_collection()
        elif isinstance(event, yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.refuse_marks(event)
            self.node(event)

    def refuse_marks(self, event: Any) -> None:
        mark = event.start_mark
        if event.anchor is not None:
            raise self.problem(
                mark,
                "YAML-ANCHOR",
                f"anchor '&{event.anchor}' tidak diizinkan",
                f"hapus '&{event.anchor}' dan tulis nilainya secara lengkap di setiap tempat",
            )
        if event.tag is not None and not (event.tag == "!" and isinstance(event, yaml.ScalarEvent)):
            raise self.problem(
                mark,
                "YAML-TAG",
                f"tag '{event.tag}' tidak diizinkan",
                "hapus tag (tanda '!' di depan nilai); tulis nilainya apa adanya",
            )
        if isinstance(event, _COLLECTION_START) and len(self.stack) >= self.max_depth:
            raise self.problem(
                mark,
                "YAML-KEDALAMAN",
                f"struktur bersarang lebih dari {self.max_depth} tingkat",
                "data ini tidak sedalam itu: periksa indentasi dan tanda kurung [ ] { } "
                "yang tidak ditutup",
            )

    def scalar_value(self, event: Any) -> Any:
        if event.tag == "!" or event.style is not None:
            tag = "tag:yaml.org,2002:str"  # quoted or block: always text
        else:
            tag = yamlscalars.RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        try:
            return yamlscalars.construct(tag, event.value, event.start_mark)
        except yamlscalars.ScalarRefused as exc:
            raise self.problem(event.start_mark, exc.code, exc.reason, exc.hint) from None

    def node(self, event: Any) -> None:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar_value(event)
        else:
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top[0], dict) and top[2] is _NO_KEY:
            self.key(event, value, mark, top)
            return
        pointer = self.child_pointer()
        self.doc._positions[pointer] = mark  # type: ignore[index]
        if top is not None and isinstance(top[0], dict):
            self.doc._key_positions[pointer] = top[3]  # type: ignore[index]
        if isinstance(event, yaml.ScalarEvent):
            self.attach(value)
        else:
            self.stack.append([value, pointer, _NO_KEY, None])

    def key(self, event: Any, value: Any, mark: tuple[int, int], top: list[Any]) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self.problem(
                event.start_mark,
                "YAML-KUNCI",
                "kunci berupa daftar atau pemetaan",
                "kunci harus berupa teks sederhana, mis. 'akuntabel:'",
            )
        if not isinstance(value, str | int | float | bool) or value is None:
            value = str(value)
        top[2] = value
        top[3] = mark

    def child_pointer(self) -> Pointer:
        if not self.stack:
            return ()
        container, pointer, key, _ = self.stack[-1]
        if isinstance(container, dict):
            return (*pointer, key)
        return (*pointer, len(container))

    def end_collection(self) -> None:
        value = self.stack.pop()[0]
        self.attach(value)

    def attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        container = top[0]
        if not isinstance(container, dict):
            container.append(value)
            return
        key = top[2]
        if key in container:
            line, col = top[3]
            self.doc.problems.append(
                Problem(
                    self.path,
                    line,
                    col,
                    "YAML-KUNCI-GANDA",
                    f"kunci '{key}' ditulis lebih dari sekali",
                    f"hapus salah satu '{key}:' dan gabungkan isinya",
                )
            )
        container[key] = value
        top[2] = _NO_KEY

    def syntax_error(self, exc: yaml.MarkedYAMLError) -> None:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
            mark = exc.context_mark  # where the open quote is, not the end of file
        line = mark.line + 1 if mark else 1
        if any(p.code == "YAML-TAB" and p.line == line for p in self.doc.problems):
            return
        moved = outdented_line(self.text, line)
        if moved is not None:  # the line that sticks out to the left, not the next one
            self.doc.problems.append(
                Problem(
                    self.path,
                    moved[0],
                    1,
                    "YAML-SINTAKS",
                    "YAML tidak dapat dibaca: baris ini menjorok lebih sedikit daripada "
                    "baris di atas dan di bawahnya",
                    f"tambahkan {moved[1]} spasi di awal baris ini",
                )
            )
            return
        self.problem(
            mark,
            "YAML-SINTAKS",
            f"YAML tidak dapat dibaca: {_syntax_reason(exc)}",
            "periksa indentasi (spasi) dan tanda ':' pada baris ini dan baris sebelumnya",
        )

    def reader_error(self, exc: yaml.reader.ReaderError) -> None:
        before = self.text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else 0
        self.doc.problems.append(
            Problem(
                self.path,
                line,
                col,
                "YAML-KARAKTER",
                f"ada karakter kendali yang tidak diizinkan (U+{code:04X})",
                "hapus karakter itu; simpan berkas sebagai teks biasa UTF-8",
            )
        )


def read_careful(
    path: str, text: str, max_depth: int, top: type | tuple[type, ...] = dict
) -> Document:
    reader = _Reader(path, text, max_depth)
    reader.top = top
    return reader.run()


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
