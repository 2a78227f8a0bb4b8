"""A compiled yes/no check of a JSON Schema, for the hot path (validation on every write).

The schema is translated once into Python source (one function per ``$defs`` entry, nested checks
inlined as plain ``if``/``for`` statements, and so are the entries that refer to no other) and
compiled, the way fastjsonschema does it: a story of a few hundred objects is checked without one
function call per value, and a value's type is tested once.

It understands the keywords `schemas/story.schema.json` uses ($ref to $defs, type, enum,
pattern, minimum, maximum, minLength, minItems, maxItems, properties, required,
additionalProperties, items, prefixItems, oneOf) and refuses any other keyword, so it can
never silently accept what it does not understand. When it says no, `narrative.schema`
asks jsonschema for the full list of errors with their paths.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable, Iterator, Mapping

__all__ = ["compile_check", "compile_source", "UnsupportedSchema"]

Check = Callable[[Any], bool]
_IGNORED = frozenset({"$schema", "$id", "title", "description", "$defs", "$comment", "default", "examples"})
_KNOWN = frozenset({"$ref", "type", "enum", "pattern", "minimum", "maximum", "minLength", "minItems", "maxItems",
                    "properties", "required", "additionalProperties", "items", "prefixItems", "oneOf"})
# A Python expression per JSON type, `{v}` standing for the value (bool is not a number in JSON).
_TYPE_TESTS = {
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "string": "type({v}) is str",
    "integer": "(type({v}) is int or type({v}) is float and {v}.is_integer())",  # 2.0 is an integer in JSON
    "number": "(type({v}) is float or type({v}) is int)",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
}


class UnsupportedSchema(ValueError):
    """The schema uses a keyword this checker does not implement."""


_NUMBERS = (int, float)
_PATTERN_CACHE = 1024  # strings remembered per pattern


def _json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON has it: 1 and 1.0 are one number, true is no number, and arrays and objects are
    equal item by item."""
    ta, tb = type(a), type(b)
    if ta in _NUMBERS and tb in _NUMBERS:
        return bool(a == b)
    if ta is not tb:
        return False
    if ta is list:
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    if ta is dict:
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    return bool(a == b)


def _pattern_test(pattern: str) -> Callable[[str], bool]:
    """Whether a string matches `pattern` (searched, as JSON Schema has it). The answers for the last
    strings seen are kept (a bounded cache): a document repeats the same ids thousands of times."""
    search = re.compile(pattern).search

    @functools.lru_cache(maxsize=_PATTERN_CACHE)
    def test(value: str) -> bool:
        return search(value) is not None

    return test


def _enum_ok(value: Any, allowed: tuple) -> bool:
    return any(_json_equal(value, a) for a in allowed)


