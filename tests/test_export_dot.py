"""Tests of `narrative.export.dot`: golden diagrams, stable ids, hostile names, edge cases."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings

from fixtures.export.stories import HOSTILE_NAME, build_story, hostile_story, small_story
from fixtures.export.strategies import stories
from narrative.export.dot import (
    DIAGRAMS, arc_diagram, diverging_color, label, network_diagram, stage_networks, storyline, to_dot,
    valence_color, write_dot,
)
from narrative.model import Story, Structure

GOLDEN = Path(__file__).resolve().parent / "golden"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz 'dot' is missing (apt-get install graphviz)")
SVG = "{http://www.w3.org/2000/svg}"


def _svg_texts(dot_source: str) -> list[str]:
    done = subprocess.run(["dot", "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert b"syntax error" not in done.stderr and b"Error" not in done.stderr, done.stderr.decode()
    root = ET.fromstring(done.stdout)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def _lines_with(source: str, *needles: str) -> list[str]:
    return [line for line in source.splitlines() if all(n in line for n in needles)]


@pytest.mark.parametrize("make", [small_story, hostile_story], ids=["small", "hostile"])
@pytest.mark.parametrize("diagram", list(DIAGRAMS))
def test_dot_matches_golden(make, diagram):
    story = make()
    expected = (GOLDEN / f"{story.id}.{diagram}.dot").read_text(encoding="utf-8")
    assert to_dot(story, diagram) == expected, "run scripts/regen_golden.py after an intended change"


@pytest.mark.parametrize("diagram", list(DIAGRAMS))
def test_dot_structure_does_not_depend_on_names(diagram):
    story = small_story()
    renamed = replace(story, title="Other", characters=tuple(
        replace(c, name=f"Person {i} ⟨x⟩", aliases=()) for i, c in enumerate(story.characters)))
    strip = re.compile(r'(label|tooltip)=("(?:[^"\\]|\\.)*"|[^\s\]]+)')
    assert strip.sub("", to_dot(story, diagram)) == strip.sub("", to_dot(renamed, diagram))


def test_dot_node_ids_come_from_ids():
    src = to_dot(small_story(), "network")
    assert _lines_with(src, "c_guild [") and _lines_with(src, "c_tomas [")
    assert "Mira Holm" not in re.sub(r'label="[^"]*"', "", src)


def test_dot_label_escapes_everything():
    assert label('a "b"', "") == 'a "b"'
    assert label("back\\slash", "two") == "back\\\\slash\\ntwo"
    assert label("new\nline\ttab\x00nul") == "new line tabnul"
    src = to_dot(hostile_story(), "network")
    assert "<<" not in src and "<b>Bold</b>" in src  # never an HTML-like label
    assert 'label="<b>Bold</b> & Co. \\\\l\\\\N \\\\"' in src


def test_dot_diverging_scale():
    assert diverging_color(-1) == "#b2182b" and diverging_color(0) == "#f7f7f7"
    assert diverging_color(1) == "#2166ac" and diverging_color(5) == "#2166ac"
    assert diverging_color(-0.5) == "#f4a582"
    assert valence_color(0) == "#8c8c8c" and valence_color(-1) == "#b2182b"


def test_dot_arc_marks_values_turning_points_and_stages():
    src = arc_diagram(small_story()).source
    assert src.index("e_e0 -> e_e1") < src.index("e_e1 -> e_e2") < src.index("e_e2 -> e_e3")
    assert _lines_with(src, "e_e2 [", f'fillcolor="{diverging_color(-0.7)}"', "fontcolor=white")
    assert _lines_with(src, "e_e3 [", "TURNING POINT: Climax", "peripheries=2")  # placed by its sentence
    assert not _lines_with(src, "e_e0 [", "peripheries")
    assert [m for m in re.findall(r"subgraph (cluster_\w+)", src)] == [f"cluster_stage_{i}" for i in range(4)]
    final = src[src.index("cluster_stage_3"):]
    assert "Final push" in final and "e_e3 [" in final  # stage events found from sentences
    assert _lines_with(src, "with_e1 [", 'label="with\\nTomas"')
    assert _lines_with(src, "with_e3 [", 'label="with\\nTomas\\nThe Guild"')
    assert _lines_with(src, "e_e2 -> with_e2", "dashed") and not _lines_with(src, "with_e0 [")


def test_dot_arc_caps_the_cast_per_event():
    story = build_story([f"n{i}" for i in range(9)], 2, [])
    src = arc_diagram(story, max_characters=3).source
    assert _lines_with(src, "with_ev0 [", 'label="with\\nn1\\nn2\\nn3\\n+5 more"')


def test_dot_network_sizes_weights_and_shapes():
    src = network_diagram(small_story()).source
    assert src.startswith("graph network {")
    assert _lines_with(src, "c_mira [", "penwidth=3", "Helvetica-Bold", "width=2.00")
    assert _lines_with(src, "c_guild [", "shape=box")
    assert _lines_with(src, "c_tomas [", "shape=ellipse")
    assert _lines_with(src, "c_mira -- c_tomas", "penwidth=6.00", "label=4")
    assert _lines_with(src, "c_guild -- c_mira", f'color="{valence_color(-1)}"')


def test_dot_stage_networks_one_cluster_per_stage():
    src = stage_networks(small_story()).source
    assert re.findall(r"subgraph (cluster_\w+)", src) == ["cluster_s0", "cluster_s1", "cluster_s2", "cluster_s3"]
    assert _lines_with(src, "s2_guild -- s2_mira")
    assert not _lines_with(src, "s2_tomas [")  # Tomas is not in the complications


def test_dot_storyline_one_lane_per_character():
    src = storyline(small_story()).source
    for cid, stops in {"mira": 4, "tomas": 2, "guild": 2}.items():
        colour = re.search(rf'start_{cid} \[.*fontcolor="(#\w+)"', src).group(1)
        assert len(_lines_with(src, f'color="{colour}"', "->")) == stops + 1
    assert _lines_with(src, "e_e3 [", "penwidth=2")  # a meeting
    assert not _lines_with(src, "e_e0 [", "penwidth=2")


def test_dot_storyline_limits_lanes():
    story = build_story([f"n{i}" for i in range(6)], 2, [])
    src = storyline(story, max_lanes=3).source
    assert len(re.findall(r"start_c\d \[", src)) == 3


@pytest.mark.parametrize("diagram", list(DIAGRAMS))
def test_dot_unusual_stories_still_draw(diagram):
    small = small_story()
    bare = replace(small, protagonist=None, arcs=(), structure=Structure(), interactions=())
    empty = Story(id="empty", title="", generator=small.generator, sources=small.sources)
    for story in (bare, empty):
        assert to_dot(story, diagram).rstrip().endswith("}")


def test_dot_unknown_diagram():
    with pytest.raises(ValueError, match="choose from arc, network, stages, storyline"):
        to_dot(small_story(), "pie")


def test_dot_write_dot(tmp_path):
    path = write_dot(hostile_story(), tmp_path / "h.arc.dot", "arc")
    assert path.read_text(encoding="utf-8") == to_dot(hostile_story(), "arc")


@pytest.mark.render
@needs_dot
@pytest.mark.parametrize("diagram", list(DIAGRAMS))
def test_dot_hostile_names_render_and_survive(diagram):
    texts = _svg_texts(to_dot(hostile_story(), diagram))
    joined = "\n".join(texts)
    assert HOSTILE_NAME in joined
    assert '<b>Bold</b> & Co. \\l\\N \\' in joined
    assert 'Zoë "Z" Ça va |<port>| {rec}' in joined  # the newline became a space


@pytest.mark.render
@needs_dot
def test_dot_hostile_titles_render_and_survive():
    texts = _svg_texts(to_dot(hostile_story(), "arc"))
    assert '1. "Quoted" start \\' in texts
    assert "2. <i>not html</i> & {braces}" in texts
    assert "3. new line \\n not escaped" in texts
    assert "<script>alert('x')</script> & \"title\"" in texts


@pytest.mark.render
@needs_dot
@pytest.mark.parametrize("make", [small_story, hostile_story, lambda: replace(small_story(), arcs=(),
                                                                                 protagonist=None)])
@pytest.mark.parametrize("diagram", list(DIAGRAMS))
def test_dot_renders_without_warnings(make, diagram):
    done = subprocess.run(["dot", "-Tsvg", "-o", "/dev/null"], input=to_dot(make(), diagram).encode("utf-8"),
                          capture_output=True, timeout=60)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()


@pytest.mark.render
@needs_dot
@settings(max_examples=25, deadline=None)
@given(stories(max_characters=4, max_events=4, max_interactions=6))
def test_dot_any_names_render(story):
    texts = "\n".join(_svg_texts(to_dot(story, "network"))).replace("\xa0", " ")  # dot keeps runs of spaces as nbsp
    for ch in story.characters:
        shown = label(ch.name).replace("\\\\", "\\")
        if shown.strip() and shown.isprintable():
            assert shown.strip() in texts
