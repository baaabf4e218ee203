"""The code layers of DESIGN.md, enforced by reading the source.

core imports only core; checks imports core and checks; site imports core
and site; adapters may import anything. Only adapters touch files,
processes, the clock or Pelican. Docstrings cannot keep these promises; a
walk over the syntax tree can.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "kinerja"
LAYERS = ("core", "checks", "site", "adapters")
ALLOWED = {
    "core": {"core"},
    "checks": {"core", "checks"},
    "site": {"core", "site"},
    "adapters": set(LAYERS),
}
# Modules whose import means reaching the outside world (files, processes, clock, Pelican).
WORLD_MODULES = {
    "pelican",
    "subprocess",
    "multiprocessing",
    "concurrent",
    "os",
    "shutil",
    "tempfile",
    "socket",
    "time",
    "urllib",
    "http",
}
# Calls that touch the file system or the clock, whatever object they hang on.
WORLD_CALLS = {
    "open",
    "read_bytes",
    "read_text",
    "write_bytes",
    "write_text",
    "mkdir",
    "unlink",
    "iterdir",
    "glob",
    "rglob",
    "now",
    "today",
    "utcnow",
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Still to be split (issue 14); each entry goes when its module is split, and
# the test fails if a listed breach no longer exists, so the list only shrinks.
PENDING: set[str] = set()


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def layer_of(path: Path, root: Path = PACKAGE) -> str | None:
    rel = path.relative_to(root).parts
    return rel[0] if len(rel) > 1 and rel[0] in LAYERS else None


def imported(tree: ast.AST, path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import, relative ones resolved."""
    package = ["kinerja", *path.relative_to(root).parts[:-1]]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            if name in ("kinerja", *(f"kinerja.{x}" for x in LAYERS)):
                found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def violations(path: Path, root: Path = PACKAGE) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    layer = layer_of(path, root)
    rel = path.relative_to(root.parent).as_posix()
    out = []
    lines = source.count("\n") + 1
    if lines > MAX_MODULE_LINES and (root != PACKAGE or f"{rel}: module" not in PENDING):
        out.append(f"{rel}: {lines} baris (batas {MAX_MODULE_LINES})")
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            pending = root == PACKAGE and f"{rel}: {node.name}" in PENDING
            if length > MAX_FUNCTION_LINES and not pending:
                out.append(f"{rel}:{node.lineno}: fungsi {node.name} {length} baris")
    if layer in (None, "adapters"):
        return out
    for line, name in imported(tree, path, root):
        parts = name.split(".")
        if parts[0] == "kinerja":
            target = parts[1] if len(parts) > 1 else None
            if target not in ALLOWED[layer]:
                out.append(f"{rel}:{line}: lapisan {layer} mengimpor {name}")
        elif parts[0] in WORLD_MODULES:
            out.append(f"{rel}:{line}: lapisan {layer} mengimpor {name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in WORLD_CALLS:
                out.append(f"{rel}:{node.lineno}: lapisan {layer} memanggil {called}()")
    return out


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_keeps_its_layer(path: Path) -> None:
    assert violations(path) == []


def test_pending_splits_are_still_needed() -> None:
    """An entry of PENDING whose breach is gone must leave the list."""
    still = set()
    for path in modules():
        rel = path.relative_to(PACKAGE.parent).as_posix()
        source = path.read_text(encoding="utf-8")
        if source.count("\n") + 1 > MAX_MODULE_LINES:
            still.add(f"{rel}: module")
        for node in ast.walk(ast.parse(source)):
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                still.add(f"{rel}: {node.name}")
    assert PENDING - still == set()


def test_every_module_sits_in_a_layer() -> None:
    loose = [
        p.name
        for p in modules()
        if layer_of(p) is None and p.name not in ("__init__.py", "__main__.py")
    ]
    assert loose == []


@pytest.mark.parametrize(
    ("layer", "source", "expected"),
    [
        ("core", "from kinerja.site import labels\n", "mengimpor kinerja.site.labels"),
        ("core", "from ..adapters.loader import load\n", "mengimpor kinerja.adapters.loader"),
        ("checks", "import subprocess\n", "mengimpor subprocess"),
        ("site", "from pelican import signals\n", "mengimpor pelican"),
        ("site", "x = open('a')\n", "memanggil open()"),
        ("core", "def f(p):\n    return p.read_bytes()\n", "memanggil read_bytes()"),
        ("core", "import datetime\nx = datetime.datetime.now()\n", "memanggil now()"),
        ("core", "def f():\n" + "    x = 1\n" * 61, "fungsi f 62 baris"),
        ("site", "x = 1\n" * 401, "402 baris"),
    ],
)
def test_the_rules_catch_a_breach(tmp_path, layer, source, expected) -> None:
    """The walker itself must fail on each kind of breach, or the test above proves nothing."""
    fake = tmp_path / "kinerja"
    (fake / layer).mkdir(parents=True)
    module = fake / layer / "breach.py"
    module.write_text(source, encoding="utf-8")
    found = violations(module, fake)
    assert any(expected in v for v in found), found
