"""The fast paths of web-page cue detection agree with the plain definitions."""
from __future__ import annotations

import pytest

from narrative.ingest import web

_SAMPLES = [
    "", "   ", "Hello, World!", "snake_case and CamelCase 42x", "©2024 Some Site", "x© y",
    "Ünïcode ŞİR straße", "Sign-up for our NEWSLETTER... now!", "a\u0300b ½ ²", "Log\tin / log-out",
    "Read more: This site uses cookies.", "Follow us, support us and donate", "home", "Back to Home.",
]


@pytest.mark.parametrize("text", _SAMPLES)
def test_words_match_the_regex_definition(text: str) -> None:
    assert web._words(text) == web._WORDS.findall(text.lower())


@pytest.mark.parametrize("text", _SAMPLES)
def test_phrases_none_only_without_cues(text: str) -> None:
    """When `_phrases` skips the haystack, no phrase cue would have matched it."""
    words = web._words(text)
    haystack = " " + " ".join(words) + " "
    found = _any_phrase(haystack)
    phrases = web._phrases(words)
    assert phrases in (None, haystack)
    if phrases is None:
        assert not found


def _any_phrase(haystack: str) -> bool:
    return any(p in haystack for p in web._STRONG_PHRASES + web._WEAK_PHRASES)


@pytest.mark.parametrize("phrase", web._STRONG_PHRASES + web._WEAK_PHRASES)
def test_every_phrase_keeps_its_haystack(phrase: str) -> None:
    words = phrase.split()
    assert web._phrases(words) == phrase


@pytest.mark.parametrize("page", [
    "Menu | Home | About\n\nSubscribe to our newsletter\n\nA long review sentence here.",
    "A plot. It has no boilerplate at all.\n\nAnother paragraph of the story goes here.",
    "Skip to content\nCopyright 2020\nText.",
])
def test_is_web_agrees_with_units(page: str) -> None:
    web._units.cache_clear()
    assert web.is_web(page) == (sum(u.boiler for u in web._units(page)) >= 2)
