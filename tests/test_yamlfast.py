"""The fast YAML path against the careful one (issue 14, point 4).

The fast path (libyaml's composer and a direct builder) must give exactly the
data the careful, event-level reader gives (equal, with the same types and
key order) or leave the file to it; the Extent it measures must be what the
limits walk finds; its nesting pre-scan must never let a file deeper than the
ceiling through. Checked on the shipped sample and on generated documents
full of YAML's traps (1.1 booleans, odd numbers, dates, duplicate and
non-text keys, merge keys, anchors, quoting, deep nesting).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_fuzz import RECORDS, mutated

from conftest import DATA, examples, stride
from kinerja.checks import limits, yamlsource
from kinerja.checks.yamlcareful import read_careful
from kinerja.checks.yamlsource import Document, Extent


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down and keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        keys = list(a), list(b)
        if len(keys[0]) != len(keys[1]) or not all(map(same, *keys)):
            return False
        return all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return repr(a) == repr(b)  # 0.0 and -0.0 are equal but not the same reading


def extent_of(data: Any) -> Extent:
    """The limits walk's view of `data`, computed independently of the builder."""
    longest = most = 0
    largest: float = 0
    todo = [data]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            most = max(most, len(value))
            longest = max([longest, *(len(k) for k in value if isinstance(k, str))])
            todo += value.values()
        elif isinstance(value, list):
            most = max(most, len(value))
            todo += value
        elif isinstance(value, str):
            longest = max(longest, len(value))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            largest = max(largest, abs(value))
    return Extent(longest, most, largest)


def agrees(text: str, max_depth: int, top: type | tuple[type, ...] = dict) -> bool:
    """Assert the fast reading is the careful one; True when the fast path took it."""
    fast = yamlsource._fast(text, max_depth, top)
    if fast is None:
        return False
    careful = read_careful("uji.yaml", text, max_depth, top)
    assert careful.problems == [], (text, careful.problems)
    data, extent = fast
    assert same(data, careful.data), (text, data, careful.data)
    assert extent == extent_of(careful.data), text
    return True


def sample_files() -> list[Path]:
    """A quarter of `stride` (the careful reader is slow); all with KINERJA_UJI_SKALA=100."""
    files = stride(sorted(DATA.rglob("*.yaml")))
    return files if len(files) == len(list(DATA.rglob("*.yaml"))) else files[::4]


def test_the_sample_reads_the_same_on_both_paths() -> None:
    """Every shipped file (a stride of them unless KINERJA_UJI_SKALA=100)."""
    files = sample_files()
    fast = [agrees(p.read_text(encoding="utf-8"), 10, (dict, list)) for p in files]
    assert all(fast), [str(p) for p, f in zip(files, fast, strict=True) if not f]


# --- generated documents -------------------------------------------------------

TRAPS = [
    *["yes", "No", "ON", "off", "y", "n", "Y", "<<", "9" * 120, "&a x", "*a", "!!str 5", "!x y"],
    *["017", "0o17", "0x1F", "0b101", "1_000", "33:45", "1.0e+309", ".inf", "-.Inf", ".nan"],
    *["2025-13-45", "x:y", "a b", "-0.0", "1.", "+.5e-3", "1e5", ""],
]
WORDS = st.from_regex(r"\A[A-Za-z][A-Za-z0-9 _.-]{0,15}[A-Za-z0-9]\Z")
CLEAN = st.one_of(
    WORDS,
    st.sampled_from(["true", "True", "FALSE", "~", "null", "Null", "0", "-0", "+5", "1.5", "-.5"]),
    st.sampled_from(["2025-03-31", "2025-3-1", "2001-12-14t21:59:43.10-05:00"]),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)
ODD = st.one_of(st.sampled_from(TRAPS), st.from_regex(r"\A[-+]?[0-9][0-9_.:eExob]{0,10}\Z"))
CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"])
QUOTED = st.one_of(
    st.text(CHARS, max_size=12).map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.text(CHARS.filter(str.isprintable), max_size=12).map(
        lambda s: "'" + s.replace("'", "''") + "'"
    ),
)
PRINTABLE = st.one_of(
    st.text(CHARS.filter(str.isprintable), max_size=12).map(json.dumps),
    st.sampled_from(["'1'", "'true'", "''", '"~"', '"2025-03-31"', "'a: b'"]),
    WORDS.map(lambda word: "|-\n" + word),  # a block scalar
)
PLAIN_KEYS = ["a", "b", "a", "1", "true", "~", "<<", '"a"', "'b'", "1.0", "y", "null"]