class _Emitter:
    """Writes the Python source of the check; constants go into a namespace by name."""

    def __init__(self, defs: Mapping[str, Any]) -> None:
        self.defs = defs
        self.names: dict[str, Any] = {"_enum_ok": _enum_ok, "_MISSING": object()}
        self.functions: list[list[str]] = []
        self._counter = 0

    def fresh(self, stem: str) -> str:
        self._counter += 1
        return f"{stem}{self._counter}"

    def const(self, stem: str, value: Any) -> str:
        name = self.fresh(f"_{stem}")
        self.names[name] = value
        return name

    def function(self, name: str, node: Mapping[str, Any]) -> None:
        body = self.node(node, "v0", 1)
        self.functions.append([f"def {name}(v0):", *body, "    return True"])

    def node(self, node: Mapping[str, Any], v: str, depth: int) -> list[str]:
        """Statements that `return False` when the value in variable `v` breaks `node`."""
        unknown = set(node) - _IGNORED - _KNOWN
        if unknown:
            raise UnsupportedSchema(f"unsupported keywords: {sorted(unknown)}")
        pad = "    " * depth
        out: list[str] = []
        if "$ref" in node:
            target = node["$ref"]
            if not target.startswith("#/$defs/"):
                raise UnsupportedSchema(f"unsupported $ref {target}")
            name = target.rsplit("/", 1)[1]
            if name in self.defs and not _recursive(self.defs, name):  # its checks inline, no call
                out.extend(self.node(self.defs[name], v, depth))
            else:
                out.append(f"{pad}if not {_def_function(name)}({v}): return False")
        # `known`: the one JSON type the value has once the type test passed (then the later
        # checks need not test the type again), None when the node allows several or any
        known = None
        if "type" in node:
            types = node["type"] if isinstance(node["type"], list) else [node["type"]]
            for t in types:
                if t not in _TYPE_TESTS:
                    raise UnsupportedSchema(f"unsupported type {t!r}")
            test = " or ".join(_TYPE_TESTS[t].format(v=v) for t in types)
            out.append(f"{pad}if not ({test}): return False")
            if len(types) == 1:
                known = types[0]
        if "enum" in node:
            allowed = tuple(node["enum"])
            if allowed and all(type(a) is str for a in allowed):
                name = self.const("enum", frozenset(allowed))
                test = f"{v} in {name}" if known == "string" else f"type({v}) is str and {v} in {name}"
                out.append(f"{pad}if not ({test}): return False")
            else:
                name = self.const("enum", allowed)
                out.append(f"{pad}if not _enum_ok({v}, {name}): return False")
        if "pattern" in node:
            name = self.const("rx", _pattern_test(node["pattern"]))
            out.append(f"{pad}if {_guard(known, 'string', v)}not {name}({v}): return False")
        if "minimum" in node:
            name = self.const("lo", node["minimum"])
            out.append(f"{pad}if {_guard(known, 'number', v)}{v} < {name}: return False")
        if "maximum" in node:
            name = self.const("hi", node["maximum"])
            out.append(f"{pad}if {_guard(known, 'number', v)}{v} > {name}: return False")
        if "minLength" in node:
            out.append(f"{pad}if {_guard(known, 'string', v)}len({v}) < {int(node['minLength'])}: return False")
        if "minItems" in node:
            out.append(f"{pad}if {_guard(known, 'array', v)}len({v}) < {int(node['minItems'])}: return False")
        if "maxItems" in node:
            out.append(f"{pad}if {_guard(known, 'array', v)}len({v}) > {int(node['maxItems'])}: return False")
        if "properties" in node or "required" in node or "additionalProperties" in node:
            out.extend(self._object(node, v, depth, known == "object"))
        if "prefixItems" in node or "items" in node:
            out.extend(self._array(node, v, depth, known == "array"))
        if "oneOf" in node:
            options = []
            for option in node["oneOf"]:
                fname = self.fresh("_one")
                self.function(fname, option)
                options.append(f"{fname}({v})")
            out.append(f"{pad}if ({' + '.join(options)}) != 1: return False")
        return out

    def _object(self, node: Mapping[str, Any], v: str, depth: int, is_object: bool) -> list[str]:
        """The object keywords; under an ``if type(v) is dict`` unless the value is known to be one."""
        out = [] if is_object else [f"{'    ' * depth}if type({v}) is dict:"]
        level = depth if is_object else depth + 1
        inner = "    " * level
        props: Mapping[str, Any] = node.get("properties", {})
        required = list(dict.fromkeys(node.get("required", ())))
        extra = node.get("additionalProperties", True)
        known = self.const("keys", frozenset(props))
        exact = extra is False and set(required) == set(props)  # the keys are exactly the properties
        if exact:
            out.append(f"{inner}if {v}.keys() != {known}: return False")
        elif len(required) > 1:
            out.append(f"{inner}if not {v}.keys() >= {self.const('required', frozenset(required))}: return False")
        elif required:
            out.append(f"{inner}if {required[0]!r} not in {v}: return False")
        if extra is False:
            if not exact:
                out.append(f"{inner}if not {v}.keys() <= {known}: return False")
        elif extra is not True:
            k, x = self.fresh("k"), self.fresh("x")
            out.append(f"{inner}for {k}, {x} in {v}.items():")
            out.append(f"{inner}    if {k} in {known}: continue")
            out.extend(self.node(extra, x, level + 1))
        for key, sub in props.items():
            x = self.fresh("x")
            if key in required:  # present, as checked above
                body = self.node(sub, x, level)
                if body:
                    out.append(f"{inner}{x} = {v}[{key!r}]")
                    out.extend(body)
                continue
            body = self.node(sub, x, level + 1)
            if body:
                out.append(f"{inner}{x} = {v}.get({key!r}, _MISSING)")
                out.append(f"{inner}if {x} is not _MISSING:")
                out.extend(body)
        return out if len(out) > (0 if is_object else 1) else []

    def _array(self, node: Mapping[str, Any], v: str, depth: int, is_array: bool) -> list[str]:
        """The array keywords; under an ``if type(v) is list`` unless the value is known to be one."""
        out = [] if is_array else [f"{'    ' * depth}if type({v}) is list:"]
        level = depth if is_array else depth + 1
        inner = "    " * level
        prefix = node.get("prefixItems", ())
        for i, sub in enumerate(prefix):
            x = self.fresh("x")
            body = self.node(sub, x, level + 1)
            if body:
                out.append(f"{inner}if len({v}) > {i}:")
                out.append(f"{inner}    {x} = {v}[{i}]")
                out.extend(body)
        if "items" in node:
            x = self.fresh("x")
            body = self.node(node["items"], x, level + 1)
            if body:
                seq = f"{v}[{len(prefix)}:]" if prefix else v
                out.append(f"{inner}for {x} in {seq}:")
                out.extend(body)
        return out if len(out) > (0 if is_array else 1) else []


