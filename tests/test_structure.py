"""Tests of narrative.structure: turning points, stages, Freytag, the TP model and the eval helpers."""
from __future__ import annotations

import itertools
import json
import math
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrative.model import (FREYTAG_PARTS, STAGE_NAMES, TURNING_POINT_KINDS, Event, Generator, Sentence, Source,
                             Story)
from narrative.structure import (DEFAULT_MODEL_PATH, TPModel, analyze_structure, decode, default_tp_model, freytag,
                                 load_tp_model, stages, tokens, turning_points)

pytest.importorskip("vaderSentiment")

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("Anna meets Ben at the market. The storm destroys the bridge. Carl decides to leave town. "
         "Dana is killed in the fire. Everyone celebrates the harvest. Ben finally confronts Carl. "
         "They talk about the weather. Anna loses her job. Ben offers Anna a new house.").split(". ")


def make_story(n: int, event_size: int = 3, seed: int = 0, with_events: bool = True) -> Story:
    rng = random.Random(seed)
    lines = [rng.choice(WORDS).rstrip(".") + "." for _ in range(n)]
    text = "\n".join(lines) + "\n"
    sents, pos = [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(i, "plot", pos, pos + len(line), paragraph=i // 4))
        pos += len(line) + 1
    events = ()
    if with_events and n:
        events = tuple(
            Event(id=f"e{k + 1}", index=k, title=f"event {k + 1}", source="plot",
                  start=sents[a].start, end=sents[min(a + event_size, n) - 1].end,
                  sentences=tuple(range(a, min(a + event_size, n))))
            for k, a in enumerate(range(0, n, event_size)))
    src = Source(id="plot", name="t", kind="plot", sha256="0" * 64, text=text)
    return Story(id="t", title="t", generator=Generator("narrative", "test", "builtin"), sources=(src,),
                 sentences=tuple(sents), events=events)


def _check_cover(parts, n, names):
    assert tuple(p.name for p in parts) == names
    assert parts[0].start_sentence == 0 and parts[-1].end_sentence == n - 1
    for a, b in zip(parts, parts[1:]):
        assert b.start_sentence == a.end_sentence + 1  # contiguous, no overlap
    for p in parts:
        assert p.end_sentence >= p.start_sentence - 1
        assert p.start_sentence >= 0 and p.end_sentence >= 0
    covered = [i for p in parts for i in range(p.start_sentence, p.end_sentence + 1)]
    assert covered == list(range(n))


@pytest.mark.parametrize("n", [5, 6, 12, 40, 80])
def test_structure_five_strictly_increasing(n):
    tps = turning_points(make_story(n, seed=n))
    assert tuple(tp.kind for tp in tps) == TURNING_POINT_KINDS
    pos = [tp.sentence for tp in tps]
    assert all(a < b for a, b in zip(pos, pos[1:]))
    assert 0 <= pos[0] and pos[-1] < n


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 70), st.integers(1, 6), st.integers(0, 10_000))
def test_structure_properties(n, event_size, seed):
    story = make_story(n, event_size, seed)
    s = analyze_structure(story)
    pos = [tp.sentence for tp in s.turning_points]
    assert len(pos) == 5 and all(a < b for a, b in zip(pos, pos[1:]))
    for tp in s.turning_points:
        ev = next(e for e in story.events if e.id == tp.event)
        assert tp.sentence in ev.sentences
        assert 0.0 <= tp.score <= 1.0
    _check_cover(s.stages, n, STAGE_NAMES)
    _check_cover(s.freytag, n, FREYTAG_PARTS)
    for stage in s.stages:  # each stage lists the events it overlaps
        for eid in stage.events:
            ev = next(e for e in story.events if e.id == eid)
            assert any(stage.start_sentence <= i <= stage.end_sentence for i in ev.sentences)


def test_structure_turning_point_closes_its_stage():
    story = make_story(30)
    tps = turning_points(story)
    st_ = stages(story, tps)
    for tp, stage in zip(tps, st_):
        assert stage.end_sentence == tp.sentence
    assert st_[-1].start_sentence == tps[-1].sentence + 1


def test_structure_no_events_gives_event_none():
    story = make_story(20, with_events=False)
    tps = turning_points(story)
    assert len(tps) == 5 and all(tp.event is None for tp in tps)
    assert all(stage.events == () for stage in stages(story, tps))


