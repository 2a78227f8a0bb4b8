"""One self-contained HTML page per story, readable on a classroom projector.

Diagrams come in as rendered SVG text (inlined); without them the page says how to get
them. No scripts, no external resources (a Content-Security-Policy forbids them), every
piece of story text escaped with ``html.escape``.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence, Union

from ..model import Story
from .atomic import write_text
from .dot import (
    DIAGRAMS, diverging_color, humanize, protagonist_arc, stage_events, to_dot,
    turning_points_by_event,
)
from .render import INSTALL_HINT, dot_available, render_bytes

__all__ = ["CAPTIONS", "to_html", "write_html", "render_svgs"]

CAPTIONS = {
    "arc": "The protagonist's arc: events left to right, red = low, blue = high; double frames are turning points.",
    "network": "Who interacts with whom: thicker = more interactions; red negative, blue positive.",
    "stages": "The network of each stage.",
    "storyline": "Storyline: one lane per character; lanes meet where characters share an event.",
}

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       font-size: 24px; line-height: 1.45; margin: 0 auto; padding: 1em 1.5em 3em; max-width: 1500px;
       color: #111; background: #fff; }
h1 { font-size: 2.1em; margin: 0.3em 0 0.2em; } h2 { font-size: 1.5em; margin-top: 1.6em;
     border-bottom: 3px solid #ddd; } h3 { font-size: 1.15em; margin: 1em 0 0.2em; }
nav a { margin-right: 1em; } .meta { color: #444; }
figure { margin: 1.2em 0; } figcaption { font-size: 0.9em; color: #333; margin-bottom: 0.4em; }
figure svg { max-width: 100%; height: auto; display: block; }
.note { background: #fff4d6; border-left: 6px solid #e0a800; padding: 0.6em 1em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.event p { margin: 0.2em 0 0.6em; white-space: pre-line; } .who { color: #444; font-size: 0.85em; }
.tp { font-weight: bold; color: #7a1f00; }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:+.2f}"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table from already-escaped cell HTML."""
    out = ["<table><thead><tr>", *(f"<th>{h}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _td(text: object, cls: str = "") -> str:
    return f'<td class="{cls}">{_e(text)}</td>' if cls else f"<td>{_e(text)}</td>"


def _value_td(value: float) -> str:
    ink = "#fff" if abs(value) >= 0.6 else "#000"
    return f'<td class="num" style="background:{diverging_color(value)};color:{ink}">{_num(value)}</td>'


def _inline_svg(svg: str) -> str:
    """The ``<svg>`` element of a rendered file, without XML prolog, doctype or comments."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else ""
    return re.sub(r"<!--.*?-->", "", body, flags=re.S).strip()


def _diagrams(svgs: Optional[Mapping[str, str]], too_large: Sequence[str] = ()) -> str:
    if not svgs and not too_large:
        return (f'<p class="note">Diagrams were not drawn: the Graphviz <code>dot</code> program is missing; '
                f"{_e(INSTALL_HINT)}, then export again.</p>")
    parts = [f'<p class="note">The {_e(CAPTIONS.get(name, humanize(name)).lower())} diagram is too large to lay out '
             f"and is not drawn.</p>" for name in too_large]
    svgs = svgs or {}
    for name in [n for n in DIAGRAMS if n in svgs] + sorted(n for n in svgs if n not in DIAGRAMS):
        caption = CAPTIONS.get(name, humanize(name))
        parts.append(f'<figure id="diagram-{_e(name)}"><figcaption>{_e(caption)}</figcaption>'
                     f"{_inline_svg(svgs[name])}</figure>")
    return "\n".join(parts)


def _events(story: Story) -> str:
    names = {c.id: c.name for c in story.characters}
    tps = turning_points_by_event(story)
    parts = []
    for event in sorted(story.events, key=lambda e: e.index):
        who = ", ".join(names.get(p, p) for p in event.participants)
        cues = "; ".join(f"{k}: {v}" for k, v in (("time", event.time), ("place", event.place)) if v)
        marks = "".join(f' <span class="tp">[{_e(humanize(tp.kind))}]</span>' for tp in tps.get(event.id, []))
        try:
            text = story.text_of(event)
        except KeyError:
            text = ""
        parts.append(f'<div class="event" id="event-{_e(event.id)}"><h3>{event.index + 1}. {_e(event.title)}{marks}</h3>'
                     f"<p>{_e(text)}</p>"
                     + (f'<p class="who">Characters: {_e(who)}</p>' if who else "")
                     + (f'<p class="who">{_e(cues)}</p>' if cues else "") + "</div>")
    return "\n".join(parts) or "<p>No events.</p>"


def _characters(story: Story) -> str:
    names = {c.id: c.name for c in story.characters}
    rows = ([_td(c.name + (" (protagonist)" if c.id == story.protagonist else "")),
             _td(", ".join(c.aliases)), _td(c.kind), _td(c.gender or ""),
             _td("; ".join(f"{r.type} of {names.get(r.target, r.target)}" for r in c.relations)),
             _td(c.actor or ""), _td(f"{c.importance:.2f}", "num"), _td(len(c.mentions), "num")]
            for c in story.characters)
    return _table(["Name", "Aliases", "Kind", "Gender", "Relations", "Played by", "Importance", "Mentions"], rows)


def _interactions(story: Story) -> str:
    """The typed interactions (co-presence left out), in story order."""
    names = {c.id: c.name for c in story.characters}
    index = {e.id: e.index for e in story.events}
    rows = ([_td(index.get(x.event, 0) + 1, "num"), _td(names.get(x.source, x.source)), _td(x.type),
             _td(names.get(x.target, x.target)), _td(x.valence), _td(x.medium or ""), _td(x.mode)]
            for x in story.interactions if x.mode != "copresence")
    return _table(["Event", "Who", "Does", "To whom", "Valence", "Medium", "Mode"], rows)


def _arc(story: Story) -> str:
    arc = protagonist_arc(story)
    if arc is None or not arc.points:
        return "<p>No arc.</p>"
    titles = {e.id: f"{e.index + 1}. {e.title}" for e in story.events}
    names = {c.id: c.name for c in story.characters}
    components: list[str] = []
    for p in arc.points:
        components += [k for k in p.components if k not in components]
    rows = ([_td(titles.get(p.event, p.event)), _value_td(p.value),
             *(_value_td(p.components[k]) if k in p.components else _td("") for k in components),
             _td(f"{p.raw:+.2f}", "num")] for p in arc.points)
    shape = (f" Shape: <strong>{_e(humanize(arc.shape))}</strong> (confidence {arc.shape_confidence:.2f})."
             if arc.shape else "")
    head = f"<p>Arc of <strong>{_e(names.get(arc.character, arc.character))}</strong>.{shape}</p>"
    return head + _table(["Event", "Value", *(_e(humanize(k)) for k in components), "Raw"], rows)


def _structure(story: Story) -> str:
    titles = {e.id: f"{e.index + 1}. {e.title}" for e in story.events}
    by_tp = {id(tp): eid for eid, tps in turning_points_by_event(story).items() for tp in tps}
    sentences = {s.index: s for s in story.sentences}

    def sentence_text(i: int) -> str:
        s = sentences.get(i)
        try:
            return story.text_of(s) if s else ""
        except KeyError:
            return ""

    tps = ([_td(humanize(tp.kind)), _td(titles.get(by_tp.get(id(tp), ""), "")), _td(tp.sentence + 1, "num"),
            _td(sentence_text(tp.sentence))] for tp in story.structure.turning_points)
    stages = ([_td(humanize(stage.name)), _td(f"{stage.start_sentence + 1}-{stage.end_sentence + 1}", "num"),
               _td("; ".join(titles[e.id] for e in events))] for stage, events in stage_events(story))
    out = "<p>Events and sentences are numbered from 1 on this page (the story JSON counts from 0).</p>"
    out += "<h3>Turning points</h3>"
    out += (_table(["Kind", "Event", "Sentence", "Text"], tps) if story.structure.turning_points
            else "<p>None found.</p>")
    out += "<h3>Stages</h3>"
    out += _table(["Stage", "Sentences", "Events"], stages) if story.structure.stages else "<p>None found.</p>"
    return out


def to_html(story: Story, svgs: Optional[Mapping[str, str]] = None, too_large: Sequence[str] = ()) -> str:
    """The story page; `svgs` maps diagram names (see `DIAGRAMS`) to rendered SVG text; `too_large` names
    the diagrams left out because they were too large to lay out."""
    names = {c.id: c.name for c in story.characters}
    title = story.title or story.id
    facts = [f"{len(story.events)} events", f"{len(story.characters)} characters",
             f"{len(story.interactions)} interactions"]
    if story.protagonist:
        facts.insert(0, f"Protagonist: {names.get(story.protagonist, story.protagonist)}")
    gen = story.generator
    sections = [("diagrams", "Diagrams", _diagrams(svgs, too_large)), ("events", "Events", _events(story)),
                ("characters", "Characters", _characters(story)),
                ("interactions", "Who does what to whom", _interactions(story)), ("arc", "Arc", _arc(story)),
                ("structure", "Turning points and stages", _structure(story))]
    nav = " ".join(f'<a href="#{sid}">{_e(head)}</a>' for sid, head, _ in sections)
    body = "\n".join(f'<section id="{sid}"><h2>{_e(head)}</h2>\n{content}\n</section>'
                     for sid, head, content in sections)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{_e(f'{gen.name} {gen.version} ({gen.engine})')}">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header><h1>{_e(title)}</h1><p class="meta">{_e(' · '.join(facts))}</p><nav>{nav}</nav></header>
{body}
</body>
</html>
"""


def render_svgs(story: Story) -> dict[str, str]:
    """Every diagram rendered to SVG text (needs ``dot``; empty when it is missing)."""
    if not dot_available():
        return {}
    return {name: render_bytes(to_dot(story, name), "svg").decode("utf-8") for name in DIAGRAMS}


def write_html(story: Story, path: Union[str, "os.PathLike[str]"],
               svgs: Optional[Mapping[str, str]] = None) -> Path:
    """Write the page to `path` atomically, rendering the diagrams when `svgs` is not given."""
    return write_text(path, to_html(story, render_svgs(story) if svgs is None else svgs))
