"""A compiled yes/no check of a JSON Schema, for the hot path (validation on every write).

It understands the keywords `schemas/story.schema.json` uses ($ref to $defs, type, enum,
pattern, minimum, maximum, minLength, minItems, maxItems, properties, required,
additionalProperties, items, prefixItems, oneOf) and refuses any other keyword, so it can
never silently accept what it does not understand. When it says no, `narrative.schema`
asks jsonschema for the full list of errors with their paths.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Mapping

__all__ = ["compile_check", "UnsupportedSchema"]

Check = Callable[[Any], bool]
_IGNORED = frozenset({"$schema", "$id", "title", "description", "$defs", "$comment", "default", "examples"})
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class UnsupportedSchema(ValueError):
    """The schema uses a keyword this checker does not implement."""


def compile_check(schema: Mapping[str, Any]) -> Check:
    """A function telling whether an instance is valid against `schema`."""
    defs = schema.get("$defs", {})
    compiled: dict[str, Check] = {}

    def ref(name: str) -> Check:
        def check(v: Any) -> bool:
            return compiled[name](v)
        return check

    def build(node: Mapping[str, Any]) -> Check:
        unknown = set(node) - _IGNORED - {"$ref", "type", "enum", "pattern", "minimum", "maximum", "minLength",
                                          "minItems", "maxItems", "properties", "required", "additionalProperties",
                                          "items", "prefixItems", "oneOf"}
        if unknown:
            raise UnsupportedSchema(f"unsupported keywords: {sorted(unknown)}")
        checks: list[Check] = []
        if "$ref" in node:
            target = node["$ref"]
            if not target.startswith("#/$defs/"):
                raise UnsupportedSchema(f"unsupported $ref {target}")
            checks.append(ref(target.rsplit("/", 1)[1]))
        if "type" in node:
            types = node["type"] if isinstance(node["type"], list) else [node["type"]]
            preds = [_TYPES[t] for t in types]
            if len(preds) == 1:
                checks.append(preds[0])
            else:
                checks.append(lambda v, preds=preds: any(p(v) for p in preds))
        if "enum" in node:
            allowed = list(node["enum"])
            checks.append(lambda v: any(v == a and type(v) is type(a) or (v is None and a is None) for a in allowed))
        if "pattern" in node:
            rx = re.compile(node["pattern"])
            checks.append(lambda v: not isinstance(v, str) or rx.search(v) is not None)
        if "minimum" in node:
            lo = node["minimum"]
            checks.append(lambda v: not _TYPES["number"](v) or v >= lo)
        if "maximum" in node:
            hi = node["maximum"]
            checks.append(lambda v: not _TYPES["number"](v) or v <= hi)
        if "minLength" in node:
            n = node["minLength"]
            checks.append(lambda v: not isinstance(v, str) or len(v) >= n)
        if "minItems" in node:
            n = node["minItems"]
            checks.append(lambda v: not isinstance(v, list) or len(v) >= n)
        if "maxItems" in node:
            n = node["maxItems"]
            checks.append(lambda v: not isinstance(v, list) or len(v) <= n)
        if "properties" in node or "required" in node or "additionalProperties" in node:
            props = {k: build(s) for k, s in node.get("properties", {}).items()}
            required = tuple(node.get("required", ()))
            extra = node.get("additionalProperties", True)
            extra_check = None if extra is True else (lambda v: False) if extra is False else build(extra)

            def obj(v: Any, props=props, required=required, extra_check=extra_check) -> bool:
                if not isinstance(v, dict):
                    return True
                for k in required:
                    if k not in v:
                        return False
                for k, item in v.items():
                    c = props.get(k)
                    if c is not None:
                        if not c(item):
                            return False
                    elif extra_check is not None and not extra_check(item):
                        return False
                return True
            checks.append(obj)
        if "prefixItems" in node:
            prefix = [build(s) for s in node["prefixItems"]]
            checks.append(lambda v: not isinstance(v, list) or all(c(x) for c, x in zip(prefix, v)))
        if "items" in node:
            item = build(node["items"])
            skip = len(node.get("prefixItems", ()))

            def items(v: Any, item: Check = item, skip: int = skip) -> bool:
                if not isinstance(v, list):
                    return True
                for x in (v[skip:] if skip else v):
                    if not item(x):
                        return False
                return True
            checks.append(items)
        if "oneOf" in node:
            options = [build(s) for s in node["oneOf"]]
            checks.append(lambda v: sum(1 for o in options if o(v)) == 1)
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda v: first(v) and second(v)

        def every(v: Any, checks: tuple = tuple(checks)) -> bool:
            for c in checks:
                if not c(v):
                    return False
            return True
        return every

    for name, sub in defs.items():
        compiled[name] = build(sub)
    return build(schema)
