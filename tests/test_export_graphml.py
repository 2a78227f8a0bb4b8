"""Tests of `narrative.export.graphml`: GraphML that loads back with its attributes."""
from __future__ import annotations

import io

import networkx as nx
import pytest
from hypothesis import given, settings

from fixtures.export.stories import HOSTILE_NAME, hostile_story, small_story
from fixtures.export.strategies import stories
from narrative.export.graphml import to_graphml, write_graphml, xml_safe
from narrative.graph import interaction_graph


def _read(text: str) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)


@pytest.mark.parametrize("make", [small_story, hostile_story], ids=["small", "hostile"])
def test_graphml_round_trip_keeps_attributes(tmp_path, make):
    story = make()
    G = interaction_graph(story)
    H = nx.read_graphml(write_graphml(story, tmp_path / "s.graphml"), force_multigraph=True)
    assert H.is_directed()
    assert {k: H.graph[k] for k in G.graph} == G.graph
    assert dict(H.nodes(data=True)) == {n: {**d, "label": d["name"]} for n, d in G.nodes(data=True)}
    assert sorted((u, v, int(k), tuple(sorted(d.items()))) for u, v, k, d in H.edges(keys=True, data=True)) == \
        sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))


def test_graphml_hostile_name_survives():
    H = _read(to_graphml(hostile_story()))
    assert H.nodes["mira"]["name"] == HOSTILE_NAME


def test_graphml_is_deterministic_xml():
    text = to_graphml(small_story())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml')
    assert text == to_graphml(small_story()) and text.endswith("</graphml>\n")


def test_graphml_xml_safe_replaces_forbidden_characters():
    G = nx.MultiDiGraph(title="a\x00b")
    G.add_node("x", name="bell\x07 \ufffe ok\n")
    H = xml_safe(G)
    assert H.graph["title"] == "a\ufffdb"
    assert H.nodes["x"] == {"name": "bell\ufffd \ufffd ok\n", "label": "bell\ufffd \ufffd ok\n"}


@settings(max_examples=30, deadline=None)
@given(stories())
def test_graphml_any_names_load_back(story):
    H = _read(to_graphml(story))
    assert H.number_of_edges() == len(story.interactions)
    assert H.number_of_nodes() == len(story.characters)