@pytest.mark.parametrize("n", [1, 2, 4])
def test_structure_short_synopsis(n):
    story = make_story(n)
    s = analyze_structure(story)
    pos = [tp.sentence for tp in s.turning_points]
    assert len(pos) == 5 and pos == sorted(pos) and max(pos) < n
    _check_cover(s.stages, n, STAGE_NAMES)
    _check_cover(s.freytag, n, FREYTAG_PARTS)


def test_structure_empty_story():
    s = analyze_structure(make_story(0))
    assert s.turning_points == () and s.stages == () and s.freytag == ()


def test_structure_freytag_climax_holds_the_climax_sentence():
    story = make_story(40)
    tps = turning_points(story)
    parts = {p.name: p for p in freytag(story, tps)}
    assert parts["climax"].start_sentence <= tps[-1].sentence <= parts["climax"].end_sentence
    assert parts["exposition"].end_sentence <= tps[0].sentence


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 8), st.integers(0, 10_000), st.floats(0, 2))
def test_structure_decode_is_optimal(k, n, seed, gap_weight):
    rng = random.Random(seed)
    logp = [[rng.uniform(-5, 0) for _ in range(n)] for _ in range(k)]
    means, sds = [0.2] * (k - 1), [0.1] * (k - 1)
    path = decode(logp, means, sds, gap_weight)
    strict = n >= k

    def score(p):
        total = sum(logp[j][i] for j, i in enumerate(p))
        for j in range(k - 1):
            d = (p[j + 1] - p[j]) / max(n - 1, 1)
            total -= gap_weight * 0.5 * ((d - means[j]) / sds[j]) ** 2
        return total

    cands = [p for p in itertools.product(range(n), repeat=k)
             if all((a < b) if strict else (a <= b) for a, b in zip(p, p[1:]))]
    assert len(path) == k
    assert math.isclose(score(path), max(score(p) for p in cands), rel_tol=1e-9, abs_tol=1e-9)


def test_structure_cue_words_move_a_turning_point():
    """A death near three quarters of an otherwise flat plot draws the major setback to it."""
    lines = ["The family has breakfast in the kitchen."] * 40
    lines[29] = "Suddenly their father is killed, and the family loses everything."
    text = "\n".join(lines) + "\n"
    sents, pos = [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(i, "plot", pos, pos + len(line)))
        pos += len(line) + 1
    story = Story(id="t", title="t", generator=Generator("narrative", "test", "builtin"),
                  sources=(Source(id="plot", name="t", kind="plot", sha256="0" * 64, text=text),),
                  sentences=tuple(sents))
    tps = {tp.kind: tp.sentence for tp in turning_points(story)}
    assert tps["major_setback"] == 29


def test_structure_model_json_roundtrip(tmp_path):
    model = default_tp_model()
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()))
    again = load_tp_model(path)
    assert len(again.weights) == 5 and len(again.position) == 5
    story = make_story(25)
    assert [tp.sentence for tp in turning_points(story, again)] == [tp.sentence for tp in turning_points(story, model)]


def test_structure_shipped_model_is_fitted():
    assert DEFAULT_MODEL_PATH.exists()
    model = load_tp_model(DEFAULT_MODEL_PATH)
    assert model.info.get("fitted") is True
    assert all(len(row) == len(model.weights[0]) for row in model.weights)


def test_structure_env_model_replaces_default(tmp_path, monkeypatch):
    model = default_tp_model()
    # a model whose climax prior sits at the start pushes every TP to the first sentences
    early = tuple(tuple(-50.0 * (g / 100) for g in range(101)) for _ in range(5))
    custom = replace(model, position=early, weights=tuple((5.0,) + (0.0,) * (len(w) - 1) for w in model.weights),
                     gap_weight=0.0, smooth=0.0)
    path = tmp_path / "early.json"
    path.write_text(json.dumps(custom.to_json()))
    monkeypatch.setenv("NARRATIVE_TP_MODEL", str(path))
    assert [tp.sentence for tp in turning_points(make_story(30))] == [0, 1, 2, 3, 4]


def test_structure_tokens_stem_cue_words():
    assert tokens("She decides; he killed them, and it offers hope")[:1] == ["decid"]
    assert "kill" in tokens("he killed them") and "offer" in tokens("it offers hope")


