"""The builtin engine: pure-Python, offline tokenisation, sentence splitting and tagging.

Tags are Universal POS from closed-class lists, a verb lexicon and capitalisation;
there is no dependency parse (``head``/``deprel`` stay ``None``).
"""
from __future__ import annotations

import functools
import re
from typing import Sequence

from ..spans import strip_span
from .base import AnnotatedSentence, Annotation, Token
from .lexicon import (ADJECTIVES, ADPOSITIONS, ADVERBS, AUXILIARIES, CONJUNCTIONS, DETERMINERS, NUMBERS,
                      PRONOUNS, SUBORDINATORS, regular_lemma, verb_forms)

__all__ = ["BuiltinEngine", "split_sentences", "tokenize", "ABBREVIATIONS"]

# words, keeping inner hyphens/apostrophes-less runs; clitics ('s, n't) and punctuation apart
_TOKEN = re.compile(r"\w+?(?=n['’]t\b)|n['’]t\b|['’](?:s|re|ve|d|ll|m)\b|\w+(?:[-‐‑]\w+)*(?:['’][A-Z]\w*)?|[^\w\s]",
                    re.UNICODE)
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"[^\n]+")
# a candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[。！？]+[」』”]*|\n")
ABBREVIATIONS = frozenset("""mr mrs ms dr prof st jr sr mt ft lt col gen sgt capt cpt rev hon vs etc e.g i.e
no nos vol inc ltd co corp dept u.s u.k a.m p.m approx ca cf fig""".split())
_QUOTE_OPENERS = frozenset(('"', "“", ":", "("))
_POSSESSIVES = frozenset(("'s", "’s"))
_POSSESSIVE_DETS = frozenset(("his", "their", "its", "my", "your", "our"))  # not "her": "makes her cry"
_OPEN_START = re.compile(r"\s*[\"'“‘(\[]*(\w)")

_VERBS = verb_forms()
_LY_NOUNS = frozenset("""family ally belly bully lily rally jelly folly assembly supply reply butterfly monopoly
anomaly homily holly dolly gully tally italy emily kelly molly sally polly billy willy""".split())
_CLOSED: dict[str, str] = {}
for _words, _upos in ((NUMBERS, "NUM"), (ADJECTIVES, "ADJ"), (ADVERBS, "ADV"), (ADPOSITIONS, "ADP"),
                      (SUBORDINATORS, "SCONJ"), (CONJUNCTIONS, "CCONJ"), (DETERMINERS, "DET")):
    _CLOSED.update(dict.fromkeys(_words, _upos))  # later lists win: "that" ends as DET
for _w in PRONOUNS:
    _CLOSED.setdefault(_w, "PRON")
_CLOSED.update(dict.fromkeys(("he", "she", "him", "her", "his", "they", "them", "their", "i", "we", "you", "it", "its",
                              "me", "us"), "PRON"))
_CLOSED.update(dict.fromkeys(AUXILIARIES, "AUX"))
_CLOSED.update({"not": "PART", "n't": "PART", "n’t": "PART", "'s": "PART", "’s": "PART", "to": "PART"})


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token of ``text[start:end]``, offsets into ``text``.
    Clitics stand apart ("does" "n't", "Mara" "'s"); "O'Brien" and "Min-ho" stay whole."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _is_sentence_end(text: str, pos: int, mend: int, seg_start: int) -> bool:
    """Is the terminal punctuation ending at ``mend`` a real sentence end?"""
    if text[pos] in "\n。！？":
        return True
    if text[pos] == ".":
        wm = re.search(r"([\w.]+)$", text[max(seg_start, pos - 20):pos])
        word = wm.group(1).lower() if wm else ""
        if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
            return False
        if re.fullmatch(r"(?:\w\.)+\w?", word):  # "U.S", "e.g"
            return bool(re.match(r"\s+[A-Z]", text[mend:mend + 3])) and len(word) > 3
    m = _OPEN_START.match(text, mend)  # the next sentence opens with a capital or a digit (any script)
    return bool(m and (m.group(1).isupper() or m.group(1).isdigit())) or mend >= len(text)


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    sentences_per_line: bool = False) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of every sentence of ``text[start:end]``; spans are trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int, int]] = []
    para = 0
    pos = start
    for pm in list(_PARAGRAPH.finditer(text, start, end)) + [None]:
        pend = pm.start() if pm else end
        if sentences_per_line:
            for lm in _LINE.finditer(text, pos, pend):
                s, e = strip_span(text, *lm.span())
                if s < e:
                    spans.append((s, e, para))
        else:
            seg = pos
            for m in _END.finditer(text, pos, pend):
                if _is_sentence_end(text, m.start(), m.end(), pos):
                    s, e = strip_span(text, seg, m.end())
                    if s < e:
                        spans.append((s, e, para))
                    seg = m.end()
            s, e = strip_span(text, seg, pend)
            if s < e:
                spans.append((s, e, para))
        if spans and spans[-1][2] == para:
            para += 1
        pos = pm.end() if pm else end
    return spans


