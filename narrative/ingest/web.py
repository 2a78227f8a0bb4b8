"""Web pages copied as text (reviews, articles): find the article, drop the boilerplate.

A page is cut into paragraph units: one per line when the page keeps each paragraph on one
long line (the usual copy of a web page), one per blank-line block when the text is
hard-wrapped. Each unit is scored with general cues only: length, sentence punctuation,
bullets, and well-known boilerplate phrases ("newsletter", "subscribe", "Leave a Reply",
"©", "Skip to", "Share this", "Related", "Written by"...). Hard markers (bylines, comment
forms, footers) split the page into regions; the article is the region with the most
substantial prose, from its first to its last substantial paragraph.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import Credit
from .text import Line, blocks, iter_lines, strip_span
from .wiki import CAST_TITLES, is_table_line, parse_credit_line

__all__ = ["WebPage", "analyse_page", "is_web", "web_credits"]

_HARD_START = re.compile(  # end-of-article markers at the start of a line (any length)
    r"(?:written|posted|reviewed|published) by\b|rating\s*:|filed under\b|tagged(?: with)?\b"
    r"|tags?\s*:|categor(?:y|ies)\s*:|skip to\b|about the (?:author|writer|critic|reviewer)\b",
    re.IGNORECASE,
)
_HARD_SHORT = re.compile(  # end-of-article markers on short lines
    r"\bleave a (?:reply|comment)\b|^\d+ (?:comments?|responses?|replies)\b|comments? powered by"
    r"|^comments?$|^add a comment\b|^share (?:this|on|via)\b|^share$"
    r"|^related(?: posts| articles| stories| reviews| content)?\s*:?$|^you (?:may|might) also like\b"
    r"|^more from\b|^(?:latest|recent|popular)(?: blog)? (?:posts|news|reviews|articles|stories)"
    r"|(?:older|newer|previous|next) (?:post|article|entry)\b|^footer$|^©|^copyright\b|^\(c\) ?\d{4}",
    re.IGNORECASE,
)
_BYLINE = re.compile(  # "By Jane Doe", "About Jane Doe" on a line of their own (case-sensitive)
    r"^(?:[Bb]y|BY|About) [A-Z][\w'’.-]+(?: (?:[a-z]{1,3} )?[A-Z][\w'’.-]+){0,3}$"
)
_STRONG_START = re.compile(  # captions and calls to action, at the start of a line
    r"a still from\b|(?:image|photo|picture|still|pictured|credit)s?(?: credit)?\s*:|click here\b"
    r"|(?:image|photo|picture|poster)\b.{0,40}\bcourtesy\b"
    r"|an? (?:collage|still|photo|picture|screenshot|poster|image) (?:of|from)\b",
    re.IGNORECASE,
)
# Phrases looked up in " " + lowercase words + " " (fast `in` tests, word-bounded by the spaces).
_STRONG_PHRASES = (" © ", " this site uses ", " advertisement ", " fill in your details ", " log in ", " log out ")
_PROMO_PHRASES = (
    " newsletter ", " newsletters ", " subscribe ", " subscriber ", " subscribers ", " subscription ",
    " subscriptions ", " sign up ", " signing up ", " click here ", " follow us ", " membership ",
    " donate ", " support us ",
)
_WEAK_PHRASES = _PROMO_PHRASES + (
    " courtesy of ", " powered by ", " privacy policy ", " cookie ", " cookies ", " your details ",
    " your email ", " your comment ", " comment ", " comments ", " commenting ", " share ", " podcast ",
    " podcasts ", " menu ", " search ", " now playing ", " read more ", " movie poster ", " watch trailer ",
    " watch the trailer ",
)
_WORDS = re.compile(r"\w+|©")
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2},? \d{4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_BIO = re.compile(  # "Jane Doe is a freelance critic..." author or publication blurbs
    r"^(?:[A-Z][\w'’.&-]*\s+(?:(?:of|the|and|on|de|for)\s+)*){1,5}(?:is|was)\s+(?:a|an|the)\b.{0,200}?"
    r"\b(?:critic|journalist|contributor|columnist|blogger|reviewer|publication|freelance|bylines?|editor-in-chief"
    r"|(?:executive|senior|managing|contributing|deputy) editor)\b",
)
_BULLET = re.compile(r"^\s*[•·▪►›»«◦‣]")
_MENU = re.compile(r"(?:\s[|/]\s.*){2,}")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_CLOSERS = "\"”’')]"
_OPENERS = "\"“‘'(["
_CAST_HEADING_SKIP = 6
_SHORT_WORDS = 15
# "does any phrase occur?" in one C-level pass (an alternation finds a match iff some phrase occurs)
_STRONG_ANY, _WEAK_ANY, _PROMO_ANY = (re.compile("|".join(map(re.escape, ps)))
                                      for ps in (_STRONG_PHRASES, _WEAK_PHRASES, _PROMO_PHRASES))
# the longest word of each phrase: a text without any of them holds no phrase cue
_KEY_WORDS = frozenset(max(p.split(), key=len) for p in _STRONG_PHRASES + _WEAK_PHRASES)
# ASCII characters outside \w (all but letters, digits, "_") -> space, for str.translate
_ASCII_NON_WORDS = {code: " " for code in range(128) if not _WORDS.fullmatch(chr(code))}


@dataclass(frozen=True, slots=True)
class _Unit:
    """One paragraph candidate and its cues."""
    start: int
    end: int
    text: str
    multi: bool  # part of a multi-line block on a page with one paragraph per line
    hard: bool
    boiler: bool
    promo: bool
    level: int  # 0 not prose, 1 short sentence, 2 one sentence, 3 substantial prose


@dataclass(frozen=True, slots=True)
class WebPage:
    """What :func:`analyse_page` finds: the article span, its kept paragraphs, a title."""
    body: tuple[int, int]
    paragraphs: tuple[tuple[int, int], ...]
    title: Optional[str]
    boilerplate: int  # number of boilerplate units on the page


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " \t")
    return bool(stripped) and stripped[-1] in ".!?…"


def _starts_sentence(text: str) -> bool:
    first = text.lstrip(_OPENERS)[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def _level(text: str) -> int:
    """0 = not prose, 1 = short sentence, 2 = one real sentence, 3 = substantial prose."""
    if not (_ends_sentence(text) and _starts_sentence(text)):
        return 0
    words = text.count(" ") + 1
    if words >= 40 or (words >= 25 and _SENTENCE_BREAK.search(text)):
        return 3
    return 2 if words >= 6 else 1


def _words(text: str) -> list[str]:
    """The lowercase words of ``text`` (and each "©"), in order: what phrase cues are made of.

    ASCII text (the usual case) takes a faster path with the same result: there ``\\w`` is
    ``[A-Za-z0-9_]``, so the words are what remains after every other character becomes a space.
    """
    lowered = text.lower()
    if lowered.isascii():
        return lowered.translate(_ASCII_NON_WORDS).split()
    return _WORDS.findall(lowered)


def _phrases(words: list[str]) -> Optional[str]:
    """The words joined by single spaces, padded: the haystack for phrase cues.

    None when no cue phrase can occur, which is the usual case and cheap to tell: a phrase
    occurs only if its longest word does.
    """
    if _KEY_WORDS.isdisjoint(words):
        return None
    return " " + " ".join(words) + " "


def _chunk(text: str, start: int, end: int) -> str:
    """The text of ``[start, end)`` with every whitespace run made one space, no space at the ends."""
    return " ".join(text[start:end].split())


def _hard(chunk: str, short: bool) -> bool:
    """A hard end-of-article marker: byline, comment form, share bar, footer..."""
    bare = _BULLET.sub("", chunk).strip()
    return bool(_HARD_START.match(bare) or (short and (_HARD_SHORT.search(bare) or _BYLINE.match(bare))))


def _boiler(text: str, hard: bool, short: bool, words: list[str], phrases: Optional[str]) -> bool:
    """Boilerplate when a hard marker, bullet, table, menu, caption, or enough phrase cues
    (``words`` for a short unit ending in "home", ``phrases`` as made by :func:`_phrases`)."""
    if hard or _BULLET.match(text) or is_table_line(text) or _BIO.match(text) or _STRONG_START.match(text):
        return True
    if short and (_MENU.search(text) or _DATE.search(text) or words[-1:] == ["home"]):
        return True
    if phrases is None:
        return False
    if _STRONG_ANY.search(phrases):
        return True
    if not _WEAK_ANY.search(phrases):
        return False
    score = sum(p in phrases for p in _WEAK_PHRASES)
    return score >= 2 or (score >= 1 and short)


def _is_boiler(chunk: str) -> bool:
    """The ``boiler`` cue of :func:`_unit` alone (what format detection needs)."""
    short = chunk.count(" ") < _SHORT_WORDS
    words = _words(chunk)
    return _boiler(chunk, _hard(chunk, short), short, words, _phrases(words))


def _unit(text: str, start: int, end: int, multi: bool) -> _Unit:
    start, end = strip_span(text, start, end)
    chunk = _chunk(text, start, end)
    short = chunk.count(" ") < _SHORT_WORDS
    hard = _hard(chunk, short)
    words = _words(chunk)
    phrases = _phrases(words)
    promo = phrases is not None and _PROMO_ANY.search(phrases) is not None
    boiler = _boiler(chunk, hard, short, words, phrases)
    return _Unit(start, end, chunk, multi, hard, boiler, promo, _level(chunk))


def _is_wrapped(groups: list[list[Line]]) -> bool:
    """Hard-wrapped text: no long lines and some block of several mid-length lines."""
    if any(len(line.text.strip()) > 120 for group in groups for line in group):
        return False
    return any(len(g) >= 3 and all(40 <= len(l.text.strip()) <= 120 for l in g[:-1]) for g in groups)


def _unit_spans(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, multi)`` of the page's paragraph units (whitespace around them included)."""
    groups = blocks(list(iter_lines(text)))
    if _is_wrapped(groups):
        return [(g[0].start, g[-1].end, False) for g in groups]
    return [(line.start, line.end, len(g) > 1) for g in groups for line in g]


