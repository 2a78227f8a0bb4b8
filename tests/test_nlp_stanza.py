"""The stanza adapter and engine, on real stanza Documents read from hand-made CoNLL-U.

The fixtures in tests/fixtures/stanza/ carry a gold parse written by hand, character
offsets and NER tags in MISC, and the source text in a `# narrative_text` comment (JSON).
Coreference chains are attached the way stanza's coref processor attaches them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrative.nlp import models
from narrative.nlp.base import Annotation

stanza = pytest.importorskip("stanza", reason="stanza is not installed")
from stanza.models.common.doc import Word  # noqa: E402
from stanza.models.coref.coref_chain import CorefChain, CorefMention  # noqa: E402
from stanza.utils.conll import CoNLL  # noqa: E402

from narrative.nlp.stanza_engine import (  # noqa: E402
    StanzaEngine, from_stanza_document, join_lines, line_segments, paragraph_counter)

pytestmark = pytest.mark.stanza
FIXTURES = Path(__file__).parent / "fixtures" / "stanza"


def load_fixture(name: str) -> tuple[object, str]:
    """(stanza Document, source text) of a fixture; doc.text is the text stanza was given."""
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    line = next(ln for ln in raw.splitlines() if ln.startswith("# narrative_text = "))
    text = json.loads(line.split(" = ", 1)[1])
    return CoNLL.conll2doc(input_str=raw), text


def finish(doc, stanza_text: str):
    """Attach the text and build entities from the NER tags, as stanza's pipeline does."""
    doc.text = stanza_text
    doc.build_ents()
    return doc


def chain(index: int, mentions: list[CorefMention], representative: int) -> CorefChain:
    """A CorefChain built like stanza's CorefProcessor builds it."""
    return CorefChain(index, mentions, "_", representative)


@pytest.fixture
def mara() -> tuple[object, str]:
    doc, text = load_fixture("mara_trains_tom.conllu")
    doc = finish(doc, text)
    # Mara ... She ; a new employee called Tom ... him ... Tom
    doc.coref = [
        chain(0, [CorefMention(0, 0, 1), CorefMention(1, 0, 1)], 0),
        chain(1, [CorefMention(0, 2, 7), CorefMention(1, 2, 3), CorefMention(2, 0, 1)], 0),
    ]
    return doc, text


@pytest.fixture
def mara_ann(mara) -> Annotation:
    doc, text = mara
    return from_stanza_document(doc, text)


def test_stanza_fixture_is_a_real_document(mara):
    doc, _ = mara
    assert type(doc).__module__ == "stanza.models.common.doc"
    assert [len(s.words) for s in doc.sentences] == [8, 4, 7]
    assert doc.sentences[1].words[0].coref_chains[0].chain.index == 0


def test_stanza_adapter_offsets_slice_back_to_token_text(mara_ann):
    text = mara_ann.text
    for sent in mara_ann.sentences:
        assert text[sent.start:sent.end].strip() == text[sent.start:sent.end]
        for tok in sent.tokens:
            assert text[tok.start:tok.end] == tok.text
            assert sent.start <= tok.start < tok.end <= sent.end
    assert [text[s.start:s.end] for s in mara_ann.sentences] == [
        "Mara trains a new employee called Tom.", "She scolds him.", "Tom can't sleep that night."]


def test_stanza_adapter_expands_multi_word_tokens(mara_ann):
    words = mara_ann.sentences[2].tokens
    assert [t.text for t in words] == ["Tom", "ca", "n't", "sleep", "that", "night", "."]
    assert [(t.start, t.end) for t in words[1:3]] == [(60, 62), (62, 65)]
    assert [t.lemma for t in words[1:3]] == ["can", "not"]


def test_stanza_adapter_maps_heads_and_deprels(mara_ann):
    first, second, third = mara_ann.sentences
    assert [t.head for t in first.tokens] == [1, -1, 4, 4, 1, 4, 5, 1]
    assert [t.deprel for t in first.tokens] == [
        "nsubj", "root", "det", "amod", "obj", "acl", "xcomp", "punct"]
    assert [t.head for t in second.tokens] == [1, -1, 1, 1]
    assert [t.head for t in third.tokens] == [3, 3, 3, -1, 5, 3, 3]
    assert third.tokens[5].deprel == "obl:tmod"
    assert mara_ann.has_parse
    assert mara_ann.engine == "stanza"