def scalars(tokens: st.SearchStrategy) -> st.SearchStrategy:
    return tokens.map(lambda token: ("scalar", token))


def containers(children: st.SearchStrategy, keys: st.SearchStrategy = WORDS) -> st.SearchStrategy:
    flow = st.booleans()
    return st.one_of(
        st.tuples(st.just("map"), flow, st.lists(st.tuples(keys, children), max_size=4)),
        st.tuples(st.just("seq"), flow, st.lists(children, max_size=4)),
    )


def chain(node: tuple, levels: int, flow: bool) -> tuple:
    """`node` nested `levels` deeper, in single-item lists and mappings."""
    for level in range(levels):
        node = ("seq", flow, [node]) if (levels - level) % 2 == 0 else ("map", flow, [("k", node)])
    return node


def documents(tokens: st.SearchStrategy, keys: st.SearchStrategy) -> st.SearchStrategy:
    nodes = st.recursive(scalars(tokens), lambda kids: containers(kids, keys), max_leaves=20)
    pairs = st.lists(st.tuples(keys, nodes), min_size=1, max_size=6)
    mapping = st.tuples(st.just("map"), st.booleans(), pairs)
    deep = st.builds(chain, nodes, st.integers(1, 10), st.booleans())
    return st.one_of(mapping, deep, containers(nodes, keys))


# clean documents (most take the fast path) and documents full of traps
CLEAN_DOCS = documents(st.one_of(CLEAN, CLEAN, PRINTABLE), WORDS)
TRAP_DOCS = documents(
    st.one_of(CLEAN, ODD, QUOTED), st.one_of(WORDS, QUOTED, st.sampled_from(PLAIN_KEYS))
)
ROOTS = st.one_of(scalars(st.one_of(CLEAN, ODD)), CLEAN_DOCS, TRAP_DOCS)  # or one scalar
DEPTHS = st.sampled_from([1, 3, 5, 8, 8, 12, 12])  # uniform, not small-first
DEEP = st.builds(chain, scalars(CLEAN), st.integers(0, 30), st.booleans())


def inline(node: tuple) -> str:
    """A scalar's token, or a container in flow style."""
    if node[0] == "scalar":
        return json.dumps(node[1][3:]) if node[1].startswith("|-\n") else node[1]
    if node[0] == "map":
        return "{" + ", ".join(f"{k}: {inline(v)}" for k, v in node[2]) + "}"
    return "[" + ", ".join(inline(v) for v in node[2]) + "]"


def block(node: tuple, indent: int) -> list[str]:
    """A container in block style at `indent` (empty or flow ones inline)."""
    pad = " " * indent
    lines: list[str] = []
    for key, child in node[2] if node[0] == "map" else [(None, c) for c in node[2]]:
        lead = f"{pad}{key}:" if node[0] == "map" else f"{pad}-"
        if child[0] == "scalar" and child[1].startswith("|-\n"):
            lines += [f"{lead} |-", f"{pad}  {child[1][3:]}"]
        elif child[0] == "scalar" or child[1] or not child[2]:
            lines.append(f"{lead} {inline(child)}")
        elif node[0] == "seq":  # compact: `- - x` and `- a: 1`
            inner = block(child, indent + 2)
            lines += [f"{lead} {inner[0][indent + 2 :]}", *inner[1:]]
        else:
            lines += [lead, *block(child, indent + 2)]
    return lines


def text_of(root: tuple) -> str:
    if root[0] == "scalar" or root[1] or not root[2]:
        return inline(root) + "\n"
    return "\n".join(block(root, 0)) + "\n"


FUZZ = settings(max_examples=examples(750), deadline=None, suppress_health_check=list(HealthCheck))


def leaves(data: Any) -> list[Any]:
    found, todo = [], [data]
    while todo:
        value = todo.pop()
        if isinstance(value, dict | list):
            todo += value.values() if isinstance(value, dict) else value
        else:
            found.append(value)
    return found


