"""How a plain YAML scalar becomes a value, and which ones are refused.

YAML 1.1 (what PyYAML implements) reads `0x7E9`, `0o17`, `017`, `2_025` and
`33:45` all as numbers, `yes`/`no`/`on`/`off` as true/false, and `<<` as a
merge of another mapping. A person who typed them meant something else, or
meant to hide something; both readers (the fast C path and the careful one)
use this resolver, which reads only unambiguous numbers and `true`/`false`
and marks the rest ODD so the reader refuses it with a located message.
Numbers that are not finite (`.inf`, `.nan`, `1.0e+309`) or too long for
Python to read are refused the same way.
"""

from __future__ import annotations

import math
import re
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import BaseResolver

ODD = "tag:kinerja.kepahiangkab.go.id,2026:ganjil"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_DIGITS = list("-+0123456789")
_ODD_FIRST = [*_DIGITS, ".", "y", "Y", "n", "N", "o", "O", "<"]

# unambiguous forms, tried first
_STRICT = [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (_INT, r"^[-+]?(?:0|[1-9][0-9]*)$", _DIGITS),
    (_FLOAT, r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", [*_DIGITS, "."]),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        _TIMESTAMP,
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$
        |^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$""",
        _DIGITS,
    ),
]
# whatever YAML 1.1 (or 1.2) would read as something other than text
_ODD = r"""^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|<<
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?0[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    |[-+]?[0-9.][0-9_.]*_[0-9_.]*(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"""


class StrictResolver(BaseResolver):
    """Implicit tags for plain scalars: YAML 1.2 core numbers, never 1.1's extras."""


StrictResolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _STRICT:
    StrictResolver.add_implicit_resolver(_tag, re.compile(_pattern, re.X), _first)
StrictResolver.add_implicit_resolver(ODD, re.compile(_ODD, re.X), _ODD_FIRST)

RESOLVER = StrictResolver()


class ScalarRefused(Exception):
    """A scalar that must not be read; `reason` and `hint` are for the message."""

    def __init__(self, code: str, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.hint = hint


def odd(value: str) -> ScalarRefused:
    if value == "<<":
        return ScalarRefused(
            "YAML-GABUNG",
            "kunci gabungan '<<' (merge key) tidak diizinkan",
            "tulis setiap kunci dan nilainya secara lengkap di pemetaan ini",
        )
    if value.lower() in ("yes", "no", "on", "off", "y", "n"):
        return ScalarRefused(
            "YAML-BOOLEAN",
            f"nilai '{value}' bermakna ganda (YAML lama membacanya sebagai benar/salah)",
            "tulis true atau false bila maksudnya ya/tidak, atau beri tanda kutip "
            f'("{value}") bila maksudnya teks',
        )
    return ScalarRefused(
        "YAML-ANGKA",
        f"angka '{value}' ditulis dalam bentuk yang bermakna ganda (heksadesimal, oktal, "
        "nol di depan, garis bawah, titik dua atau tak hingga)",
        "tulis angka desimal biasa tanpa nol di depan, garis bawah atau titik dua, mis. 2025 "
        "atau 12,5 ditulis 12.5",
    )


# control characters other than tab and newline, and the bidirectional overrides
# that make text read differently from how it is stored ("trojan source")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_value(value: Any, text: str) -> Any:
    """Refuse floats that are not finite (`1.0e+309` overflows to infinity) and
    text with control characters (written as escapes in a quoted string)."""
    if isinstance(value, str):
        found = _CONTROL.search(value)
        if found:
            raise ScalarRefused(
                "YAML-KARAKTER",
                f"teks berisi karakter kendali U+{ord(found.group()):04X}",
                "hapus karakter itu (mis. \\x07 atau \\u202e di dalam tanda kutip)",
            )
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise ScalarRefused(
            "YAML-ANGKA",
            f"angka '{text[:40]}' terlalu besar atau bukan angka terhingga",
            "tulis angka terhingga dalam batas yang diizinkan skema",
        )
    return value


class _Builder(SafeConstructor):
    pass


_builder = _Builder()


def construct(tag: str, value: str, mark: Any = None) -> Any:
    """The Python value of one plain or quoted scalar, or ScalarRefused."""
    if tag == ODD:
        raise odd(value)
    build = _Builder.yaml_constructors.get(tag, _Builder.construct_yaml_str)
    try:
        built = build(_builder, ScalarNode(tag, value, mark, mark))
    except ValueError as exc:  # ints beyond Python's digit limit, impossible dates
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ScalarRefused(
            "YAML-NILAI",
            f"nilai '{shown}' tidak dapat dibaca ({len(value)} karakter)",
            "tulis bilangan atau tanggal yang wajar, dalam batas yang diizinkan skema",
        ) from exc
    return check_value(built, value)


STR = "tag:yaml.org,2002:str"
_TRUE = frozenset(("true", "True", "TRUE"))


def construct_common(tag: str, value: str) -> Any:
    """`construct` for the tags nearly every scalar has, without building a node:
    the resolver's patterns already admit only plain decimal forms, so Python's
    own int() and float() read them exactly as SafeConstructor would."""
    if tag == STR:
        if _CONTROL.search(value):
            return construct(tag, value)  # refused there, with its message
        return value
    if tag == _INT and len(value) < 100:
        return int(value)
    if tag == _BOOL:
        return value in _TRUE
    if tag == _NULL:
        return None
    return construct(tag, value)
