"""The interaction graph as dynamic GEXF for Gephi: its timeline plays the story.

Time is the event index: each edge lives at its event (``start = end = event_index``),
each node from the first event it takes part in. The file is byte-stable (networkx's
``lastmodifieddate`` is left out).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Union

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..graph import interaction_graph
from ..model import Story
from .atomic import write_text
from .graphml import xml_safe

__all__ = ["gexf_graph", "to_gexf", "write_gexf"]


def gexf_graph(story: Story) -> nx.MultiDiGraph:
    """`interaction_graph(story)` with GEXF's reserved attributes filled in: node ``label``
    and ``start``; edge ``id``, ``label`` (the verb), ``start``/``end``. The interaction
    type is stored as ``interaction`` (GEXF reserves ``type`` for edge direction)."""
    G = xml_safe(interaction_graph(story))
    H = nx.MultiDiGraph(mode="dynamic", name=G.graph.get("title", ""))
    for n, d in G.nodes(data=True):
        attrs = dict(d)
        if "first_event" in attrs:
            attrs["start"] = attrs["first_event"]
        H.add_node(n, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = dict(d)
        attrs["interaction"] = attrs.pop("type")
        attrs.update(id=f"x{k}", label=attrs["verb"], start=d["event_index"], end=d["event_index"])
        H.add_edge(u, v, key=k, **attrs)
    return H


def to_gexf(story: Story) -> str:
    """GEXF 1.2 text of the story's dynamic interaction graph (deterministic)."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(gexf_graph(story))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + str(writer).rstrip("\n") + "\n"


def write_gexf(story: Story, path: Union[str, "os.PathLike[str]"]) -> Path:
    """Write the story's dynamic GEXF to `path` atomically."""
    return write_text(path, to_gexf(story))