EVERY_KIND = (
    "map",
    False,
    [
        (k, ("scalar", v))
        for k, v in zip(
            "abcdefg",
            ["1", "-2.5", "true", "x", "~", "2025-03-31", "2025-03-31 10:00:00"],
            strict=True,
        )
    ]
    + [("h", ("seq", False, [("map", True, [("i", ("scalar", "'1'"))])]))],
)


def test_generated_documents_read_the_same_on_both_paths() -> None:
    """And not vacuously: a fair share of the documents take the fast path,
    and values of every kind are compared."""
    taken: list[bool] = []
    kinds: set[type] = set()

    @FUZZ
    @given(ROOTS, DEPTHS, st.sampled_from([dict, (dict, list)]))
    @example(EVERY_KIND, 8, dict)
    def check(root: tuple, max_depth: int, top: type | tuple[type, ...]) -> None:
        text = text_of(root)
        taken.append(agrees(text, max_depth, top))
        if taken[-1]:
            kinds.update(type(v) for v in leaves(yamlsource._fast(text, max_depth, top)[0]))

    check()
    assert sum(taken) >= len(taken) // 20, (sum(taken), len(taken))
    assert {int, float, bool, str, type(None), date, datetime} <= kinds, kinds


@FUZZ
@given(DEEP, st.integers(1, 12))
def test_the_nesting_prescan_never_lets_a_deep_file_through(root, ceiling) -> None:
    text = text_of(root)
    if yamlsource.shallow(text, ceiling):
        codes = {p.code for p in read_careful("uji.yaml", text, ceiling).problems}
        assert "YAML-KEDALAMAN" not in codes, text


@settings(FUZZ, max_examples=examples(300))
@given(
    CLEAN_DOCS,
    st.builds(
        limits.FileLimits,
        max_bytes=st.just(10**6),
        max_depth=st.just(12),
        max_text=st.integers(0, 20),
        max_items=st.integers(0, 5),
        max_number=st.integers(0, 10**6),
    ),
)
def test_limits_from_the_extent_are_the_limits_from_the_walk(root, file_limits) -> None:
    text = text_of(root)
    fast = yamlsource._fast(text, 12, (dict, list))
    if fast is None:
        return
    raw = text.encode()
    measured = Document("uji.yaml", data=fast[0], raw=raw, max_depth=12, extent=fast[1])
    walked = Document("uji.yaml", data=fast[0], raw=raw, max_depth=12)
    assert limits.exceeded(measured, file_limits) == limits.exceeded(walked, file_limits)


@pytest.mark.parametrize(
    "text",
    [
        "1: a\n1.0: b\n",  # equal keys once built
        "true: a\n",
        "~: a\n",
        "2025-01-01: a\n",
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "<<: {a: 1}\n",
        "a: yes\n",
        "a: 0x10\n",
        "a: .inf\n",
        'a: "\\x07"\n',
        "a: |\n  \u202e\n",
        "[1, 2]\n",
        "- a\n",
        "a\n",
        "{}\n",
        "a: 1\n---\nb: 2\n",
        "? [a]\n: 1\n",
        "a: {b: c? d}\n",  # libyaml: text; PyYAML: a key indicator
        "a: [b?c]\n",
    ],
)
def test_the_fast_path_leaves_traps_to_the_careful_reader(text: str) -> None:
    assert yamlsource._fast(text, 8) is None


def test_the_plain_scalar_memo_stays_bounded() -> None:
    long = "x" * (yamlsource.PLAIN_MEMO_LENGTH + 1)
    many = "\n".join(f"k{i}: v{i}" for i in range(yamlsource.PLAIN_MEMO_ENTRIES + 10))
    assert agrees(f"a: {long}\n", 8)
    assert long not in yamlsource._PLAIN
    assert yamlsource._fast(many, 8) is not None  # too many items for a record; still read
    assert len(yamlsource._PLAIN) <= yamlsource.PLAIN_MEMO_ENTRIES


@FUZZ
@given(st.sampled_from(RECORDS).flatmap(mutated))
def test_mutated_records_read_the_same_on_both_paths(raw: bytes) -> None:
    """Byte-level damage to real records (test_fuzz's mutations): libyaml and
    the careful reader's parser must agree on whatever the fast path accepts."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return
    agrees(text, 8)
