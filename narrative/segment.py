"""Scene segmentation: split a plot's sentences into events, each with a short human title.

A boundary before a sentence is scored from what plot summaries signal: a paragraph
break, a time cue at the start ("The following day", "That evening", "Later"), a place
cue, a change in who is on stage and in who acts; a sentence that opens by pointing
back ("This", "She", "As a result") leans towards continuing the event.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional, Sequence

from .interactions import Triple, find_triples, lowered_words, sentence_mentions
from .model import Event, Story
from .nlp.base import Annotation
from .titles import acting_subjects, cast_of, event_title

__all__ = ["acting_subjects", "boundary_scores", "MAX_EVENT_SENTENCES", "segment_events", "event_title", "TIME_CUE", "BOUNDARY_THRESHOLD"]

TIME_CUE = re.compile(
    r"^(?:(?:the\s+)?(?:following|next|same|previous)\s+(?:day|morning|evening|night|week|weekend|month|year|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:that|this|one|later\s+that|early\s+the\s+next|the)\s+(?:day|morning|evening|night|afternoon|weekend|week)|"
    r"one\s+day|some\s+time\s+later|sometime\s+later|(?:\w+\s+)?(?:days|weeks|months|years|hours|minutes)\s+later|"
    r"later(?:\s+on|\s+that\s+\w+)?|meanwhile|in\s+the\s+meantime|at\s+the\s+same\s+time|afterwards?|"
    r"eventually|finally|upon\s+(?:returning|arriving|waking|hearing|learning)|on\s+returning|"
    r"after\s+(?:returning|arriving|waking)|back\s+(?:at|in|home)|soon\s+after(?:wards)?|shortly\s+after(?:wards)?|"
    r"the\s+next\s+\w+|by\s+(?:the\s+)?(?:evening|morning|night|nightfall|dawn)|at\s+(?:dawn|dusk|night|midnight)|"
    r"in\s+the\s+(?:morning|evening|night|afternoon|end)|on\s+(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|christmas|the\s+\w+\s+day)|years?\s+(?:later|pass|passed)|time\s+passes)\b",
    re.IGNORECASE)
_PLACE_CUE = re.compile(r"^(?:at|in|on|inside|outside|back\s+at|back\s+in|on\s+the\s+way\s+to|arriving\s+at)\s+"
                        r"(?:the|a|an|her|his|their)\s+", re.IGNORECASE)
_PLACE_NOUNS = frozenset("""apartment flat home house room office workplace street corner bus car train station bar
restaurant cafe school hospital church park beach kitchen bathroom bedroom door building city village town hotel
motel shop store farm ranch camp island ship boat plane airport prison jail court courtroom party club forest woods
river lake mountain road highway cemetery funeral wedding morgue precinct lab laboratory castle palace field
warehouse garage basement roof rooftop cabin tent base market mall theater theatre stadium""".split())
_CONTINUE = re.compile(r"^(?:this|these|that|it|she|he|they|her|his|their|despite|but|however|as\s+a\s+result|"
                       r"because|so|then|still|instead|unfortunately|when\s+(?:she|he|they))\b", re.IGNORECASE)
# The two patterns below are searched through whole sentences: each opens with a look-ahead at the first letters
# its words can start with, which lets the regex engine skip ahead to those letters instead of trying every position.
_MID_TIME = re.compile(r"(?=[ubti])\b(?:until|by|that|in\s+the)\s+(?:evening|night|morning|afternoon|next\s+day)\b", re.I)
_LEAVES = re.compile(r"(?=[lesd])\b(?:leaves?|left|leaving|exits?|storms?\s+out|drives?\s+(?:off|away))\b"
                     r"(?:\s+(?:the|her|his|their)\s+\w+)?\W*$", re.I)
_SUBORDINATE_CUE = re.compile(r"^(?:after|when|once|as\s+soon\s+as)\b", re.I)
# words one of which a match of _MID_TIME / _LEAVES holds (see `_may_hold`)
_MID_TIME_WORDS = ("evening", "night", "morning", "afternoon", "next")
_LEAVES_WORDS = ("leav", "left", "exit", "storm", "drive")
BOUNDARY_THRESHOLD = 1.5


def boundary_scores(story: Story, annotation: Annotation, acting: Optional[list] = None,
                    by_sentence: Optional[dict] = None) -> list[float]:
    """Score of a boundary before each sentence (the first sentence scores +inf)."""
    text = annotation.text
    by_sentence = sentence_mentions(story) if by_sentence is None else by_sentence
    if acting is None:
        acting = acting_subjects(annotation, by_sentence)
    sentences = annotation.sentences
    n = len(sentences)
    texts = [text[s.start:s.end] for s in sentences]  # each sentence is read as an opening and as the one before
    casts = [cast_of(by_sentence, i) for i in range(n)]
    scores = [float("inf")] + [0.0] * (n - 1)
    for i in range(1, n):
        opening = texts[i]
        score = 0.0
        if sentences[i].paragraph != sentences[i - 1].paragraph:
            score += 1.6
        time_cue = TIME_CUE.match(opening)
        if time_cue:
            score += 1.3
        elif _SUBORDINATE_CUE.match(opening):
            score += 0.4
        place = _PLACE_CUE.match(opening)
        if place:
            score += 0.5
        before = casts[i - 1] | (casts[i - 2] if i > 1 else set())
        after = casts[i] | (casts[i + 1] if i + 1 < n else set())
        if before and after:
            score += 0.8 * (1 - len(before & after) / len(before | after))
        a, b = (acting[i - 1] or (None,))[0], (acting[i] or (None,))[0]
        if a and b and a != b:
            score += 0.3
        if not time_cue and _CONTINUE.match(opening):
            score -= 0.7
        if _may_hold(opening[20:], _MID_TIME_WORDS) and _MID_TIME.search(opening[20:]):
            score += 0.3  # "... until the evening": the action moves on in time
        if _may_hold(texts[i - 1], _LEAVES_WORDS) and _LEAVES.search(texts[i - 1]):
            score += 0.3  # the previous sentence ends by leaving the place
        scores[i] = round(score, 4)
    return scores


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Can a case-insensitive pattern that needs one of `words` (in lower case) match in `text`? A cheap test
    that saves searching most sentences with a regex: no for an ASCII text whose lower case holds none of them
    (past ASCII, the regex's case folding is wider than `str.lower`, so the answer is yes)."""
    if not text.isascii():
        return True
    low = text.lower()
    for word in words:
        if word in low:
            return True
    return False


