"""The analysis pipeline: steps that declare what they require and provide.

`analyze()` reads a story, checks the whole chain before running (one error lists
every missing layer) and runs the steps in order. Any layer can be given from
outside (`given=`): gold sentences, gold characters, hand-corrected events...
"""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from . import __version__
from .errors import InputError, PipelineError
from .model import Generator, Story

__all__ = ["Context", "Step", "STEPS", "check_chain", "analyze", "analyze_bundle"]


@dataclass
class Context:
    """What flows between steps: the story built so far and the engine's annotation."""
    story: Story
    annotation: Any = None  # narrative.nlp.base.Annotation of the primary source
    engine: Any = None
    sentences_per_line: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    layers: set[str] = field(default_factory=set)
    cache: dict[str, Any] = field(default_factory=dict)  # derived values shared between steps


@dataclass(frozen=True)
class Step:
    name: str
    requires: frozenset[str]
    provides: frozenset[str]
    run: Callable[[Context], Context]


def _annotate(ctx: Context) -> Context:
    from .sentences import sentences_from_annotation

    from .ingest import body_paragraphs

    plot = ctx.story.sources[0]
    gold = ctx.story.sentences if "sentences" in ctx.layers else None
    if ctx.annotation is None:  # an injected annotation is used as it is
        if gold is not None:  # gold sentences: annotate each one as one sentence
            spans = [(s.start, s.end) for s in gold]
            ctx.annotation = ctx.engine.annotate(plot.text, spans, sentences_per_line=True)
        else:
            spans = body_paragraphs(plot)  # the narrative body, without headings, tables, captions
            if not spans and plot.sections:
                raise InputError(f"{plot.name}: no plot text found (the page has headings but no prose under them)")
            if ctx.options.get("body_spans"):
                spans = ctx.options["body_spans"]
            ctx.annotation = ctx.engine.annotate(plot.text, spans or None, sentences_per_line=ctx.sentences_per_line)
    if gold is None:
        ctx.story = dataclasses.replace(ctx.story, sentences=sentences_from_annotation(ctx.annotation, plot.id))
    elif [(s.start, s.end) for s in gold] != [(s.start, s.end) for s in ctx.annotation.sentences]:
        raise PipelineError("the given sentences do not match the annotation's sentences (a gold sentence holds a "
                            "line break, or the annotation was made on other sentences)")
    return ctx


def _characters(ctx: Context) -> Context:
    from .characters import link_characters

    ctx.story = link_characters(ctx.story, ctx.annotation)
    return ctx


def _triples(ctx: Context) -> list:
    """Subject-verb-object triples of the current characters (found once, used by two steps)."""
    from .interactions import find_triples

    key = ctx.cache.get("triples_of")
    if key is None or key[0] is not ctx.story.characters or key[1] is not ctx.annotation:
        ctx.cache["triples"] = find_triples(ctx.story, ctx.annotation)
        ctx.cache["triples_of"] = (ctx.story.characters, ctx.annotation)
    return ctx.cache["triples"]


def _events(ctx: Context) -> Context:
    from .segment import segment_events

    ctx.story = segment_events(ctx.story, ctx.annotation, triples=_triples(ctx))
    return ctx


def _interactions(ctx: Context) -> Context:
    from .interactions import find_interactions

    ctx.story = find_interactions(ctx.story, ctx.annotation, triples=_triples(ctx))
    return ctx


def _arcs(ctx: Context) -> Context:
    from .arc import protagonist_arc

    arc = protagonist_arc(ctx.story)
    ctx.story = dataclasses.replace(ctx.story, arcs=(arc,) if arc is not None else ())
    return ctx


def _structure(ctx: Context) -> Context:
    from .structure import analyze_structure, load_tp_model

    path = ctx.options.get("tp_model")
    model = load_tp_model(path) if path else None
    ctx.story = dataclasses.replace(ctx.story, structure=analyze_structure(ctx.story, model))
    return ctx


def _step(name: str, requires: Iterable[str], provides: Iterable[str], run: Callable[[Context], Context]) -> Step:
    return Step(name, frozenset(requires), frozenset(provides), run)


