"""JSON Schema validation, with each error placed on the offending key or
value and told in Bahasa Indonesia.

The schemas in schemas/ are the single definition of every data file; this
module only turns jsonschema's findings into messages HR can act on.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import fastjsonschema

from kinerja.checks import schemafast
from kinerja.checks.locations import missing_key_place, quoted_number
from kinerja.checks.privacy import PRIVATE_KEYS
from kinerja.checks.problems import Problem
from kinerja.checks.yamlsource import Document, Pointer

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILES = {
    "pegawai": "pegawai.schema.json",
    "indikator": "indikator.schema.json",
    "unit-kerja": "unit-kerja.schema.json",
    "standar-kompetensi": "standar-kompetensi.schema.json",
    "metodologi": "metodologi.schema.json",
    "sumber-data": "sumber-data.schema.json",
    "istilah": "istilah.schema.json",
    "rilis": "rilis.schema.json",
}


class Schemas:
    """Every kind of data file's JSON Schema, read once by the loader.

    Checks receive the schemas as data, so they never touch the disk; the
    compiled validators are made on first use. `compiled` (from the adapter
    that keeps them, signed, outside the repository) holds their bytecode by
    schema: compiling a schema's generated Python costs more than everything
    else a warm build does with it. None: compile every time.
    """

    def __init__(
        self,
        by_kind: Mapping[str, dict[str, Any]],
        compiled: dict[str, tuple[str, bytes]] | None = None,
    ) -> None:
        self.by_kind = dict(by_kind)
        self.compiled = compiled
        self.fresh: dict[str, tuple[str, bytes]] = {}  # compiled in this process
        self.used: set[str] = set()  # keys of the validators this process made
        self._full: dict[str, Draft202012Validator] = {}
        self._fast: dict[str, Any] = {}
        self._checks: dict[str, Callable[[Any], bool]] = {}

    def __getstate__(self) -> dict[str, Any]:
        known = None if self.compiled is None else {**self.compiled, **self.fresh}
        return {"by_kind": self.by_kind, "compiled": known}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["by_kind"], state.get("compiled"))  # type: ignore[misc]

    def __getitem__(self, kind: str) -> dict[str, Any]:
        return self.by_kind[kind]

    def validator(self, kind: str) -> Draft202012Validator:
        # imported on first use: most builds never need it (every file passes the
        # compiled check), and it costs more to import than the rest of the engine
        from jsonschema import Draft202012Validator

        if kind not in self._full:
            # the schemas themselves are checked by the tests
            self._full[kind] = Draft202012Validator(self.by_kind[kind])
        return self._full[kind]

    def fast_validator(self, kind: str) -> Any:
        """A compiled yes/no check for the common, valid file.

        fastjsonschema knows drafts up to 7; the keywords our schemas use mean
        the same there. It only ever lets a file skip the full validator:
        anything it rejects is judged, and explained, by jsonschema (tests hold
        the two to agreement over the bad-file corpus and generated records).
        """
        if kind not in self._fast:
            schema = {**self.by_kind[kind], "$schema": "http://json-schema.org/draft-07/schema#"}
            self._fast[kind] = self._compile(schema)
        return self._fast[kind]

    def fast_check(self, kind: str) -> Callable[[Any], bool]:
        """True only for data the full validator finds valid: schemafast's
        check where it can write one, else the compiled validator's."""
        if kind not in self._checks:
            check = schemafast.compile_check(self.by_kind[kind])
            self._checks[kind] = check or functools.partial(_passes, self.fast_validator(kind))
        return self._checks[kind]

    def _compile(self, schema: dict[str, Any]) -> Any:
        if self.compiled is None:
            return fastjsonschema.compile(schema)
        text = json.dumps(schema, sort_keys=True) + fastjsonschema.VERSION + sys.version
        key = hashlib.sha256(text.encode()).hexdigest()
        self.used.add(key)
        found = self.compiled.get(key) or self.fresh.get(key)
        if found is None:
            source = fastjsonschema.compile_to_code(schema)
            entry = re.search(r"^def (\w+)\(", source, re.MULTILINE)
            if entry is None:  # not the generated code this knows: no shortcut
                return fastjsonschema.compile(schema)
            code = compile(source, f"<skema {schema.get('$id', '')}>", "exec")
            found = self.fresh[key] = (entry.group(1), marshal.dumps(code))
        namespace: dict[str, Any] = {}
        exec(marshal.loads(found[1]), namespace)  # noqa: S102 - our own signed bytecode
        return namespace[found[0]]