def _cue(text: str, start: int, end: int, pattern: re.Pattern) -> Optional[str]:
    m = pattern.match(text[start:end])
    return m.group(0).strip() if m else None


_PLACE_PREPOSITIONS = frozenset(("at", "in", "on", "inside", "outside", "into", "to"))
_PLACE_DETERMINERS = frozenset(("the", "a", "an", "her", "his", "their"))


def _place(annotation: Annotation, sentences: Sequence[int]) -> Optional[str]:
    """The first place phrase of the sentences ("the apartment", "his office"): a place preposition, a determiner,
    up to two adjectives or nouns and a place noun."""
    lowered = lowered_words(annotation)
    for si in sentences:
        toks = annotation.sentences[si].tokens
        lows = lowered[si]
        if _PLACE_NOUNS.isdisjoint(lows):
            continue  # no place noun in the sentence: nothing to find
        for k in range(len(toks) - 2):
            if lows[k] in _PLACE_PREPOSITIONS and lows[k + 1] in _PLACE_DETERMINERS:
                for m in range(k + 2, min(k + 5, len(toks))):
                    if lows[m] in _PLACE_NOUNS:
                        return annotation.text[toks[k + 1].start:toks[m].end]
                    if toks[m].upos not in ("ADJ", "NOUN", "PROPN"):
                        break
    return None


MAX_EVENT_SENTENCES = 12  # a longer run with no boundary is cut where the boundary scores highest


def _split_long(group: list[int], scores: Sequence[float]) -> list[list[int]]:
    """Cut a run of more than `MAX_EVENT_SENTENCES` sentences at its strongest inner boundaries."""
    out, todo = [], [group]
    while todo:
        g = todo.pop()
        if len(g) <= MAX_EVENT_SENTENCES:
            out.append(g)
            continue
        cut = max(range(1, len(g)), key=lambda k: (scores[g[k]], -abs(k - len(g) // 2)))
        todo += [g[cut:], g[:cut]]
    return sorted(out)


def segment_events(story: Story, annotation: Annotation, threshold: float = BOUNDARY_THRESHOLD,
                   triples: Optional[list[Triple]] = None) -> Story:
    """Split the sentences into events at boundaries scoring at least `threshold`
    (`triples`: `find_triples` of the same characters, when already at hand)."""
    n = len(annotation.sentences)
    if n == 0:
        return dataclasses.replace(story, events=())
    by_sentence = sentence_mentions(story)
    acting = acting_subjects(annotation, by_sentence)
    scores = boundary_scores(story, annotation, acting, by_sentence)
    groups: list[list[int]] = []
    for i in range(n):
        if not groups or scores[i] >= threshold:
            groups.append([i])
        else:
            groups[-1].append(i)
    groups = [part for g in groups for part in _split_long(g, scores)]
    triples = find_triples(story, annotation) if triples is None else triples
    triples_at: dict[int, list[Triple]] = {}
    for t in triples:
        triples_at.setdefault(t.sentence, []).append(t)
    source = story.sentences[0].source if story.sentences else story.sources[0].id
    rank = {c.id: i for i, c in enumerate(story.characters)}
    chars = {c.id: c for c in story.characters}
    events = []
    text = annotation.text
    for k, group in enumerate(groups):
        first, last = annotation.sentences[group[0]], annotation.sentences[group[-1]]
        participants = sorted({cid for si in group for _, _, cid, _ in by_sentence.get(si, [])},
                              key=lambda c: (rank.get(c, 10**6), c))
        events.append(Event(
            id=f"e{k + 1}", index=k, title=event_title(story, annotation, group, [t for si in group for t in triples_at.get(si, ())],
                              by_sentence, acting, chars, rank),
            source=source, start=first.start, end=last.end, sentences=tuple(group),
            participants=tuple(participants), time=_cue(text, first.start, first.end, TIME_CUE),
            place=_place(annotation, group)))
    return dataclasses.replace(story, events=tuple(events))
