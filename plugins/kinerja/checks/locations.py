"""Where a person should look, and what to type, for three common slips.

- A missing key: at the line where it belongs (before the key that follows
  it in the schema's order, or after the one before it), never at 1:1.
- A number in quotes (`loyal: "4"`): say to remove the quotes.
- A key moved left by a space or two: the YAML parser trips on the next
  line; the line to change is the one that sticks out to the left.
Pure: text and positions in, positions and words out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Pointer = tuple[Any, ...]


def missing_key_place(
    key: str,
    order: Sequence[str],
    present: Mapping[str, Any],
    key_position: Callable[[Pointer], tuple[int, int]],
    parent: Pointer,
) -> tuple[int, int, str]:
    """(line, col, where) for a required key that is missing from a mapping."""
    index = list(order).index(key) if key in order else len(order)
    after = [k for k in order[index + 1 :] if k in present]
    before = [k for k in order[:index] if k in present]
    if after:
        line, col = key_position((*parent, after[0]))
        return line, col, f"sebelum baris '{after[0]}:' ini"
    if before:
        line, col = key_position((*parent, before[-1]))
        return line, col, f"sesudah '{before[-1]}:' (baris {line}) dan isinya"
    first = next(iter(present), None)
    if first is not None:
        line, col = key_position((*parent, first))
        return line, col, "di pemetaan ini"
    return (*key_position(parent), "di sini") if parent else (1, 1, "di tingkat teratas")


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def quoted_number(value: Any, expected: Any) -> str | None:
    """The text to type instead of a quoted number, e.g. '4' for "4"; else None."""
    kinds = expected if isinstance(expected, list) else [expected]
    if not isinstance(value, str) or not {"integer", "number"} & set(kinds):
        return None
    text = value.strip()
    if not _NUMBER.match(text):
        return None
    if "integer" in kinds and "number" not in kinds and "." in text:
        return None
    return text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def outdented_line(text: str, error_line: int) -> tuple[int, int] | None:
    """(line, spaces missing) when the line before `error_line` (1-based) sticks out to
    the left of its neighbours, the usual cause of a parse error on the next line."""
    lines = text.splitlines()
    if not 3 <= error_line <= len(lines):
        return None
    content = [n for n in range(error_line - 1) if lines[n].strip() and not _is_comment(lines[n])]
    if len(content) < 2:
        return None
    suspect, above = content[-1], content[-2]
    here = lines[error_line - 1]
    want = _indent(lines[above])
    opens_block = re.match(r"^\s*[^:#]+:\s*(#.*)?$", lines[suspect]) is not None
    if _indent(lines[suspect]) < want and _indent(here) == want and not opens_block:
        return suspect + 1, want - _indent(lines[suspect])
    return None


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")
