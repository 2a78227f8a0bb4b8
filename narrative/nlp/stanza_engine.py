"""The stanza engine: a neural pipeline (tokenize, mwt, pos, lemma, depparse, ner, coref).

stanza (and torch) are imported only when a pipeline is first built, never by importing
this module. `from_stanza_document` is the pure adapter from a stanza Document to an
`Annotation`; it only reads attributes, so it works on any Document (pipeline output or
one read from CoNLL-U).
"""
from __future__ import annotations

import bisect
import functools
import operator
import os
import re
from typing import Any, Callable, Optional, Sequence, Union

from narrative.errors import EngineUnavailable
from narrative.nlp import models
from narrative.nlp.base import AnnotatedSentence, Annotation, Entity, Token

__all__ = ["StanzaEngine", "from_stanza_document", "paragraph_counter", "line_segments",
           "join_lines"]

Offset = Union[int, Callable[[int], int]]
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")


def paragraph_counter(text: str) -> Callable[[int], int]:
    """A function giving, for a character offset, how many blank-line breaks precede it.

    This is the paragraph convention: paragraphs are separated by blank lines.
    """
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    return lambda pos: bisect.bisect_right(breaks, pos)


def line_segments(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of text[start:end], stripped of outer whitespace."""
    end = len(text) if end is None else end
    out = []
    for m in _LINE.finditer(text, start, end):
        line = m.group()
        left = len(line) - len(line.lstrip())
        right = len(line.rstrip())
        if right > left:
            out.append((m.start() + left, m.start() + right))
    return out


def join_lines(text: str, start: int = 0, end: Optional[int] = None
               ) -> tuple[str, Callable[[int], int]]:
    """The non-blank lines of text[start:end] joined by blank lines, and the offset map back.

    stanza's `tokenize_no_ssplit` mode makes one sentence per blank-line-separated chunk,
    so this string gives one sentence per line; the function maps its offsets into `text`.
    """
    joined_starts: list[int] = []
    origins: list[int] = []
    pieces: list[str] = []
    pos = 0
    for s, e in line_segments(text, start, end):
        joined_starts.append(pos)
        origins.append(s)
        pieces.append(text[s:e])
        pos += (e - s) + 2

    def shift(p: int) -> int:
        i = max(bisect.bisect_right(joined_starts, p) - 1, 0)
        return origins[i] + (p - joined_starts[i]) if origins else p

    return "\n\n".join(pieces), shift


def _shift(offset: Offset) -> Callable[[int], int]:
    return offset if callable(offset) else functools.partial(operator.add, offset)


def _word_spans(token: Any, shift: Callable[[int], int], text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) for each word of a stanza Token, in the full text's coordinates."""
    words = token.words
    if token.start_char is None or token.end_char is None:
        raise ValueError(f"stanza token {token.text!r} has no character offsets: the document "
                         "must come from a pipeline or carry start_char/end_char in MISC")
    t_start, t_end = shift(token.start_char), shift(token.end_char)
    if len(words) == 1:
        w = words[0]
        if w.start_char is not None and w.end_char is not None:
            s, e = shift(w.start_char), shift(w.end_char)
        else:
            s, e = t_start, t_end
        return [(s, e, text[s:e])]
    if all(w.start_char is not None and w.end_char is not None for w in words):
        return [(shift(w.start_char), shift(w.end_char), w.text) for w in words]
    # multi-word token without word offsets: find the words inside the token's surface
    # text in order ("can't" -> "ca" + "n't"); if they cannot be found ("du" -> "de le"),
    # every word gets the whole token's span and keeps its own text
    surface = text[t_start:t_end]
    pattern = r"\s*".join("(%s)" % re.escape(w.text) for w in words)
    m = re.fullmatch(pattern, surface)
    if m:
        return [(t_start + m.start(i + 1), t_start + m.end(i + 1), w.text)
                for i, w in enumerate(words)]
    return [(t_start, t_end, w.text) for w in words]


def _convert_sentence(sentence: Any, shift: Callable[[int], int], text: str,
                      paragraph: int) -> tuple[AnnotatedSentence, list[tuple[int, int]]]:
    tokens: list[Token] = []
    for stanza_token in sentence.tokens:
        spans = _word_spans(stanza_token, shift, text)
        for word, (start, end, wtext) in zip(stanza_token.words, spans):
            head = word.head
            tokens.append(Token(
                start=start, end=end, text=wtext,
                upos=word.upos or "X",
                lemma=word.lemma if word.lemma is not None else wtext,
                head=None if head is None else head - 1,  # 1-based with 0=root -> 0-based, -1
                deprel=word.deprel,
            ))
    word_spans = [(t.start, t.end) for t in tokens]
    start = tokens[0].start if tokens else 0
    end = max((t.end for t in tokens), default=start)
    return AnnotatedSentence(start, end, tuple(tokens), paragraph), word_spans


def _coref_chains(doc: Any, word_spans: list[list[tuple[int, int]]]
                  ) -> tuple[tuple[tuple[int, int], ...], ...]:
    chains = []
    for chain in getattr(doc, "coref", None) or []:
        spans = set()
        for m in chain.mentions:
            if not isinstance(m.start_word, int) or not isinstance(m.end_word, int):
                continue  # zero anaphora: an empty node, no surface text
            words = word_spans[m.sentence][m.start_word:m.end_word]
            if words:
                spans.add((words[0][0], words[-1][1]))
        if spans:
            chains.append(tuple(sorted(spans)))
    return tuple(chains)


def from_stanza_document(doc: Any, text: str, offset: Offset = 0,
                         paragraph_of: Optional[Callable[[int], int]] = None) -> Annotation:
    """Convert a stanza Document into an `Annotation` over `text`.

    `doc` was produced from a piece of `text`; `offset` maps the document's character
    offsets into `text`: an int added to every offset, or a function for non-contiguous
    inputs. `paragraph_of(start)` gives a sentence's paragraph from its start offset in
    `text` (default: blank lines separate paragraphs, counted over the whole `text`).

    Tokens are stanza's syntactic words (multi-word tokens are expanded); heads become
    0-based indices within the sentence, -1 for the root. Coreference chains come from
    `doc.coref` (stanza >= 1.7): each mention's words [start_word, end_word) become one
    (start, end) span.
    """
    shift = _shift(offset)
    paragraph_of = paragraph_of or paragraph_counter(text)
    sentences: list[AnnotatedSentence] = []
    word_spans: list[list[tuple[int, int]]] = []
    for sentence in doc.sentences:
        first = sentence.tokens[0].start_char if sentence.tokens else None
        para = paragraph_of(shift(first)) if first is not None else 0
        converted, spans = _convert_sentence(sentence, shift, text, para)
        sentences.append(converted)
        word_spans.append(spans)
    entities = []
    for ent in doc.ents:
        start, end = shift(ent.start_char), shift(ent.end_char)
        entities.append(Entity(start, end, text[start:end], ent.type))
    return Annotation(text=text, sentences=tuple(sentences), entities=tuple(entities),
                      coref=_coref_chains(doc, word_spans), engine="stanza")


def _merge(parts: Sequence[Annotation], text: str) -> Annotation:
    """One Annotation from per-span parts; paragraphs renumbered 0, 1, ... in order, a new
    span always starting a new paragraph (the builtin engine's convention)."""
    mapping: dict[tuple[int, int], int] = {}
    sentences = []
    for i, part in enumerate(parts):
        for s in part.sentences:
            para = mapping.setdefault((i, s.paragraph), len(mapping))
            sentences.append(AnnotatedSentence(s.start, s.end, s.tokens, para))
    return Annotation(
        text=text,
        sentences=tuple(sentences),
        entities=tuple(e for p in parts for e in p.entities),
        coref=tuple(c for p in parts for c in p.coref),
        engine="stanza",
    )


class StanzaEngine:
    """The neural engine. Pipelines are built on first use from models on disk only."""

    name = "stanza"

    def __init__(self, lang: str = "en", dir: str | os.PathLike[str] | None = None,
                 use_gpu: bool = False, processors: str | dict[str, str] | None = None):
        self.lang = lang
        self.dir = str(models.resources_dir(dir))
        self.use_gpu = use_gpu
        self._processors = processors
        self._pipelines: dict[bool, Any] = {}
        self._foundation_cache: Any = None

    @property
    def processors(self) -> str | dict[str, str]:
        """The processors requested; coref is added when its model and packages are here."""
        if self._processors is not None:
            return self._processors
        names = list(models.REQUIRED_PROCESSORS)
        if models.coref_ready(models.status(self.lang, self.dir)):
            names.append("coref")
        return ",".join(names)

    def pipeline(self, no_ssplit: bool = False) -> Any:
        """The stanza Pipeline (built once per sentence-splitting mode), never downloading."""
        if no_ssplit not in self._pipelines:
            self._pipelines[no_ssplit] = self._build(no_ssplit)
        return self._pipelines[no_ssplit]

    def _build(self, no_ssplit: bool) -> Any:
        try:
            import stanza
            from stanza.models.common.foundation_cache import FoundationCache
        except ImportError as exc:
            raise EngineUnavailable('stanza is not installed: pip install -e ".[stanza]"') from exc
        if self._foundation_cache is None:  # shared by both pipelines: one copy of embeddings
            self._foundation_cache = FoundationCache()
        try:
            return stanza.Pipeline(
                self.lang, dir=self.dir, processors=self.processors, download_method=None,
                use_gpu=self.use_gpu, logging_level="WARN", tokenize_no_ssplit=no_ssplit,
                foundation_cache=self._foundation_cache)
        except (OSError, ValueError, ImportError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EngineUnavailable(
                f"stanza models for '{self.lang}' cannot be loaded from {self.dir} ({first}); "
                f"run: {models.DOWNLOAD_COMMAND.format(lang=self.lang)}") from exc

    def annotate(self, text: str, spans: Sequence[tuple[int, int]] | None = None,
                 sentences_per_line: bool = False) -> Annotation:
        """Annotate the body `spans` of `text` (all of it by default); offsets index `text`.

        With `sentences_per_line`, sentence i is the i-th non-blank line and is never split.
        """
        spans = [(0, len(text))] if spans is None else sorted(spans)
        paragraph_of = paragraph_counter(text)
        parts = []
        for start, end in spans:
            if not text[start:end].strip():
                continue
            if sentences_per_line:
                parts.append(self._annotate_lines(text, start, end, paragraph_of))
            else:
                doc = self.pipeline(False)(text[start:end])
                parts.append(from_stanza_document(doc, text, start, paragraph_of))
        return _merge(parts, text)

    def _annotate_lines(self, text: str, start: int, end: int,
                        paragraph_of: Callable[[int], int]) -> Annotation:
        joined, shift = join_lines(text, start, end)
        doc = self.pipeline(True)(joined)
        return from_stanza_document(doc, text, shift, paragraph_of)
