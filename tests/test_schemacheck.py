"""The compiled schema check agrees with jsonschema (the reference) on valid and broken documents."""
from __future__ import annotations

import copy

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from narrative.schema import load_schema
from narrative.schemacheck import UnsupportedSchema, compile_check
from narrative.serialize import to_dict

CHECK = compile_check(load_schema())
REFERENCE = jsonschema.Draft202012Validator(load_schema())


def _paths(doc, prefix=()):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc[:3]):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


BAD_VALUES = [None, -1, 1.5, "", "UPPER case!", True, [], {}, {"x": 1}, [1, "a"], 10**12, "x" * 3]


@pytest.fixture(scope="module")
def doc(aloners_story):
    return to_dict(aloners_story)


def test_schemacheck_accepts_the_seed_story(doc):
    assert CHECK(doc) and REFERENCE.is_valid(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_schemacheck_agrees_with_jsonschema_on_mutations(doc, data):
    paths = list(_paths(doc))
    path = data.draw(st.sampled_from(paths))
    value = data.draw(st.sampled_from(BAD_VALUES))
    broken = copy.deepcopy(doc)
    target = broken
    for key in path[:-1]:
        target = target[key]
    if data.draw(st.booleans()) and isinstance(target, dict):
        target.pop(path[-1])
    else:
        target[path[-1]] = value
    assert CHECK(broken) == REFERENCE.is_valid(broken), path


def test_schemacheck_refuses_keywords_it_does_not_know():
    with pytest.raises(UnsupportedSchema):
        compile_check({"type": "string", "format": "email"})


SMALL_SCHEMAS = [
    {"type": ["integer", "null"], "minimum": 0, "maximum": 3},
    {"type": "number", "minimum": -1, "maximum": 1},
    {"enum": ["a", "b"]},
    {"enum": [1, "x", None, True]},
    {"enum": [[True], {"a": True}, [1.0, "a"]]},  # item by item: [1] is not [true], [1, "a"] is [1.0, "a"]
    {"type": "string", "pattern": "^[a-z]+$", "minLength": 2},
    {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "items": {"type": "boolean"},
     "minItems": 2, "maxItems": 4},
    {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}},
     "additionalProperties": {"type": "string"}},
    {"type": "object", "properties": {"a": {"type": "integer"}}, "additionalProperties": False},
    {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]},
    {"$defs": {"n": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/n"}}},
                     "additionalProperties": False}},
     "$ref": "#/$defs/n"},
]
SMALL_VALUES = [None, 0, 2, 5, -1, 0.5, 1.0, True, False, "", "a", "ab", "AB", "x", [], [1], [1, "a"],
                [1, "a", True], [1, "a", True, False, True], ["a", 1], {}, {"a": 1}, {"a": "1"}, {"a": 1, "b": "s"},
                {"a": 1, "b": 2}, {"b": "s"}, {"kids": []}, {"kids": [{"kids": [{}]}]}, {"kids": [{"x": 1}]}]


@pytest.mark.parametrize("schema", SMALL_SCHEMAS, ids=[str(i) for i in range(len(SMALL_SCHEMAS))])
def test_every_keyword_agrees_with_jsonschema(schema):
    check = compile_check(schema)
    reference = jsonschema.Draft202012Validator(schema)
    disagreements = [v for v in SMALL_VALUES if check(v) != reference.is_valid(v)]  # 1.0 too is an integer
    assert disagreements == []
