"""Render DOT source to SVG, PNG or PDF with the Graphviz ``dot`` binary.

Only rendering needs the binary; when it is missing every function here raises one
`OutputError` line saying what to install.
"""
from __future__ import annotations

import os
import shutil
import re
import subprocess
from pathlib import Path
from typing import Optional, Union

from ..errors import OutputError
from .atomic import write_bytes

__all__ = ["RENDER_FORMATS", "INSTALL_HINT", "RendererMissing", "dot_available", "render_bytes", "render"]

RENDER_FORMATS = ("svg", "png", "pdf")
INSTALL_HINT = "install Graphviz: apt-get install graphviz (macOS: brew install graphviz)"
TIMEOUT = 120  # seconds for one diagram
PNG_DPI = 150  # sharp enough for a classroom projector


class RendererMissing(UserWarning):
    """Warned by `write_all` when diagrams could not be rendered (no ``dot`` binary)."""


def _dot() -> Optional[str]:
    return shutil.which("dot")


def dot_available() -> bool:
    """Whether the Graphviz ``dot`` binary is on PATH."""
    return _dot() is not None


def render_bytes(dot_source: str, fmt: str = "svg") -> bytes:
    """Lay out and draw `dot_source` in `fmt` (svg, png, pdf); the output bytes."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in RENDER_FORMATS:
        raise OutputError(f"cannot render {fmt!r}: choose one of {', '.join(RENDER_FORMATS)}")
    exe = _dot()
    if exe is None:
        raise OutputError(f"cannot render {fmt}: the Graphviz 'dot' program is missing; {INSTALL_HINT}")
    cmd = [exe, f"-T{fmt}"] + ([f"-Gdpi={PNG_DPI}"] if fmt == "png" else [])
    try:
        done = subprocess.run(cmd, input=dot_source.encode("utf-8"), capture_output=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OutputError(f"cannot render {fmt}: dot took longer than {TIMEOUT} s") from None
    except OSError as err:
        raise OutputError(f"cannot render {fmt}: cannot run {exe}: {err.strerror or err}") from None
    if done.returncode != 0 or not done.stdout:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = lines[0] if lines else f"exit status {done.returncode}"
        raise OutputError(f"cannot render {fmt}: dot failed: {why}")
    if fmt == "pdf":  # the same story gives the same bytes: a fixed creation date, same length
        return _PDF_DATE.sub(rb"/CreationDate (D:19700101000000Z)", done.stdout)
    return done.stdout


_PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")


def render(dot_source: str, path: Union[str, "os.PathLike[str]"], fmt: Optional[str] = None) -> Path:
    """Render `dot_source` to `path` atomically; `fmt` defaults to the file's suffix."""
    target = Path(path)
    return write_bytes(target, render_bytes(dot_source, fmt or target.suffix))