def test_stanza_adapter_maps_upos_and_lemmas(mara_ann):
    first = mara_ann.sentences[0]
    assert [t.upos for t in first.tokens] == [
        "PROPN", "VERB", "DET", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"]
    assert [t.lemma for t in first.tokens][:2] == ["Mara", "train"]
    assert mara_ann.sentences[1].tokens[2].lemma == "he"


def test_stanza_adapter_entities(mara_ann):
    assert [(e.start, e.end, e.text, e.label) for e in mara_ann.entities] == [
        (0, 4, "Mara", "PERSON"), (34, 37, "Tom", "PERSON"),
        (56, 59, "Tom", "PERSON"), (72, 82, "that night", "TIME")]


def test_stanza_adapter_coref_spans(mara_ann):
    text = mara_ann.text
    assert [[text[s:e] for s, e in c] for c in mara_ann.coref] == [
        ["Mara", "She"], ["a new employee called Tom", "him", "Tom"]]
    assert mara_ann.coref[1] == ((12, 37), (50, 53), (56, 59))


def test_stanza_adapter_paragraphs_follow_blank_lines(mara_ann):
    assert [s.paragraph for s in mara_ann.sentences] == [0, 0, 1]


def test_stanza_adapter_shifts_offsets_of_a_body_span():
    doc, text = load_fixture("mara_trains_tom.conllu")
    doc = finish(doc, text)
    full = "Plot\n\n" + text
    ann = from_stanza_document(doc, full, offset=6)
    assert ann.text == full
    for sent in ann.sentences:
        assert all(full[t.start:t.end] == t.text for t in sent.tokens)
    assert [e.text for e in ann.entities] == ["Mara", "Tom", "Tom", "that night"]
    assert [s.paragraph for s in ann.sentences] == [1, 1, 2]


def test_stanza_adapter_sentences_per_line_offsets_map_back():
    doc, text = load_fixture("jina_lines.conllu")
    body_start = text.index("Jina")
    joined, shift = join_lines(text, body_start)
    doc = finish(doc, joined)
    # the fixture's offsets index the joined lines, as stanza's no_ssplit input
    for sent in doc.sentences:
        for tok in sent.tokens:
            assert joined[tok.start_char:tok.end_char] == tok.text
    doc.coref = [chain(0, [CorefMention(0, 0, 1), CorefMention(1, 0, 1),
                           CorefMention(1, 3, 4)], 0)]
    ann = from_stanza_document(doc, text, shift)
    assert [text[s.start:s.end] for s in ann.sentences] == text[body_start:].replace(
        "\n\n", "\n").split("\n")
    for sent in ann.sentences:
        assert all(text[t.start:t.end] == t.text for t in sent.tokens)
    assert [(e.text, e.label) for e in ann.entities] == [("Jina", "PERSON"), ("Sujin", "PERSON")]
    assert [[text[s:e] for s, e in c] for c in ann.coref] == [["Jina", "Her", "her"]]
    assert [s.paragraph for s in ann.sentences] == [1, 1, 2]


def test_stanza_engine_annotate_sentences_per_line_feeds_one_line_per_chunk():
    """annotate() with a recorded stanza Document in place of the loaded pipeline:
    checks the exact text handed to stanza and the offsets and paragraphs that come back."""
    doc, text = load_fixture("jina_lines.conllu")
    body = (text.index("Jina"), len(text))
    joined, _ = join_lines(text, *body)
    doc = finish(doc, joined)
    seen = []

    def recorded(stanza_input: str):
        seen.append(stanza_input)
        return doc

    engine = StanzaEngine(dir="/nonexistent")
    engine._pipelines[True] = recorded
    ann = engine.annotate(text, [body], sentences_per_line=True)
    assert seen == ["Jina works alone at a call center.\n\nHer father visits her.\n\n"
                    "Sujin quits the job."]
    assert [s.paragraph for s in ann.sentences] == [0, 0, 1]
    assert [text[s.start:s.end] for s in ann.sentences][1] == "Her father visits her."
    assert ann.engine == "stanza"


def test_stanza_adapter_mwt_without_word_offsets_keeps_token_span():
    raw = ("1-2\tdu\t_\t_\t_\t_\t_\t_\t_\tstart_char=5|end_char=7\n"
           "1\tde\tde\tADP\t_\t_\t3\tcase\t_\t_\n"
           "2\tle\tle\tDET\t_\t_\t3\tdet\t_\t_\n"
           "3\tpain\tpain\tNOUN\t_\t_\t0\troot\t_\tstart_char=8|end_char=12\n")
    doc = finish(CoNLL.conll2doc(input_str=raw), "Il a du pain")
    ann = from_stanza_document(doc, "Il a du pain")
    toks = ann.sentences[0].tokens
    assert [(t.start, t.end, t.text) for t in toks] == [
        (5, 7, "de"), (5, 7, "le"), (8, 12, "pain")]
    assert [t.head for t in toks] == [2, 2, -1]


def test_stanza_adapter_without_parse_leaves_heads_none():
    raw = ("1\tMara\t_\t_\t_\t_\t_\t_\t_\tstart_char=0|end_char=4\n"
           "2\tleaves\t_\t_\t_\t_\t_\t_\t_\tstart_char=5|end_char=11\n")
    ann = from_stanza_document(finish(CoNLL.conll2doc(input_str=raw), "Mara leaves"),
                               "Mara leaves")
    assert [(t.head, t.deprel, t.upos, t.lemma) for t in ann.sentences[0].tokens] == [
        (None, None, "X", "Mara"), (None, None, "X", "leaves")]
    assert not ann.has_parse


def test_stanza_adapter_skips_zero_anaphora_mentions():
    raw = ("1\tMara\tMara\tPROPN\t_\t_\t2\tnsubj\t_\tstart_char=0|end_char=4\n"
           "2\tleaves\tleave\tVERB\t_\t_\t0\troot\t_\tstart_char=5|end_char=11\n")
    doc = finish(CoNLL.conll2doc(input_str=raw), "Mara leaves")
    # a dropped pronoun: stanza's coref processor adds an empty word and a mention on it
    sentence = doc.sentences[0]
    sentence._empty_words.append(Word(sentence, {"text": "_", "lemma": "_", "id": (2, 1)}))
    doc.coref = [chain(0, [CorefMention(0, 0, 1), CorefMention(0, (2, 1), (2, 1))], 0)]
    ann = from_stanza_document(doc, "Mara leaves")
    assert ann.coref == (((0, 4),),)
    assert len(ann.sentences[0].tokens) == 2


def test_stanza_helpers_lines_and_paragraphs():
    text = "Title\n\n  One line.  \nTwo.\n \n\nThree."
    assert [text[s:e] for s, e in line_segments(text)] == ["Title", "One line.", "Two.", "Three."]
    para = paragraph_counter(text)
    assert [para(s) for s, _ in line_segments(text)] == [0, 1, 1, 2]
    joined, shift = join_lines(text, 7)
    assert joined == "One line.\n\nTwo.\n\nThree."
    assert text[shift(joined.index("Two")):shift(joined.index("Two") + 4)] == "Two."


def test_stanza_engine_missing_models_raise_engine_unavailable(tmp_path):
    from narrative.errors import EngineUnavailable

    engine = StanzaEngine(dir=tmp_path)
    with pytest.raises(EngineUnavailable, match="narrative models download --lang en"):
        engine.annotate("Mara trains Tom.")


class _Replay:
    """Hands the pipeline an Annotation made by the adapter (no model runs)."""

    name = "stanza"

    def __init__(self, annotation: Annotation):
        self.annotation = annotation

    def annotate(self, text, spans=None, sentences_per_line=False):
        assert text == self.annotation.text
        return self.annotation


def _run_pipeline(annotation: Annotation, **kwargs):
    try:
        from narrative.pipeline import analyze
        return analyze(annotation.text, engine=_Replay(annotation), **kwargs)
    except ImportError as exc:  # a step's module not written yet
        if (exc.name or "").startswith("narrative"):
            pytest.skip(f"pipeline not available ({exc.name} missing)")
        raise


def test_stanza_adapter_output_feeds_the_character_linker(mara_ann):
    try:
        from narrative.pipeline import STEPS
    except ImportError:
        pytest.skip("pipeline not available")
    steps = [s for s in STEPS if s.name in ("annotate", "characters")]
    story = _run_pipeline(mara_ann, steps=steps)
    by_name = {c.name: c for c in story.characters}
    assert {"Mara", "Tom"} <= set(by_name)
    assert "She" in {m.text for m in by_name["Mara"].mentions}
    assert "him" in {m.text for m in by_name["Tom"].mentions}
    assert [(s.start, s.end) for s in story.sentences] == [
        (s.start, s.end) for s in mara_ann.sentences]


def test_stanza_adapter_output_runs_through_pipeline(mara_ann):
    story = _run_pipeline(mara_ann)
    assert {"Mara", "Tom"} <= {c.name for c in story.characters}
    assert len(story.sentences) == 3
    assert story.events


@pytest.mark.slow
@pytest.mark.models
@pytest.mark.skipif(not models.status()["ready"],
                    reason="stanza English models are not installed here "
                           "(narrative models download --lang en)")
def test_stanza_engine_end_to_end_with_real_models():
    from narrative.nlp.registry import get_engine

    text = "Plot\n\nMara trains a new employee called Tom. She scolds him.\n\nTom quits."
    ann = get_engine("stanza").annotate(text, [(6, len(text))])
    assert ann.engine == "stanza" and ann.has_parse
    for sent in ann.sentences:
        assert all(text[t.start:t.end] == t.text for t in sent.tokens)
    assert {e.text for e in ann.entities if e.label == "PERSON"} >= {"Mara", "Tom"}
    assert [s.paragraph for s in ann.sentences] == [0, 0, 1]
    lines = get_engine("stanza").annotate(text, [(6, len(text))], sentences_per_line=True)
    assert len(lines.sentences) == 2


def test_stanza_adapter_rejects_documents_without_offsets():
    doc = CoNLL.conll2doc(input_str="1\tMara\tMara\tPROPN\t_\t_\t0\troot\t_\t_\n")
    with pytest.raises(ValueError, match="no character offsets"):
        from_stanza_document(doc, "Mara")


def test_stanza_parse_and_coref_drive_the_interactions(mara_ann):
    """Through the whole pipeline: a schema-valid story whose interactions come from the parse."""
    from narrative.export.json import to_json

    story = _run_pipeline(mara_ann)
    to_json(story)  # validates against the schema
    name = {c.id: c.name for c in story.characters}
    typed = {(name[x.source], x.type, name[x.target]) for x in story.interactions if x.mode != "copresence"}
    assert ("Mara", "train", "Tom") in typed
    assert ("Mara", "scold", "Tom") in typed
    assert story.generator.engine == "stanza"
