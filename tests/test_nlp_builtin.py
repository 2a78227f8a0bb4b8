"""The builtin engine: sentence boundaries, tokens and tags (tables of cases)."""
from __future__ import annotations

import pytest

from narrative.nlp.builtin import BuiltinEngine, split_sentences, tokenize


def sentences(text: str, **kw) -> list[str]:
    return [text[a:b] for a, b, _ in split_sentences(text, **kw)]


@pytest.mark.parametrize("text, expected", [
    ("Ana meets Tom. Tom smiles.", ["Ana meets Tom.", "Tom smiles."]),
    ("Mr. Smith meets Dr. Jones. They talk.", ["Mr. Smith meets Dr. Jones.", "They talk."]),
    ("J. R. Ewing calls. Sue Ellen hangs up.", ["J. R. Ewing calls.", "Sue Ellen hangs up."]),
    ('He asks, "Why?" She leaves.', ['He asks, "Why?"', "She leaves."]),
    ("They move to the U.S. in 1990. Later they return.", ["They move to the U.S. in 1990.", "Later they return."]),
    ("Wait... she is gone! Tom cries.", ["Wait... she is gone!", "Tom cries."]),
    ("Ana arrives (late). Tom waits.", ["Ana arrives (late).", "Tom waits."]),
    ("李雷遇见韩梅梅。他们去学校。", ["李雷遇见韩梅梅。", "他们去学校。"]),
    ("Анна встречает Тома. Том улыбается.", ["Анна встречает Тома.", "Том улыбается."]),
])
def test_builtin_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_builtin_paragraphs_and_lines():
    text = "Ana meets Tom. Tom smiles.\n\nLater, Ana leaves.\nTom stays."
    spans = split_sentences(text)
    assert [p for _, _, p in spans] == [0, 0, 1, 1]
    assert sentences("One line. Still one\nTwo\n\nThree", sentences_per_line=True) == ["One line. Still one", "Two",
                                                                                       "Three"]


@pytest.mark.parametrize("text, expected", [
    ("Jina's father doesn't call.", ["Jina", "'s", "father", "does", "n't", "call", "."]),
    ("Seong-hun meets O'Brien.", ["Seong-hun", "meets", "O'Brien", "."]),
    ("She'll use it.", ["She", "'ll", "use", "it", "."]),
])
def test_builtin_tokens(text, expected):
    toks = tokenize(text)
    assert [w for _, _, w in toks] == expected
    assert all(text[s:e] == w for s, e, w in toks)


@pytest.mark.parametrize("sentence, word, upos", [
    ("Ana calls her father.", "calls", "VERB"),
    ("Ana calls her father.", "her", "PRON"),
    ("Ana calls her father.", "Ana", "PROPN"),
    ("Sujin's training is hard.", "training", "NOUN"),
    ("She's clumsy.", "'s", "AUX"),
    ("Her family arrives.", "family", "NOUN"),
    ("Tom quickly leaves.", "quickly", "ADV"),
    ("The parents' house burns.", "'", "PUNCT"),
    ("Tom meets a Belgian woman.", "Belgian", "ADJ"),  # between "a" and a noun: the noun's modifier
    ("Tom meets a Belgian.", "Belgian", "PROPN"),
    ("The evidence implicates him.", "implicates", "VERB"),  # no noun takes an object pronoun
    ("Tom examines the vault himself.", "vault", "NOUN"),
])
def test_builtin_tags(sentence, word, upos):
    ann = BuiltinEngine().annotate(sentence)
    tags = {t.text: t.upos for s in ann.sentences for t in s.tokens}
    assert tags[word] == upos


def test_builtin_annotation_offsets_slice_back_inside_spans():
    text = "Title\n\nAna meets Tom. Tom smiles.\n\nFooter"
    start, end = text.index("Ana"), text.index("smiles.") + len("smiles.")
    ann = BuiltinEngine().annotate(text, [(start, end)])
    assert [text[s.start:s.end] for s in ann.sentences] == ["Ana meets Tom.", "Tom smiles."]
    for s in ann.sentences:
        for t in s.tokens:
            assert text[t.start:t.end] == t.text
    assert not ann.has_parse


