"""The data model, the schema and the JSON round trip."""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings, strategies as st

from narrative.errors import SchemaError
from narrative.schema import iter_errors, load_schema, validate
from narrative.serialize import from_dict, to_dict


def test_model_schema_is_valid_2020_12():
    import jsonschema

    schema = load_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(schema)


def test_model_package_schema_is_the_repository_schema():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    assert json.loads((root / "schemas" / "story.schema.json").read_text("utf-8")) == load_schema()


def test_model_round_trip_is_exact(aloners_story):
    doc = to_dict(aloners_story)
    validate(doc)
    assert from_dict(doc) == aloners_story
    assert to_dict(from_dict(json.loads(json.dumps(doc)))) == doc


def test_model_every_span_slices_back(aloners_story):
    story = aloners_story
    for s in story.sentences:
        assert story.text_of(s).strip() == story.text_of(s)
    for e in story.events:
        assert story.text_of(e).startswith(story.text_of(story.sentences[e.sentences[0]]))
    for c in story.characters:
        for m in c.mentions:
            assert story.text_of(m) == m.text


@pytest.mark.parametrize("path, value, fragment", [
    (("sentences", 0, "start"), -1, "$.sentences[0].start"),
    (("characters", 0, "mentions", 0, "form"), "nickname", "$.characters[0].mentions[0].form"),
    (("events", 0, "title"), "", "$.events[0].title"),
    (("protagonist",), "nobody", "$.protagonist: unknown character"),
    (("sentences", 0, "end"), 10**9, "$.sentences[0]: span"),
])
def test_model_validation_errors_name_the_json_path(aloners_story, path, value, fragment):
    doc = copy.deepcopy(to_dict(aloners_story))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = list(iter_errors(doc))
    assert any(fragment in e for e in errors), errors
    with pytest.raises(SchemaError):
        validate(doc)


def test_model_unknown_field_is_rejected(aloners_story):
    doc = to_dict(aloners_story)
    doc["surprise"] = 1
    assert any("surprise" in e for e in iter_errors(doc))


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None)
@given(name=names)
def test_model_hostile_names_round_trip(aloners_story, name):
    import dataclasses

    ch = dataclasses.replace(aloners_story.characters[0], name=name, aliases=(name, name + '"{}<>\\'))
    story = dataclasses.replace(aloners_story, characters=(ch,) + aloners_story.characters[1:])
    doc = json.loads(json.dumps(to_dict(story), ensure_ascii=False))
    validate(doc)
    assert from_dict(doc) == story
