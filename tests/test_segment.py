"""Scene segmentation: boundaries from paragraphs, time cues and cast changes."""
from __future__ import annotations

import pytest

from narrative.pipeline import STEPS, analyze
from narrative.segment import TIME_CUE


def events_of(text: str, **kw):
    return analyze(text, engine="builtin", steps=STEPS[:3], **kw)


@pytest.mark.parametrize("opening", [
    "The following Monday", "That evening", "In the meantime", "Upon returning", "Later", "The next day",
    "Meanwhile", "Two years later", "One day", "Back at the house", "The following day",
])
def test_segment_time_cues_are_recognised(opening):
    assert TIME_CUE.match(opening + ", Ana leaves.")


@pytest.mark.parametrize("opening", ["She leaves", "Ana's laterality", "Lateral thinking helps", "Oneday"])
def test_segment_time_cue_needs_the_whole_phrase(opening):
    assert not TIME_CUE.match(opening)


def test_segment_paragraph_breaks_and_time_cues_split_events():
    text = ("Ana works at a bakery. Ana bakes bread for her boss.\n\n"
            "The next day, Ana meets Tom at the market. Tom invites Ana to a party.\n\n"
            "That evening, Ana argues with her boss. The boss fires her.")
    story = events_of(text)
    assert [e.sentences for e in story.events] == [(0, 1), (2, 3), (4, 5)]
    assert story.events[1].time == "The next day"


def test_segment_long_paragraph_can_hold_several_events():
    text = ("Ana works at a bakery and bakes bread for her boss. Her boss praises her. "
            "That evening, Tom calls Ana. Tom asks Ana to marry him.")
    story = events_of(text)
    assert len(story.events) == 2
    assert story.events[1].sentences == (2, 3)


def test_segment_one_sentence_paragraph_joins_its_neighbour_when_it_points_back():
    text = "Ana calls her father and screams at him.\n\nThis causes him to hang up on Ana."
    story = events_of(text)
    assert len(story.events) == 1


def test_segment_event_offsets_slice_back_and_cover_sentences():
    text = "Ana meets Tom. Tom smiles.\n\nLater, Ana leaves the town."
    story = events_of(text)
    src = story.plot.text
    for e in story.events:
        first, last = story.sentences[e.sentences[0]], story.sentences[e.sentences[-1]]
        assert (e.start, e.end) == (first.start, last.end)
        assert src[e.start:e.end].startswith(src[first.start:first.end])
    covered = [s for e in story.events for s in e.sentences]
    assert covered == list(range(len(story.sentences)))


def test_segment_participants_are_characters_of_the_event():
    story = events_of("Ana meets Tom.\n\nThe next day, Ben calls Ana.")
    ids = {c.name: c.id for c in story.characters}
    assert set(story.events[0].participants) == {ids["Ana"], ids["Tom"]}
    assert set(story.events[1].participants) == {ids["Ana"], ids["Ben"]}


def test_segment_aloners_key_events_come_out_distinct(aloners_story):
    story = aloners_story
    text = story.plot.text
    lead = story.protagonist

    def event_with(phrase):
        pos = text.index(phrase)
        return next(e for e in story.events if e.start <= pos < e.end)

    training = event_with("asks her to train a new employee")
    death = event_with("getting crushed to death")
    call = event_with("calls her father, screaming at him")
    vigil = event_with("holds a vigil")
    assert len({training.id, death.id, call.id, vigil.id}) == 4
    father = next(c.id for c in story.characters if any(r.type == "father" and r.target == lead for r in c.relations))
    assert father in call.participants and lead in call.participants
    assert call.title.endswith("her father")


def test_segment_long_runs_without_boundaries_are_cut():
    from narrative.segment import MAX_EVENT_SENTENCES

    text = " ".join(f"Ana meets Tom number {i}." for i in range(40))
    story = events_of(text)
    assert all(len(e.sentences) <= MAX_EVENT_SENTENCES for e in story.events)
    assert [s for e in story.events for s in e.sentences] == list(range(len(story.sentences)))