_TYPE_NAMES = {
    "integer": "bilangan bulat",
    "number": "angka",
    "string": "teks",
    "array": "daftar (baris diawali '- ')",
    "object": "pemetaan 'kunci: nilai'",
    "boolean": "true atau false",
    "null": "kosong (null)",
}


def where(pointer: Pointer) -> str:
    """A location HR can read: 'hasil_kerja butir ke-2 › target › waktu'."""
    if not pointer:
        return "tingkat teratas berkas"
    parts: list[str] = []
    for part in pointer:
        if isinstance(part, int):
            if parts:
                parts[-1] = f"{parts[-1]} butir ke-{part + 1}"
            else:
                parts.append(f"butir ke-{part + 1}")
        else:
            parts.append(str(part))
    return " › ".join(parts)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "sebuah pemetaan"
    if isinstance(value, list):
        return "sebuah daftar"
    return _number(value)


def _field_help(schema: dict[str, Any]) -> str:
    title = schema.get("title")
    desc = schema.get("description")
    if title and desc:
        return f"{title}: {desc}"
    return desc or title or ""


def _at_value(doc: Document, error: ValidationError, code: str, message: str, hint: str):
    line, col = doc.position(tuple(error.absolute_path))
    return Problem(doc.path, line, col, code, message, hint)


def _with_help(text: str, schema: dict[str, Any]) -> str:
    help_text = _field_help(schema)
    return text + (f" ({help_text})" if help_text else "")


def _required(doc: Document, error: ValidationError, schema: dict[str, Any]) -> Iterator[Problem]:
    pointer: Pointer = tuple(error.absolute_path)
    place = where(pointer)
    instance = error.instance if isinstance(error.instance, dict) else {}
    for key in error.validator_value:
        if key in instance:
            continue
        order = list(schema.get("properties", {})) or list(error.validator_value)
        line, col, spot = missing_key_place(key, order, instance, doc.key_position, pointer)
        sub = schema.get("properties", {}).get(key, {})
        hint = _with_help(f"tambahkan '{key}:' {spot}", sub)
        yield Problem(doc.path, line, col, "SKEMA-WAJIB", f"'{key}' wajib ada di {place}", hint)


def _unknown_keys(
    doc: Document, error: ValidationError, schema: dict[str, Any]
) -> Iterator[Problem]:
    pointer: Pointer = tuple(error.absolute_path)
    if not isinstance(error.instance, dict):
        return
    known = set(schema.get("properties", {}))
    for key in error.instance:
        if key in known or key in PRIVATE_KEYS:
            continue
        line, col = doc.key_position((*pointer, key))
        hint = (
            f"hapus '{key}' atau perbaiki ejaannya; kunci yang dikenal: " + ", ".join(sorted(known))
            if known
            else f"hapus '{key}'"
        )
        yield Problem(
            doc.path,
            line,
            col,
            "SKEMA-KUNCI-TIDAK-DIKENAL",
            f"kunci '{_short(key)}' tidak dikenal di {where(pointer)}",
            hint,
        )


def _key_format(doc: Document, error: ValidationError, schema: dict[str, Any]) -> Iterator[Problem]:
    # error.instance is the offending key itself
    pointer: Pointer = tuple(error.absolute_path)
    key = error.instance
    line, col = doc.key_position((*pointer, key)) if isinstance(key, str) else (1, 1)
    yield Problem(
        doc.path,
        line,
        col,
        "SKEMA-KUNCI-FORMAT",
        f"kunci '{_short(key)}' di {where(pointer)} tidak sesuai format",
        "pakai huruf kecil, angka dan garis bawah saja (paling panjang 64 karakter), "
        "mis. 'perekat_bangsa'",
    )


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _range(error: ValidationError, place: str, schema: dict[str, Any]) -> tuple[str, str, str]:
    limit = _number(error.validator_value)
    phrase = {
        "minimum": f"paling kecil {limit}",
        "maximum": f"paling besar {limit}",
        "exclusiveMinimum": f"lebih dari {limit}",
        "exclusiveMaximum": f"kurang dari {limit}",
    }[error.validator]
    return (
        "SKEMA-RENTANG",
        f"{place} = {_shown(error.instance)} di luar rentang: harus {phrase}",
        _with_help(f"ubah nilainya menjadi {phrase}", schema),
    )