# -ing forms that are adjectives after "is", "was"...
_ING_ADJECTIVES = frozenset("""missing willing unwilling outgoing promising charming amusing loving caring interesting
boring amazing frightening terrifying shocking surprising disappointing exciting""".split())


@functools.lru_cache(maxsize=1 << 14)
def _tag(word: str, first: bool, prev_upos: str) -> tuple[str, str]:
    """(upos, lemma) of one word from the lexicons and its shape."""
    low = word.lower()
    if not word[0].isalnum() and (word[0] not in "'’" or len(word) == 1):
        return "PUNCT", word
    if word[0].isdigit():
        return "NUM", word
    cap = word[0].isupper()
    closed = _CLOSED.get(low)
    if cap and not first and (closed is None or closed in ("ADJ", "NUM", "ADV")):
        return "PROPN", word
    if closed is not None:
        if low == "her":
            return "PRON", "she"
        if low in ("that", "this", "these", "those") and prev_upos in ("VERB", "ADP"):
            return "PRON", low
        if low == "to" and prev_upos not in ("VERB", "AUX", "ADJ"):
            return "ADP", low
        return closed, low
    if prev_upos == "AUX" and low in _ING_ADJECTIVES:
        return "ADJ", low  # "Andy is missing", "she is willing to": not "misses", "wills"
    verb = _VERBS.get(low)
    if verb is not None:
        if prev_upos in ("DET", "ADJ") and not low.endswith(("ed", "ing")):
            return "NOUN", verb
        if cap and first and low not in _VERBS:
            return "PROPN", word
        return "VERB", verb
    if cap:
        return "PROPN", word
    if low.endswith("ly") and len(low) > 4 and low not in _LY_NOUNS:
        return "ADV", low
    if low.endswith(("ed",)) and prev_upos in ("PRON", "PROPN", "NOUN", "AUX", "ADV"):
        if low.endswith("eed"):  # "proceed", "speed": no past; "guaranteed": "guarantee" + "d"
            return "VERB", low if low.endswith("ceed") or len(low) <= 5 else low[:-1]
        return "VERB", regular_lemma(low[:-2])
    if low.endswith("ing") and len(low) > 5 and prev_upos in ("PUNCT", "PRON", "PROPN", "AUX", "ADV", "CCONJ", "SCONJ"):
        return "VERB", regular_lemma(low[:-3])
    if low.endswith(("ous", "ful", "ive", "able", "ible", "ish", "less", "ic", "al")) and len(low) > 5:
        return "ADJ", low
    return "NOUN", _noun_lemma(low)


def _third_person_s(word: str) -> bool:
    """Could the lower-case word be a verb's third person in -s ("arranges", "hurries"), not "'s" or "-ss"?"""
    return word[:1].islower() and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) \
        and len(word) > 3


def _opens_clause(tokens: list, k: int) -> bool:
    """Does the run of proper nouns ending at tokens[k] open its clause (sentence start, punctuation or a
    conjunction before it), as a subject does ("Mr Pumblechook arranges"; not "robs Los Angeles banks")?"""
    while k > 0 and tokens[k - 1].upos == "PROPN":
        k -= 1
    return k == 0 or tokens[k - 1].upos in ("PUNCT", "CCONJ", "SCONJ")


def _retagged(t: Token, upos: str, lemma: str) -> Token:
    """`t` with another part of speech and lemma (a tuple built directly, as `BuiltinEngine.annotate` does)."""
    return tuple.__new__(Token, (t.start, t.end, t.text, upos, lemma, None, None))


def _noun_lemma(low: str) -> str:
    """The singular of a plural noun, which is also the base of a verb's third person in -s ("arranges",
    "watches", "hurries")."""
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        return low[:-1]
    return low


_OBJECT_PRONOUNS = frozenset({"him", "them", "me", "us"})  # not "her" (also possessive) nor "himself" ("the
# vault himself")


