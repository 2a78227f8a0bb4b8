"""Graphviz DOT diagrams of a story, built only through the `graphviz` package.

Four diagrams, each a pure function ``story -> graphviz.Digraph | graphviz.Graph``:
`arc_diagram` (the protagonist's arc), `network_diagram` (who interacts with whom),
`stage_networks` (the network per stage, as small multiples) and `storyline` (one lane
per main character). Node ids come from character and event ids (``c_<id>``,
``e_<id>``), never from names; every name and title goes through :func:`label`, so
quotes, braces, angle brackets, backslashes, newlines and any script stay text.
Generating DOT never needs the ``dot`` binary; rendering does (`narrative.export.render`).
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Callable, Optional, Sequence, Union

import graphviz
import networkx as nx

from ..graph import appearances, interaction_graph, weighted_graph
from ..model import Arc, Character, Event, Stage, Story, TurningPoint
from .atomic import write_text

__all__ = [
    "DIAGRAMS",
    "arc_diagram",
    "network_diagram",
    "stage_networks",
    "storyline",
    "to_dot",
    "write_dot",
    "label",
    "diverging_color",
    "valence_color",
    "humanize",
    "protagonist_arc",
    "stage_events",
    "turning_points_by_event",
]

FONT = "Helvetica,Arial,sans-serif"
BOLD_FONT = "Helvetica-Bold"
# ColorBrewer RdBu (9 classes), low (red) to high (blue); interpolated linearly.
_RDBU = ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac")
_GREY = "#8c8c8c"
# ColorBrewer Dark2: one colour per storyline lane.
_LANES = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")
_PROTAGONIST_FILL = "#ffe082"
_OTHER_FILL = "#eeeeee"
_SHAPES = {"person": "ellipse", "group": "box", "organisation": "box3d"}


# -- text and colour -----------------------------------------------------------------------

def _plain(text: str) -> str:
    """One line of printable text: newlines and tabs become spaces, other control
    characters and lone surrogates are dropped."""
    out = []
    for ch in str(text):
        cat = unicodedata.category(ch)
        if ch in "\r\n\t\v\f\x85\u2028\u2029":
            out.append(" ")
        elif cat == "Cs":
            out.append("\ufffd")
        elif cat != "Cc":
            out.append(ch)
    return "".join(out)


def label(*lines: str) -> str:
    """A DOT label of `lines` (empty ones skipped): each is made one plain line and
    escaped (backslashes literal, never an HTML-like label), joined by DOT line breaks."""
    escaped = [graphviz.escape(_plain(line)) for line in lines if line]
    return graphviz.nohtml("\\n".join(escaped))


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(a: str, b: str, t: float) -> str:
    ra, rb = _rgb(a), _rgb(b)
    return _hex([x + (y - x) * t for x, y in zip(ra, rb)])


def diverging_color(value: float) -> str:
    """RdBu-like colour of a value in [-1, 1]: red low, near-white 0, blue high (clamped)."""
    v = max(-1.0, min(1.0, float(value)))
    pos = (v + 1) / 2 * (len(_RDBU) - 1)
    i = min(int(pos), len(_RDBU) - 2)
    return _mix(_RDBU[i], _RDBU[i + 1], pos - i)


def valence_color(value: float) -> str:
    """Edge colour of a valence balance in [-1, 1]: red negative, grey neutral, blue positive."""
    v = max(-1.0, min(1.0, float(value)))
    return _mix(_GREY, _RDBU[0], -v) if v < 0 else _mix(_GREY, _RDBU[-1], v)


def _ink(value: float) -> str:
    """Text colour readable on `diverging_color(value)`."""
    return "white" if abs(value) >= 0.6 else "black"


def humanize(name: str) -> str:
    """``new_situation`` -> ``New situation``."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# -- story look-ups shared by the diagrams and the HTML page -------------------------------

def _ordered_events(story: Story) -> list[Event]:
    return sorted(story.events, key=lambda e: e.index)


def _event_of_sentence(story: Story, sentence: int) -> Optional[Event]:
    for event in _ordered_events(story):
        if sentence in event.sentences:
            return event
    return None


def protagonist_arc(story: Story) -> Optional[Arc]:
    """The arc of the protagonist (else the first arc, else ``None``)."""
    for arc in story.arcs:
        if arc.character == story.protagonist:
            return arc
    return story.arcs[0] if story.arcs else None


def turning_points_by_event(story: Story) -> dict[str, list[TurningPoint]]:
    """Turning points per event id; a point without an event is placed by its sentence."""
    out: dict[str, list[TurningPoint]] = {}
    for tp in story.structure.turning_points:
        eid = tp.event
        if eid is None:
            event = _event_of_sentence(story, tp.sentence)
            eid = event.id if event else None
        if eid is not None:
            out.setdefault(eid, []).append(tp)
    return out


