"""Tests of `narrative.export.gexf`: dynamic GEXF that loads back with its attributes."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

from fixtures.export.stories import HOSTILE_NAME, hostile_story, small_story
from fixtures.export.strategies import stories
from narrative.export.gexf import to_gexf, write_gexf
from narrative.graph import interaction_graph

ROOT = Path(__file__).resolve().parents[1]


def _read(text: str) -> nx.Graph:
    return nx.read_gexf(io.BytesIO(text.encode("utf-8")))


@pytest.mark.parametrize("make", [small_story, hostile_story], ids=["small", "hostile"])
def test_gexf_round_trip_keeps_attributes(tmp_path, make):
    story = make()
    G = interaction_graph(story)
    H = nx.read_gexf(write_gexf(story, tmp_path / "s.gexf"))
    assert H.is_directed() and H.is_multigraph()
    assert H.graph["mode"] == "dynamic"
    assert set(H.nodes) == set(G.nodes)
    for n, d in G.nodes(data=True):
        got = H.nodes[n]
        assert {k: got[k] for k in d} == d
        assert got["label"] == d["name"]
        assert got["start"] == d["first_event"]
    original = sorted((u, v, d["event_index"], d["sentence"], d["type"], d["valence"], d["directed"])
                      for u, v, d in G.edges(data=True))
    loaded = sorted((u, v, d["event_index"], d["sentence"], d["interaction"], d["valence"], d["directed"])
                    for u, v, d in H.edges(data=True))
    assert loaded == original


def test_gexf_edges_live_at_their_event():
    text = to_gexf(small_story())
    assert 'mode="dynamic"' in text and 'timeformat="long"' in text
    assert '<edge source="guild" target="mira" id="x2" label="threatens" start="2" end="2">' in text
    assert '<node id="tomas" label="Tomas" start="1">' in text
    assert _read(text).number_of_edges() == 6


def test_gexf_hostile_name_survives(tmp_path):
    H = nx.read_gexf(write_gexf(hostile_story(), tmp_path / "h.gexf"))
    assert H.nodes["mira"]["label"] == HOSTILE_NAME
    assert H.nodes["tomas"]["name"] == 'Zoë "Z" Ça\nva |<port>| {rec}'


def test_gexf_has_no_date_and_is_byte_stable():
    text = to_gexf(small_story())
    assert "lastmodifieddate" not in text
    code = ("import sys; sys.path[:0] = ['.', 'tests']\n"
            "from fixtures.export.stories import hostile_story\n"
            "from narrative.export.gexf import to_gexf\n"
            "sys.stdout.buffer.write(to_gexf(hostile_story()).encode())\n")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert outs == {to_gexf(hostile_story()).encode()}


@settings(max_examples=30, deadline=None)
@given(stories())
def test_gexf_any_names_load_back(story):
    H = _read(to_gexf(story))
    assert H.number_of_edges() == len(story.interactions)
    assert H.number_of_nodes() == len(story.characters)