def test_a_verb_form_after_a_preposition_is_a_noun():
    from narrative.nlp.builtin import BuiltinEngine
    toks = BuiltinEngine().annotate("On orders from the company, Ana asks her to train Tom.").sentences[0].tokens
    tags = {t.text: t.upos for t in toks}
    assert tags["orders"] == "NOUN" and tags["train"] == "VERB" and tags["asks"] == "VERB"


def test_builtin_demonstrative_subject_keeps_its_verb():
    from narrative.nlp.builtin import BuiltinEngine

    toks = BuiltinEngine().annotate("This causes him to hang up. These causes are old.").sentences
    assert [t.upos for t in toks[0].tokens[:2]] == ["DET", "VERB"]
    assert toks[1].tokens[1].upos == "NOUN"


def test_nlp_builtin_a_verb_form_after_a_possessive_is_a_noun():
    from narrative.nlp.builtin import BuiltinEngine
    tokens = BuiltinEngine().annotate("Lecter kills his guards and makes her cry.").sentences[0].tokens
    tags = {t.text: t.upos for t in tokens}
    assert tags["guards"] == "NOUN" and tags["cry"] == "VERB"


@pytest.mark.parametrize("stem, base", [
    ("fumbl", "fumble"), ("assum", "assume"), ("referr", "refer"), ("dominat", "dominate"), ("carri", "carry"),
    ("provid", "provide"), ("rul", "rule"), ("walk", "walk"), ("visit", "visit"), ("open", "open"), ("call", "call"),
    ("kiss", "kiss"), ("join", "join"), ("chang", "chang"), ("add", "add"), ("egg", "egg"), ("controll", "control"),
    ("call", "call"),
])
def test_regular_lemma_reads_spelling_rules_backwards(stem, base):
    from narrative.nlp.lexicon import regular_lemma
    assert regular_lemma(stem) == base


def test_an_unknown_past_tense_gets_its_base_form():
    ann = BuiltinEngine().annotate("Jefferson fumbled during practice.")
    assert [(t.upos, t.lemma) for t in ann.sentences[0].tokens if t.text == "fumbled"] == [("VERB", "fumble")]


def test_a_word_ending_in_eed_is_no_past_tense():
    ann = BuiltinEngine().annotate("The gang proceed to the bank.")
    assert [t.lemma for t in ann.sentences[0].tokens if t.text == "proceed"] == ["proceed"]


@pytest.mark.parametrize("text, word, upos, lemma", [
    ("Mr Pumblechook arranges for Pip to play.", "arranges", "VERB", "arrange"),  # a name's unknown -s verb
    ("Tom hurries to the door.", "hurries", "VERB", "hurry"),
    ("Remington arrives with skilled Maasai warriors at dawn.", "warriors", "NOUN", "warrior"),  # not after a modifier
    ("Miss Havisham was jilted on her wedding day.", "wedding", "NOUN", "wedding"),  # -ing before a noun after "her"
    ("Miss Havisham was jilted on her wedding day.", "Miss", "PROPN", "Miss"),  # a name's first word, not "to miss"
    ("Ana reads the news on her phone.", "phone", "NOUN", "phone"),  # a verb's form after "ADP her" is her noun
    ("Ana comes at her request.", "request", "NOUN", "request"),
    ("Tom makes her phone the police.", "phone", "VERB", "phone"),  # "her" after a verb: she phones
    ("Scout meets Walter, the father of a classmate, and chats to him.", "chats", "VERB", "chat"),  # ", and" + verb
    ("Tom meets the gang, and members of the crew leave.", "members", "NOUN", "member"),  # "of": a noun's phrase
])
def test_builtin_tags_words_the_lexicon_does_not_know_from_their_neighbours(text, word, upos, lemma):
    tokens = BuiltinEngine().annotate(text).sentences[0].tokens
    tok = next(t for t in tokens if t.text == word)
    assert (tok.upos, tok.lemma) == (upos, lemma)


@pytest.mark.parametrize("text, word, upos, lemma", [
    ("Mr Pumblechook hypnotizes the boy.", "hypnotizes", "VERB", "hypnotize"),
    ("Using Queenan as a pawn, Costigan waits.", "Using", "VERB", "use"),  # an opening participle stays a verb
])
def test_builtin_review_lemmas_and_opening_participles(text, word, upos, lemma):
    tok = next(t for t in BuiltinEngine().annotate(text).sentences[0].tokens if t.text == word)
    assert (tok.upos, tok.lemma) == (upos, lemma)