def stage_events(story: Story) -> list[tuple[Stage, list[Event]]]:
    """Each stage with its events in story order: the stage's own list, else the events
    whose first sentence lies in its sentence range. An event goes to its first stage only."""
    by_id = {e.id: e for e in story.events}
    taken: set[str] = set()
    out = []
    for stage in story.structure.stages:
        if stage.events:
            events = [by_id[eid] for eid in stage.events if eid in by_id]
        else:
            events = [e for e in story.events
                      if e.sentences and stage.start_sentence <= e.sentences[0] <= stage.end_sentence]
        events = sorted((e for e in events if e.id not in taken), key=lambda e: e.index)
        taken.update(e.id for e in events)
        out.append((stage, events))
    return out


def _main_cast(story: Story, limit: int) -> list[Character]:
    """Characters who take part in some event: protagonist first, then by importance
    (ties in story order), at most `limit`."""
    seen = appearances(story)
    ranked = sorted(story.characters, key=lambda c: (c.id != story.protagonist, -c.importance))
    return [c for c in ranked if seen.get(c.id)][:limit]


def _lane_colours(story: Story) -> dict[str, str]:
    """A stable colour per character, shared by the arc diagram and the storyline."""
    return {c.id: _LANES[i % len(_LANES)] for i, c in enumerate(_main_cast(story, len(story.characters)))}


