"""The interaction graph as node-link JSON (d3, networkx ``node_link_graph``)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Union

import networkx as nx

from ..graph import interaction_graph
from ..model import Story
from .atomic import write_text
from .json import dumps

__all__ = ["to_nodelink", "write_nodelink", "read_nodelink"]


def to_nodelink(story: Story) -> dict[str, Any]:
    """``nx.node_link_data`` of the story's interaction graph, links under ``"edges"``."""
    return nx.node_link_data(interaction_graph(story), edges="edges")


def write_nodelink(story: Story, path: Union[str, "os.PathLike[str]"]) -> Path:
    """Write the node-link JSON (UTF-8, 2-space indent, final newline) to `path` atomically."""
    return write_text(path, dumps(to_nodelink(story)))


def read_nodelink(path: Union[str, "os.PathLike[str]"]) -> nx.MultiDiGraph:
    """Load a node-link file written by `write_nodelink` back into networkx."""
    with open(path, encoding="utf-8") as fh:
        return nx.node_link_graph(json.load(fh), edges="edges")
