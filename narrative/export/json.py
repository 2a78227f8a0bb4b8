"""The story as annotated JSON (``schemas/story.schema.json``), validated on write and on read."""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, Union

from ..errors import InputError, SchemaError
from ..model import Story
from ..schema import validate
from ..serialize import from_dict, to_dict
from .atomic import write_text

__all__ = ["to_json", "write_json", "read_json", "dumps"]


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _encoder() -> Callable[[Any], str]:
    """``_ENCODER.encode`` for the values of one document. `json.JSONEncoder.encode` builds a new C
    encoder for every call; this one builds it once (with the same settings, so the same text) and
    is meant for one document, as its circular-reference markers are then never reused after an
    error. Without the C encoder, `_ENCODER.encode` itself."""
    if c_make_encoder is None:  # pragma: no cover - CPython has it
        return _ENCODER.encode
    e = _ENCODER
    iterencode = c_make_encoder({}, e.default, encode_basestring, e.indent, e.key_separator,
                                e.item_separator, e.sort_keys, e.skipkeys, e.allow_nan)

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return encode_basestring(value)
        return "".join(iterencode(value, 0))

    return encode


def _layout(doc: Any) -> str:
    """One top-level field per line and one list item (a sentence, a character, an event) per
    line: easy to read, diff and correct by hand, and written by the C encoder."""
    if not isinstance(doc, dict):
        return _ENCODER.encode(doc)
    enc = _encoder()
    lines = ["{"]
    last = len(doc) - 1
    for i, (key, value) in enumerate(doc.items()):
        comma = "," if i < last else ""
        if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            lines.append(f"  {enc(key)}: [")
            lines.extend(f"    {enc(x)}," for x in value[:-1])
            lines.append(f"    {enc(value[-1])}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {enc(key)}: {enc(value)}{comma}")
    lines.append("}")
    return "\n".join(lines)


def dumps(doc: Any) -> str:
    """Deterministic JSON text: field order as given, UTF-8 kept, one item per line, final newline."""
    try:
        return _layout(doc) + "\n"
    except ValueError as err:  # NaN or infinity somewhere
        raise SchemaError(f"story cannot be written as JSON: {err}") from err


def to_json(story: Story) -> str:
    """The story document as JSON text; raises `SchemaError` when it does not validate."""
    doc = to_dict(story)
    validate(doc, where=f"story {story.id!r}")
    return dumps(doc)


def write_json(story: Story, path: Union[str, "os.PathLike[str]"]) -> Path:
    """Validate, then write the story document to `path` atomically."""
    return write_text(path, to_json(story))


def read_json(path: Union[str, "os.PathLike[str]"]) -> Story:
    """Read and validate a story document; `InputError`/`SchemaError` say what and where."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except UnicodeDecodeError as err:
        raise InputError(f"{p}: not UTF-8 text (byte {err.start})") from None
    except OSError as err:
        raise InputError(f"{p}: cannot read: {err.strerror or err}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{p}: not JSON: {err.msg} at line {err.lineno}, column {err.colno}") from None
    validate(doc, where=str(p))
    return from_dict(doc)
