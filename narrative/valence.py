"""Sentence valence from the VADER lexicon (offline, shipped inside the `vaderSentiment` wheel).

Why VADER (``vaderSentiment``): its 7,500-entry lexicon of human-rated valences (−4…+4, each the mean
of ten raters) ships inside the wheel as a text file and nothing is downloaded at run time; it is pure
Python with no dependency it imports (its ``requests`` requirement is used only by a demo); it handles
negation ("does not survive"), intensifiers ("badly hurt"), contrast ("but") and punctuation, which
plot summaries are full of; it is MIT-licensed and is the most used lexicon sentiment tool in Python.
AFINN (2,477 words, no negation handling) and TextBlob (pulls in nltk) were the alternatives.

One extension: VADER rates the base forms ("die", "shoot", "refuse") that social media use, while plot
summaries narrate in the present tense ("dies", "shoots", "refuses"), which VADER leaves at 0; the
`inflections` of the verbs it rates get the base form's rating.

`valence(text)` is VADER's ``compound`` score in [−1, 1], computed by a faithful fast re-implementation
of ``SentimentIntensityAnalyzer.polarity_scores`` (vaderSentiment 3.3.2): the same tokens, rules,
constants and lexicon files, every quirk kept (the "but" rescaling by first equal value, a bare
"so"/"this" before a word scaling it ×1.25 as "never so" does, the ALL-CAPS boost of a zero valence, …),
but each distinct token stripped and lowered once, set look-ups, and only the lexicon words scored
(about 6x faster). ``tests/test_valence.py`` checks it against the reference given the same extension,
which must agree to the bit. The lexicon files are read from the installed package on first use, so
``import narrative`` and ``narrative --help`` never load them.
"""
from __future__ import annotations

import functools
import math
import os
import string
from collections.abc import Callable, Collection, Mapping
from typing import Any

from .errors import EngineUnavailable

__all__ = ["valence", "inflections", "LEXICON_NAME"]

LEXICON_NAME = "vader"

_PUNCT = string.punctuation
_SO_THIS = frozenset({"so", "this"})
_score: Callable[[str], float] | None = None  # built by `_scorer()` on first use


def _read_pairs(path: str, *, skip_blank: bool, as_float: bool) -> dict:
    """First two tab-separated fields of each line, parsed as the reference's ``make_*_dict`` does."""
    with open(path, encoding="utf-8", newline="") as f:  # no newline translation, as codecs.open
        content = f.read()
    table: dict = {}
    for line in content.rstrip("\n").split("\n"):
        if skip_blank and not line:
            continue
        key, value = line.strip().split("\t")[0:2]
        table[key] = float(value) if as_float else value
    return table


def _scorer() -> Callable[[str], float]:
    """The scoring function, its tables (lexicon, emojis, rule words) loaded on first call."""
    global _score
    if _score is None:
        try:
            import vaderSentiment.vaderSentiment as vs
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise EngineUnavailable(
                "the arc and structure steps need the VADER lexicon: run `pip install vaderSentiment`"
            ) from exc
        _score = _make_scorer(vs)
    return _score


# Verbs whose VADER rating is of another sense than the verb's ("a big hand" is applause, not "hands
# him the letter"): their inflections are not rated.
_NOT_INFLECTED = frozenset({"hand"})


def inflections(lexicon: Mapping[str, float], boosters: Collection[str] = (),
                negations: Collection[str] = ()) -> dict[str, float]:
    """The verb forms VADER's `lexicon` lacks whose base form it rates, each with that rating.

    VADER's lexicon, built from social-media text, rates "die", "shoot", "refuse", "rescue" but not
    "dies", "shoots", "refuses", "rescuing": the present-tense narration of plot summaries. The forms come
    from the builtin engine's verb lexicon (regular and irregular: "shot", "stole"); a form that is a
    booster or a negation, or already rated, keeps what VADER says of it."""
    from .nlp.lexicon import verb_forms

    out: dict[str, float] = {}
    for form, base in sorted(verb_forms().items()):
        if form != base and base in lexicon and form not in lexicon and base not in _NOT_INFLECTED \
                and form not in boosters and form not in negations:
            out[form] = lexicon[base]
    return out