@functools.lru_cache(maxsize=4)
def _units(text: str) -> tuple[_Unit, ...]:
    """The page's paragraph units (cached: parsing and paragraphs share them)."""
    return tuple(_unit(text, start, end, multi) for start, end, multi in _unit_spans(text))


def _next_to_promo(units: Sequence[_Unit], index: int) -> bool:
    """True when a neighbouring unit is a promotional blurb (this one is its lead-in)."""
    neighbours = [units[i] for i in (index - 1, index + 1) if 0 <= i < len(units)]
    return any(u.boiler and u.promo for u in neighbours)


def _usable(units: Sequence[_Unit], index: int, min_level: int) -> bool:
    unit = units[index]
    if unit.boiler or unit.level < min_level or (unit.multi and unit.level < 3):
        return False
    return unit.level >= 3 or not _next_to_promo(units, index)


def _regions(units: Sequence[_Unit]) -> list[list[int]]:
    """Runs of unit indices between hard markers."""
    regions: list[list[int]] = [[]]
    for index, unit in enumerate(units):
        if unit.hard:
            regions.append([])
        else:
            regions[-1].append(index)
    return [r for r in regions if r]


def _article_in(units: Sequence[_Unit], region: list[int]) -> Optional[tuple[int, int, int]]:
    """``(score, first, last)`` unit positions of the article inside one region."""
    strong = [pos for pos, i in enumerate(region) if _usable(units, i, 3)]
    if not strong:
        return None
    first, last = strong[0], strong[-1]
    while first > 0 and _usable(units, region[first - 1], 2):
        first -= 1
    while last + 1 < len(region) and _usable(units, region[last + 1], 2):
        last += 1
    score = sum(len(units[region[pos]].text) for pos in strong)
    return score, region[first], region[last]


