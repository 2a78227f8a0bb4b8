"""`serialize.to_dict` (compiled per-class converters) agrees with a plain generic walk."""
from __future__ import annotations

import dataclasses
from typing import Any, Mapping, NamedTuple

from narrative import model
from narrative.serialize import to_dict


def _reference(obj: Any) -> Any:
    """The generic definition: scalars as is, floats to 6 places, sequences to lists, dataclasses
    to dicts in field order, mappings to dicts with string keys."""
    if type(obj) in (str, int, bool, type(None)):
        return obj
    if type(obj) is float:
        return round(obj, 6)
    if type(obj) in (tuple, list):
        return [_reference(v) for v in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _reference(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): _reference(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 6)
    return obj


class _Pair(NamedTuple):
    a: int
    b: int


def _same(a: Any, b: Any) -> bool:
    return repr(a) == repr(b)  # repr tells 1 from 1.0 and True


def test_to_dict_matches_the_generic_walk_on_odd_values() -> None:
    mention = model.Mention("s", 1, 2.5, "x", True, "name")  # float and bool where ints are declared
    character = model.Character("c", "C", aliases=("a", 1.23456789, None), mentions=(mention, mention),
                                importance=True, relations=[model.Relation("r", "c")])  # type: ignore[arg-type]
    point = model.ArcPoint("e1", 0.1234567, {1: 0.5, "x": (1, 2.0)}, raw=_Pair(1, 2))  # type: ignore[arg-type]
    for obj in [mention, character, point, (mention, 1.0, "s"), [point, point], (), [1, 2.0000001], {"k": mention}]:
        assert _same(to_dict(obj), _reference(obj))


def test_to_dict_matches_the_generic_walk_on_a_story() -> None:
    story = model.Story("s", "S", model.Generator("n", "1", "builtin"),
                        characters=(model.Character("c", "C", mentions=(model.Mention("s", 0, 1, "C", 0, "name"),)),),
                        arcs=(model.Arc("c", (model.ArcPoint("e1", 0.5, {"a": 1.0}),), "rise", 0.3333333),))
    assert _same(to_dict(story), _reference(story))
