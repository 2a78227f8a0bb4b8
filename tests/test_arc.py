"""Tests of narrative.arc: arc points, components, smoothing, shapes."""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrative.arc import ARC_SHAPES, _template, arc_shape, character_arc, protagonist_arc, smooth
from narrative.model import Character, Event, Generator, Interaction, Mention, Sentence, Source, Story

pytest.importorskip("vaderSentiment")

LINES = [
    "Anna is a happy baker who loves her small shop.",            # 0 e1
    "Her friend Ben helps her every morning.",                     # 1 e1
    "One day Ben betrays Anna and steals her savings.",            # 2 e2
    "Anna is devastated, ruined and alone.",                       # 3 e2
    "The storm destroys the town bridge.",                         # 4 e3 (Anna absent)
    "Anna meets Clara, who kindly offers her a job.",              # 5 e4
    "Anna wins the baking contest and celebrates with joy.",       # 6 e5
]
EVENTS = [(0, 1), (2, 3), (4,), (5,), (6,)]


def make_story(lines=LINES, events=EVENTS, interactions=(), protagonist="anna", mention_words=None) -> Story:
    text = "\n".join(lines) + "\n"
    sents, pos = [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(i, "plot", pos, pos + len(line)))
        pos += len(line) + 1
    src = Source(id="plot", name="t", kind="plot", sha256="0" * 64, text=text)
    words = mention_words or {"anna": ("Anna", "her"), "ben": ("Ben",), "clara": ("Clara",)}
    chars = []
    for cid, forms in words.items():
        ms = []
        for s in sents:
            line = text[s.start:s.end]
            for form in forms:
                start = 0
                while True:
                    j = line.find(form, start)
                    if j < 0:
                        break
                    ms.append(Mention("plot", s.start + j, s.start + j + len(form), form, s.index,
                                      "pronoun" if form.islower() else "name"))
                    start = j + len(form)
        chars.append(Character(id=cid, name=forms[0], mentions=tuple(ms)))
    evs = tuple(Event(id=f"e{k + 1}", index=k, title=f"event {k + 1}", source="plot",
                      start=sents[ix[0]].start, end=sents[ix[-1]].end, sentences=tuple(ix))
                for k, ix in enumerate(events))
    return Story(id="t", title="t", generator=Generator("narrative", "test", "builtin"), sources=(src,),
                 sentences=tuple(sents), characters=tuple(chars), events=evs,
                 interactions=tuple(interactions), protagonist=protagonist)


def test_arc_values_in_range_and_components_present():
    arc = protagonist_arc(make_story())
    assert arc is not None and arc.character == "anna"
    assert [p.event for p in arc.points] == ["e1", "e2", "e3", "e4", "e5"]
    for p in arc.points:
        assert -1.0 <= p.value <= 1.0
        assert {"valence", "social", "agency", "present"} <= set(p.components)
    assert arc.shape in ARC_SHAPES
    assert 0.0 <= arc.shape_confidence <= 1.0


def test_arc_follows_what_happens_to_the_character():
    arc = character_arc(make_story(), "anna")
    v = [p.value for p in arc.points]
    assert v[1] < v[0]          # betrayed and ruined after a happy start
    assert v[4] > v[1]          # wins at the end
    assert arc.shape in ("man_in_a_hole", "cinderella")


def test_arc_absent_character_holds_previous_level():
    arc = character_arc(make_story(), "anna")
    e2, e3 = arc.points[1], arc.points[2]
    assert e3.components["present"] == 0.0
    assert e3.raw == e2.raw


def test_arc_social_and_agency_from_interactions():
    inter = (
        Interaction("ben", "anna", "e2", 2, "conflict", "betrays", True, "negative"),
        Interaction("clara", "anna", "e4", 5, "support", "offers", True, "positive"),
        Interaction("anna", "clara", "e4", 5, "meet", "meets", True, "positive"),
        Interaction("anna", "ben", "e1", 1, "copresence", "", False, "neutral", mode="copresence"),
    )
    arc = character_arc(make_story(interactions=inter), "anna")
    comps = {p.event: p.components for p in arc.points}
    assert comps["e2"]["social"] < 0 and comps["e2"]["agency"] < 0  # acted upon, badly
    assert comps["e4"]["social"] > 0 and comps["e4"]["agency"] == 0  # one act, one received
    assert comps["e1"]["social"] == 0  # mere co-presence is no interaction
    ben = character_arc(make_story(interactions=inter), "ben")
    assert {p.event: p.components for p in ben.points}["e2"]["agency"] > 0


def test_arc_smoothing_keeps_clear_dip():
    raw = [0.4, 0.5, 0.4, -0.7, 0.3, 0.5, 0.4]
    out = smooth(raw)
    assert out[3] == -0.7
    assert min(range(len(out)), key=out.__getitem__) == 3
    noisy = [0.1, 0.2, 0.1, 0.2, 0.1]
    assert max(smooth(noisy)) - min(smooth(noisy)) < max(noisy) - min(noisy)


@given(st.lists(st.floats(-1, 1), min_size=0, max_size=40))
def test_arc_smoothing_stays_within_the_raw_range(raw):
    out = smooth(raw)
    assert len(out) == len(raw)
    if raw:
        assert min(raw) - 1e-9 <= min(out) and max(out) <= max(raw) + 1e-9


