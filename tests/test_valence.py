"""narrative.valence re-implements VADER's compound score: it must equal the reference to the bit."""
from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

import pytest

vs = pytest.importorskip("vaderSentiment.vaderSentiment")

from narrative import valence as valence_module
from narrative.errors import EngineUnavailable
from narrative.valence import inflections, valence

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path("/work/shared/eval")  # the evaluation corpora, when this machine has them

# each line exercises a rule of polarity_scores (or one of its quirks)
TRICKY = [
    # plain lexicon words, boosters before them (1, 2 and 3 words back), negative boosters
    "The book was good.", "The book was very good.", "The book was very very good.",
    "He is very much a really kind of extremely good man.", "It was hardly good.",
    "It was barely bad at all.", "Slightly sad, somewhat happy, almost dead.",
    "A very sad, deeply tragic and utterly hopeless ending.", "more hate, most love, less fear",
    # a booster word scores 0 on its own ("incredible", "enormous")
    "An incredible journey with an enormous heart.", "very", "It was very no good.",
    # negation one, two and three words back, "n't" words, "without", "never so"/"never this"
    "She is not happy.", "She is not very happy.", "She is not at all happy.",
    "He didn't love her.", "He wasn't ever really in love.", "They aint happy, nope not happy.",
    "Without a doubt, excellent idea.", "Without a doubt, an excellent idea.", "without doubt good",
    "Sentiment analysis has never been good.", "Sentiment analysis has never been this good!",
    "It was never so good.", "It was never this bad.", "Never so very good, never this very bad.",
    "I like this good thing.", "He was so good to her.", "We think so good a man is rare.",
    "Nothing good ever happens, rarely fun, seldom kind, despite the love.",
    "uh-uh, that isn't funny and I can't stand it", "He mayn't love it.", "He mayn't ever love it.",
    "They mayn't at all love it.", "DON'T LOVE it",
    # "no": as its own word, as the negation of the next lexicon word, two back, "no ... or/nor"
    "No.", "No way.", "There is no hope.", "There is no good hope.", "no love or joy", "no love nor joy",
    "No no no good.", "NO good at all", "Is this no fun?", "no",
    # "least": negation unless "at least" / "very least"
    "Roger is at least compelling.", "Roger is one of the least compelling.", "the very least happy",
    "least happy", "Least happy of all, at least, least.",
    # "kind of" / "sort of" / "just enough" (also as the 2-word booster of the idiom check)
    "The book was only kind of good.", "It was kind of a good day.", "kind of", "Kind Of good",
    "sort of happy", "That was just enough good fun.", "It is a kind of good, sort of nice thing.",
    "She is kind.", "She is kind of kind.",
    # ALL CAPS emphasis: only when some but not all words are ALL CAPS; mixed case; boosters in caps
    "VADER is VERY SMART, handsome, and FUNNY.", "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "GOOD", "GOOD BAD", "I AM HAPPY", "VERY GOOD", "SO VERY HAPPY!", "NOT VERY GOOD", "I am HAPPY", "A GOOD day", "Today SUX!", "not GOOD", "NOT good",
    "He is VERY sad.", "He is Very Sad.", "hApPy people", "KIND OF good", "The NO", "NO NO good",
    # special cases and idioms
    "With VADER, sentiment analysis is the shit!", "This party is the bomb.", "It's the bomb dot com.",
    "On the other hand, VADER is quite bad ass", "VADER is such a badass!", "Not such a badass after all.",
    "We met at the bus stop.", "Yeah right, like that would work.", "It was the kiss of death for them.",
    "A cake to die for.", "My beating heart stopped.", "He can't cut the mustard.", "living hand to mouth",
    "a back handed compliment", "blowing smoke", "we have the upper hand", "break a leg", "in the red",
    "Oh, the very bad ass shit bomb.", "It was the good stop, kiss of death to die for.",
    "x bus stop the bomb", "yeah right the shit", "a bad ass the bomb",
    # "but": halves what comes before, scales what comes after by 1.5, with its list.index quirk
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol", "good good but good good", "good but bad",
    "bad but good, good, bad", "BUT it was fine but sad", "happy sad but sad happy", "but", "good but",
    "but good", "It was good, great, but good and great and great.",
    # punctuation emphasis: up to 4 "!", 2 or 3 "?" and the cap at 0.96 for more
    "good!", "good!!", "good!!!", "good!!!!!!!", "bad!!!", "good?", "good??", "good???", "good?????",
    "Really?!?! good", "bad?!", "??? bad !!!", "Nothing here!!!", "hello??",
    # emoticons, emoji (replaced by their descriptions, with the reference's spacing) and oddities
    "Make sure you :) or :D today!", ":)", ":(", "</3", "<3", ":-)", "=D", "x-D", "(:", ":)).", "(:O",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁", "💘", "I💘you", "😁😁😁", "a😁b", "🔛 good", "good 🆙",
    "don't 😡 me", "👍👍 but 👎", "Ｇｏｏｄ ｂａｄ", "İyi good İx. happy", "naïve CAFÉ love",
    # punctuation stripping: kept when two characters or fewer remain
    "(good)", '"bad"', "'great'...", "no, good", "no. good", "...no", "ok.", "ok!!", "OK", "--", "-",
    "good-bad", "well-being", "good.bad", "O.o :P", "a, b, c", "lol.", "LOL!", "wtf?", "xoxo", "Hi, 5.",
    # whitespace and empty texts, tabs, newlines, a very long text
    "", " ", "\t\n  ", "good\tbad\nhappy\r\nsad", "  good  ", "\u2003good\u2003",
    " ".join(["He was happy but then sad, not good, never so bad, very kind of nice!"] * 60),
]


