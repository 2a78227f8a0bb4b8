"""Story <-> JSON-native dict, generic over the frozen dataclasses of `narrative.model`.

``from_dict(to_dict(story)) == story`` holds for stories whose floats have at most 6 decimals (floats
are written rounded to 6 places); tuples become lists and back.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import functools
import re
import types
import typing
from typing import Any, Callable, Mapping, Union

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
    if cls is tuple or cls is list:
        return _items_to_list(obj)
    if hasattr(cls, "__dataclass_fields__"):
        return _converter(cls)(obj)
    if isinstance(obj, Mapping):
        return {str(k): to_dict(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 6)
    return obj


def _items_to_list(items: Union[tuple, list]) -> list:
    """`to_dict` of a tuple or list, with the usual cases in one pass: all scalars (numbers,
    strings), all floats, or all instances of one dataclass."""
    kinds = set(map(type, items))
    if kinds <= _SCALARS:
        return list(items)
    if len(kinds) == 1:
        cls = kinds.pop()
        if cls is float:
            return [round(v, 6) for v in items]
        if hasattr(cls, "__dataclass_fields__"):
            return list(map(_converter(cls), items))
    scalars = _SCALARS
    return [v if type(v) in scalars else to_dict(v) for v in items]


@functools.lru_cache(maxsize=None)  # one entry per dataclass of the model
def _converter(cls: Any) -> Callable[[Any], dict[str, Any]]:
    """`to_dict` for instances of the dataclass `cls`, compiled once for the class.

    The function reads each field into a local, copies it when it is a scalar (str, int, bool,
    None) and converts it with `to_dict` otherwise, then builds the dict in field order: the
    same result as a generic walk, without a loop or a type dispatch on the object itself.
    For a class ``Sentence(index, source, ...)`` the source is::

        def to_dict_Sentence(obj):
            v0 = obj.index
            v1 = obj.source
            ...
            return {'index': v0 if type(v0) in _SCALARS else to_dict(v0), 'source': ...}
    """
    names = _field_names(cls)
    fields = [f"    v{i} = obj.{name}" for i, name in enumerate(names)]
    items = ", ".join(f"{name!r}: v{i} if type(v{i}) in _SCALARS else to_dict(v{i})" for i, name in enumerate(names))
    function = "to_dict_" + re.sub(r"\W", "_", cls.__name__)
    source = "\n".join([f"def {function}(obj):", *fields, f"    return {{{items}}}", ""])
    namespace = {"_SCALARS": _SCALARS, "to_dict": to_dict}
    exec(compile(source, f"<serialize {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - generated above
    return namespace[function]


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
