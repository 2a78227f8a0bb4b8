"""Tests of `narrative.export.json`: deterministic text, validation on write and read, round trips."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings

from fixtures.export.stories import hostile_story, small_story
from fixtures.export.strategies import stories
from narrative.errors import InputError, SchemaError
from narrative.export.json import read_json, to_json, write_json
from narrative.model import Character
from narrative.serialize import from_dict

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("make", [small_story, hostile_story], ids=["small", "hostile"])
def test_json_matches_golden(make):
    story = make()
    expected = (GOLDEN / f"{story.id}.story.json").read_text(encoding="utf-8")
    assert to_json(story) == expected, "run scripts/regen_golden.py after an intended change"


def test_json_text_shape():
    text = to_json(hostile_story())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "名前" in text  # ensure_ascii=False
    assert text.startswith('{\n  "id": "hostile",\n  "title": ')  # dataclass field order, indent 2
    assert list(json.loads(text)) == ["id", "title", "generator", "sources", "sentences", "characters",
                                      "events", "interactions", "protagonist", "arcs", "structure"]


@pytest.mark.parametrize("make", [small_story, hostile_story], ids=["small", "hostile"])
def test_json_round_trip(tmp_path, make):
    story = make()
    path = write_json(story, tmp_path / "s.story.json")
    assert read_json(path) == story


def test_json_invalid_story_is_not_written(tmp_path):
    story = small_story()
    bad = replace(story, characters=story.characters + (Character(id="Not A Slug", name="x"),))
    target = tmp_path / "bad.story.json"
    with pytest.raises(SchemaError) as err:
        write_json(bad, target)
    assert "$.characters[3].id" in str(err.value)
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_json_read_reports_path_in_one_line(tmp_path):
    doc = json.loads(to_json(small_story()))
    doc["events"][2]["index"] = "two"
    path = tmp_path / "broken.story.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        read_json(path)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message and "$.events[2].index" in message


def test_json_read_dangling_reference(tmp_path):
    doc = json.loads(to_json(small_story()))
    doc["interactions"][0]["target"] = "ghost"
    path = tmp_path / "ghost.story.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"\$\.interactions\[0\]\.target: unknown character 'ghost'"):
        read_json(path)


@pytest.mark.parametrize("content, why", [
    (None, "no such file"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b'{"id": ', "not JSON: .* line 1, column 8"),
])
def test_json_read_bad_files(tmp_path, content, why):
    path = tmp_path / "x.story.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=why):
        read_json(path)


@settings(max_examples=40, deadline=None)
@given(stories())
def test_json_round_trip_any_names(story):
    text = to_json(story)
    assert to_json(story) == text
    assert from_dict(json.loads(text)) == story
