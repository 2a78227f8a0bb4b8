"""Exporters, one module per format, all fed by `serialize.to_dict` or `graph.interaction_graph`.

`write_all` writes every format of one story into a folder, atomically file by file. When
the Graphviz ``dot`` program is missing it writes everything that needs no rendering and
warns once, in one line, what to install. (``narrative.export.render`` is the rendering
module; its ``render`` function is not re-exported here so the module name stays usable.)
"""
from __future__ import annotations

import importlib
import os
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Union

from ..errors import OutputError
from ..model import Story
from .render import INSTALL_HINT, RENDER_FORMATS, RendererMissing, dot_available, render_bytes

# Re-exported names, imported on first use so that `narrative.export.json` stays light
# (no networkx or graphviz import for reading and writing story JSON).
_LAZY = {
    "DIAGRAMS": "dot", "to_dot": "dot", "write_dot": "dot",
    "to_gexf": "gexf", "write_gexf": "gexf",
    "to_graphml": "graphml", "write_graphml": "graphml",
    "to_html": "html", "write_html": "html",
    "to_json": "json", "write_json": "json", "read_json": "json",
    "to_nodelink": "nodelink", "write_nodelink": "nodelink",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "MAX_RENDER_BYTES",
    "DIAGRAMS",
    "RendererMissing",
    "output_paths",
    "write_all",
    "to_json", "write_json", "read_json",
    "to_dot", "write_dot",
    "to_gexf", "write_gexf",
    "to_graphml", "write_graphml",
    "to_nodelink", "write_nodelink",
    "to_html", "write_html",
    "render_bytes", "dot_available",
]

FORMATS = ("json", "dot", "svg", "png", "pdf", "gexf", "graphml", "nodelink", "html")
_DIAGRAM_FORMATS = ("dot",) + RENDER_FORMATS
_DIAGRAM_NAMES = ("arc", "network", "stages", "storyline")  # the keys of `dot.DIAGRAMS`


def _formats(formats: Optional[Iterable[str]]) -> list[str]:
    if formats is None:
        return list(FORMATS)
    chosen = [f.lower().lstrip(".") for f in formats]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown export format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in chosen]


def output_paths(story_id: str, out_dir: Union[str, "os.PathLike[str]"],
                 formats: Optional[Iterable[str]] = None) -> list[Path]:
    """The files `write_all` writes for these formats (when every tool is there), in order."""
    out = Path(out_dir)
    paths = []
    for fmt in _formats(formats):
        if fmt == "json":
            paths.append(out / f"{story_id}.story.json")
        elif fmt in _DIAGRAM_FORMATS:
            paths += [out / f"{story_id}.{name}.{fmt}" for name in _DIAGRAM_NAMES]
        elif fmt == "nodelink":
            paths.append(out / f"{story_id}.nodelink.json")
        else:
            paths.append(out / f"{story_id}.{fmt}")
    return paths


MAX_RENDER_BYTES = 1_000_000  # DOT source beyond this is not laid out: dot takes minutes and gigabytes on it


def write_all(story: Story, out_dir: Union[str, "os.PathLike[str]"], formats: Optional[Iterable[str]] = None,
              *, on_warning: Optional[Callable[[str], None]] = None) -> list[Path]:
    """Write `story` in `formats` (default: all of `FORMATS`) into `out_dir`; the paths written.

    Every file is built in memory first and only then written, each atomically: an invalid
    story or a failed rendering leaves no file, and a failed write removes the files this call
    wrote. Without ``dot``, the svg/png/pdf diagrams are skipped (the HTML page says so), and a
    diagram whose DOT source exceeds `MAX_RENDER_BYTES` is not rendered (its ``.dot`` still is);
    each case gives one warning line to `on_warning` (default: ``warnings.warn`` with
    `RendererMissing`).
    """
    from .atomic import write_bytes
    from .dot import DIAGRAMS, to_dot
    from .gexf import to_gexf
    from .graphml import to_graphml
    from .html import to_html
    from .json import dumps, to_json
    from .nodelink import to_nodelink

    warn = on_warning if on_warning is not None else (
        lambda message: warnings.warn(message, RendererMissing, stacklevel=3))
    chosen = _formats(formats)
    json_text = to_json(story)  # validates: nothing is written for an invalid story
    out = Path(out_dir)
    sid = story.id
    files: list[tuple[Path, bytes]] = []
    needs_dot = [f for f in chosen if f in _DIAGRAM_FORMATS or f == "html"]
    dots = {name: to_dot(story, name) for name in DIAGRAMS} if needs_dot else {}
    can_render = dot_available()
    too_large = [name for name, src in dots.items() if len(src.encode("utf-8")) > MAX_RENDER_BYTES]
    renderable = {name: src for name, src in dots.items() if name not in too_large}
    svgs: dict[str, str] = {}
    skipped: list[str] = []

    for fmt in chosen:
        if fmt == "json":
            files.append((out / f"{sid}.story.json", json_text.encode("utf-8")))
        elif fmt == "dot":
            files += [(out / f"{sid}.{name}.dot", src.encode("utf-8")) for name, src in dots.items()]
        elif fmt in RENDER_FORMATS:
            if not can_render:
                skipped.append(fmt)
                continue
            for name, src in renderable.items():
                data = render_bytes(src, fmt)
                if fmt == "svg":
                    svgs[name] = data.decode("utf-8")
                files.append((out / f"{sid}.{name}.{fmt}", data))
        elif fmt == "gexf":
            files.append((out / f"{sid}.gexf", to_gexf(story).encode("utf-8")))
        elif fmt == "graphml":
            files.append((out / f"{sid}.graphml", to_graphml(story).encode("utf-8")))
        elif fmt == "nodelink":
            files.append((out / f"{sid}.nodelink.json", dumps(to_nodelink(story)).encode("utf-8")))
        elif fmt == "html":
            if can_render and not svgs:
                svgs = {name: render_bytes(src, "svg").decode("utf-8") for name, src in renderable.items()}
            elif not can_render:
                skipped.append("the diagrams of the HTML page")
            files.append((out / f"{sid}.html", to_html(story, svgs, too_large if can_render else ()).encode("utf-8")))

    written: list[Path] = []
    try:
        for path, data in files:
            written.append(write_bytes(path, data))
    except BaseException:
        for path in written:  # no half set of outputs: remove what this call wrote
            path.unlink(missing_ok=True)
        raise

    if skipped:
        fmts = [f for f in skipped if f in RENDER_FORMATS]
        parts = ([f"{'/'.join(fmts)} diagrams"] if fmts else []) + [f for f in skipped if f not in RENDER_FORMATS]
        warn(f"{sid}: wrote {len(written)} file{'s' if len(written) != 1 else ''} without {' and '.join(parts)}: "
             f"the Graphviz 'dot' program is missing; {INSTALL_HINT}")
    if too_large and can_render and any(f in RENDER_FORMATS or f == "html" for f in chosen):
        kept = "; its .dot file is written" if "dot" in chosen else ""
        warn(f"{sid}: the {', '.join(too_large)} diagram{'s are' if len(too_large) > 1 else ' is'} too large to lay out "
             f"(over {MAX_RENDER_BYTES // 1000} kB of DOT) and is not drawn{kept}")
    return written