class BuiltinEngine:
    """Offline engine: regex tokens, rule-based sentences, lexicon tags. Thread- and process-safe."""

    name = "builtin"

    def annotate(self, text: str, spans: Sequence[tuple[int, int]] | None = None,
                 sentences_per_line: bool = False) -> Annotation:
        """Annotate ``text`` (only inside ``spans`` when given)."""
        spans = list(spans) if spans else [(0, len(text))]
        sentences: list[AnnotatedSentence] = []
        para_base = 0
        finditer = _TOKEN.finditer
        tag = _tag
        new_token = tuple.__new__  # Token(...) without the namedtuple's Python-level __new__
        for span_start, span_end in spans:
            last_para = -1
            for s, e, para in split_sentences(text, span_start, span_end, sentences_per_line):
                tokens: list[Token] = []
                append = tokens.append
                prev, prev_text = "PUNCT", ""
                for m in finditer(text, s, e):
                    word = m.group()
                    first = not tokens or prev == "PUNCT" and prev_text in _QUOTE_OPENERS and word[:1].isupper()
                    upos, lemma = tag(word, first, prev)
                    if prev_text in _POSSESSIVES:
                        if prev == "PART" and upos == "VERB" and not word.endswith("ed"):
                            upos = "NOUN"  # "Mara's training": a noun after a possessive
                    elif prev == "PRON" and word in _POSSESSIVES:
                        upos, lemma = "AUX", "be"  # "she's"
                    elif upos == "NOUN" and len(tokens) == 1 and prev_text.lower() in ("this", "that") \
                            and word[-1:] == "s" and _VERBS.get(word.lower(), word.lower()) != word.lower():
                        upos = "VERB"  # "This causes him to...": a demonstrative subject and its verb
                    elif upos == "VERB" and (prev == "ADP" and prev_text.lower() != "to"
                                             or prev_text.lower() in _POSSESSIVE_DETS
                                             or prev_text.lower() == "her" and len(tokens) > 1
                                             and tokens[-2].upos == "ADP") \
                            and not word.endswith(("ing", "ed")):
                        upos, lemma = "NOUN", _noun_lemma(word.lower())  # "on orders from", "for help", "his guards",
                        # "on her phone" ("her" after a preposition: hers, as "makes her cry" is not)
                    if prev == "NOUN" and word.lower() in _OBJECT_PRONOUNS and tokens[-1].text[:1].islower() \
                            and (len(tokens) < 2 or tokens[-2].upos not in ("DET", "ADJ")):
                        t = tokens[-1]  # "evidence implicates him": no noun takes an object pronoun
                        tokens[-1] = _retagged(t, "VERB", t.lemma)
                    if len(tokens) == 1 and prev == "VERB" and upos == "PROPN" and prev_text[:1].isupper() \
                            and not prev_text.endswith(("ing", "ed")):  # not "Seeing Tom, ..."
                        t = tokens[-1]  # "Miss Havisham", "Will Turner" opening a sentence: a name's first word
                        tokens[-1] = _retagged(t, "PROPN", t.text)
                    if prev == "NOUN" and _third_person_s(tokens[-1].text) and (
                            upos in ("DET", "ADP") and len(tokens) > 1 and tokens[-2].upos == "PROPN"
                            and _opens_clause(tokens, len(tokens) - 2)
                            or upos in ("DET", "ADP", "PRON") and word != "of" and len(tokens) > 2
                            and tokens[-2].text in ("and", "but") and tokens[-3].text == ","):
                        t = tokens[-1]  # a verb the lexicon did not know: "Mr Pumblechook arranges for" (a name's),
                        # ", and chats to him" (a clause's after ", and", not a list's noun)
                        tokens[-1] = _retagged(t, "VERB", _noun_lemma(t.text.lower()))
                    elif upos == "NOUN" and prev == "VERB" and len(tokens) > 1 and prev_text.endswith("ing") \
                            and (tokens[-2].text.lower() in _POSSESSIVE_DETS or tokens[-2].text.lower() == "her"):
                        t = tokens[-1]  # "her wedding day", "his fighting skills": a noun's modifier
                        tokens[-1] = _retagged(t, "NOUN", t.text.lower())
                    if upos == "NOUN" and prev == "PROPN" and len(tokens) > 1 and word[:1].islower() \
                            and tokens[-2].text.lower() in ("a", "an"):
                        t = tokens[-1]  # "a Belgian woman", "a Rembrandt painting": the noun's modifier
                        tokens[-1] = _retagged(t, "ADJ", t.text.lower())
                    append(new_token(Token, (m.start(), m.end(), word, upos, lemma, None, None)))
                    prev, prev_text = upos, word
                sentences.append(AnnotatedSentence(s, e, tuple(tokens), para_base + para))
                last_para = para
            para_base += last_para + 1
        return Annotation(text=text, sentences=tuple(sentences), engine=self.name)
