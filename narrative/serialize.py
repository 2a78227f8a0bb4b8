"""Story <-> JSON-native dict, generic over the frozen dataclasses of `narrative.model`.

``from_dict(to_dict(story)) == story`` holds for stories whose floats have at most 6 decimals (floats
are written rounded to 6 places); tuples become lists and back.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import functools
import types
import typing
from typing import Any, Mapping, Union

from . import model
from .model import Story

__all__ = ["to_dict", "from_dict"]


@functools.lru_cache(maxsize=None)
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


_SCALARS = frozenset({str, int, bool, type(None)})


def to_dict(obj: Any) -> Any:
    """Convert a model object (or a structure of them) to JSON-native values (floats to 6 places)."""
    cls: Any = type(obj)
    if cls in _SCALARS:
        return obj
    if cls is float:
        return round(obj, 6)
    scalars = _SCALARS
    if cls is tuple or cls is list:  # scalars inline: most lists are of numbers or of strings
        return [v if type(v) in scalars else to_dict(v) for v in obj]
    if hasattr(cls, "__dataclass_fields__"):
        out = {}
        for name in _field_names(cls):
            v = getattr(obj, name)
            out[name] = v if type(v) in scalars else to_dict(v)
        return out
    if isinstance(obj, Mapping):
        return {str(k): to_dict(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 6)
    return obj


@functools.lru_cache(maxsize=None)
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(args[0], value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in value:
                kwargs[f.name] = _build(hints[f.name], value[f.name])
        return tp(**kwargs)
    if origin is tuple:
        items = typing.get_args(tp)
        if len(items) == 2 and items[1] is Ellipsis:
            return tuple(_build(items[0], v) for v in value)
        return tuple(_build(a, v) for a, v in zip(items, value))
    if origin in (Mapping, dict, typing.Mapping, collections.abc.Mapping) or tp in (dict, Mapping):
        pair = typing.get_args(tp)
        vt = pair[1] if len(pair) == 2 else Any
        return {k: _build(vt, v) for k, v in value.items()}
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def from_dict(data: Mapping[str, Any]) -> Story:
    """Rebuild a `Story` from the dict `to_dict` made (validate it first: `narrative.schema`)."""
    return _build(Story, data)
