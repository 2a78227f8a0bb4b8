"""Tests of `narrative.graph`: interaction graphs, time slices, collapsed graphs, metrics."""
from __future__ import annotations

import json
import math
from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import given, settings

from fixtures.export.stories import build_story, small_story
from fixtures.export.strategies import stories
from narrative.graph import (
    appearances, cumulative, ego_network, interaction_graph, metrics_per_event, snapshot, weighted_graph,
)

JSON_NATIVE = (str, int, float, bool)


def _all_attrs(G: nx.Graph):
    yield from G.graph.values()
    for _, d in G.nodes(data=True):
        yield from d.values()
    for *_, d in G.edges(data=True):
        yield from d.values()


def test_graph_nodes_carry_character_attributes():
    G = interaction_graph(small_story())
    assert list(G.nodes) == ["mira", "tomas", "guild"]
    assert G.nodes["mira"] == {"name": "Mira Holm", "kind": "person", "gender": "female", "importance": 1.0,
                               "mentions": 4, "protagonist": True, "first_event": 0}
    assert G.nodes["guild"]["kind"] == "group"
    assert "gender" not in G.nodes["guild"]  # unknown: left out, never None
    assert G.nodes["guild"]["first_event"] == 2
    assert G.graph == {"story": "small", "title": "The Night Bakery", "events": 4, "protagonist": "mira"}


def test_graph_edges_carry_interaction_attributes():
    G = interaction_graph(small_story())
    assert G.number_of_edges() == 6
    assert G.edges["guild", "mira", 2] == {"event": "e2", "event_index": 2, "sentence": 3, "type": "threat",
                                          "verb": "threatens", "directed": True, "valence": "negative",
                                          "medium": "letter", "mode": "direct"}
    assert "medium" not in G.edges["tomas", "mira", 0]
    assert G.edges["mira", "tomas", 5]["directed"] is False


def test_graph_attributes_are_json_native():
    G = interaction_graph(small_story())
    assert all(isinstance(v, JSON_NATIVE) for v in _all_attrs(G))
    json.dumps(nx.node_link_data(G, edges="edges"))


def test_graph_unknown_event_raises():
    story = small_story()
    bad = replace(story, interactions=story.interactions + (replace(story.interactions[0], event="nope"),))
    with pytest.raises(KeyError, match="nope"):
        interaction_graph(bad)


def test_graph_appearances_merge_participants_and_interactions():
    assert appearances(small_story()) == {"mira": [0, 1, 2, 3], "tomas": [1, 3], "guild": [2, 3]}


def test_graph_snapshot_is_a_view_of_earlier_edges():
    G = interaction_graph(small_story())
    S = snapshot(G, 1)
    assert sorted(d["event_index"] for *_, d in S.edges(data=True)) == [1, 1]
    assert set(S.nodes) == set(G.nodes)
    assert nx.is_frozen(S)
    G.add_edge("mira", "guild", key=99, event_index=0)  # a view follows its graph
    assert S.has_edge("mira", "guild", 99)


def test_graph_snapshot_window_with_start():
    G = interaction_graph(small_story())
    assert sorted(d["event_index"] for *_, d in snapshot(G, 3, start=3).edges(data=True)) == [3, 3, 3]


def test_graph_cumulative_counts_per_event():
    assert [g.number_of_edges() for g in cumulative(small_story())] == [0, 2, 3, 6]


def test_graph_weighted_graph_collapses_pairs():
    H = weighted_graph(interaction_graph(small_story()))
    assert isinstance(H, nx.Graph) and not H.is_directed() and not H.is_multigraph()
    assert H.edges["mira", "tomas"] == {"weight": 4, "positive": 3, "negative": 1, "neutral": 0, "copresence": 0,
                                        "first_event": 1, "valence": 0.5}
    assert H.edges["guild", "mira"]["valence"] == -1.0
    assert H.nodes["mira"]["name"] == "Mira Holm"


def test_graph_ego_network_up_to_event():
    story = small_story()
    assert {tuple(sorted(e)) for e in ego_network(story, "guild", 2).edges} == {("guild", "mira")}
    assert set(ego_network(story, "guild").nodes) == {"guild", "mira", "tomas"}
    with pytest.raises(KeyError):
        ego_network(story, "nobody")


def test_graph_metrics_per_event_values():
    metrics = metrics_per_event(small_story())
    assert [m["event"] for m in metrics] == ["e0", "e1", "e2", "e3"]
    last = metrics[-1]
    assert last["degree"] == {"mira": 2, "tomas": 2, "guild": 2}
    assert last["weighted_degree"] == {"mira": 5, "tomas": 5, "guild": 2}
    after_threat = metrics[2]
    assert after_threat["betweenness"]["mira"] == 1.0  # tomas - mira - guild
    assert after_threat["betweenness"]["tomas"] == 0.0
    assert json.loads(json.dumps(metrics)) == metrics


def test_graph_metrics_ignore_self_interactions():
    story = build_story(["A", "B"], 2, [(0, 0, 0, "neutral", True), (0, 1, 1, "positive", True)])
    first, second = metrics_per_event(story)
    assert first["degree"]["c0"] == 0 and first["weighted_degree"]["c0"] == 0
    assert second["degree"] == {"c0": 1, "c1": 1}


# -- properties --------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(stories())
def test_graph_edge_count_equals_interactions(story):
    G = interaction_graph(story)
    assert G.number_of_edges() == len(story.interactions)
    assert G.number_of_nodes() == len(story.characters)
    assert all(isinstance(v, JSON_NATIVE) for v in _all_attrs(G))


@settings(max_examples=60, deadline=None)
@given(stories())
def test_graph_snapshot_at_last_event_has_every_edge(story):
    G = interaction_graph(story)
    last = max(e.index for e in story.events)
    S = snapshot(G, last)
    assert sorted(S.edges(keys=True)) == sorted(G.edges(keys=True))


@settings(max_examples=60, deadline=None)
@given(stories())
def test_graph_snapshots_are_monotone(story):
    views = cumulative(story)
    assert len(views) == len(story.events)
    for before, after in zip(views, views[1:]):
        assert set(before.edges(keys=True)) <= set(after.edges(keys=True))
    for view, event in zip(views, sorted(story.events, key=lambda e: e.index)):
        assert all(d["event_index"] <= event.index for *_, d in view.edges(data=True))


@settings(max_examples=60, deadline=None)
@given(stories())
def test_graph_weighted_graph_conserves_interactions(story):
    H = weighted_graph(interaction_graph(story))
    assert sum(d["weight"] for *_, d in H.edges(data=True)) == len(story.interactions)
    for *_, d in H.edges(data=True):
        assert d["positive"] + d["negative"] + d["neutral"] == d["weight"]
        assert -1.0 <= d["valence"] <= 1.0


@settings(max_examples=40, deadline=None)
@given(stories())
def test_graph_metrics_are_finite_and_grow(story):
    metrics = metrics_per_event(story)
    for before, after in zip(metrics, metrics[1:]):
        for cid in before["weighted_degree"]:
            assert before["weighted_degree"][cid] <= after["weighted_degree"][cid]
            assert before["degree"][cid] <= after["degree"][cid]
    for m in metrics:
        assert all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in m["betweenness"].values())
