"""Sentence valence from the VADER lexicon (offline, shipped inside the `vaderSentiment` wheel).

Why VADER (``vaderSentiment``): its 7,500-entry lexicon of human-rated valences (−4…+4, each the mean
of ten raters) ships inside the wheel as a text file and nothing is downloaded at run time; it is pure
Python with no dependency it imports (its ``requests`` requirement is used only by a demo); it handles
negation ("does not survive"), intensifiers ("badly hurt"), contrast ("but") and punctuation, which
plot summaries are full of; it is MIT-licensed and is the most used lexicon sentiment tool in Python.
AFINN (2,477 words, no negation handling) and TextBlob (pulls in nltk) were the alternatives.

The analyser is created lazily on first use, so ``import narrative`` and ``narrative --help`` never load
the lexicon. `valence(text)` is VADER's ``compound`` score in [−1, 1].
"""
from __future__ import annotations

import functools
from typing import Any

from .errors import EngineUnavailable

__all__ = ["valence", "LEXICON_NAME"]

LEXICON_NAME = "vader"


@functools.lru_cache(maxsize=1)
def _analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise EngineUnavailable(
            "the arc and structure steps need the VADER lexicon: run `pip install vaderSentiment`"
        ) from exc
    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=2048)
def valence(text: str) -> float:
    """VADER compound valence of `text` in [−1, 1] (0.0 for text without sentiment words)."""
    if not text or not text.strip():
        return 0.0
    return float(_analyzer().polarity_scores(text)["compound"])