@pytest.mark.parametrize("shape", ARC_SHAPES)
@pytest.mark.parametrize("n", [7, 15, 40])
def test_arc_shape_classifies_synthetic_curves(shape, n):
    rng = random.Random(n)
    values = [0.6 * _template(shape, i / (n - 1)) + rng.gauss(0, 0.08) for i in range(n)]
    got, conf = arc_shape(values)
    assert got == shape
    assert conf > 0.5


def test_arc_shape_flat_short_or_noisy():
    assert arc_shape([]) == (None, 0.0)
    assert arc_shape([0.3]) == (None, 0.0)
    assert arc_shape([0.2, 0.2, 0.2]) == (None, 0.0)
    rng = random.Random(3)
    _, conf = arc_shape([rng.uniform(-1, 1) for _ in range(30)])
    assert conf < 0.6


@settings(max_examples=50)
@given(st.lists(st.floats(-1, 1), min_size=2, max_size=50))
def test_arc_shape_confidence_in_unit_interval(values):
    shape, conf = arc_shape(values)
    assert shape is None or shape in ARC_SHAPES
    assert 0.0 <= conf <= 1.0 and not math.isnan(conf)


def test_arc_protagonist_none_without_protagonist():
    assert protagonist_arc(make_story(protagonist=None)) is None


def test_arc_no_events_gives_empty_arc():
    story = make_story(events=())
    arc = character_arc(story, "anna")
    assert arc.points == () and arc.shape is None


def test_arc_unknown_character_raises():
    with pytest.raises(KeyError):
        character_arc(make_story(), "nobody")


def test_arc_serialises_and_validates():
    from dataclasses import replace

    from narrative.serialize import from_dict, to_dict
    from narrative.schema import validate

    story = make_story()
    story = replace(story, arcs=(protagonist_arc(story),))
    doc = to_dict(story)
    validate(doc)
    assert from_dict(doc).arcs == story.arcs


def _event_with(story, phrase):
    for ev in story.events:
        if any(phrase in story.text_of(story.sentences[i]) for i in ev.sentences):
            return ev.id
    raise AssertionError(phrase)


def test_arc_aloners_falls_into_the_crisis_and_rises_to_the_end(aloners_story):
    """The crisis at work and the call to the father are low; the apology, vigil and ending rise."""
    arc = next(a for a in aloners_story.arcs if a.character == aloners_story.protagonist)
    value = {p.event: p.value for p in arc.points}
    order = [p.event for p in arc.points]
    crisis = _event_with(aloners_story, "more emotional than usual")
    call = _event_with(aloners_story, "calls her father")
    apology = _event_with(aloners_story, "apologising")
    vigil = _event_with(aloners_story, "vigil")
    before = order[order.index(crisis) - 1]
    assert value[crisis] < value[before]                       # falls into the crisis
    low = min(value[crisis], value[call])
    assert value[apology] > low and value[vigil] > low         # rises through the apology and the vigil
    assert value[order[-1]] > low and value[order[-1]] > 0     # and ends above it
    assert value[order[-1]] > max(value[crisis], value[call]) + 0.2  # the ending is well clear of the crisis


def test_arc_long_texts_are_scored_in_chunks():
    from narrative.arc import _CHUNK_WORDS, _valence_of
    from narrative.valence import valence

    short = ["Ana is happy", "Tom is sad"]
    assert _valence_of(short, valence) == valence(" ".join(short))
    long = ["Ana is very happy and grateful today"] * (_CHUNK_WORDS // 3)
    value = _valence_of(long, valence)
    assert -1 <= value <= 1 and value > 0


def test_arc_shape_reads_the_directions_of_an_asymmetric_curve():
    # rises for five events, then falls lower than it started: Icarus, not a plain fall
    shape, conf = arc_shape([-0.15, 0.04, 0.10, 0.20, 0.28, -0.77, -0.39, -0.49, -0.86])
    assert shape == "icarus" and conf > 0.5
    # a deep late hole and a recovery: man in a hole, wherever the bottom falls
    assert arc_shape([0.5, 0.45, 0.4, 0.3, 0.2, 0.0, -0.3, -0.6, 0.4, 0.6])[0] == "man_in_a_hole"


def test_arc_shape_a_wiggle_is_no_stage():
    shape, conf = arc_shape([0.0, 0.1, 0.2, 0.25, 0.35, 0.33, 0.45, 0.5, 0.6, 0.7])
    assert shape == "rags_to_riches" and conf > 0.9


def test_arc_shape_of_short_curves():
    assert arc_shape([0, 1, 0])[0] == "icarus"
    assert arc_shape([1, 0, 1])[0] == "man_in_a_hole"
    assert arc_shape([0, 1, 0, 1])[0] == "cinderella"


def test_an_arc_starts_where_the_character_enters():
    from narrative.pipeline import analyze
    story = analyze("The storm destroys the town. Everyone mourns the dead.\n\nLater, Ana wins the lottery and is "
                    "overjoyed. Ana buys a house and marries her love.\n\nAna loses everything in a fire and weeps.",
                    engine="builtin", name="t")
    arc = story.arcs[0]
    assert arc.character == "ana" and arc.points[0].components["present"] == 0.0
    assert arc.points[0].raw == arc.points[1].raw  # not a made-up 0 before she appears