def _type(error: ValidationError, place: str, schema: dict[str, Any]) -> tuple[str, str, str]:
    expected = error.validator_value
    names = " atau ".join(
        _TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])
    )
    unquoted = quoted_number(error.instance, expected)
    path = list(error.absolute_path)
    if unquoted is not None and path:
        hint = f"hapus tanda kutip: tulis {path[-1]}: {unquoted}"
    else:
        hint = _with_help(f"tulis {names}", schema)
    return ("SKEMA-TIPE", f"{place} harus berupa {names}, bukan {_shown(error.instance)}", hint)


def _simple(error: ValidationError, place: str, schema: dict[str, Any]) -> tuple[str, str, str]:
    """Code, message and hint for a keyword about one value."""
    kind, value, limit = error.validator, error.instance, error.validator_value
    help_text = _field_help(schema)
    if kind in ("enum", "const"):
        options = limit if kind == "enum" else [limit]
        return (
            "SKEMA-PILIHAN",
            f"nilai {_shown(value)} tidak dikenal untuk {place}",
            "pilih salah satu: " + ", ".join(str(o) for o in options),
        )
    if kind == "pattern":
        code = "SKEMA-ID" if tuple(error.absolute_path) == ("id",) else "SKEMA-FORMAT"
        shown = (
            _shown(value) if isinstance(value, str) and "\n" not in value else "(berisi baris baru)"
        )
        return (
            code,
            f"{place} {_short(shown)} tidak sesuai format",
            help_text or "sesuaikan formatnya",
        )
    if kind in ("minItems", "maxItems"):
        phrase = f"paling sedikit {limit}" if kind == "minItems" else f"paling banyak {limit}"
        return (
            "SKEMA-JUMLAH-BUTIR",
            f"{place} harus berisi {phrase} butir",
            help_text or f"sesuaikan jumlah butirnya menjadi {phrase}",
        )
    if kind == "minLength":
        return "SKEMA-KOSONG", f"{place} tidak boleh kosong", _with_help(f"isi {place}", schema)
    if kind == "maxLength":
        return (
            "SKEMA-PANJANG",
            f"{place} terlalu panjang ({len(value)} karakter; paling banyak {limit})",
            f"persingkat menjadi paling banyak {limit} karakter",
        )
    if kind == "uniqueItems":
        return (
            "SKEMA-GANDA",
            f"{place} berisi butir yang sama lebih dari sekali",
            "hapus butir ganda",
        )
    if kind in ("minProperties", "maxProperties"):
        return (
            "SKEMA-JUMLAH-KUNCI",
            f"{place} memiliki jumlah kunci yang tidak sesuai",
            help_text or "periksa contoh di Panduan kontributor",
        )
    return (
        "SKEMA-LAIN",
        f"{place} tidak sesuai skema ({kind})",
        help_text or "periksa contoh di Panduan kontributor",
    )


_BY_KEYWORD = {
    "required": _required,
    "additionalProperties": _unknown_keys,
    "propertyNames": _key_format,
}
_RANGES = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _problems_for(doc: Document, error: ValidationError) -> Iterator[Problem]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator in _BY_KEYWORD:
        yield from _BY_KEYWORD[error.validator](doc, error, schema)
        return
    place = where(tuple(error.absolute_path))
    if error.validator == "type":
        explained = _type(error, place, schema)
    elif error.validator in _RANGES:
        explained = _range(error, place, schema)
    else:
        explained = _simple(error, place, schema)
    yield _at_value(doc, error, *explained)


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    if error.validator in ("allOf", "anyOf", "oneOf", "if", "then") and error.context:
        for sub in error.context:
            yield from _leaves(sub)
    else:
        yield error


def _passes(validator: Callable[[Any], Any], data: Any) -> bool:
    try:
        validator(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def fast_valid(data: Any, kind: str, schemas: Schemas) -> bool:
    return schemas.fast_check(kind)(data)


def check(doc: Document, kind: str, schemas: Schemas) -> list[Problem]:
    """Schema problems of one parsed document (empty when it conforms).

    Callers try `fast_valid` first; this is the slow path that explains.
    """
    v = schemas.validator(kind)
    problems: list[Problem] = []
    for error in v.iter_errors(doc.data):
        for leaf in _leaves(error):
            problems.extend(_problems_for(doc, leaf))
    return problems
