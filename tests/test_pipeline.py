"""The pipeline: declared requirements checked up front, injected layers, the Python API."""
from __future__ import annotations

import dataclasses

import pytest

import narrative
from narrative.errors import InputError, PipelineError
from narrative.model import Sentence
from narrative.pipeline import STEPS, Step, analyze, check_chain


def test_pipeline_check_chain_reports_every_missing_layer_at_once():
    steps = [s for s in STEPS if s.name not in ("annotate", "characters")]
    with pytest.raises(PipelineError) as err:
        check_chain(steps, {"sources"})
    message = str(err.value)
    assert "'events' needs annotation, characters, sentences" in message
    assert "'interactions' needs" in message


def test_pipeline_steps_declare_a_complete_chain():
    check_chain(STEPS, {"sources"})
    provided = set().union(*(s.provides for s in STEPS))
    assert {"sentences", "characters", "events", "interactions", "arcs", "structure"} <= provided


def test_pipeline_injected_sentences_are_used():
    text = "Ana meets Tom and they talk for hours about everything. Tom leaves."
    cut = text.index(" and they")
    gold = (Sentence(0, "story", 0, cut), Sentence(1, "story", cut + 1, len(text)))
    story = analyze(text, engine="builtin", steps=STEPS[:2], given={"sentences": gold})
    assert story.sentences == gold


def test_pipeline_injected_characters_skip_the_linker():
    base = analyze("Ana meets Tom. Tom smiles.", engine="builtin", steps=STEPS[:2])
    renamed = tuple(dataclasses.replace(c, name=c.name.upper()) for c in base.characters)
    story = analyze("Ana meets Tom. Tom smiles.", engine="builtin", steps=STEPS[:3],
                    given={"characters": renamed, "protagonist": base.protagonist})
    assert [c.name for c in story.characters] == [c.name.upper() for c in base.characters]
    assert story.events


def test_pipeline_custom_step_runs_in_order():
    seen = []

    def spy(ctx):
        seen.append(len(ctx.story.characters))
        return ctx

    steps = list(STEPS[:2]) + [Step("spy", frozenset({"characters"}), frozenset({"spied"}), spy)]
    analyze("Ana meets Tom.", engine="builtin", steps=steps)
    assert seen == [2]


def test_pipeline_api_accepts_text_and_paths(seeds_dir):
    story = narrative.analyze("Ana meets Tom. Tom smiles at Ana.", engine="builtin")
    assert story.protagonist == "ana"
    with pytest.raises(InputError):
        narrative.analyze("   \n  ", engine="builtin")


def test_pipeline_is_deterministic(seeds_dir):
    from narrative.export.json import to_json

    a = to_json(analyze(seeds_dir, engine="builtin"))
    b = to_json(analyze(seeds_dir, engine="builtin"))
    assert a == b


def test_pipeline_sentences_per_line_follows_lines():
    text = "Ana meets Tom. Tom smiles\nat the dog.\n\nLater Ana leaves.\n"
    story = analyze(text, engine="builtin", sentences_per_line=True, steps=STEPS[:1])
    src = story.plot.text
    assert [src[s.start:s.end] for s in story.sentences] == ["Ana meets Tom. Tom smiles", "at the dog.",
                                                              "Later Ana leaves."]
    assert [s.paragraph for s in story.sentences] == [0, 0, 1]


def test_pipeline_injected_annotation_is_not_annotated_again():
    from narrative.nlp.builtin import BuiltinEngine

    class Spy(BuiltinEngine):
        calls = 0

        def annotate(self, *args, **kwargs):
            Spy.calls += 1
            return super().annotate(*args, **kwargs)

    text = "Ana meets Tom. Tom smiles."
    ann = BuiltinEngine().annotate(text)
    story = analyze(text, engine=Spy(), steps=STEPS[:2], given={"annotation": ann})
    assert Spy.calls == 0 and len(story.sentences) == 2


def test_pipeline_given_protagonist_alone_still_links_characters():
    story = analyze("Ana meets Tom. Tom smiles. Tom waves.", engine="builtin", given={"protagonist": "ana"})
    assert story.protagonist == "ana" and story.characters and story.arcs[0].character == "ana"


def test_pipeline_gold_sentences_that_do_not_fit_are_refused():
    text = "Ana meets Tom.\nTom smiles."
    gold = (Sentence(0, "story", 0, len(text)),)  # holds a line break: cannot be one annotated sentence
    with pytest.raises(PipelineError):
        analyze(text, engine="builtin", steps=STEPS[:2], given={"sentences": gold})


def test_pipeline_missing_path_like_string_is_an_error():
    with pytest.raises(InputError):
        narrative.analyze("plots/no-such-plot.txt", engine="builtin")


def test_pipeline_page_without_plot_text_is_an_error():
    with pytest.raises(InputError, match="no plot text"):
        narrative.analyze("= Title =\n\n==Plot==\n\n==Cast==\n", engine="builtin")