def _article(units: Sequence[_Unit]) -> Optional[tuple[int, int]]:
    """First and last unit index of the article (None when no region holds real prose)."""
    found = [a for region in _regions(units) if (a := _article_in(units, region))]
    if not found:
        return None
    _, first, last = max(found, key=lambda a: a[0])
    return first, last


def _title(units: Sequence[_Unit], before: int) -> Optional[str]:
    """The nearest heading-like line (short, no sentence punctuation) above the article."""
    for unit in reversed(units[:before]):
        heading_like = unit.level == 0 and 1 <= len(unit.text.split()) <= _SHORT_WORDS
        if heading_like and not unit.boiler and not unit.multi and parse_credit_line(unit.text) is None:
            return unit.text
    return None


def analyse_page(text: str) -> WebPage:
    """Find the article of a web page: body span, kept paragraphs, title."""
    units = _units(text)
    boilerplate = sum(u.boiler for u in units)
    first, last = _article(units) or (0, len(units) - 1)
    kept = [i for i in range(first, last + 1) if _usable(units, i, 1)]
    if not kept:
        whole = strip_span(text, 0, len(text))
        return WebPage(whole, (whole,), None, boilerplate)
    paragraphs = tuple((units[i].start, units[i].end) for i in kept)
    return WebPage((paragraphs[0][0], paragraphs[-1][1]), paragraphs, _title(units, kept[0]), boilerplate)


