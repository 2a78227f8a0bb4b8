"""Validation of story documents against `schemas/story.schema.json`, plus the checks
JSON Schema cannot express (offsets inside their source, references that resolve)."""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Iterator, Mapping, Optional

from .errors import SchemaError

__all__ = ["load_schema", "iter_errors", "validate"]


@functools.lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The story JSON Schema (2020-12) shipped with the package."""
    return json.loads(resources.files("narrative").joinpath("story.schema.json").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema  # imported here: only validation needs it

    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _span_errors(doc: Mapping[str, Any]) -> Iterator[str]:
    lengths = {s["id"]: len(s["text"]) for s in doc.get("sources", [])}
    if len(lengths) != len(doc.get("sources", [])):
        yield "$.sources: source ids are not unique"

    def span_problem(item: Mapping[str, Any]) -> Optional[str]:
        """What is wrong with the item's source span, to follow its path; None when nothing is."""
        src = item.get("source")
        if src not in lengths:
            return f".source: unknown source {src!r}"
        if not 0 <= item["start"] <= item["end"] <= lengths[src]:
            return f": span [{item['start']}, {item['end']}) is outside source {src!r} (length {lengths[src]})"
        return None

    n_sent = len(doc.get("sentences", []))
    for i, s in enumerate(doc.get("sentences", [])):
        if s["index"] != i:
            yield f"$.sentences[{i}].index: expected {i}, found {s['index']}"
        problem = span_problem(s)
        if problem:
            yield f"$.sentences[{i}]{problem}"
    ids = [c["id"] for c in doc.get("characters", [])]
    known = set(ids)
    if len(known) != len(ids):
        yield "$.characters: character ids are not unique"
    for i, c in enumerate(doc.get("characters", [])):
        for j, m in enumerate(c["mentions"]):
            problem = span_problem(m)
            if problem:
                yield f"$.characters[{i}].mentions[{j}]{problem}"
            if m["sentence"] >= n_sent:
                yield f"$.characters[{i}].mentions[{j}].sentence: no sentence {m['sentence']}"
        for j, r in enumerate(c["relations"]):
            if r["target"] not in known:
                yield f"$.characters[{i}].relations[{j}].target: unknown character {r['target']!r}"
    event_ids = set()
    for i, e in enumerate(doc.get("events", [])):
        if e["index"] != i:
            yield f"$.events[{i}].index: expected {i}, found {e['index']}"
        if e["id"] in event_ids:
            yield f"$.events[{i}].id: duplicate event id {e['id']!r}"
        event_ids.add(e["id"])
        problem = span_problem(e)
        if problem:
            yield f"$.events[{i}]{problem}"
        for p in e["participants"]:
            if p not in known:
                yield f"$.events[{i}].participants: unknown character {p!r}"
        for s in e["sentences"]:
            if s >= n_sent:
                yield f"$.events[{i}].sentences: no sentence {s}"
    for i, x in enumerate(doc.get("interactions", [])):
        for key in ("source", "target"):
            if x[key] not in known:
                yield f"$.interactions[{i}].{key}: unknown character {x[key]!r}"
        if x["event"] not in event_ids:
            yield f"$.interactions[{i}].event: unknown event {x['event']!r}"
    if doc.get("protagonist") is not None and doc["protagonist"] not in known:
        yield f"$.protagonist: unknown character {doc['protagonist']!r}"
    for i, a in enumerate(doc.get("arcs", [])):
        if a["character"] not in known:
            yield f"$.arcs[{i}].character: unknown character {a['character']!r}"
        for j, p in enumerate(a["points"]):
            if p["event"] not in event_ids:
                yield f"$.arcs[{i}].points[{j}].event: unknown event {p['event']!r}"
    for i, tp in enumerate(doc.get("structure", {}).get("turning_points", [])):
        if tp["sentence"] >= n_sent:
            yield f"$.structure.turning_points[{i}].sentence: no sentence {tp['sentence']}"
        if tp.get("event") is not None and tp["event"] not in event_ids:
            yield f"$.structure.turning_points[{i}].event: unknown event {tp['event']!r}"


@functools.lru_cache(maxsize=1)
def _fast_check() -> Any:
    from .schemacheck import compile_check

    return compile_check(load_schema())


def iter_errors(doc: Any) -> Iterator[str]:
    """Every problem of `doc`, each as ``"<json path>: <message>"``."""
    if _fast_check()(doc):  # the compiled check; jsonschema only to explain a failure
        yield from _span_errors(doc)
        return
    schema_errors = sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    for err in schema_errors:
        yield f"{_path(err.absolute_path)}: {err.message}"
    if not schema_errors:
        yield from _span_errors(doc)


def validate(doc: Any, *, where: str = "story") -> None:
    """Raise `SchemaError` listing every problem of `doc` (nothing when it is valid)."""
    errors = list(iter_errors(doc))
    if errors:
        head = f"{where} is not a valid story document ({len(errors)} error{'s' if len(errors) != 1 else ''}): {errors[0]}"
        raise SchemaError(head, errors)