def test_structure_serialises_and_validates():
    from narrative.schema import validate
    from narrative.serialize import from_dict, to_dict

    story = make_story(30)
    story = replace(story, structure=analyze_structure(story))
    doc = to_dict(story)
    validate(doc)
    assert from_dict(doc).structure == story.structure


# ------------------------------------------------------------------ the evaluation scripts' helpers

@pytest.fixture()
def scripts():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import eval_tripod
        import fit_tp_priors

        yield fit_tp_priors, eval_tripod
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_structure_eval_metrics_and_fixed_positions(scripts):
    _, E = scripts
    m = E.metrics([[1, 2, 3, 4, 5]], [[1, 3, 3, 6, 5]], [10])
    ta, w1, d = m["overall"]
    assert ta == pytest.approx(3 / 5) and w1 == pytest.approx(4 / 5) and d == pytest.approx(3 / 50)
    assert E.fixed_positions(21) == [2, 5, 10, 15, 19]


def test_structure_read_rows_falls_back_to_segmented(tmp_path, scripts):
    F, _ = scripts
    path = tmp_path / "t.csv"
    seg = " ".join(f"[STR_SENT] S{i}. [END_SENT]" for i in range(6))
    path.write_text("movie_name,synopsis_raw,synopsis_segmented,tp1,tp2,tp3,tp4,tp5\n"
                    f'Film_0,"S0. S1. S2.\n\nS3. S4. S5.",{seg},0,1,2,4,5\n'
                    f'Film_1,"A.\nB.\n\nC.\nD.\nE.\nF.",{seg},0,1,2,3,5\n')
    rows = F.read_rows(path)
    assert [r.source for r in rows] == ["segmented", "raw"]
    assert rows[0].n == 6 and rows[0].text.splitlines()[4] == "S4."
    assert rows[0].film == rows[1].film == "Film"
    story = F.story_from_text(rows[1].text)
    assert len(story.sentences) == 6 and story.sentences[2].paragraph == 1
    assert story.text_of(story.sentences[3]) == "D."


def test_structure_fit_and_cross_validate_small(scripts):
    F, E = scripts
    rows, stories = [], []
    for f in range(6):
        story = make_story(20, seed=f, with_events=False)
        gold = (2, 5, 10, 15, 18)
        rows.append(F.Row(f"F{f}_0", f"F{f}", "", 20, gold, "raw"))
        stories.append(story)
    model = F.fit([F.prepare(s, r.film, r.gold) for s, r in zip(stories, rows)])
    assert isinstance(model, TPModel) and model.info["films"] == 6
    preds, prior = E.cross_validate(rows, stories, 3, 0, {})
    assert all(len(p) == 5 for p in preds + prior)


