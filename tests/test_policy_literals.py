"""Category values live in schemas/ and data/, never in the engine's code or
the templates (DESIGN.md "Code layers": policy numbers and category lists).

Labels for readers sit beside each enum in the schemas (`x-label`).
Every value of the categories the engine counts and publishes (ratings,
predikat, predikat organisasi, JPM categories, the talent grid's axes,
jenis jabatan, status, jenis kelamin) is read from the schemas; the test
fails when one of them is spelt as a string in a .py under plugins/kinerja
or inside a Jinja tag of a template, alone or as a measure name such as
"predikat_baik". Prose in templates is not checked (Indonesian words such
as "baik" are words first).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from kinerja.core.aggregation import FAMILY_ATTRIBUTES

PACKAGE = ROOT / "plugins" / "kinerja"
TEMPLATES = ROOT / "theme" / "templates"
SCHEMAS = ROOT / "schemas"

# Modules allowed to spell categories, each with the reason. Keep it short.
EXEMPT: dict[str, str] = {}


def _enum(node: dict) -> list[str]:
    return [str(v) for v in node["enum"]]


def category_values() -> set[str]:
    """The counted categories, straight from the JSON schemas."""
    meth = json.loads((SCHEMAS / "metodologi.schema.json").read_text(encoding="utf-8"))
    record = json.loads((SCHEMAS / "pegawai.schema.json").read_text(encoding="utf-8"))
    units = json.loads((SCHEMAS / "unit-kerja.schema.json").read_text(encoding="utf-8"))
    unit = units["properties"]["unit_kerja"]["items"]["properties"]
    jpm = meth["properties"]["kompetensi"]["properties"]["kategori_jpm"]["items"]
    values = set()
    for name in ("rating", "predikat", "tingkat_kinerja", "tingkat_potensial"):
        values |= set(_enum(meth["$defs"][name]))
    values |= set(_enum(jpm["properties"]["kategori"]))
    values |= set(_enum(unit["predikat_organisasi"]["additionalProperties"]))
    for name in ("jenis_jabatan", "status", "jenis_kelamin"):
        values |= set(_enum(record["properties"][name]))
    return values


VALUES = category_values()
# measure names built on a category: predikat_baik, jpm_optimal, rating_hasil_kerja_...
MEASURE = re.compile(
    "^(" + "|".join(FAMILY_ATTRIBUTES) + ")_(" + "|".join(sorted(map(re.escape, VALUES))) + ")$"
)


def _spells(text: str) -> bool:
    return text in VALUES or MEASURE.match(text) is not None


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def python_literals(source: str) -> list[tuple[int, str]]:
    """(line, string) of every category spelt in Python source, docstrings aside."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and _spells(node.value)
    ]


JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
JINJA_STRING = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"")


def template_literals(text: str) -> list[tuple[int, str]]:
    """(line, string) of every category spelt as a string inside a Jinja tag."""
    found = []
    for tag in JINJA_TAG.finditer(text):
        line = text.count("\n", 0, tag.start()) + 1
        for m in JINJA_STRING.finditer(tag.group()):
            value = m.group(1) if m.group(1) is not None else m.group(2)
            if _spells(value):
                found.append((line, value))
    return found


def test_the_schemas_give_the_categories() -> None:
    # the sample's categories are all there (a renamed path would empty the set)
    assert {"sangat_baik", "optimal", "di_atas_ekspektasi", "pppk", "jpt_pratama"} <= VALUES
    assert len(VALUES) > 20


def _x_labels(node: object, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if isinstance(node, dict):
        found += list(node.get("x-label", {}).items())
        for value in node.values():
            _x_labels(value, found)
    elif isinstance(node, list):
        for value in node:
            _x_labels(value, found)
    return found


def test_every_category_has_one_label_in_the_schemas() -> None:
    """Labels sit beside their enum (`x-label`); pages read them by code, so a code
    has one label wherever it appears, and every counted category has one."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        _x_labels(json.loads(path.read_text(encoding="utf-8")), pairs)
    labels: dict[str, set[str]] = {}
    for code, text in pairs:
        labels.setdefault(code, set()).add(text)
    assert {c: t for c, t in labels.items() if len(t) > 1} == {}
    assert sorted(VALUES - set(labels)) == []


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_category_in_code(path: Path) -> None:
    rel = path.relative_to(PACKAGE).as_posix()
    if rel in EXEMPT:
        pytest.skip(EXEMPT[rel])
    found = python_literals(path.read_text(encoding="utf-8"))
    assert found == [], f"{rel}: kategori ditulis di kode (baca dari schemas/ atau data/): {found}"


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_no_category_in_templates(path: Path) -> None:
    found = template_literals(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.name}: kategori ditulis di templat (pakai konteks): {found}"


BUILT_MEASURE = re.compile(r"""\[[^\]]*~[^\]]*\]""")


def built_measures(text: str) -> list[tuple[int, str]]:
    """(line, lookup) of every cell looked up by a name built inside a Jinja tag,
    e.g. g['predikat_' ~ p]: pages get Measure objects from the context instead."""
    found = []
    for tag in JINJA_TAG.finditer(text):
        line = text.count("\n", 0, tag.start()) + 1
        found += [(line, m.group()) for m in BUILT_MEASURE.finditer(tag.group())]
    return found


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_build_no_measure_name(path: Path) -> None:
    found = built_measures(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.name}: nama ukuran disusun di templat (pakai Measure): {found}"


def test_a_planted_category_is_found() -> None:
    """The checks above can fail: a category planted in code or a template is caught."""
    planted = 'def f(s):\n    """baik is fine in a docstring"""\n    return s == "sangat_baik"\n'
    assert python_literals(planted) == [(3, "sangat_baik")]
    assert python_literals('KEY = f"{x}" + "jpm_kurang_optimal"\n') == [(1, "jpm_kurang_optimal")]
    assert python_literals('WORDS = "Predikat baik dan sangat baik"\n') == []
    page = "<p>Predikat baik</p>\n{% for p in ['sangat_baik', 'baik'] %}{{ g['predikat_' ~ p] }}"
    assert template_literals(page) == [(2, "sangat_baik"), (2, "baik")]
    assert template_literals('{{ everyone["jpm_optimal"]|sel }}') == [(1, "jpm_optimal")]