def _guard(known: Any, kind: str, v: str) -> str:
    """``"<type test> and "`` for a keyword that applies to values of one `kind` ("string", "number",
    "array"), or "" when the value is known to be of that kind."""
    if kind == "number":
        if known in ("number", "integer"):
            return ""
        return _TYPE_TESTS["number"].format(v=v) + " and "
    if known == kind:
        return ""
    return _TYPE_TESTS[kind].format(v=v) + " and "


def _refs(node: Any) -> Iterator[str]:
    """The ``$defs`` names `node` refers to, at any depth."""
    if isinstance(node, dict):
        target = node.get("$ref")
        if isinstance(target, str) and target.startswith("#/$defs/"):
            yield target.rsplit("/", 1)[1]
        for x in node.values():
            yield from _refs(x)
    elif isinstance(node, list):
        for x in node:
            yield from _refs(x)


def _recursive(defs: Mapping[str, Any], name: str) -> bool:
    """Whether definition `name` refers back to itself through its references (then it stays a
    function; any other definition is inlined where used, so a check makes no call per item)."""
    seen: set[str] = set()
    todo = [r for r in _refs(defs[name]) if r in defs]
    while todo:
        ref = todo.pop()
        if ref == name:
            return True
        if ref not in seen:
            seen.add(ref)
            todo.extend(r for r in _refs(defs[ref]) if r in defs)
    return False


def _def_function(name: str) -> str:
    return "_def_" + re.sub(r"\W", "_", name) + f"_{len(name)}"


def compile_source(schema: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The Python source of the check (its entry point is ``check``) and the constants it uses."""
    emitter = _Emitter(schema.get("$defs", {}))
    for name, sub in schema.get("$defs", {}).items():
        emitter.function(_def_function(name), sub)
    emitter.function("check", schema)
    source = "\n\n".join("\n".join(lines) for lines in emitter.functions) + "\n"
    return source, emitter.names


def compile_check(schema: Mapping[str, Any]) -> Check:
    """A function telling whether an instance is valid against `schema`."""
    source, names = compile_source(schema)
    namespace = dict(names)
    exec(compile(source, "<schemacheck>", "exec"), namespace)  # noqa: S102 - source generated above
    return namespace["check"]
