"""schemafast's yes/no check against jsonschema.

On JSON values the check says what jsonschema (draft 2020-12) says; on
anything else it says False (the slow path then judges). Generated schemas
over the keywords it writes, with generated values, hold it to that; the
shipped files and generated valid records hold it to taking the fast path.
test_properties holds the record schema's check to jsonschema on the
bad-file corpus and on broken generated records.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_properties import valid_record

from conftest import DATA, examples
from kinerja.adapters import loader
from kinerja.checks import schemafast
from kinerja.checks.yamlsource import read

SCHEMAS = loader.load_schemas(DATA)
NAMES = ["a", "b", "c", "A", "1", "a_b", "a\n"]
TYPES = ["string", "integer", "number", "object", "array", "boolean", "null"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 2.5, -1.5, 10**20]),
    st.sampled_from(["", "a", "ab", "abc", "A1", "a\n", "b"]),
)
instances = st.one_of(
    scalars,
    scalars,
    st.recursive(
        scalars,
        lambda kids: st.one_of(
            st.lists(kids, max_size=3),
            st.dictionaries(st.sampled_from(NAMES), kids, max_size=3),
            st.dictionaries(st.sampled_from([1, None]), kids, min_size=1, max_size=1),
        ),
        max_leaves=8,
    ),
)
bounds = st.one_of(st.integers(-2, 3), st.sampled_from([0.5, 1.5, 2.0]))
counts = st.integers(0, 3)


def schema_of(kids: st.SearchStrategy) -> st.SearchStrategy:
    """A schema node with a few keywords (with many, nearly nothing is valid)."""
    kinds = st.sampled_from(TYPES)
    keywords = {
        "type": st.one_of(kinds, st.lists(kinds, min_size=1, max_size=2, unique=True)),
        "enum": st.lists(st.sampled_from(["a", "ab", "A1", "", "b"]), min_size=1, max_size=3),
        "minimum": bounds,
        "maximum": bounds,
        "exclusiveMinimum": bounds,
        "exclusiveMaximum": bounds,
        "pattern": st.sampled_from(["^a", "b$", "^[a-z0-9_]+$(?!\\n)", "1", "^$"]),
        "minLength": counts,
        "maxLength": counts,
        "minItems": counts,
        "maxItems": counts,
        "minProperties": counts,
        "maxProperties": counts,
        "items": kids,
        "properties": st.dictionaries(st.sampled_from(NAMES), kids, max_size=3),
        "required": st.lists(st.sampled_from(NAMES), max_size=3, unique=True),
        "additionalProperties": st.one_of(st.booleans(), kids),
        "propertyNames": kids,
        "$ref": st.just("#/$defs/d"),
        "title": st.just("judul"),
        "x-label": st.just({"a": "A"}),
    }
    chosen = st.lists(st.sampled_from(sorted(keywords)), max_size=3, unique=True)
    return chosen.flatmap(lambda keys: st.fixed_dictionaries({k: keywords[k] for k in keys}))


DEFS = {"d": {"type": "integer", "minimum": 1}}
nested = st.recursive(st.just({}), schema_of, max_leaves=5)
schemas = schema_of(nested).map(lambda s: {**s, "$defs": DEFS})


@settings(max_examples=examples(2000), deadline=None)
@given(schemas, st.lists(instances, min_size=1, max_size=12))
def test_the_check_says_what_jsonschema_says(schema, data) -> None:
    """On JSON values (the only kind YAML gives) the two agree both ways: the
    check is neither more lenient (a lost problem) nor merely cautious."""
    check = schemafast.compile_check(schema)
    full = Draft202012Validator(schema)
    for value in data:
        assert check(value) == full.is_valid(value), (schema, value)


def test_values_json_does_not_have_are_refused() -> None:
    """A kind JSON has no name for (a Decimal, a date) is never passed unread."""
    from datetime import date
    from decimal import Decimal

    check = schemafast.compile_check({"minimum": 1, "maxLength": 3, "$defs": DEFS})
    assert check(2) and check("abc") and check(None)
    assert not check(Decimal(0)) and not check(date(2025, 1, 1))


@settings(max_examples=examples(500), deadline=None)
@given(valid_record())
def test_generated_valid_records_pass_the_check(data) -> None:
    """Stricter than jsonschema only where records never go (a float for an integer)."""
    assert schemafast.compile_check(SCHEMAS["pegawai"])(data)


@pytest.mark.parametrize("kind", ["pegawai", "unit-kerja", "sumber-data", "rilis"])
def test_the_shipped_schemas_get_a_check(kind) -> None:
    assert schemafast.compile_check(SCHEMAS[kind]) is not None


def test_every_shipped_record_passes_the_check() -> None:
    check = schemafast.compile_check(SCHEMAS["pegawai"])
    paths = sorted((DATA / "pegawai").rglob("*.yaml"))
    assert len(paths) > 10
    for path in paths:
        assert check(read(str(path), path.read_bytes()).data), path


@pytest.mark.parametrize(
    "schema",
    [
        {"allOf": [{"type": "string"}]},
        {"const": 1},
        {"enum": [1, "a"]},
        {"items": [{"type": "string"}]},
        {"$ref": "other.json#/x"},
        {"$ref": "#/$defs/loop", "$defs": {"loop": {"items": {"$ref": "#/$defs/loop"}}}},
        {"minLength": 1.5},
        {"maximum": float("inf")},
        {"exclusiveMinimum": True},
        {"properties": {"a": False}},
        {"type": "text"},
    ],
)
def test_what_it_cannot_write_gets_no_check(schema) -> None:
    assert schemafast.compile_check(schema) is None
