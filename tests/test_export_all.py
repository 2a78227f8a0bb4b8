"""Tests of `narrative.export.write_all`: every format, atomic, deterministic, and graceful without dot."""
from __future__ import annotations

import os
import shutil
from dataclasses import replace

import pytest

from fixtures.export.stories import hostile_story, small_story
from narrative.errors import OutputError, SchemaError
from narrative.export import FORMATS, RendererMissing, output_paths, read_json, write_all
from narrative.export import render as render_module

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz 'dot' is missing (apt-get install graphviz)")
TEXT_SUFFIXES = (".json", ".dot", ".svg", ".gexf", ".graphml", ".html")


@pytest.fixture
def no_dot(monkeypatch):
    monkeypatch.setattr(render_module, "_dot", lambda: None)


def test_export_all_formats_listed():
    assert FORMATS == ("json", "dot", "svg", "png", "pdf", "gexf", "graphml", "nodelink", "html")


def test_export_all_diagram_names_match_dot():
    import narrative.export as export
    from narrative.export.dot import DIAGRAMS

    assert export._DIAGRAM_NAMES == tuple(DIAGRAMS) and export.DIAGRAMS is DIAGRAMS


def test_export_all_json_import_stays_light():
    import subprocess
    import sys

    code = "import sys, narrative.export.json; print(sorted(m for m in ('networkx', 'graphviz') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_export_all_output_names(tmp_path):
    names = [p.name for p in output_paths("s", tmp_path)]
    assert names[:5] == ["s.story.json", "s.arc.dot", "s.network.dot", "s.stages.dot", "s.storyline.dot"]
    assert names[-4:] == ["s.gexf", "s.graphml", "s.nodelink.json", "s.html"]
    assert len(names) == 1 + 4 * 4 + 4


@pytest.mark.render
@needs_dot
def test_export_all_writes_every_file(tmp_path):
    written = write_all(small_story(), tmp_path / "out")
    assert written == output_paths("small", tmp_path / "out")
    assert sorted(os.listdir(tmp_path / "out")) == sorted(p.name for p in written)  # no temp files left
    assert all(p.stat().st_size > 0 for p in written)
    assert read_json(tmp_path / "out" / "small.story.json") == small_story()
    assert (tmp_path / "out" / "small.html").read_text(encoding="utf-8").count("<svg") == 4


@pytest.mark.render
@needs_dot
def test_export_all_text_formats_are_byte_stable(tmp_path):
    first = write_all(hostile_story(), tmp_path / "a")
    second = write_all(hostile_story(), tmp_path / "b")
    for a, b in zip(first, second):
        if a.name.endswith(TEXT_SUFFIXES):
            assert a.read_bytes() == b.read_bytes(), a.name


def test_export_all_subset_and_order(tmp_path, no_dot):
    written = write_all(small_story(), tmp_path, ["graphml", "JSON", ".dot"])
    assert [p.name for p in written] == ["small.story.json", "small.arc.dot", "small.network.dot",
                                         "small.stages.dot", "small.storyline.dot", "small.graphml"]


def test_export_all_unknown_format(tmp_path):
    with pytest.raises(OutputError, match="unknown export format 'jpeg'"):
        write_all(small_story(), tmp_path, ["json", "jpeg"])
    assert os.listdir(tmp_path) == []


def test_export_all_without_dot_writes_the_rest_and_warns_once(tmp_path, no_dot):
    lines: list[str] = []
    written = write_all(small_story(), tmp_path, on_warning=lines.append)
    assert [p.name for p in written] == ["small.story.json", "small.arc.dot", "small.network.dot",
                                         "small.stages.dot", "small.storyline.dot", "small.gexf",
                                         "small.graphml", "small.nodelink.json", "small.html"]
    assert len(lines) == 1 and "\n" not in lines[0]
    assert "svg/png/pdf" in lines[0] and "apt-get install graphviz" in lines[0]
    assert "apt-get install graphviz" in (tmp_path / "small.html").read_text(encoding="utf-8")


def test_export_all_without_dot_default_is_a_warning(tmp_path, no_dot):
    with pytest.warns(RendererMissing, match="apt-get install graphviz"):
        write_all(small_story(), tmp_path, ["json", "png"])


def test_export_all_without_dot_no_warning_when_nothing_needs_it(tmp_path, no_dot, recwarn):
    write_all(small_story(), tmp_path, ["json", "dot", "gexf"])
    assert not [w for w in recwarn if issubclass(w.category, RendererMissing)]


def test_export_all_invalid_story_writes_nothing(tmp_path):
    bad = replace(small_story(), protagonist="nobody")
    with pytest.raises(SchemaError, match=r"\$\.protagonist"):
        write_all(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_export_all_unwritable_target_is_output_error(tmp_path, no_dot):
    (tmp_path / "blocker").write_text("a file where the folder should be")
    with pytest.raises(OutputError, match="cannot write"):
        write_all(small_story(), tmp_path / "blocker", ["json"])


def test_export_all_failed_rendering_writes_nothing(tmp_path, monkeypatch):
    import narrative.export as export

    monkeypatch.setattr(export, "dot_available", lambda: True)

    def fail(src, fmt="svg"):
        raise OutputError(f"cannot render {fmt}: dot failed: out of memory")

    monkeypatch.setattr(export, "render_bytes", fail)
    with pytest.raises(OutputError, match="out of memory"):
        write_all(small_story(), tmp_path / "out")
    assert not (tmp_path / "out").exists() or os.listdir(tmp_path / "out") == []


def test_export_all_failed_write_removes_what_it_wrote(tmp_path, monkeypatch, no_dot):
    import narrative.export.atomic as atomic

    real, calls = atomic.write_bytes, []

    def flaky(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OutputError(f"cannot write {path}: No space left on device")
        return real(path, data)

    monkeypatch.setattr(atomic, "write_bytes", flaky)
    with pytest.raises(OutputError, match="No space left"):
        write_all(small_story(), tmp_path, ["json", "dot"])
    assert len(calls) == 3 and os.listdir(tmp_path) == []


@pytest.mark.render
@needs_dot
def test_export_all_too_large_diagram_keeps_dot_and_warns(tmp_path, monkeypatch):
    import narrative.export as export
    from narrative.export.dot import to_dot

    sizes = {name: len(to_dot(small_story(), name)) for name in export._DIAGRAM_NAMES}
    monkeypatch.setattr(export, "MAX_RENDER_BYTES", sizes["arc"] - 1)
    big = [n for n, size in sizes.items() if size > sizes["arc"] - 1]
    warnings_seen: list[str] = []
    written = write_all(small_story(), tmp_path, ["dot", "svg"], on_warning=warnings_seen.append)
    names = {p.name for p in written}
    assert "small.arc.dot" in names and "small.arc.svg" not in names
    assert {f"small.{n}.svg" for n in export._DIAGRAM_NAMES if n not in big} <= names
    assert len(warnings_seen) == 1 and "too large to lay out" in warnings_seen[0] and "arc" in warnings_seen[0]


@pytest.mark.render
@needs_dot
def test_export_all_too_large_diagrams_are_named_on_the_html_page(tmp_path, monkeypatch):
    import narrative.export as export

    monkeypatch.setattr(export, "MAX_RENDER_BYTES", 0)
    seen: list[str] = []
    write_all(small_story(), tmp_path, ["svg", "html"], on_warning=seen.append)
    page = (tmp_path / "small.html").read_text(encoding="utf-8")
    assert "too large to lay out" in page and "program is missing" not in page
    assert len(seen) == 1 and ".dot file is written" not in seen[0]
    assert not list(tmp_path.glob("*.svg"))