def _nid(prefix: str, ident: str) -> str:
    """A DOT node id from a model id: slugs pass unchanged; any other character (``:`` would
    read as a port) becomes ``_xHH_``."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_.-") else f"_x{ord(ch):x}_" for ch in ident)
    return f"{prefix}_{safe}"


def _names(story: Story) -> dict[str, str]:
    return {c.id: c.name for c in story.characters}


def _base(kind: str, story: Story, *subtitles: str, directed: bool = True, **graph_attr: str):
    cls = graphviz.Digraph if directed else graphviz.Graph
    g = cls(name=kind)
    g.attr("graph", label=label(story.title or story.id, *subtitles), labelloc="t", fontname=FONT, fontsize="22",
           **graph_attr)
    g.attr("node", fontname=FONT, fontsize="14")
    g.attr("edge", fontname=FONT, fontsize="12")
    return g


# -- 1. the protagonist's arc --------------------------------------------------------------

def arc_diagram(story: Story, max_characters: int = 5) -> graphviz.Digraph:
    """The protagonist's arc: events left to right, filled by arc value (red low, blue high),
    turning points double-framed and named, stages as labelled clusters, and under each
    event a note naming the other characters it shares with the protagonist (the
    `max_characters` most important, then "+N more")."""
    arc = protagonist_arc(story)
    hero = arc.character if arc else story.protagonist
    names = _names(story)
    hero_name = names.get(hero, hero) if hero else None
    shape = f", shape: {humanize(arc.shape)}" if arc and arc.shape else ""
    subtitle = (f"Arc of {hero_name}{shape}" if hero_name else "Events (no protagonist)")
    g = _base("arc", story, subtitle, "fill: red = low, white = neutral, blue = high; double frame = turning point",
              rankdir="LR", newrank="true", nodesep="0.4", ranksep="0.5")
    g.attr("node", shape="box", style="rounded,filled", fillcolor="white")

    values = {p.event: p.value for p in arc.points} if arc else {}
    tps = turning_points_by_event(story)

    def event_node(sub: graphviz.Digraph, event: Event) -> None:
        lines = [f"{event.index + 1}. {event.title}"]
        attrs: dict[str, str] = {}
        if event.id in values:
            v = values[event.id]
            lines.append(f"arc {v:+.2f}")
            attrs.update(fillcolor=diverging_color(v), fontcolor=_ink(v))
        else:
            attrs.update(fillcolor="white", style="rounded,filled,dashed")
        for tp in tps.get(event.id, []):
            lines.append(f"TURNING POINT: {humanize(tp.kind)}")
        if event.id in tps:
            attrs.update(peripheries="2", penwidth="2.5", fontsize="16")
        sub.node(_nid("e", event.id), label=label(*lines), **attrs)

    placed: set[str] = set()
    for i, (stage, events) in enumerate(stage_events(story)):
        if not events:
            continue
        with g.subgraph(name=f"cluster_stage_{i}") as c:
            c.attr(label=label(humanize(stage.name)), style="rounded,dashed", color="#777777",
                   fontsize="16", labeljust="l")
            for event in events:
                event_node(c, event)
                placed.add(event.id)
    ordered = _ordered_events(story)
    for event in ordered:
        if event.id not in placed:
            event_node(g, event)

    if hero is not None and ordered:
        g.node(_nid("c", hero), label=label(hero_name or hero, "(protagonist)"), shape="ellipse",
               fillcolor=_PROTAGONIST_FILL, penwidth="2", fontsize="16")
        g.edge(_nid("c", hero), _nid("e", ordered[0].id), style="bold")
    for a, b in zip(ordered, ordered[1:]):
        g.edge(_nid("e", a.id), _nid("e", b.id), weight="10", penwidth="2")

    if hero is not None:
        seen = appearances(story)
        cast = [c for c in _main_cast(story, len(story.characters)) if c.id != hero]
        for event in ordered:
            if event.index not in seen.get(hero, []):
                continue
            others = [c.name for c in cast if event.index in seen[c.id]]
            if not others:
                continue
            if len(others) > max_characters:
                others = others[:max_characters] + [f"+{len(others) - max_characters} more"]
            wid = _nid("with", event.id)
            with g.subgraph() as same:
                same.attr(rank="same")
                same.node(_nid("e", event.id))
                same.node(wid, label=label("with", *others), shape="note", style="filled",
                          fillcolor=_OTHER_FILL, fontsize="13", color="#999999")
            g.edge(_nid("e", event.id), wid, style="dashed", color="#999999", arrowhead="none")
    return g


# -- 2. the character network --------------------------------------------------------------

def _character_node(g: graphviz.Graph, node_id: str, data: dict, biggest: float, scale: float = 1.0) -> None:
    share = (float(data.get("importance", 0.0)) / biggest) if biggest > 0 else 0.0
    attrs = {
        "shape": _SHAPES.get(data.get("kind", "person"), "ellipse"),
        "style": "filled",
        "fillcolor": _PROTAGONIST_FILL if data.get("protagonist") else _OTHER_FILL,
        "width": f"{(0.8 + 1.2 * share) * scale:.2f}",
        "height": f"{(0.5 + 0.6 * share) * scale:.2f}",
        "fontsize": f"{(12 + 10 * share) * scale:.1f}",
    }
    if data.get("protagonist"):
        attrs.update(penwidth="3", fontname=BOLD_FONT)
    g.node(node_id, label=label(data.get("name", "")), **attrs)


def _network_edges(g: graphviz.Graph, H: nx.Graph, prefix: str, heaviest: int) -> None:
    for u, v in sorted(tuple(sorted(e)) for e in H.edges()):
        d = H.edges[u, v]
        w = int(d["weight"])
        tip = f"{w} interaction(s): {d['positive']} positive, {d['negative']} negative, {d['neutral']} neutral"
        only_together = d.get("copresence", 0) == w  # never acting on each other: a dashed line
        g.edge(_nid(prefix, u), _nid(prefix, v), label=str(w), tooltip=label(tip),
               penwidth=f"{1 + 5 * w / max(heaviest, 1):.2f}", color=valence_color(d["valence"]),
               style="dashed" if only_together else "solid")


def network_diagram(story: Story) -> graphviz.Graph:
    """Characters sized by importance (protagonist gold and bold, groups as boxes), one edge
    per pair weighted by interaction count and coloured by valence (red -, grey 0, blue +)."""
    H = weighted_graph(interaction_graph(story))
    g = _base("network", story,
              "Characters", "edge width = interactions; colour: red negative, grey neutral, blue positive; dashed: only seen together",
              directed=False, layout="neato", overlap="false", splines="true", sep="+16",
              outputorder="edgesfirst")
    biggest = max((float(d.get("importance", 0.0)) for _, d in H.nodes(data=True)), default=0.0)
    for cid, data in H.nodes(data=True):
        _character_node(g, _nid("c", cid), data, biggest)
    heaviest = max((int(d["weight"]) for *_, d in H.edges(data=True)), default=1)
    _network_edges(g, H, "c", heaviest)
    return g


# -- 3. small multiples per stage ----------------------------------------------------------

def stage_networks(story: Story) -> graphviz.Graph:
    """The network of each stage's own interactions, one cluster per stage, left to right."""
    G = interaction_graph(story)
    groups = stage_events(story) or [(Stage("whole story", 0, max(len(story.sentences) - 1, 0)),
                                      _ordered_events(story))]
    g = _base("stages", story, "Who interacts with whom in each stage", directed=False,
              newrank="true", nodesep="0.3", ranksep="0.6", compound="true")
    biggest = max((float(d.get("importance", 0.0)) for _, d in G.nodes(data=True)), default=0.0)
    heaviest = max((int(d["weight"]) for *_, d in weighted_graph(G).edges(data=True)), default=1)
    anchors = []
    for i, (stage, events) in enumerate(groups):
        ids = {e.id for e in events}
        view = nx.subgraph_view(G, filter_edge=lambda u, v, k, ids=ids: G.edges[u, v, k]["event"] in ids)
        H = weighted_graph(view)
        present = {n for e in events for n in e.participants if n in H} | {n for e in H.edges for n in e}
        members = [n for n in G.nodes if n in present]  # story order: a small subgraph view would
        H = H.subgraph(members)                          # iterate its node set in hash order
        prefix = f"s{i}"
        anchor = f"{prefix}_top"
        anchors.append(anchor)
        span = (f"events {events[0].index + 1}-{events[-1].index + 1}" if len(events) > 1
                else f"event {events[0].index + 1}" if events else "no events")
        with g.subgraph(name=f"cluster_{prefix}") as c:
            c.attr(label=label(f"{i + 1}. {humanize(stage.name)}", span), style="rounded",
                   color="#777777", fontsize="16")
            c.node(anchor, label="", shape="point", style="invis", width="0")
            if not H.number_of_nodes():
                c.node(f"{prefix}_empty", label=label("(nobody)"), shape="plaintext")
                c.edge(anchor, f"{prefix}_empty", style="invis")
            for cid in members:
                data = H.nodes[cid]
                _character_node(c, _nid(prefix, cid), data, biggest, scale=0.8)
                c.edge(anchor, _nid(prefix, cid), style="invis")
            _network_edges(c, H, prefix, heaviest)  # one scale for all panels, so widths compare
    with g.subgraph() as top:
        top.attr(rank="same")
        for a in anchors:
            top.node(a)
    for a, b in zip(anchors, anchors[1:]):
        g.edge(a, b, style="invis")
    return g


