"""A yes/no check of a JSON Schema, written as straight Python for the
keywords the record schema uses.

Almost every record file is valid, and the full validator (jsonschema) is
only needed to explain the rest. fastjsonschema answers faster, but its
code builds error names with `str.format(**locals())` on every nested call
and copies every mapping's keys into a set; checking a clean record cost
about a tenth of parsing it. The code made here only answers True or False.

Its one promise: True only when jsonschema (draft 2020-12) finds the data
valid. Wherever the exact rule would take more code it is stricter (every
key must be a `str`), which costs a file the slow path and never a problem;
`5.0` is an integer, as jsonschema says. A keyword it does not know, a
`$ref` outside the schema's own `$defs`, or a recursive one: no check
(None), and the caller keeps its other validator. tests/test_schemafast.py
holds it to jsonschema on generated and broken records.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

# Keywords that never change validity.
_ANNOTATIONS = frozenset(
    {"title", "description", "$schema", "$id", "$comment", "default", "examples", "$defs"}
)
_TYPES = {
    "string": "type({v}) is str",
    "integer": "(type({v}) is int or type({v}) is float and {v}.is_integer())",
    "number": "(type({v}) is int or type({v}) is float)",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
}
_JSON = frozenset({str, int, float, bool, type(None), list, dict})
_NUMERIC = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
_HANDLED = frozenset(
    {"type", "enum", "pattern", "minLength", "maxLength", "minItems", "maxItems", "items"}
    | {"properties", "required", "additionalProperties", "propertyNames", "$ref"}
    | {"minProperties", "maxProperties"}
    | set(_NUMERIC)
)


_MAPPING = frozenset(
    {"properties", "required", "additionalProperties", "propertyNames"}
    | {"minProperties", "maxProperties"}
)
_ARRAY = frozenset({"items", "minItems", "maxItems"})


class _Unsupported(Exception):
    """The schema needs a keyword or form this module does not write."""


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise _Unsupported(repr(value))
    return value


class _Writer:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.names = 0
        self.inside: list[str] = []  # $refs being written, against recursion

    def name(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def constant(self, value: Any) -> str:
        name = self.name("_k")
        self.constants[name] = value
        return name

    def fail_unless(self, condition: str, pad: str) -> None:
        self.lines.append(f"{pad}if not ({condition}):")
        self.lines.append(f"{pad}    return False")

    def block(self, opening: list[str], schema: Any, v: str, pad: str) -> None:
        """`opening` lines, then `schema`'s checks inside them; nothing when it has none."""
        start = len(self.lines)
        self.lines += [pad + line for line in opening]
        inner = len(self.lines)
        self.schema(schema, v, pad + "    ")
        if len(self.lines) == inner:
            del self.lines[start:]

    def schema(self, schema: Any, v: str, pad: str) -> None:
        """Lines that return False unless the value in variable `v` fits `schema`."""
        if schema is True or schema == {}:
            return
        if not isinstance(schema, dict):
            raise _Unsupported(repr(schema)[:40])  # `false`, or not a schema at all
        unknown = {k for k in schema if k not in _HANDLED and k not in _ANNOTATIONS}
        if any(not k.startswith("x-") for k in unknown):
            raise _Unsupported(", ".join(sorted(unknown)))
        if "$ref" in schema:
            self.ref(schema["$ref"], v, pad)
        pinned, conditions = self.scalar(schema, v)
        mapping, array = bool(_MAPPING & schema.keys()), bool(_ARRAY & schema.keys())
        if (pinned, mapping, array) in (("object", True, False), ("array", False, True)):
            conditions = conditions[1:]  # the type is the guard written below
        if conditions:
            self.fail_unless(" and ".join(conditions), pad)
        for wanted, kind, write in (
            ("object", "dict", self.mapping),
            ("array", "list", self.array),
        ):
            if (mapping if kind == "dict" else array) and pinned == wanted:
                write(schema, v, pad)
            elif mapping if kind == "dict" else array:  # the keywords apply to this kind only
                self.lines.append(f"{pad}if type({v}) is {kind}:")
                write(schema, v, pad + "    ")

    def ref(self, ref: Any, v: str, pad: str) -> None:
        if not isinstance(ref, str) or not ref.startswith("#/$defs/") or ref in self.inside:
            raise _Unsupported(str(ref))
        target = self.root.get("$defs", {}).get(ref.removeprefix("#/$defs/"))
        if target is None or "/" in ref.removeprefix("#/$defs/") or "~" in ref:
            raise _Unsupported(ref)
        self.inside.append(ref)
        self.schema(target, v, pad)
        self.inside.pop()

    def scalar(self, schema: dict[str, Any], v: str) -> tuple[str | None, list[str]]:
        """The one type `type` names (or None), and the conditions on one value.

        A keyword about strings holds for any other kind, one about numbers
        for any non-number (as in jsonschema); a value of a kind JSON does
        not have is refused.
        """
        out, kind = [], schema.get("type")
        kinds = kind if isinstance(kind, list) else [kind]
        if kind is not None:
            if not kinds or any(k not in _TYPES for k in kinds):
                raise _Unsupported(f"type {kind}")
            out.append("(" + " or ".join(_TYPES[k].format(v=v) for k in kinds) + ")")
        pinned = kinds[0] if len(kinds) == 1 else None
        if "enum" in schema:
            options = schema["enum"]
            if not isinstance(options, list) or not all(type(o) is str for o in options):
                raise _Unsupported("enum")
            out.append(f"type({v}) is str and {v} in {self.constant(frozenset(options))}")
        numeric = []
        for keyword, op in _NUMERIC.items():
            if keyword in schema:
                limit = schema[keyword]
                if type(limit) not in (int, float) or not math.isfinite(limit):
                    raise _Unsupported(keyword)
                numeric.append(f"{v} {op} {limit!r}")
        text = []
        if "pattern" in schema:
            text.append(f"{self.constant(re.compile(schema['pattern']).search)}({v}) is not None")
        for keyword, op in (("minLength", ">="), ("maxLength", "<=")):
            if keyword in schema:
                text.append(f"len({v}) {op} {_count(schema[keyword])}")
        number_kind = f"(type({v}) is int or type({v}) is float)"
        for conditions, kind_of, names in (
            (numeric, number_kind, ("integer", "number")),
            (text, f"type({v}) is str", ("string",)),
        ):
            if conditions and pinned in names:
                out += conditions
            elif conditions:
                out.append(f"(not {kind_of} or ({' and '.join(conditions)}))")
        if pinned is None and (numeric or text or (_MAPPING | _ARRAY) & schema.keys()):
            out.insert(0, f"type({v}) in _json")
        return pinned, out

    def size_conditions(self, schema: dict[str, Any], v: str, what: str) -> list[str]:
        return [
            f"len({v}) {op} {_count(schema[keyword])}"
            for keyword, op in ((f"min{what}", ">="), (f"max{what}", "<="))
            if keyword in schema
        ]

    def mapping(self, schema: dict[str, Any], v: str, pad: str) -> None:
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        conditions = [f"type({v}) is dict", *self.size_conditions(schema, v, "Properties")]
        if schema.get("required"):
            conditions.append(f"{v}.keys() >= {self.constant(frozenset(schema['required']))}")
        if extra is False:
            conditions.append(f"{v}.keys() <= {self.constant(frozenset(properties))}")
        self.fail_unless(" and ".join(conditions), pad)
        required = set(schema.get("required") or ())
        for key, sub in properties.items():
            item = self.name("v")
            if key in required:  # present: checked above
                start = len(self.lines)
                self.lines.append(f"{pad}{item} = {v}[{key!r}]")
                self.schema(sub, item, pad)
                if len(self.lines) == start + 1:
                    del self.lines[start:]
            else:
                opening = [f"{item} = {v}.get({key!r}, _absent)", f"if {item} is not _absent:"]
                self.block(opening, sub, item, pad)
        key, item = self.name("k"), self.name("v")
        start = len(self.lines)
        self.lines.append(f"{pad}for {key}, {item} in {v}.items():")
        self.schema(schema.get("propertyNames", True), key, pad + "    ")
        if extra is not True and extra is not False:
            known = self.constant(frozenset(properties))
            self.block([f"if {key} not in {known}:"], extra, item, pad + "    ")
        if len(self.lines) == start + 1:
            del self.lines[start:]

    def array(self, schema: dict[str, Any], v: str, pad: str) -> None:
        sizes = self.size_conditions(schema, v, "Items")
        self.fail_unless(" and ".join([f"type({v}) is list", *sizes]), pad)
        items = schema.get("items", True)
        if not isinstance(items, dict | bool):
            raise _Unsupported("items")  # the array form (prefixItems in 2020-12)
        item = self.name("v")
        self.block([f"for {item} in {v}:"], items, item, pad)


def source(schema: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The check's Python source and the constants it needs, or None."""
    writer = _Writer(schema)
    try:
        writer.schema(schema, "v0", "    ")
    except (_Unsupported, re.error, TypeError, ValueError, RecursionError):
        return None
    body = "\n".join(writer.lines) or "    pass"
    return f"def check(v0):\n{body}\n    return True\n", writer.constants


def compile_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A function that is True only for data valid under `schema`; None when
    this module cannot write one (the caller keeps its other validator)."""
    made = source(schema)
    if made is None:
        return None
    text, constants = made
    namespace: dict[str, Any] = {**constants, "_absent": object(), "_json": _JSON}
    try:
        code = compile(text, f"<cek {schema.get('$id', 'skema')}>", "exec")
    except (SyntaxError, RecursionError, MemoryError):  # nesting beyond the compiler's
        return None
    exec(code, namespace)  # noqa: S102 - source written above from the schema's values
    return namespace["check"]
