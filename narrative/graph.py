"""Interaction graphs of a story, networkx style: build once, then free functions of G.

Time is an attribute, never a second copy: every edge carries the ``event_index`` of the
interaction it stands for and every node the ``first_event`` it takes part in, so
snapshots and cumulative views are derived (:func:`snapshot`, :func:`cumulative`).
All node, edge and graph attributes are JSON-native and never ``None`` (a missing
value is a missing key), so the graph exports to GraphML, GEXF and node-link as is.
"""
from __future__ import annotations

from typing import Any, Optional

import networkx as nx

from .model import Event, Story

__all__ = [
    "appearances",
    "interaction_graph",
    "snapshot",
    "cumulative",
    "weighted_graph",
    "ego_network",
    "metrics_per_event",
]

def _events(story: Story) -> list[Event]:
    return sorted(story.events, key=lambda e: e.index)


def _event_index(story: Story) -> dict[str, int]:
    return {e.id: e.index for e in story.events}


def appearances(story: Story) -> dict[str, list[int]]:
    """Event indices (sorted) each character takes part in: participants plus interaction ends."""
    index = _event_index(story)
    seen: dict[str, set[int]] = {c.id: set() for c in story.characters}
    for event in story.events:
        for cid in event.participants:
            seen.setdefault(cid, set()).add(event.index)
    for x in story.interactions:
        if x.event in index:
            for cid in (x.source, x.target):
                seen.setdefault(cid, set()).add(index[x.event])
    return {cid: sorted(found) for cid, found in seen.items()}


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values: GraphML and GEXF have no null."""
    return {k: v for k, v in attrs.items() if v is not None}


def interaction_graph(story: Story) -> nx.MultiDiGraph:
    """One node per character, one edge per interaction (key = its position in ``story.interactions``).

    Node attributes: ``name, kind, gender, importance, mentions, protagonist, first_event``
    (``gender`` and ``first_event`` only when known). Edge attributes: ``event, event_index,
    sentence, type, verb, directed, valence, medium, mode`` (``medium`` only when known).
    Raises ``KeyError`` when an interaction names an unknown event.
    """
    index = _event_index(story)
    seen = appearances(story)
    G = nx.MultiDiGraph(story=story.id, title=story.title, events=len(story.events))
    if story.protagonist is not None:
        G.graph["protagonist"] = story.protagonist
    for ch in story.characters:
        first: list[Optional[int]] = [*seen.get(ch.id, ())] or [None]
        G.add_node(ch.id, **_clean({
            "name": ch.name,
            "kind": ch.kind,
            "gender": ch.gender,
            "importance": float(ch.importance),
            "mentions": len(ch.mentions),
            "protagonist": ch.id == story.protagonist,
            "first_event": first[0],
        }))
    for key, x in enumerate(story.interactions):
        for cid in (x.source, x.target):
            if cid not in G:  # an unknown character still gets a node, named by its id
                G.add_node(cid, name=cid, kind="person", importance=0.0, mentions=0,
                           protagonist=cid == story.protagonist, first_event=seen[cid][0])
        if x.event not in index:
            raise KeyError(f"interaction {key} names unknown event {x.event!r}")
        G.add_edge(x.source, x.target, key=key, **_clean({
            "event": x.event,
            "event_index": index[x.event],
            "sentence": x.sentence,
            "type": x.type,
            "verb": x.verb,
            "directed": bool(x.directed),
            "valence": x.valence,
            "medium": x.medium,
            "mode": x.mode,
        }))
    return G


def snapshot(G: nx.MultiDiGraph, k: int, *, start: Optional[int] = None) -> nx.MultiDiGraph:
    """Read-only view of `G` with the edges whose ``event_index`` is ``<= k`` (and ``>= start``).

    Every node stays (the cast is known from the start); copy with ``.copy()`` to edit.
    """
    lo = float("-inf") if start is None else start

    def keep(u: Any, v: Any, key: Any) -> bool:
        return lo <= G.edges[u, v, key]["event_index"] <= k

    return nx.subgraph_view(G, filter_edge=keep)


def cumulative(story: Story) -> list[nx.MultiDiGraph]:
    """One snapshot view per event, in story order: the interactions up to and including it."""
    G = interaction_graph(story)
    return [snapshot(G, e.index) for e in _events(story)]


def weighted_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Collapse `G` to a simple undirected graph.

    Edge attributes: ``weight`` (interaction count), ``positive``/``negative``/``neutral``
    counts, ``copresence`` (how many of them are mere co-presence), ``valence`` = (positive - negative) / weight in [-1, 1], ``first_event``.
    Node attributes are copied.
    """
    H = nx.Graph(**G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        a, b = sorted((u, v))
        if not H.has_edge(a, b):
            H.add_edge(a, b, weight=0, positive=0, negative=0, neutral=0, copresence=0,
                       first_event=data["event_index"])
        e = H.edges[a, b]
        e["weight"] += 1
        e["copresence"] += data.get("mode") == "copresence"
        e[data.get("valence", "neutral")] += 1
        e["first_event"] = min(e["first_event"], data["event_index"])
    for _, _, e in H.edges(data=True):
        e["valence"] = round((e["positive"] - e["negative"]) / e["weight"], 6)
    return H


def ego_network(story: Story, character: str, event_index: Optional[int] = None,
                radius: int = 1) -> nx.Graph:
    """The weighted neighbourhood of `character` from the interactions up to `event_index`
    (all of them when ``None``). Raises ``KeyError`` for an unknown character."""
    G = interaction_graph(story)
    if character not in G:
        raise KeyError(f"unknown character {character!r}")
    if event_index is not None:
        G = snapshot(G, event_index)
    return nx.ego_graph(weighted_graph(G), character, radius=radius)


def metrics_per_event(story: Story) -> list[dict[str, Any]]:
    """Cumulative network metrics after each event, in story order (JSON-native).

    Each item: ``event`` (id), ``index``, and per character id ``degree`` (distinct
    partners), ``weighted_degree`` (interactions) and ``betweenness`` (normalised, on the
    unweighted collapsed graph). Self-interactions are left out of the metrics.
    """
    G = interaction_graph(story)
    out = []
    for event in _events(story):
        H = weighted_graph(snapshot(G, event.index))
        H.remove_edges_from(list(nx.selfloop_edges(H)))
        nodes = list(G.nodes)
        between = nx.betweenness_centrality(H) if H.number_of_edges() else {}
        out.append({
            "event": event.id,
            "index": event.index,
            "degree": {n: int(H.degree(n)) for n in nodes},
            "weighted_degree": {n: int(H.degree(n, weight="weight")) for n in nodes},
            "betweenness": {n: round(float(between.get(n, 0.0)), 6) for n in nodes},
        })
    return out