# -- 4. storyline --------------------------------------------------------------------------

def storyline(story: Story, max_lanes: int = 8) -> graphviz.Digraph:
    """One coloured lane per main character (most important first, at most `max_lanes`)
    running through the events in story order; lanes meet at the events characters share."""
    ordered = _ordered_events(story)
    by_index = {e.index: e for e in ordered}
    seen = appearances(story)
    cast = [c for c in _main_cast(story, len(story.characters))
            if any(i in by_index for i in seen[c.id])][:max_lanes]
    g = _base("storyline", story, "Storyline", "one lane per character; lanes meet in the events characters share",
              rankdir="LR", nodesep="0.35", ranksep="0.7")
    g.attr("node", shape="box", style="rounded,filled", fillcolor="white")
    lanes = _lane_colours(story)
    meets = {e.index: sum(1 for c in cast if e.index in seen.get(c.id, [])) for e in ordered}
    for event in ordered:
        g.node(_nid("e", event.id), label=label(f"{event.index + 1}. {event.title}"),
               fillcolor="#f0f0f0" if meets[event.index] > 1 else "white",
               penwidth="2" if meets[event.index] > 1 else "1")
    for a, b in zip(ordered, ordered[1:]):
        g.edge(_nid("e", a.id), _nid("e", b.id), style="invis", weight="20")
    for c in cast:  # each lane is named where it begins and where it ends
        for end in ("start", "end"):
            g.node(_nid(end, c.id), label=label(c.name), shape="plaintext", style="",
                   fontcolor=lanes[c.id], fontsize="16")
    for c in cast:
        stops = [_nid("start", c.id)] + [_nid("e", by_index[i].id) for i in seen[c.id] if i in by_index] \
            + [_nid("end", c.id)]
        width = "5" if c.id == story.protagonist else "3"
        for tail, head in zip(stops, stops[1:]):
            g.edge(tail, head, color=lanes[c.id], penwidth=width, arrowhead="none", tooltip=label(c.name))
    return g


# -- text and files ------------------------------------------------------------------------

DIAGRAMS: dict[str, Callable[[Story], Union[graphviz.Digraph, graphviz.Graph]]] = {
    "arc": arc_diagram,
    "network": network_diagram,
    "stages": stage_networks,
    "storyline": storyline,
}


def to_dot(story: Story, diagram: str = "network") -> str:
    """DOT source of one of `DIAGRAMS` (deterministic for a given story)."""
    try:
        build = DIAGRAMS[diagram]
    except KeyError:
        raise ValueError(f"unknown diagram {diagram!r}; choose from {', '.join(DIAGRAMS)}") from None
    return build(story).source


def write_dot(story: Story, path: Union[str, "os.PathLike[str]"], diagram: str = "network") -> Path:
    """Write the DOT source of `diagram` to `path` atomically."""
    return write_text(path, to_dot(story, diagram))
