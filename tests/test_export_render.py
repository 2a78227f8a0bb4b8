"""Tests of `narrative.export.render`: dot to svg/png/pdf, and a clear error without dot."""
from __future__ import annotations

import os
import shutil

import pytest

from fixtures.export.stories import small_story
from narrative.errors import OutputError
from narrative.export import render as render_module
from narrative.export.dot import to_dot
from narrative.export.render import RENDER_FORMATS, dot_available, render, render_bytes

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz 'dot' is missing (apt-get install graphviz)")
MAGIC = {"svg": b"<svg", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


def test_render_dot_available_follows_path(monkeypatch):
    assert dot_available() == (shutil.which("dot") is not None)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert dot_available() is False


def test_render_missing_dot_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setattr(render_module, "_dot", lambda: None)
    with pytest.raises(OutputError) as err:
        render("graph { a }", tmp_path / "x.svg")
    message = str(err.value)
    assert "\n" not in message and "apt-get install graphviz" in message and "'dot'" in message
    assert os.listdir(tmp_path) == []


def test_render_unknown_format(tmp_path):
    with pytest.raises(OutputError, match="choose one of svg, png, pdf"):
        render("graph { a }", tmp_path / "x.gif")


@pytest.mark.render
@needs_dot
@pytest.mark.parametrize("fmt", RENDER_FORMATS)
def test_render_formats(tmp_path, fmt):
    path = render(to_dot(small_story(), "arc"), tmp_path / f"arc.{fmt}")
    data = path.read_bytes()
    assert MAGIC[fmt] in data[:400]
    assert os.listdir(tmp_path) == [f"arc.{fmt}"]


@pytest.mark.render
@needs_dot
def test_render_explicit_format_overrides_suffix(tmp_path):
    path = render("graph { a -- b }", tmp_path / "picture.bin", "png")
    assert path.read_bytes().startswith(MAGIC["png"])


@pytest.mark.render
@needs_dot
def test_render_svg_is_deterministic():
    src = to_dot(small_story(), "network")
    assert render_bytes(src, "svg") == render_bytes(src, "svg")


@pytest.mark.render
@needs_dot
def test_render_syntax_error_is_output_error(tmp_path):
    with pytest.raises(OutputError, match="dot failed: .*syntax error"):
        render("graph { a -- }", tmp_path / "bad.svg")
    assert os.listdir(tmp_path) == []