@pytest.fixture(scope="module")
def reference():
    """VADER's own scorer, its lexicon extended with the same verb forms."""
    analyzer = vs.SentimentIntensityAnalyzer()
    analyzer.lexicon.update(inflections(analyzer.lexicon, vs.BOOSTER_DICT, vs.NEGATE))
    return lambda text: analyzer.polarity_scores(text)["compound"]


def assert_same(texts, reference):
    bad = [(t[:80], valence(t), reference(t)) for t in texts if valence(t) != reference(t)]
    assert not bad, f"{len(bad)} of {len(texts)} differ, e.g. {bad[:5]}"


def test_tricky_sentences_equal_the_reference(reference):
    assert_same(TRICKY, reference)


def test_tricky_sentences_are_not_all_trivial(reference):
    scores = [reference(t) for t in TRICKY]
    assert sum(s > 0 for s in scores) > 40 and sum(s < 0 for s in scores) > 40


def test_seed_film_page_sentences_equal_the_reference(reference):
    text = (ROOT / "seeds" / "aloners" / "film_page.wiki.txt").read_text("utf-8")
    sentences = text.split(". ")
    assert len(sentences) > 20
    assert_same(sentences, reference)


def test_all_seed_texts_equal_the_reference(reference):
    texts = []
    for path in sorted((ROOT / "seeds" / "aloners").glob("*.txt")):
        text = path.read_text("utf-8")
        texts += [text, *re.split(r"(?<=[.!?])\s+|\n+", text)]
    assert_same(texts, reference)


def test_random_rule_words_equal_the_reference(reference):
    """Random sequences over every rule word, mixed case and punctuation: the quirks meet each other."""
    rng = random.Random(20240611)
    lexicon = sorted(vs.SentimentIntensityAnalyzer().lexicon)
    rule_words = [*vs.BOOSTER_DICT, *vs.NEGATE, *vs.SPECIAL_CASES, *vs.SENTIMENT_LADEN_IDIOMS,
                  "no", "or", "nor", "least", "at", "very", "never", "so", "this", "without", "doubt", "but",
                  "kind", "of", "i", "a", "the", "he", "mayn't", ":)", ":(", "<3", "😁", "💘"]
    words = rule_words + rng.sample(lexicon, 400) + ["good", "bad", "happy", "sad", "love", "hate"] * 5
    shapes = [str, str, str, str.upper, str.title, lambda w: w + ",", lambda w: w + "!", lambda w: w + "?",
              lambda w: "(" + w + ")", lambda w: w + "...", lambda w: '"' + w]
    texts = []
    for _ in range(4000):
        n = rng.choice([1, 2, 3, 4, 5, 7, 10, 16, 30])
        texts.append(rng.choice([" ", "  ", "\t"]).join(rng.choice(shapes)(rng.choice(words)) for _ in range(n)))
    valence.cache_clear()
    assert_same(texts, reference)


def _clauses(sentence: str) -> list[str]:
    parts = [p for p in re.split(r"\s*[,;:]\s+|\s+(?=(?:and|but|while|when|because|after|before)\b)",
                                 sentence) if p.strip()]
    return parts + [", ".join(parts[k:k + 2]) for k in range(len(parts) - 1)]


@pytest.mark.skipif(not (EVAL / "character_types" / "summaries.csv").exists()
                    or not (EVAL / "tripod" / "synopses_train.csv").exists(),
                    reason="the evaluation corpora are not on this machine")
def test_evaluation_plots_equal_the_reference(reference):
    csv.field_size_limit(10**9)
    plots = []
    for path, column in ((EVAL / "character_types" / "summaries.csv", "summary"),
                         (EVAL / "tripod" / "synopses_train.csv", "synopsis_raw")):
        with path.open(newline="", encoding="utf-8") as f:
            plots += [row[column] for row in csv.DictReader(f)]
    sentences = [s for p in plots for s in re.split(r"(?<=[.!?])\s+|\n+", p) if s.strip()]
    texts = sentences + [c for s in sentences for c in _clauses(s)] + plots[::8]
    assert len(texts) > 100_000
    valence.cache_clear()
    assert_same(texts, reference)


def test_missing_vader_raises_engine_unavailable(monkeypatch):
    monkeypatch.setattr(valence_module, "_score", None)
    monkeypatch.setitem(sys.modules, "vaderSentiment", None)
    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)
    valence.cache_clear()
    with pytest.raises(EngineUnavailable, match="pip install vaderSentiment"):
        valence("a good day")
    valence.cache_clear()


def test_present_tense_plot_verbs_are_rated_as_their_base_form():
    table = inflections(vs.SentimentIntensityAnalyzer().lexicon, vs.BOOSTER_DICT, vs.NEGATE)
    assert table["dies"] == table["dying"] < 0 and table["shot"] < 0 and table["rescuing"] > 0
    assert "hands" not in table  # VADER's "hand" is applause
    assert valence("He dies.") < 0 < valence("She rescues him.")


def test_inflections_never_override_vader():
    lexicon = vs.SentimentIntensityAnalyzer().lexicon
    assert not set(inflections(lexicon, vs.BOOSTER_DICT, vs.NEGATE)) & set(lexicon)
