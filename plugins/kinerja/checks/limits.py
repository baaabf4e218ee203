"""The safety limits of each kind of data file, as its schema states them.

Every schema carries `x-batas`: the largest file (checked before a byte is
parsed), the deepest nesting (checked while parsing), and the longest text,
longest list or mapping and largest number anywhere in the file (checked
here, before the schema validator walks the data). Field-specific limits
(`maxItems` of hasil_kerja, `maxLength` of rencana, `maximum` of biaya) are
ordinary schema keywords; these are the floor under every other field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import where
from kinerja.checks.yamlsource import Document, Extent, Pointer


# Deliberate twin of adapters/sheets.py ImportLimits (duplicates tool): each reads
# its own block of limits from its own schema, field by field.
@dataclass(frozen=True)
class FileLimits:
    max_bytes: int
    max_depth: int
    max_text: int
    max_items: int
    max_number: int

    @classmethod
    def of(cls, schema: dict[str, Any]) -> FileLimits:
        given = schema["x-batas"]
        return cls(
            max_bytes=int(given["ukuran_berkas_maks"]),
            max_depth=int(given["kedalaman_maks"]),
            max_text=int(given["panjang_teks_maks"]),
            max_items=int(given["jumlah_butir_maks"]),
            max_number=int(given["angka_mutlak_maks"]),
        )


def _over(limits: FileLimits, value: Any) -> tuple[str, str, str] | None:
    if isinstance(value, str) and len(value) > limits.max_text:
        return (
            "BATAS-TEKS",
            f"teks {len(value)} karakter, melebihi batas {limits.max_text}",
            f"persingkat menjadi paling banyak {limits.max_text} karakter",
        )
    if isinstance(value, dict | list) and len(value) > limits.max_items:
        return (
            "BATAS-BUTIR",
            f"berisi {len(value)} butir, melebihi batas {limits.max_items}",
            f"kurangi menjadi paling banyak {limits.max_items} butir",
        )
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and abs(value) > limits.max_number:
        return (
            "BATAS-ANGKA",
            f"angka melebihi batas {limits.max_number:,}".replace(",", "."),
            "periksa angka ini; tulis dalam satuan yang wajar",
        )
    return None


def _fits(limits: FileLimits, extent: Extent) -> bool:
    """What the fast reader measured while building the data: no walk at all."""
    return (
        extent.longest_text <= limits.max_text
        and extent.most_items <= limits.max_items
        and extent.largest_number <= limits.max_number
    )


def _within(limits: FileLimits, data: Any) -> bool:
    """True when nothing in `data` is beyond the limits: one pass without
    pointers, for the common file (the located walk below is for the rest)."""
    text, items, number = limits.max_text, limits.max_items, limits.max_number
    todo = [data]
    while todo:
        value = todo.pop()
        kind = type(value)
        if kind is str:
            if len(value) > text:
                return False
        elif kind is dict:
            if len(value) > items or any(type(k) is str and len(k) > text for k in value):
                return False
            todo.extend(value.values())
        elif kind is list:
            if len(value) > items:
                return False
            todo.extend(value)
        elif kind is int or kind is float:
            if abs(value) > number:
                return False
        elif kind is not bool and _over(limits, value) is not None:
            return False
    return True


# A message cap, not policy: a file with thousands of oversized values gets the
# first ones located (enough to see the pattern), not thousands of lines.
FINDINGS_SHOWN = 20


def exceeded(doc: Document, limits: FileLimits) -> list[Problem]:
    """Values of `doc` beyond its kind's limits (keys count as text), without recursion."""
    extent = doc.extent
    if _within(limits, doc.data) if extent is None else _fits(limits, extent):
        return []
    found: list[Problem] = []
    todo: list[tuple[Pointer, Any]] = [((), doc.data)]
    while todo and len(found) < FINDINGS_SHOWN:
        pointer, value = todo.pop()
        over = _over(limits, value)
        if over is not None:
            code, message, hint = over
            line, col = doc.position(pointer)
            found.append(Problem(doc.path, line, col, code, f"{where(pointer)}: {message}", hint))
            continue
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and len(key) > limits.max_text:
                    todo.append((pointer, key))  # the key is the problem: place it on its parent
                else:
                    todo.append(((*pointer, key), item))
        elif isinstance(value, list):
            todo += [((*pointer, i), item) for i, item in enumerate(value)]
    return sorted(found)
