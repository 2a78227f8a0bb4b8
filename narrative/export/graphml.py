"""The interaction graph as GraphML (yEd, Gephi, igraph), written by networkx."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Union

import networkx as nx

from ..graph import interaction_graph
from ..model import Story
from .atomic import write_text

__all__ = ["xml_safe", "to_graphml", "write_graphml"]

# Characters XML 1.0 cannot carry at all (control characters, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value: Any) -> Any:
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def xml_safe(G: nx.Graph) -> nx.Graph:
    """A copy of `G` whose string attributes hold only characters XML 1.0 allows
    (others become U+FFFD) and with a ``label`` (the name) on every node."""
    H = G.__class__()
    H.graph.update({k: _clean(v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        attrs = {k: _clean(v) for k, v in d.items()}
        if "name" in attrs:
            attrs.setdefault("label", attrs["name"])
        H.add_node(n, **attrs)
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **{a: _clean(b) for a, b in d.items()})
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(u, v, **{a: _clean(b) for a, b in d.items()})
    return H


def to_graphml(story: Story) -> str:
    """GraphML text of `interaction_graph(story)` (deterministic; ends with a newline)."""
    lines = nx.generate_graphml(xml_safe(interaction_graph(story)), encoding="utf-8")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


def write_graphml(story: Story, path: Union[str, "os.PathLike[str]"]) -> Path:
    """Write the GraphML of the story's interaction graph to `path` atomically."""
    return write_text(path, to_graphml(story))