STEPS: tuple[Step, ...] = (
    _step("annotate", {"sources"}, {"annotation", "sentences"}, _annotate),
    _step("characters", {"annotation", "sentences"}, {"characters", "protagonist"}, _characters),
    _step("events", {"annotation", "sentences", "characters"}, {"events"}, _events),
    _step("interactions", {"annotation", "sentences", "characters", "events"}, {"interactions"}, _interactions),
    _step("arcs", {"characters", "protagonist", "events", "interactions"}, {"arcs"}, _arcs),
    _step("structure", {"sentences", "events", "arcs"}, {"structure"}, _structure),
)


def check_chain(steps: Sequence[Step], given: Iterable[str]) -> None:
    """Raise `PipelineError` naming every layer some step requires and nothing provides before it."""
    have = set(given)
    missing = []
    for step in steps:
        lacking = sorted(step.requires - have)
        if lacking:
            missing.append(f"step {step.name!r} needs {', '.join(lacking)}")
        have |= step.provides
    if missing:
        raise PipelineError("the pipeline cannot run: " + "; ".join(missing) +
                            " (add the steps that provide them or pass the layers in `given`)")


def _engine(engine: Any) -> Any:
    if not isinstance(engine, str):
        return engine
    from .nlp.registry import get_engine

    return get_engine(engine)


def analyze_bundle(bundle: Any, *, engine: Any = "auto", sentences_per_line: bool = False,
                   given: Optional[Mapping[str, Any]] = None, steps: Optional[Sequence[Step]] = None,
                   options: Optional[Mapping[str, Any]] = None) -> Story:
    """Run the pipeline on an ingested `narrative.ingest.Bundle`."""
    steps = STEPS if steps is None else tuple(steps)
    given = dict(given or {})
    eng = _engine(engine)
    story = Story(id=bundle.id, title=bundle.title, generator=Generator("narrative", __version__, eng.name),
                  sources=tuple(bundle.sources))
    ctx = Context(story=story, engine=eng, sentences_per_line=sentences_per_line, options=dict(options or {}),
                  layers={"sources"})
    for layer, value in given.items():
        if layer == "annotation":
            ctx.annotation = value
        else:
            if layer not in {f.name for f in dataclasses.fields(Story)}:
                raise PipelineError(f"cannot inject unknown layer {layer!r}")
            ctx.story = dataclasses.replace(ctx.story, **{layer: value})
        ctx.layers.add(layer)
    if "characters" in given:
        ctx.layers |= {"characters", "protagonist"}
    else:
        ctx.layers.discard("protagonist")  # the linker runs; the given protagonist is applied after it
    to_run = [s for s in steps if not (s.provides <= ctx.layers)]
    check_chain(to_run, ctx.layers)
    for step in to_run:
        ctx = step.run(ctx)
        ctx.layers |= step.provides
        if step.name == "characters" and "protagonist" in given:
            ctx.story = dataclasses.replace(ctx.story, protagonist=given["protagonist"])
    return ctx.story


_PATH_LIKE = re.compile(r"^[^\s]*(?:[/\\][^\s]*|\.(?:txt|text|md|markdown|wiki|web|plot|json))$", re.IGNORECASE)


def _looks_like_path(value: object) -> bool:
    """A one-line string naming an existing file or folder is a path; one that looks like a path
    ("plots/heat.txt") but names nothing is an error; anything else is the story's text."""
    if not isinstance(value, str) or "\n" in value or len(value) > 1024:
        return False
    try:
        if Path(value).exists():
            return True
    except (OSError, ValueError):
        return False
    if _PATH_LIKE.match(value.strip()):
        raise InputError(f"{value}: no such file or folder")
    return False


def analyze(text_or_path: str | os.PathLike[str], *, engine: Any = "auto", sentences_per_line: bool = False,
            given: Optional[Mapping[str, Any]] = None, steps: Optional[Sequence[Step]] = None,
            name: str = "story", options: Optional[Mapping[str, Any]] = None) -> Story:
    """Analyse a story given as a path (file or folder bundle) or as the text itself."""
    from .ingest import Bundle, parse_source, read_story

    if isinstance(text_or_path, os.PathLike) or _looks_like_path(text_or_path):
        bundle = read_story(text_or_path, sentences_per_line=sentences_per_line)
    else:
        text = str(text_or_path)
        if not text.strip():
            raise InputError("the story text is empty: give a plot summary or a path to one")
        source = parse_source(text, name=name, sentences_per_line=sentences_per_line)
        bundle = Bundle(id=source.id, title=source.title or name, sources=(source,))
    return analyze_bundle(bundle, engine=engine, sentences_per_line=sentences_per_line, given=given,
                          steps=steps, options=options)