def _make_scorer(vs: Any) -> Callable[[str], float]:
    """``polarity_scores(text)["compound"]`` of vaderSentiment 3.3.2 (module `vs`), bit for bit, with the
    lexicon extended by its verbs' `inflections`."""
    folder = os.path.dirname(os.path.abspath(vs.__file__))
    lex = _read_pairs(os.path.join(folder, "vader_lexicon.txt"), skip_blank=True, as_float=True)
    lex.update(inflections(lex, vs.BOOSTER_DICT, vs.NEGATE))
    emojis = _read_pairs(os.path.join(folder, "emoji_utf8_lexicon.txt"), skip_blank=False, as_float=False)
    emoji_chars = frozenset(k for k in emojis if len(k) == 1)  # the reference compares char by char
    boosters = vs.BOOSTER_DICT
    boost = {k: v for k, v in boosters.items() if " " not in k}
    # a lexicon word that is also a booster scores 0, so only the others are "scored"
    scored = frozenset(k for k in lex if k not in boosters)
    negate = frozenset(vs.NEGATE)
    # multi-word keys as tuples of tokens: tokens hold no whitespace, so "a b" matches only ("a", "b")
    sc2 = {tuple(k.split(" ")): v for k, v in vs.SPECIAL_CASES.items() if k.count(" ") == 1}
    sc3 = {tuple(k.split(" ")): v for k, v in vs.SPECIAL_CASES.items() if k.count(" ") == 2}
    boost_grams = {tuple(k.split(" ")): v for k, v in boosters.items() if " " in k}  # "kind of"
    idiom_first = frozenset(key[0] for key in (*sc2, *sc3, *boost_grams))
    idiom_second = frozenset(key[1] for key in (*sc2, *sc3, *boost_grams))
    # a word before a lexicon word that can change its valence (besides "n't" words and the
    # reference's "so"/"this" one word back, checked apart)
    modifiers = frozenset(boost) | negate | {"never", "without"}
    least_active = "least" not in lex
    c_incr, n_scalar = vs.C_INCR, vs.N_SCALAR

    class _Tokens(dict):
        """Whitespace token -> the reference's token, lowered (punctuation stripped unless that
        leaves two characters or fewer), remembered since plot texts repeat their words."""

        def __missing__(self, word: str) -> str:
            if len(self) >= 1 << 14:  # bounded (about 2 MB): memory stays flat over a corpus
                self.clear()
            stripped = word.strip(_PUNCT)
            token = (stripped if len(stripped) > 2 else word).lower()
            self[word] = token
            return token

    token_of = _Tokens().__getitem__

    def booster(word: str, token: str, v: float, raw: list) -> float:
        """``scalar_inc_dec`` for a booster word (`token` is its original spelling)."""
        s = boost[word]
        if v < 0:
            s *= -1
        if token.isupper() and not all(map(str.isupper, raw)):  # ALL CAPS among other words
            s = s + c_incr if v > 0 else s - c_incr
        return s

    def idioms(v: float, low: list, i: int, n: int) -> float:
        """``_special_idioms_check`` (called with i > 2)."""
        w0, w1, w2, w3 = low[i], low[i - 1], low[i - 2], low[i - 3]
        for key in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
            table = sc2 if len(key) == 2 else sc3
            if key in table:
                v = table[key]
                break
        if n - 1 > i and (w0, low[i + 1]) in sc2:
            v = sc2[(w0, low[i + 1])]
        if n - 1 > i + 1 and (w0, low[i + 1], low[i + 2]) in sc3:
            v = sc3[(w0, low[i + 1], low[i + 2])]
        for key in ((w3, w2, w1), (w3, w2), (w2, w1)):
            if key in boost_grams:
                v = v + boost_grams[key]
        return v

    def score(text: str) -> float:
        if not text.isascii() and not emoji_chars.isdisjoint(text):
            out = []  # emojis by their descriptions, spaced exactly as the reference does it
            prev_space = True
            for ch in text:
                if ch in emojis:
                    if not prev_space:
                        out.append(" ")
                    out.append(emojis[ch])
                    prev_space = False
                else:
                    out.append(ch)
                    prev_space = ch == " "
            text = "".join(out)
        raw = text.split()
        low = list(map(token_of, raw))
        if scored.isdisjoint(low):
            return 0.0
        hits = [i for i, w in enumerate(low) if w in scored]
        # ASCII punctuation is uncased, so raw[i] is ALL CAPS iff the reference's token i is
        cap_diff = None  # some but not all tokens ALL CAPS; computed when first needed
        n = len(low)
        has_no = "no" in low
        has_least = least_active and "least" in low
        has_idiom = not idiom_first.isdisjoint(low) and not idiom_second.isdisjoint(low)
        pos: list = []
        vals: list = []
        for i in hits:
            w = low[i]
            if w == "kind" and i < n - 1 and low[i + 1] == "of":
                continue
            v = lex[w]
            if has_no:
                if w == "no" and i != n - 1 and low[i + 1] in lex:
                    v = 0.0
                if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") \
                        or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
                    v = lex[w] * n_scalar
            if raw[i].isupper():
                if cap_diff is None:
                    cap_diff = not all(map(str.isupper, raw))
                if cap_diff:
                    v = v + c_incr if v > 0 else v - c_incr
            if i > 0:
                p1 = low[i - 1]
                if p1 not in lex and (p1 in modifiers or "n't" in p1):
                    if p1 in boost:
                        v = v + booster(p1, raw[i - 1], v, raw)
                    if p1 in negate or "n't" in p1:
                        v = v * n_scalar
                if i > 1:
                    p2 = low[i - 2]
                    if p2 not in lex and (p2 in modifiers or "n't" in p2):
                        if p2 in boost:
                            v = v + booster(p2, raw[i - 2], v, raw) * 0.95
                        if p2 == "never" and p1 in _SO_THIS:
                            v = v * 1.25
                        elif p2 == "without" and p1 == "doubt":
                            pass
                        elif p2 in negate or "n't" in p2:
                            v = v * n_scalar
                    if i > 2:
                        p3 = low[i - 3]
                        if p3 not in lex:
                            if p3 in modifiers or "n't" in p3 or p1 in _SO_THIS:
                                if p3 in boost:
                                    v = v + booster(p3, raw[i - 3], v, raw) * 0.9
                                if (p3 == "never" and p2 in _SO_THIS) or p1 in _SO_THIS:  # sic
                                    v = v * 1.25
                                elif p3 == "without" and (p2 == "doubt" or p1 == "doubt"):
                                    pass
                                elif p3 in negate or "n't" in p3:
                                    v = v * n_scalar
                            if has_idiom and (p3 in idiom_first or p2 in idiom_first
                                              or p1 in idiom_first or w in idiom_first):
                                v = idioms(v, low, i, n)
            if has_least and i > 0 and low[i - 1] == "least":
                if i > 1:
                    if low[i - 2] != "at" and low[i - 2] != "very":
                        v = v * n_scalar
                else:
                    v = v * n_scalar
            if v != 0:  # a zero changes neither the sum nor, in the "but" rescaling, another entry
                pos.append(i)
                vals.append(v)
        if not vals:
            return 0.0
        if "but" in low:
            # the reference rescales the FIRST entry equal to each value in turn (list.index): kept
            bi = low.index("but")
            for k in range(len(vals)):
                x = vals[k]
                si = vals.index(x)
                if pos[si] < bi:
                    vals[si] = x * 0.5
                elif pos[si] > bi:
                    vals[si] = x * 1.5
        sum_s = float(sum(vals))
        ep_count = min(text.count("!"), 4)
        qm_count = text.count("?")
        qm = (qm_count * 0.18 if qm_count <= 3 else 0.96) if qm_count > 1 else 0
        punct = ep_count * 0.292 + qm
        if sum_s > 0:
            sum_s += punct
        elif sum_s < 0:
            sum_s -= punct
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0
        return round(compound, 4)

    return score


@functools.lru_cache(maxsize=2048)
def valence(text: str) -> float:
    """VADER compound valence of `text` in [−1, 1] (0.0 for text without sentiment words)."""
    if not text or text.isspace():
        return 0.0
    return float((_score or _scorer())(text))
