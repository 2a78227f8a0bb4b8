"""Tests of `narrative.export.nodelink`: node-link JSON that loads back into networkx."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from hypothesis import given, settings

from fixtures.export.stories import HOSTILE_NAME, hostile_story, small_story
from fixtures.export.strategies import stories
from narrative.export.nodelink import read_nodelink, to_nodelink, write_nodelink
from narrative.graph import interaction_graph


@pytest.mark.parametrize("make", [small_story, hostile_story], ids=["small", "hostile"])
def test_nodelink_round_trip_is_exact(tmp_path, make):
    story = make()
    H = read_nodelink(write_nodelink(story, tmp_path / "s.nodelink.json"))
    G = interaction_graph(story)
    assert nx.utils.graphs_equal(G, H)
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_nodelink_uses_edges_key_and_plain_json(tmp_path):
    data = to_nodelink(hostile_story())
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "edges"}
    text = write_nodelink(hostile_story(), tmp_path / "h.json").read_text(encoding="utf-8")
    assert HOSTILE_NAME.replace("\\", "\\\\").replace('"', '\\"') in text and text.endswith("}\n")
    assert json.loads(text) == data


@settings(max_examples=30, deadline=None)
@given(stories())
def test_nodelink_any_story_round_trips(story):
    data = json.loads(json.dumps(to_nodelink(story)))
    assert nx.utils.graphs_equal(nx.node_link_graph(data, edges="edges"), interaction_graph(story))