def test_structure_decode_long_texts_by_bins():
    """Above the decoder's limit the search runs over bins; positions stay strictly increasing
    and each is the best sentence of its bin."""
    import random

    from narrative.structure import _DECODE_LIMIT, decode

    rng = random.Random(3)
    n = _DECODE_LIMIT * 7 + 5
    logp = [[rng.uniform(-5, 0) for _ in range(n)] for _ in range(5)]
    peaks = [n // 10, n // 4, n // 2, 3 * n // 4, n - 3]
    for row, peak in zip(logp, peaks):
        row[peak] = 10.0
    assert decode(logp) == peaks


def _plain_story(lines: list[str]) -> Story:
    text = "\n".join(lines) + "\n"
    sents, pos = [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(i, "plot", pos, pos + len(line)))
        pos += len(line) + 1
    return Story(id="t", title="t", generator=Generator("narrative", "test", "builtin"),
                 sources=(Source(id="plot", name="t", kind="plot", sha256="0" * 64, text=text),),
                 sentences=tuple(sents))


def test_structure_char_positions_count_characters():
    from narrative.structure import char_positions

    lines = ["Short one."] * 3 + ["A very long sentence " * 20 + "ends here."] + ["Short two."] * 3
    rel = char_positions(_plain_story(lines))
    assert rel[0] == 0.0 and all(a < b for a, b in zip(rel, rel[1:])) and rel[-1] < 1.0
    # the long sentence pushes everything after it towards the end: sentence 4 of 7 starts past 80 %
    assert rel[4] > 0.8 and rel[3] < 0.2
    assert char_positions(make_story(0, with_events=False)) == []


def test_structure_position_in_characters_moves_a_turning_point():
    """Peaked at the middle, the character-position prior picks the first sentence after a long opening
    sentence (half the characters lie before it), the sentence-position prior the middle sentence."""
    from narrative.structure import KIND_FEATURES, _scores

    lines = ["A very long sentence " * 20 + "ends here."] + ["Short one."] * 9
    story = _plain_story(lines)
    model = default_tp_model()
    n_feats = len(model.weights[0])
    peak = tuple(tuple(-200.0 * (g / 100 - 0.5) ** 2 for g in range(101)) for _ in range(5))

    def only(name):
        col = KIND_FEATURES.index(name)
        w = tuple(tuple(1.0 if j == col else 0.0 for j in range(n_feats)) for _ in range(5))
        return replace(model, position=peak, position_chars=peak, weights=w, gap_weight=0.0, smooth=0.0)

    def best(m):
        row = _scores(story, m)[0]
        return max(range(len(row)), key=row.__getitem__)

    assert best(only("position_chars")) == 1
    assert best(only("position")) in (4, 5)
    # a model file without character priors (written before them) still decodes five sentences
    old = TPModel.from_json({k: v for k, v in only("position_chars").to_json().items() if k != "position_chars"})
    assert old.position_chars == () and len(turning_points(story, old)) == 5


def test_structure_novelty_marks_a_new_thread():
    from narrative.structure import SHARED_FEATURES, sentence_features

    lines = ["Ann walks to school.", "Ann eats lunch.", "Then Ann meets Zorro near the mill.",
             "Ann and Zorro talk.", "Ann likes Zorro.", "Ann goes home."]
    shared, _, _ = sentence_features(_plain_story(lines))
    col = SHARED_FEATURES.index("new_names")
    assert [row[col] for row in shared] == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    back = SHARED_FEATURES.index("backward_overlap")
    fwd = SHARED_FEATURES.index("forward_overlap")
    assert shared[0][back] == 0.0 and shared[-1][fwd] == 0.0 and shared[4][back] > 0.0


def test_structure_soft_targets_and_fit_settings(scripts):
    F, _ = scripts
    import numpy as np

    t = F._soft_targets(5, 2, 0.1)
    assert np.allclose(t, [0, 0.1, 0.8, 0.1, 0]) and np.isclose(F._soft_targets(5, 0, 0.1).sum(), 1.0)
    assert np.allclose(F._soft_targets(3, 2, 0.1), [0, 0.1, 0.9])
    data = [F.prepare(make_story(20, seed=f, with_events=False), f"F{f}", (2, 5, 10, 15, 18)) for f in range(4)]
    model = F.fit(data, soft=0.2, smooth=0.0)
    assert model.smooth == 0.0 and model.info["soft"] == 0.2 and len(model.position_chars) == 5


def test_structure_centrality_prefers_the_main_thread():
    """A sentence made of the words the synopsis keeps returning to is more central than an aside, and
    words found nowhere else add nothing (the sentence is left out of the synopsis it is compared to)."""
    from narrative.structure import _centrality

    lines = ["Ann guards the old lighthouse on the island.", "A storm hits the island at night.",
             "Ann climbs the lighthouse in the storm to light the lamp on the island.",
             "Her cousin once sold shoes in a distant town.", "The lamp of the lighthouse saves a ship.",
             "Ann sleeps."]
    central = _centrality([tokens(t) for t in lines])
    assert central[2] == max(central) and central[3] == 0.0
    assert all(0.0 <= c <= 1.0 for c in central)
    assert _centrality([tokens("One line only.")]) == [0.0]


def test_structure_local_centrality_marks_the_sentence_of_its_stretch():
    from narrative.structure import SHARED_FEATURES, _local, sentence_features

    assert _local([0.0, 0.0, 3.0, 0.0, 0.0]) == [-1.5, -1.0, 3.0, -1.0, -1.5]
    assert _local([5.0]) == [0.0]
    lines = ["Ann guards the old lighthouse on the island.", "It rains.", "A dog barks twice.",
             "Ann climbs the lighthouse on the island to light the lamp.", "Birds sing.", "Cars pass.",
             "Ann saves the island with the lamp of the lighthouse."]
    shared, _, _ = sentence_features(_plain_story(lines))
    col = SHARED_FEATURES.index("local_central")
    loc = [row[col] for row in shared]
    # the three sentences of the lighthouse stand out of their stretches, the asides do not
    assert [v > 0 for v in loc] == [True, False, False, True, False, False, True]


def test_structure_stacked_fit_equals_the_per_story_gradient(scripts):
    """The segment-wise softmax of `_softmax_fit` gives the same weights as one softmax per story."""
    F, _ = scripts
    import numpy as np

    rng = np.random.default_rng(0)
    mats = [rng.normal(size=(n, 4)) for n in (5, 9, 3, 12)]
    golds = [1, 8, 0, 6]

    def reference(l2, soft, iters=50, lr=0.5):
        w = np.zeros(4)
        m = np.zeros(4)
        v = np.zeros(4)
        for t in range(1, iters + 1):
            grad = np.zeros(4)
            for X, g in zip(mats, golds):
                s = X @ w
                p = np.exp(s - s.max())
                p /= p.sum()
                grad += F._soft_targets(len(X), g, soft) @ X - p @ X
            grad = grad / len(mats) - 2 * l2 * w
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad ** 2
            w += lr * 0.1 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        return w

    for l2, soft in ((0.1, 0.1), (0.0, 0.0)):
        assert np.allclose(F._softmax_fit(mats, golds, l2, iters=50, soft=soft), reference(l2, soft), atol=1e-9)


def test_structure_fit_learns_cue_words_only_when_asked(scripts):
    """Learned cue words are opt-in (``--cues``): by default the model holds none and their weight is 0."""
    F, _ = scripts
    from narrative.structure import KIND_FEATURES

    lines = ["Ann sells shoes in town.", "Ann buys bread."] * 6
    data = []
    for f in range(6):
        text = list(lines)
        text[3] = "Ann finds a mysterious letter."
        data.append(F.prepare(_plain_story(text), f"F{f}", (3, 5, 7, 9, 11)))
    plain = F.fit(data)
    col = KIND_FEATURES.index("learned_cues")
    assert all(c == {} for c in plain.cues) and all(w[col] == 0.0 for w in plain.weights)
    learned = F.fit(data, use_cues=True)
    assert "mysteriou" in learned.cues[0] and "letter" in learned.cues[0]


def test_structure_fit_weighs_each_film_as_one(scripts):
    """A film annotated twice weighs as one film in the fit of the weights: its stories get half a
    weight each, and a story of weight 2 fits like the same story given twice."""
    F, _ = scripts
    import numpy as np

    data = [F.prepare(make_story(20, seed=f, with_events=False), film, (2, 5, 10, 15, 18))
            for f, film in enumerate(("A", "A", "B", "C"))]
    assert F.film_weights(data) == [0.5, 0.5, 1.0, 1.0]
    rng = np.random.default_rng(1)
    mats = [rng.normal(size=(n, 3)) for n in (6, 8, 5)]
    golds = [2, 7, 0]
    weighted = F._softmax_fit(mats, golds, 0.1, iters=60, sample_weights=[2.0, 1.0, 1.0])
    doubled = F._softmax_fit([mats[0]] + mats, [golds[0]] + golds, 0.1, iters=60)
    assert np.allclose(weighted, doubled, atol=1e-9)
    assert not np.allclose(weighted, F._softmax_fit(mats, golds, 0.1, iters=60), atol=1e-3)


def test_structure_fit_script_analyses_like_the_cli(scripts):
    """The shipped model is fitted on synopses analysed by the pipeline (characters, events...), the
    features the model sees at run time, not on bare sentences."""
    F, _ = scripts
    text = ("Anna meets Ben at the market.\nBen offers Anna a job.\n\nAnna decides to leave town.\n"
            "Carl kills Ben.\nAnna confronts Carl.\nAnna goes home.\n")
    row = F.Row("Film_0", "Film", text, 6, (0, 1, 2, 3, 4), "raw")
    story, = F.analyse_rows([row], engine="builtin")
    assert len(story.sentences) == 6 and story.characters and story.events
    assert story.sentences[2].paragraph != story.sentences[1].paragraph
