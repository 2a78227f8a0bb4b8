"""narrative: plot structure and character interaction from plot summaries.

``narrative.analyze(text_or_path) -> Story``; see `narrative.model` for the data model.
Heavy modules (networkx, jsonschema, stanza) load only when used.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "Story", "load", "dump"]


def analyze(text_or_path: Any, **kwargs: Any):
    """Analyse a plot summary (text, file or story folder) into a `Story`; see `pipeline.analyze`."""
    from .pipeline import analyze as _analyze

    return _analyze(text_or_path, **kwargs)


def load(path: Any):
    """Read and validate a story JSON file."""
    from .export.json import read_json

    return read_json(path)


def dump(story: Any, path: Any) -> None:
    """Validate and write a story JSON file atomically."""
    from .export.json import write_json

    write_json(story, path)


def __getattr__(name: str) -> Any:
    if name == "Story":
        from .model import Story

        return Story
    raise AttributeError(name)