def is_web(text: str) -> bool:
    """A web page shows boilerplate: two or more boilerplate lines (menus, captions, footers...).

    Only the boilerplate cue of each unit is computed, and only up to the second one found.
    """
    found = 0
    for start, end, _ in _unit_spans(text):
        if _is_boiler(_chunk(text, start, end)):
            found += 1
            if found == 2:
                return True
    return False


def _is_cast_heading(line: str) -> bool:
    return " ".join(line.lower().split()).strip(" :") in CAST_TITLES


def _cast_block(lines: list[Line], heading: int, actors: set[str]) -> list[Credit]:
    """Credits in any form on the lines after a "Cast"/"Credits" heading line."""
    found: list[Credit] = []
    skipped = 0
    for line in lines[heading + 1:]:
        if line.blank:
            continue
        parsed = parse_credit_line(line.text, loose=True, actors=actors)
        if parsed:
            actor, character, start, end = parsed
            found.append(Credit(actor, character, line.start + start, line.start + end))
        elif found or skipped >= _CAST_HEADING_SKIP:
            break
        else:
            skipped += 1
    return found


def _outside(lines: list[Line], paragraphs: tuple[tuple[int, int], ...]) -> list[Line]:
    """The lines that start outside every paragraph span (spans sorted, non-overlapping)."""
    starts = [s for s, _ in paragraphs]
    kept = []
    for line in lines:
        pos = bisect.bisect_right(starts, line.start) - 1
        if pos < 0 or line.start >= paragraphs[pos][1]:
            kept.append(line)
    return kept


def _strict_credits(lines: list[Line]) -> list[Credit]:
    found = []
    for line in lines:
        parsed = parse_credit_line(line.text)
        if parsed:
            actor, character, start, end = parsed
            found.append(Credit(actor, character, line.start + start, line.start + end))
    return found if len(found) >= 2 else []


def web_credits(text: str, paragraphs: tuple[tuple[int, int], ...] = ()) -> tuple[Credit, ...]:
    """Cast credits listed on a page, outside the article paragraphs.

    Only ``Actor Name as Character`` lines count, and only when the page has two or more;
    lines after a "Cast"/"Credits" heading accept every cast-line form.
    """
    lines = _outside([line for line in iter_lines(text) if not line.blank], paragraphs)
    strict = _strict_credits(lines)
    found = {(c.start, c.end): c for c in strict}
    actors = {c.actor for c in strict}
    for index, line in enumerate(lines):
        if _is_cast_heading(line.text):
            for credit in _cast_block(lines, index, actors):
                found.setdefault((credit.start, credit.end), credit)
    return tuple(sorted(found.values(), key=lambda c: c.start))
