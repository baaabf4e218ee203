"""The categories of the data, read from the schemas (pure: the schemas
arrive as data). The engine, the pages and the checks take their category
lists from here, so a category is spelt once: in schemas/."""

from __future__ import annotations

from typing import Any

from kinerja.checks.schemacheck import SCHEMA_FILES, Schemas
from kinerja.core.policy import Vocabulary


def _enum(node: dict[str, Any]) -> tuple[str, ...]:
    return tuple(node["enum"])


def _labels(node: Any, out: dict[str, str]) -> dict[str, str]:
    """Every `x-label` of a schema: the reader's words for each enum value."""
    if isinstance(node, dict):
        out.update(node.get("x-label", {}))
        for value in node.values():
            _labels(value, out)
    elif isinstance(node, list):
        for value in node:
            _labels(value, out)
    return out


def vocabulary_from(schemas: Schemas) -> Vocabulary:
    meth, record = schemas["metodologi"], schemas["pegawai"]
    unit = schemas["unit-kerja"]["properties"]["unit_kerja"]["items"]["properties"]
    jpm = meth["properties"]["kompetensi"]["properties"]["kategori_jpm"]["items"]
    level = record["$defs"]["skala"]
    return Vocabulary(
        ratings=_enum(meth["$defs"]["rating"]),
        predikat=_enum(meth["$defs"]["predikat"]),
        org_predikat=_enum(unit["predikat_organisasi"]["additionalProperties"]),
        jpm_categories=_enum(jpm["properties"]["kategori"]),
        tingkat_kinerja=_enum(meth["$defs"]["tingkat_kinerja"]),
        tingkat_potensial=_enum(meth["$defs"]["tingkat_potensial"]),
        jenis_jabatan=_enum(record["properties"]["jenis_jabatan"]),
        status=_enum(record["properties"]["status"]),
        jenis_kelamin=_enum(record["properties"]["jenis_kelamin"]),
        levels=(level["minimum"], level["maximum"]),
        labels=_labels([schemas[kind] for kind in SCHEMA_FILES], {}),
        indicator_kinds=_enum(schemas["indikator"]["properties"]["jenis"]),
    )
